import { extendClock } from './clock.ts';
import { currentPhase, eligibleSpeakers } from './queries.ts';
import { reject, type Rejection } from './rejection.ts';
import type { ParticipantId, Round, SessionState, Turns } from './state.ts';
import { checkExtension } from './rounds.ts';
import { advanceTurn, closeTurn, giveTurn } from './turns.ts';
import { chain, withRound, type Transition } from './transition.ts';

function turnsOf(round: Round): Turns | Rejection {
  return round.turns ?? reject('no-turns-in-phase', 'Nobody takes turns in this phase.');
}

function heldTurns(round: Round): Turns | Rejection {
  const turns = turnsOf(round);
  if ('code' in turns) return turns;
  return turns.holder === null
    ? reject('no-turn-holder', 'Nobody holds the turn right now.')
    : turns;
}

/** The facilitator moves on (`completed`) or passes over the holder (`skipped`). */
export function moveTurn(
  state: SessionState,
  round: Round,
  reason: 'completed' | 'skipped',
  now: number,
): Transition | Rejection {
  const turns = turnsOf(round);
  if ('code' in turns) return turns;
  if (turns.holder === null && reason === 'skipped')
    return reject('no-turn-holder', 'Nobody holds the turn to skip.');
  return advanceTurn(state, reason, now);
}

export function passTurn(
  state: SessionState,
  round: Round,
  actor: ParticipantId,
  now: number,
): Transition | Rejection {
  const turns = heldTurns(round);
  if ('code' in turns) return turns;
  if (turns.holder !== actor)
    return reject('not-your-turn', 'Only the person holding the turn can pass it.');
  return advanceTurn(state, 'passed', now);
}

export function extendTurn(
  state: SessionState,
  round: Round,
  seconds: number,
  now: number,
): Transition | Rejection {
  const turns = heldTurns(round);
  if ('code' in turns) return turns;
  const bad = checkExtension(seconds);
  if (bad) return bad;
  const clock = turns.clock && extendClock(turns.clock, seconds * 1000, now);
  return {
    state: withRound(state, { ...round, turns: { ...turns, clock } }),
    events: [{ type: 'turn-extended', holder: turns.holder as ParticipantId, seconds }],
  };
}

export function grantFloor(
  state: SessionState,
  round: Round,
  to: ParticipantId,
  now: number,
): Transition | Rejection {
  const turns = turnsOf(round);
  if ('code' in turns) return turns;
  if (!eligibleSpeakers(state).includes(to)) {
    const title = currentPhase(state)?.title ?? 'this phase';
    return reject('not-eligible', `That person cannot take a turn in ${title}.`);
  }
  if (turns.holder === to) return { state, events: [] };
  return chain(closeTurn(state, 'floor-granted'), (s) => giveTurn(s, to, now));
}

export function raiseHand(state: SessionState, actor: ParticipantId): Transition | Rejection {
  if (state.hands.includes(actor))
    return reject('hand-already-raised', 'Your hand is already raised.');
  return {
    state: { ...state, hands: [...state.hands, actor] },
    events: [{ type: 'hand-raised', who: actor }],
  };
}

export function lowerHand(
  state: SessionState,
  actor: ParticipantId,
  who: ParticipantId,
): Transition | Rejection {
  if (who !== actor && state.facilitator !== actor) {
    return reject('not-facilitator', "Only the facilitator can lower someone else's hand.");
  }
  if (!state.hands.includes(who)) return reject('hand-not-raised', 'That hand is not raised.');
  return {
    state: { ...state, hands: state.hands.filter((id) => id !== who) },
    events: [{ type: 'hand-lowered', who }],
  };
}
