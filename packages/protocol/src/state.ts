import type { Clock } from './clock.ts';
import type { Protocol } from './definition.ts';

export type ParticipantId = string;

export interface Participant {
  readonly id: ParticipantId;
  readonly name: string;
  readonly present: boolean;
  /** Order of first arrival; turn orders and facilitator hand-over follow it. */
  readonly seq: number;
}

export interface Turns {
  readonly rule: 'round-robin' | 'raise-hand';
  readonly msPerTurn: number;
  readonly holder: ParticipantId | null;
  /** The holder's clock; null when nobody holds the turn. */
  readonly clock: Clock | null;
  /** Round-robin: who speaks after the holder, in order. Raise-hand uses the hand queue. */
  readonly upcoming: readonly ParticipantId[];
  /** Everyone whose turn in this phase is over, skipped included. */
  readonly done: readonly ParticipantId[];
  readonly skipped: readonly ParticipantId[];
}

export interface Round {
  readonly number: number;
  readonly protocol: Protocol;
  readonly presenter: ParticipantId;
  /** Named roles of the protocol (e.g. Veridical Report's mentor) and who fills them. */
  readonly roles: Readonly<Record<string, ParticipantId>>;
  readonly phaseIndex: number;
  readonly phaseClock: Clock;
  readonly paused: boolean;
  /** Set once "time is up" was announced for this phase, so it is announced once. */
  readonly timeUp: boolean;
  readonly turns: Turns | null;
  readonly phasesRun: readonly string[];
}

export interface RoundSummary {
  readonly number: number;
  readonly protocolId: string;
  readonly presenter: ParticipantId;
  readonly phasesRun: readonly string[];
}

/**
 * A group meeting's rota: who facilitates this meeting and who deputises. Each is null until
 * that person has joined (the server tells the engine on arrival); invite sessions keep both
 * null and hand facilitation around exactly as before.
 */
export interface Rota {
  readonly facilitator: ParticipantId | null;
  readonly deputy: ParticipantId | null;
}

/** "Bo raised a rule": a gentle reminder of ground rule `rule` (its index in the session's rules). */
export interface Reminder {
  readonly rule: number;
  readonly by: ParticipantId;
  readonly at: number;
}

export interface SessionState {
  readonly participants: readonly Participant[];
  readonly facilitator: ParticipantId | null;
  readonly rota: Rota;
  /** The latest reminders, oldest first, at most PROTOCOL_LIMITS.reminders of them. */
  readonly reminders: readonly Reminder[];
  /** Raised hands, oldest first. */
  readonly hands: readonly ParticipantId[];
  readonly round: Round | null;
  readonly history: readonly RoundSummary[];
  readonly ended: boolean;
}

export const initialState: SessionState = {
  participants: [],
  facilitator: null,
  rota: { facilitator: null, deputy: null },
  reminders: [],
  hands: [],
  round: null,
  history: [],
  ended: false,
};
