import { startClock, type Clock } from './clock.ts';
import type { Phase } from './definition.ts';
import type { SessionEvent, TurnEndReason } from './events.ts';
import { eligibleSpeakers, raisedEligibleHands } from './queries.ts';
import type { ParticipantId, Round, SessionState, Turns } from './state.ts';
import { withRound, type Transition } from './transition.ts';

/** The turn state a phase opens with: round-robin starts with the first peer holding the turn. */
export function openTurns(state: SessionState, phase: Phase, now: number): Transition {
  const round = state.round;
  if (!round || phase.turns.rule === 'none')
    return { state: withRound(state, round && { ...round, turns: null }), events: [] };
  const empty: Turns = {
    rule: phase.turns.rule,
    msPerTurn: phase.turns.secondsPerTurn * 1000,
    holder: null,
    clock: null,
    upcoming: phase.turns.rule === 'round-robin' ? eligibleSpeakers(state) : [],
    done: [],
    skipped: [],
  };
  const opened = withRound(state, { ...round, turns: empty });
  return phase.turns.rule === 'round-robin'
    ? startNextTurn(opened, now)
    : { state: opened, events: [] };
}

function setTurns(state: SessionState, round: Round, turns: Turns): SessionState {
  return withRound(state, { ...round, turns });
}

/** Clocks start paused while the phase is paused, so a turn never burns time during a pause. */
function turnClock(round: Round, ms: number, startAt: number): Clock {
  const clock = startClock(ms, startAt);
  return round.paused ? { ...clock, runningSince: null } : clock;
}

/** Hands the turn to whoever is next; with nobody left the phase's turns are complete. */
export function startNextTurn(state: SessionState, startAt: number): Transition {
  const round = state.round;
  const turns = round?.turns;
  if (!round || !turns || turns.holder !== null) return { state, events: [] };
  const eligible = new Set(eligibleSpeakers(state));
  if (turns.rule === 'round-robin') {
    const upcoming = turns.upcoming.filter((id) => eligible.has(id));
    const [next, ...rest] = upcoming;
    if (next === undefined) {
      const events: SessionEvent[] = turns.done.length > 0 ? [{ type: 'turns-complete' }] : [];
      return { state: setTurns(state, round, { ...turns, upcoming: [] }), events };
    }
    const clock = turnClock(round, turns.msPerTurn, startAt);
    return {
      state: setTurns(state, round, { ...turns, holder: next, clock, upcoming: rest }),
      events: [{ type: 'turn-started', holder: next }],
    };
  }
  const [next] = raisedEligibleHands(state);
  if (next === undefined) return { state, events: [] };
  return giveTurn(state, next, startAt);
}

/** Gives `to` the turn now, taking them out of the hand queue and the round-robin order. */
export function giveTurn(state: SessionState, to: ParticipantId, startAt: number): Transition {
  const round = state.round;
  const turns = round?.turns;
  if (!round || !turns) return { state, events: [] };
  const lowered = state.hands.includes(to);
  const next: Turns = {
    ...turns,
    holder: to,
    clock: turnClock(round, turns.msPerTurn, startAt),
    upcoming: turns.upcoming.filter((id) => id !== to),
  };
  const events: SessionEvent[] = lowered ? [{ type: 'hand-lowered', who: to }] : [];
  events.push({ type: 'turn-started', holder: to });
  const withHands = lowered ? { ...state, hands: state.hands.filter((id) => id !== to) } : state;
  return { state: setTurns(withHands, round, next), events };
}

/** Ends the holder's turn, recording why, without starting the next one. */
export function closeTurn(state: SessionState, reason: TurnEndReason): Transition {
  const round = state.round;
  const turns = round?.turns;
  if (!round || !turns || turns.holder === null) return { state, events: [] };
  const holder = turns.holder;
  const next: Turns = {
    ...turns,
    holder: null,
    clock: null,
    // Someone who dropped out mid-turn gets a fresh turn if they come back.
    done: reason === 'left' || turns.done.includes(holder) ? turns.done : [...turns.done, holder],
    skipped: reason === 'skipped' ? [...turns.skipped, holder] : turns.skipped,
  };
  return { state: setTurns(state, round, next), events: [{ type: 'turn-ended', holder, reason }] };
}

/** Ends the current turn and moves on: the usual path for pass, next, skip and time-out. */
export function advanceTurn(
  state: SessionState,
  reason: TurnEndReason,
  startAt: number,
): Transition {
  const closed = closeTurn(state, reason);
  const started = startNextTurn(closed.state, startAt);
  return { state: started.state, events: [...closed.events, ...started.events] };
}

/**
 * A member who arrives mid-phase joins the end of the round-robin order, unless they already
 * had their turn in this phase. If the turns had run out, they start at once.
 */
export function enqueueArrival(state: SessionState, who: ParticipantId, now: number): Transition {
  const round = state.round;
  const turns = round?.turns;
  if (!round || !turns || turns.rule !== 'round-robin') return { state, events: [] };
  const known = turns.holder === who || turns.upcoming.includes(who) || turns.done.includes(who);
  if (known || !eligibleSpeakers(state).includes(who)) return { state, events: [] };
  const queued = setTurns(state, round, { ...turns, upcoming: [...turns.upcoming, who] });
  return turns.holder === null ? startNextTurn(queued, now) : { state: queued, events: [] };
}
