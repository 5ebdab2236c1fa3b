import type { ParticipantId, SessionState } from '@roundtable/protocol';
import { nameOf } from './people.ts';

export interface HandBackOffer {
  readonly to: ParticipantId;
  readonly name: string;
}

/**
 * When the deputy holds the role and the rota's facilitator is back in the room, the deputy is
 * asked whether to hand it back. The engine never moves it by itself: the deputy decides.
 */
export function handBackOffer(state: SessionState, me: ParticipantId | null): HandBackOffer | null {
  const { facilitator, deputy } = state.rota;
  if (me === null || deputy !== me || state.facilitator !== me || facilitator === null) return null;
  const back = state.participants.some((p) => p.id === facilitator && p.present);
  return back ? { to: facilitator, name: nameOf(state, facilitator) } : null;
}
