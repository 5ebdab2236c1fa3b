import type { Command } from './commands.ts';
import { extendClock, pauseClock, resumeClock, startClock } from './clock.ts';
import { PROTOCOL_LIMITS } from './limits.ts';
import { presentPeers, isPresent } from './queries.ts';
import { reject, type Rejection } from './rejection.ts';
import type { Round, SessionState } from './state.ts';
import { openTurns } from './turns.ts';
import { chain, withRound, type Transition } from './transition.ts';

type StartRound = Extract<Command, { type: 'start-round' }>;

const MAX_EXTENSION_SECONDS = PROTOCOL_LIMITS.extensionSeconds;

export function pauseRound(round: Round, now: number): Round {
  const turns = round.turns && {
    ...round.turns,
    clock: round.turns.clock && pauseClock(round.turns.clock, now),
  };
  return { ...round, paused: true, phaseClock: pauseClock(round.phaseClock, now), turns };
}

function resumeRound(round: Round, now: number): Round {
  const turns = round.turns && {
    ...round.turns,
    clock: round.turns.clock && resumeClock(round.turns.clock, now),
  };
  return { ...round, paused: false, phaseClock: resumeClock(round.phaseClock, now), turns };
}

export function startRound(
  state: SessionState,
  cmd: StartRound,
  now: number,
): Transition | Rejection {
  if (state.round)
    return reject('round-in-progress', 'End the current round before starting another.');
  if (!isPresent(state, cmd.presenter))
    return reject('presenter-not-present', 'The presenter must be in the room.');
  const badRoles = checkRoleAssignment(state, cmd);
  if (badRoles) return badRoles;
  const { protocol } = cmd;
  const draft = firstRound(state, cmd, now);
  // Peers are everyone present but the presenter, role holders included.
  const peers = presentPeers(state, draft).length;
  if (peers < protocol.minPeers) {
    return reject(
      'too-few-peers',
      `${protocol.title} needs at least ${protocol.minPeers} peer(s) besides the presenter.`,
    );
  }
  const started: Transition = {
    state: { ...withRound(state, draft), hands: [] },
    events: [
      {
        type: 'round-started',
        number: draft.number,
        protocolId: protocol.id,
        presenter: cmd.presenter,
      },
    ],
  };
  return chain(started, (s) => enterPhase(s, 0, now));
}

/**
 * Every role the protocol declares is filled, and only those, each by a different member who
 * is present and is not the presenter.
 */
function checkRoleAssignment(state: SessionState, cmd: StartRound): Rejection | null {
  const { protocol } = cmd;
  const roles = cmd.roles ?? {};
  const declared = protocol.roles.map((r) => r.id);
  const assigned = Object.keys(roles);
  const holders = Object.values(roles);
  const badRoles =
    assigned.length !== declared.length ||
    declared.some((id) => roles[id] === undefined) ||
    holders.some((id) => id === cmd.presenter || !isPresent(state, id)) ||
    new Set(holders).size !== holders.length;
  if (!badRoles) return null;
  const names = protocol.roles.map((r) => r.title).join(', ') || 'no roles';
  return reject(
    'invalid-roles',
    `${protocol.title} needs ${names}, each filled by a different member present other than the presenter.`,
  );
}

/** The round as it stands before its first phase is entered. */
function firstRound(state: SessionState, cmd: StartRound, now: number): Round {
  return {
    number: state.history.length + 1,
    protocol: cmd.protocol,
    presenter: cmd.presenter,
    roles: { ...(cmd.roles ?? {}) },
    phaseIndex: 0,
    phaseClock: startClock(0, now),
    paused: false,
    timeUp: false,
    turns: null,
    phasesRun: [],
  };
}

/** Moves the round to phase `index` with a fresh clock and fresh turns. */
export function enterPhase(state: SessionState, index: number, now: number): Transition {
  const round = state.round;
  const phase = round?.protocol.phases[index];
  if (!round || !phase) return { state, events: [] };
  const clock = startClock(phase.durationSeconds * 1000, now);
  const entered: Round = {
    ...round,
    phaseIndex: index,
    phaseClock: round.paused ? pauseClock(clock, now) : clock,
    timeUp: false,
    turns: null,
    phasesRun: round.phasesRun.includes(phase.id)
      ? round.phasesRun
      : [...round.phasesRun, phase.id],
  };
  return chain(
    {
      state: withRound(state, entered),
      events: [{ type: 'phase-started', phaseIndex: index, phaseId: phase.id }],
    },
    (s) => openTurns(s, phase, now),
  );
}

export function movePhase(
  state: SessionState,
  round: Round,
  by: 1 | -1,
  now: number,
): Transition | Rejection {
  const target = round.phaseIndex + by;
  if (target < 0) return reject('first-phase', 'This is the first phase.');
  if (target >= round.protocol.phases.length) {
    return reject('last-phase', 'This is the last phase: end the round instead.');
  }
  return enterPhase(state, target, now);
}

export function pause(state: SessionState, round: Round, now: number): Transition | Rejection {
  if (round.paused) return reject('already-paused', 'The round is already paused.');
  return {
    state: withRound(state, pauseRound(round, now)),
    events: [{ type: 'paused', reason: 'facilitator' }],
  };
}

export function resume(state: SessionState, round: Round, now: number): Transition | Rejection {
  if (!round.paused) return reject('not-paused', 'The round is not paused.');
  return { state: withRound(state, resumeRound(round, now)), events: [{ type: 'resumed' }] };
}

export function checkExtension(seconds: number): Rejection | null {
  const ok = Number.isInteger(seconds) && seconds > 0 && seconds <= MAX_EXTENSION_SECONDS;
  return ok
    ? null
    : reject(
        'invalid-duration',
        `Extend by a whole number of seconds from 1 to ${MAX_EXTENSION_SECONDS}.`,
      );
}

export function extendPhase(
  state: SessionState,
  round: Round,
  seconds: number,
  now: number,
): Transition | Rejection {
  const bad = checkExtension(seconds);
  if (bad) return bad;
  const extended: Round = {
    ...round,
    phaseClock: extendClock(round.phaseClock, seconds * 1000, now),
    timeUp: false,
  };
  return { state: withRound(state, extended), events: [{ type: 'phase-extended', seconds }] };
}

export function endRound(state: SessionState, round: Round): Transition {
  const summary = {
    number: round.number,
    protocolId: round.protocol.id,
    presenter: round.presenter,
    phasesRun: round.phasesRun,
  };
  return {
    state: { ...state, round: null, history: [...state.history, summary] },
    events: [{ type: 'round-ended', number: round.number }],
  };
}
