import { remainingMs } from './clock.ts';
import type { Audience, Phase } from './definition.ts';
import type { ParticipantId, Round, SessionState } from './state.ts';

export function currentPhase(state: SessionState): Phase | null {
  const round = state.round;
  return round ? (round.protocol.phases[round.phaseIndex] ?? null) : null;
}

export function presentIds(state: SessionState): ParticipantId[] {
  return state.participants.filter((p) => p.present).map((p) => p.id);
}

export function isPresent(state: SessionState, id: ParticipantId): boolean {
  return state.participants.some((p) => p.id === id && p.present);
}

/** Everyone present who is not the presenter, in order of arrival. */
export function presentPeers(state: SessionState, round: Round): ParticipantId[] {
  return presentIds(state).filter((id) => id !== round.presenter);
}

/** The present members of an audience, ignoring turns. */
function members(state: SessionState, round: Round, audience: Audience): ParticipantId[] {
  if (typeof audience === 'object') {
    const holder = round.roles[audience.role];
    return holder !== undefined && isPresent(state, holder) ? [holder] : [];
  }
  switch (audience) {
    case 'presenter':
      return isPresent(state, round.presenter) ? [round.presenter] : [];
    case 'peers':
    case 'peers-in-turn':
      return presentPeers(state, round);
    case 'everyone':
      return presentIds(state);
    case 'nobody':
      return [];
  }
}

/** Who listens in silence now (the presenter during feedback, say). */
export function silentListeners(state: SessionState): ParticipantId[] {
  const round = state.round;
  const phase = currentPhase(state);
  if (state.ended || !round || !phase) return [];
  return members(state, round, phase.silent);
}

/** Who could speak in the current phase if it were their turn. */
export function eligibleSpeakers(state: SessionState): ParticipantId[] {
  const round = state.round;
  const phase = currentPhase(state);
  if (!round || !phase) return [];
  const silent = new Set(silentListeners(state));
  return members(state, round, phase.speakers).filter((id) => !silent.has(id));
}

/**
 * Who may speak right now: the media server opens exactly these microphones. Between rounds
 * the room is an open conversation; after the session nobody speaks.
 */
export function speakersNow(state: SessionState): ParticipantId[] {
  if (state.ended) return [];
  const round = state.round;
  const phase = currentPhase(state);
  if (!round || !phase) return presentIds(state);
  if (phase.speakers !== 'peers-in-turn') return eligibleSpeakers(state);
  const holder = round.turns?.holder;
  return holder != null && eligibleSpeakers(state).includes(holder) ? [holder] : [];
}

export interface Remaining {
  /** Milliseconds left in the phase, or null outside a round. Never negative. */
  readonly phaseMs: number | null;
  /** Milliseconds left in the current turn, or null when nobody holds one. */
  readonly turnMs: number | null;
}

export function remaining(state: SessionState, now: number): Remaining {
  const round = state.round;
  const turnClock = round?.turns?.clock ?? null;
  return {
    phaseMs: round ? remainingMs(round.phaseClock, now) : null,
    turnMs: turnClock ? remainingMs(turnClock, now) : null,
  };
}

export interface TurnOrder {
  readonly holder: ParticipantId | null;
  readonly next: ParticipantId | null;
  /** Who follows the holder, in order (round-robin) or the raised hands (raise-hand). */
  readonly upcoming: readonly ParticipantId[];
  readonly done: readonly ParticipantId[];
}

export function turnOrder(state: SessionState): TurnOrder | null {
  const turns = state.round?.turns;
  if (!turns) return null;
  const upcoming = turns.rule === 'round-robin' ? turns.upcoming : raisedEligibleHands(state);
  return { holder: turns.holder, next: upcoming[0] ?? null, upcoming, done: turns.done };
}

/** Raised hands of people who may take a turn now, oldest first. */
export function raisedEligibleHands(state: SessionState): ParticipantId[] {
  const eligible = new Set(eligibleSpeakers(state));
  return state.hands.filter((id) => eligible.has(id));
}
