import { FACILITATOR_COMMANDS, type Command } from './commands.ts';
import { deadline, remainingMs } from './clock.ts';
import { forget } from './forget.ts';
import type { SessionEvent } from './events.ts';
import { currentPhase, isPresent } from './queries.ts';
import { handFacilitation, join, leave } from './membership.ts';
import { reject, type Rejection } from './rejection.ts';
import { raiseRule } from './reminders.ts';
import { endRound, extendPhase, movePhase, pause, resume, startRound } from './rounds.ts';
import type { Round, SessionState } from './state.ts';
import {
  extendTurn,
  grantFloor,
  lowerHand,
  moveTurn,
  passTurn,
  raiseHand,
} from './turn-commands.ts';
import { advanceTurn } from './turns.ts';
import { withRound, type Transition } from './transition.ts';

function assertNever(value: never): never {
  throw new Error(`unhandled command ${JSON.stringify(value)}`);
}

/** Who may issue the command at all, before looking at what it asks. */
function authorise(state: SessionState, cmd: Command): Rejection | null {
  if (state.ended && cmd.type !== 'leave' && cmd.type !== 'forget')
    return reject('session-ended', 'This session has ended.');
  if (cmd.type === 'join' || cmd.type === 'forget') return null;
  if (!state.participants.some((p) => p.id === cmd.actor)) {
    return reject('unknown-participant', 'You have not joined this session.');
  }
  if (!isPresent(state, cmd.actor)) return reject('not-present', 'You are not in the room.');
  if (FACILITATOR_COMMANDS.has(cmd.type) && state.facilitator !== cmd.actor) {
    return reject('not-facilitator', 'Only the facilitator can do that.');
  }
  return null;
}

function needRound(state: SessionState): Round | Rejection {
  return state.round ?? reject('no-round', 'No round is running.');
}

/**
 * Applies one command. Returns the next state and what happened, or a rejection that leaves
 * `state` untouched. Pure: `now` is the only notion of time.
 */
export function step(state: SessionState, cmd: Command, now: number): Transition | Rejection {
  const denied = authorise(state, cmd);
  if (denied) return denied;
  switch (cmd.type) {
    case 'join':
      return join(state, cmd, now);
    case 'leave':
      return isPresent(state, cmd.actor) ? leave(state, cmd.actor, now) : { state, events: [] };
    case 'forget':
      return forget(state, cmd.actor);
    case 'hand-facilitation':
      return handFacilitation(state, cmd.actor, cmd.to);
    case 'start-round':
      return startRound(state, cmd, now);
    case 'raise-hand':
      return raiseHand(state, cmd.actor);
    case 'lower-hand':
      return lowerHand(state, cmd.actor, cmd.who ?? cmd.actor);
    case 'raise-rule':
      return raiseRule(state, cmd, now);
    case 'end-session': {
      const closed = state.round ? endRound(state, state.round) : { state, events: [] };
      return {
        state: { ...closed.state, ended: true, hands: [] },
        events: [...closed.events, { type: 'session-ended' }],
      };
    }
    default:
      return stepInRound(state, cmd, now);
  }
}

type RoundCommand = Exclude<
  Command,
  {
    type:
      | 'join'
      | 'leave'
      | 'forget'
      | 'hand-facilitation'
      | 'start-round'
      | 'raise-hand'
      | 'lower-hand'
      | 'raise-rule'
      | 'end-session';
  }
>;

function stepInRound(state: SessionState, cmd: RoundCommand, now: number): Transition | Rejection {
  const round = needRound(state);
  if ('code' in round) return round;
  switch (cmd.type) {
    case 'next-phase':
      return movePhase(state, round, 1, now);
    case 'previous-phase':
      return movePhase(state, round, -1, now);
    case 'pause':
      return pause(state, round, now);
    case 'resume':
      return resume(state, round, now);
    case 'extend-phase':
      return extendPhase(state, round, cmd.seconds, now);
    case 'next-turn':
      return moveTurn(state, round, 'completed', now);
    case 'skip-turn':
      return moveTurn(state, round, 'skipped', now);
    case 'pass-turn':
      return passTurn(state, round, cmd.actor, now);
    case 'extend-turn':
      return extendTurn(state, round, cmd.seconds, now);
    case 'grant-floor':
      return grantFloor(state, round, cmd.to, now);
    case 'end-round':
      return endRound(state, round);
    default:
      return assertNever(cmd);
  }
}

/**
 * Applies what deadlines have passed by `now`: a turn that ran out passes to the next peer
 * (the next turn starts at the deadline, so a late tick costs nobody time); a phase that ran
 * out announces "time is up" once and waits for the facilitator.
 */
export function tick(state: SessionState, now: number): Transition {
  let current = state;
  const events: SessionEvent[] = [];
  // Each pass ends one expired turn; turns last at least 10 s, so this loop is short.
  for (;;) {
    const clock = current.round?.turns?.clock;
    const due = clock ? deadline(clock) : null;
    if (!clock || due === null || remainingMs(clock, now) > 0) break;
    const next = advanceTurn(current, 'time', due);
    current = next.state;
    events.push(...next.events);
  }
  const round = current.round;
  const phase = currentPhase(current);
  if (round && phase && !round.timeUp && remainingMs(round.phaseClock, now) === 0) {
    current = withRound(current, { ...round, timeUp: true });
    events.push({ type: 'phase-time-up', phaseId: phase.id });
  }
  return { state: current, events };
}

/** The earliest instant at which `tick` would change something, for the server's timer. */
export function nextDeadline(state: SessionState): number | null {
  const round = state.round;
  if (!round || state.ended) return null;
  const times = [
    round.timeUp ? null : deadline(round.phaseClock),
    round.turns?.clock ? deadline(round.turns.clock) : null,
  ];
  const due = times.filter((t): t is number => t !== null);
  return due.length > 0 ? Math.min(...due) : null;
}
