import type { MediaPermission, MediaSource } from './permissions.ts';

/*
 * LiveKit (v1.13.5) checks that a participant may publish the source a track claims, never
 * that the track's kind fits the source: a client allowed CAMERA can publish its microphone
 * as a "camera" and be heard. The server's observer sees every published track; these rules
 * say which are sound under another label and what happens to whoever sends them.
 */

export type TrackKindName = 'audio' | 'video' | 'unknown';
/** LiveKit's source names; `unknown` is a track that claims none. */
export type ClaimedSource = MediaSource | 'unknown';

/** Sound may only come as a microphone or a shared screen's audio. */
export function isDisguisedAudio(kind: TrackKindName, source: ClaimedSource): boolean {
  return kind === 'audio' && source !== 'microphone' && source !== 'screen_share_audio';
}

/**
 * The first offence takes the track away (withdrawing the claimed source removes it at once)
 * and nothing more, so a glitch in some client costs one track; a second one in the session
 * cuts the person off. A track claiming no source cannot be taken away by source, so it cuts
 * off at once (LiveKit refuses such tracks anyway: "unknown" is never granted).
 */
export function offenceAction(
  claimed: ClaimedSource,
  earlierOffences: number,
): 'track-removed' | 'cut-off' {
  return claimed === 'unknown' || earlierOffences > 0 ? 'cut-off' : 'track-removed';
}

/**
 * Sound under its own label from someone the protocol does not let use that source now. It
 * happens when a client rejoins, within one LiveKit run, on a token LiveKit refreshed while
 * it could speak: LiveKit gives that token's grant back at join. Not an offence (an honest
 * client races phase changes); LiveKit is told the current permission again at once, which
 * removes the track.
 */
export function isUngrantedSound(
  kind: TrackKindName,
  source: ClaimedSource,
  permission: MediaPermission | undefined,
): boolean {
  if (kind !== 'audio' || isDisguisedAudio(kind, source) || source === 'unknown') return false;
  return !(permission?.canPublish && permission.canPublishSources.includes(source));
}
