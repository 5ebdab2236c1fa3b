import {
  silentListeners,
  speakersNow,
  type ParticipantId,
  type SessionState,
} from '@roundtable/protocol';

/**
 * Whether the protocol lets this person open their microphone now, and if not, the reason the
 * mute button shows. The media server enforces the same rule (speakersNow); this only keeps
 * the page from offering what would be refused.
 */
export type MicrophoneGate =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'Listening in silence' | 'Not your turn' };

export function microphoneGate(state: SessionState, me: ParticipantId): MicrophoneGate {
  if (speakersNow(state).includes(me)) return { allowed: true };
  if (silentListeners(state).includes(me))
    return { allowed: false, reason: 'Listening in silence' };
  return { allowed: false, reason: 'Not your turn' };
}
