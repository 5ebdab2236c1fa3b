import type { ParticipantId, SessionState } from './state.ts';
import type { Transition } from './transition.ts';

/** What a participant is called once the person behind them deleted their account. */
export const FORMER_MEMBER = 'a former member';

/**
 * The person behind `who` deleted their account: the session keeps their place in its history
 * (turns taken, cards written) but no longer names them. A system command the server issues;
 * an unknown participant changes nothing, so forgetting twice is harmless.
 */
export function forget(state: SessionState, who: ParticipantId): Transition {
  if (!state.participants.some((p) => p.id === who && p.name !== FORMER_MEMBER))
    return { state, events: [] };
  const participants = state.participants.map((p) =>
    p.id === who ? { ...p, name: FORMER_MEMBER } : p,
  );
  return { state: { ...state, participants }, events: [] };
}
