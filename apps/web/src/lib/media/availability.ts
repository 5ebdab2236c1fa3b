import type { MediaState, Welcome } from '@roundtable/wire';

export type MediaAvailability =
  { readonly available: true } | { readonly available: false; readonly reason: string };

/**
 * Whether audio and video can work now. The welcome says whether this server has media at
 * all; the state document's `media` says when the media server is unreachable later on.
 * Until the welcome arrives nothing is known, and nothing is claimed.
 */
export function mediaAvailability(
  offer: Welcome['media'] | null,
  health: MediaState | null,
): MediaAvailability | null {
  if (!offer) return null;
  if (!offer.available) return { available: false, reason: offer.reason };
  if (health && !health.available) return { available: false, reason: health.reason };
  return { available: true };
}
