import type { Command } from './commands.ts';
import type { SessionEvent } from './events.ts';
import { PROTOCOL_LIMITS } from './limits.ts';
import { isPresent } from './queries.ts';
import { reject, type Rejection } from './rejection.ts';
import type { ParticipantId, SessionState } from './state.ts';
import { pauseRound } from './rounds.ts';
import { rotaClaims, rotaRoleOf, successorOf, withRotaRole } from './rota.ts';
import { closeTurn, enqueueArrival, startNextTurn } from './turns.ts';
import { chain, withRound, type Transition } from './transition.ts';

type JoinCommand = Extract<Command, { type: 'join' }>;

const MAX_NAME = PROTOCOL_LIMITS.nameChars;

export function join(state: SessionState, cmd: JoinCommand, now: number): Transition | Rejection {
  const name = cmd.name.trim();
  if (name.length === 0 || name.length > MAX_NAME) {
    return reject('invalid-name', `A display name needs 1 to ${MAX_NAME} characters.`);
  }
  const known = state.participants.find((p) => p.id === cmd.actor);
  const seq = known?.seq ?? state.participants.reduce((max, p) => Math.max(max, p.seq + 1), 0);
  const participants = known
    ? state.participants.map((p) => (p.id === cmd.actor ? { ...p, name, present: true } : p))
    : [...state.participants, { id: cmd.actor, name, present: true, seq }];
  const joined: Transition = {
    state: withRotaRole({ ...state, participants }, cmd.actor, cmd.rota),
    events: [{ type: 'participant-joined', who: cmd.actor }],
  };
  return chain(
    joined,
    (s) => claimFacilitationIfNeeded(s, cmd.actor, cmd.asFacilitator === true),
    (s) => enqueueArrival(s, cmd.actor, now),
  );
}

/**
 * Keeps exactly one present facilitator: the first to arrive in an empty room takes the role,
 * as does the facilitator link's holder, and the rota's people as rotaClaims says. The link
 * does not take the role from the rota's facilitator or deputy: in a group meeting the rota
 * decides.
 */
function claimFacilitationIfNeeded(
  state: SessionState,
  who: ParticipantId,
  asked: boolean,
): Transition {
  const current = state.facilitator;
  const vacant = current === null || !isPresent(state, current);
  if (current === who) return { state, events: [] };
  const linkWins = asked && rotaRoleOf(state.rota, current) === null;
  const reason = vacant || linkWins ? 'joined' : rotaClaims(state, who);
  if (reason === null) return { state, events: [] };
  const event: SessionEvent = { type: 'facilitator-changed', from: current, to: who, reason };
  return { state: { ...state, facilitator: who }, events: [event] };
}

export function leave(state: SessionState, who: ParticipantId, now: number): Transition {
  const participants = state.participants.map((p) => (p.id === who ? { ...p, present: false } : p));
  const hadHand = state.hands.includes(who);
  const left: Transition = {
    state: { ...state, participants, hands: state.hands.filter((id) => id !== who) },
    events: [
      { type: 'participant-left', who },
      ...(hadHand ? [{ type: 'hand-lowered' as const, who }] : []),
    ],
  };
  return chain(
    left,
    (s) => handOverIfFacilitatorLeft(s, who),
    (s) => dropFromTurns(s, who, now),
    (s) => pauseIfPresenterLeft(s, who, now),
  );
}

function handOverIfFacilitatorLeft(state: SessionState, who: ParticipantId): Transition {
  if (state.facilitator !== who) return { state, events: [] };
  const successor = successorOf(state);
  if (!successor) return { state, events: [] };
  const { id, reason } = successor;
  return {
    state: { ...state, facilitator: id },
    events: [{ type: 'facilitator-changed', from: who, to: id, reason }],
  };
}

function dropFromTurns(state: SessionState, who: ParticipantId, now: number): Transition {
  const round = state.round;
  const turns = round?.turns;
  if (!round || !turns) return { state, events: [] };
  const pruned = withRound(state, {
    ...round,
    turns: { ...turns, upcoming: turns.upcoming.filter((id) => id !== who) },
  });
  if (turns.holder !== who) return { state: pruned, events: [] };
  return chain(closeTurn(pruned, 'left'), (s) => startNextTurn(s, now));
}

/** A presenter who drops out would miss their own round, so the clock waits for them. */
function pauseIfPresenterLeft(state: SessionState, who: ParticipantId, now: number): Transition {
  const round = state.round;
  if (!round || round.presenter !== who || round.paused) return { state, events: [] };
  return {
    state: withRound(state, pauseRound(round, now)),
    events: [{ type: 'paused', reason: 'presenter-left' }],
  };
}

export function handFacilitation(
  state: SessionState,
  actor: ParticipantId,
  to: ParticipantId,
): Transition | Rejection {
  if (to === actor) return reject('already-facilitator', 'You already facilitate this session.');
  if (!isPresent(state, to))
    return reject('not-present', 'Facilitation can only go to someone in the room.');
  return {
    state: { ...state, facilitator: to },
    events: [{ type: 'facilitator-changed', from: actor, to, reason: 'handed-over' }],
  };
}
