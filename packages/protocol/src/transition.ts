import type { SessionEvent } from './events.ts';
import type { Round, SessionState } from './state.ts';

/** The result of a command that was accepted. */
export interface Transition {
  readonly state: SessionState;
  readonly events: readonly SessionEvent[];
}

export function withRound(state: SessionState, round: Round | null): SessionState {
  return { ...state, round };
}

/** Applies transitions one after another, collecting their events. */
export function chain(
  first: Transition,
  ...rest: ReadonlyArray<(state: SessionState) => Transition>
): Transition {
  let state = first.state;
  const events = [...first.events];
  for (const next of rest) {
    const t = next(state);
    state = t.state;
    events.push(...t.events);
  }
  return { state, events };
}
