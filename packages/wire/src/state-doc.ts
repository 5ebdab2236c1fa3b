import type { Protocol, Round, SessionState } from '@roundtable/protocol';

/**
 * The server-owned session document: one Y.Map named `session` whose keys hold plain JSON.
 * Clients receive it read-only and derive what they show with @roundtable/protocol's queries.
 */
export const STATE_ROOT = 'session';

export const STATE_KEYS = {
  /** SessionInfo: title, ground rules, confidentiality, protocol choices. */
  info: 'info',
  /** The engine's SessionState without `round.protocol` (kept under `protocol`). */
  participants: 'participants',
  facilitator: 'facilitator',
  /** Rota: a group meeting's rota facilitator and deputy, each null until they have joined. */
  rota: 'rota',
  /** Reminder[]: the latest "raise a rule" reminders, oldest first (at most 5). */
  reminders: 'reminders',
  hands: 'hands',
  round: 'round',
  protocol: 'protocol',
  history: 'history',
  ended: 'ended',
  /** Record<participantId, ms>: when each member accepted the ground rules. */
  acceptances: 'acceptances',
  /** CardRemoval[]: cards the facilitator removed. */
  removals: 'removals',
  /** MediaState: whether audio and video work right now. */
  media: 'media',
  /** TalkTimeSummary | null: the live speaking balance of the current round. */
  talkTime: 'talkTime',
  /** TalkTimeSummary[]: the balance of each finished round. */
  talkTimeHistory: 'talkTimeHistory',
  /**
   * Record<participantId, MediaOffence[]>: audio someone sent under another track source. The
   * first is taken away; the second cuts them off media for the rest of the session.
   */
  mediaOffences: 'mediaOffences',
} as const;

export type MediaState =
  { readonly available: true } | { readonly available: false; readonly reason: string };

/** One track of audio that claimed to be something else, and what the server did about it. */
export interface MediaOffence {
  readonly at: number;
  /** The LiveKit source the audio track claimed: `camera`, `screen_share` or `unknown`. */
  readonly claimed: string;
  /** `track-removed` the first time; `cut-off` the second: off media for the session. */
  readonly action: 'track-removed' | 'cut-off';
}

/** Milliseconds of speech, by phase id then participant id, and in total per participant. */
export interface TalkTimeSummary {
  readonly round: number;
  readonly byPhase: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly total: Readonly<Record<string, number>>;
}

export type Confidentiality = 'clear-board' | 'keep-board';

export interface SessionInfo {
  readonly id: string;
  readonly title: string;
  readonly groundRules: readonly string[];
  readonly confidentiality: Confidentiality;
  /** Whether audio and video are end-to-end encrypted with a per-session key. */
  readonly e2ee: boolean;
  /** Protocols the facilitator may start (the built-ins plus the session's custom one), with
   * the roles start-round must fill, the peers it needs and the phase titles, for a custom one
   * as for any: a client can offer a start that the server will accept from this alone. */
  readonly protocols: readonly {
    readonly id: string;
    readonly title: string;
    readonly minPeers: number;
    readonly roles: readonly { readonly id: string; readonly title: string }[];
    readonly phases: readonly { readonly id: string; readonly title: string }[];
  }[];
  readonly defaultProtocolId: string;
  readonly createdAt: number;
}

export interface CardRemoval {
  readonly cardId: string;
  readonly author: string;
  readonly by: string;
  readonly at: number;
}

/** What each key of the state document holds, as the server writes it. */
export interface StateValues {
  readonly info: SessionInfo;
  readonly participants: SessionState['participants'];
  readonly facilitator: string | null;
  readonly rota: SessionState['rota'];
  readonly reminders: SessionState['reminders'];
  readonly hands: SessionState['hands'];
  /** The running round without its protocol, which is kept under `protocol`. */
  readonly round: Omit<Round, 'protocol'> | null;
  readonly protocol: Protocol | null;
  readonly history: SessionState['history'];
  readonly ended: boolean;
  readonly acceptances: Readonly<Record<string, number>>;
  readonly removals: readonly CardRemoval[];
  readonly media: MediaState;
  readonly talkTime: TalkTimeSummary | null;
  readonly talkTimeHistory: readonly TalkTimeSummary[];
  readonly mediaOffences: Readonly<Record<string, readonly MediaOffence[]>>;
}

/** A key of the state document; each key is spelt as its STATE_KEYS name. */
export type StateKey = keyof StateValues;

/** The state map (a `Y.Map`) or a reader of it, such as the server's `LiveSession.read`. */
export type StateSource = { get(key: string): unknown } | ((key: string) => unknown);

/**
 * One key of the state document, typed by the key; `undefined` until the server has written
 * it. The server alone writes the document, so its values are trusted here as typed.
 */
export function readStateValue<K extends StateKey>(
  source: StateSource,
  key: K,
): StateValues[K] | undefined {
  const value =
    typeof source === 'function' ? source(STATE_KEYS[key]) : source.get(STATE_KEYS[key]);
  return value as StateValues[K] | undefined;
}
