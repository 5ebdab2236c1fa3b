import type { Kysely } from 'kysely';
import type { Database, StoreKind } from './schema.ts';

/**
 * Durable storage for sessions, behind one interface with two backends (embedded SQLite via
 * node:sqlite, PostgreSQL when DATABASE_URL is set). Yjs documents are stored as the updates
 * themselves, appended in order and compacted by the caller: re-seeding a document from plain
 * data would duplicate content when old clients reconnect.
 */

/** `state` (server-owned), `board` (members write), `notes:<participantId>` (private). */
export type DocName = string;

export interface SessionRecord {
  readonly id: string;
  readonly title: string;
  /** Protocol, ground rules, confidentiality and other creation options, as JSON. */
  readonly options: unknown;
  readonly createdAt: number;
  readonly endedAt: number | null;
  /** Invite tokens carry the epoch they were minted in; bumping it revokes older links. */
  readonly inviteEpoch: number;
  /** The signed-in person who started it; null for sessions before sign-in existed. */
  readonly createdBy: string | null;
}

export interface ParticipantRecord {
  readonly sessionId: string;
  readonly id: string;
  readonly name: string;
  readonly role: 'facilitator' | 'member';
  readonly joinedAt: number;
  readonly rulesAcceptedAt: number;
  /** The signed-in person behind this participant (group meetings); null for invite guests. */
  readonly personId: string | null;
  /** What the group's rota named them for this meeting, if anything. */
  readonly rotaRole: 'facilitator' | 'deputy' | null;
  /** When the person behind them deleted their account; their credentials stop working. */
  readonly forgottenAt: number | null;
}

export interface StoredUpdate {
  readonly seq: number;
  readonly update: Uint8Array;
}

export type ExportKind = 'notes' | 'takeaways';

export interface Store {
  readonly kind: StoreKind;
  /**
   * The database itself, for the parts that bring their own queries in the same
   * database: people and sign-ins (auth/, through better-auth). Closed with the store.
   */
  readonly db: Kysely<Database>;
  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  /** Sessions not yet ended, oldest first: what a restart restores. */
  listActiveSessions(): Promise<SessionRecord[]>;
  /** Keeps the first end time if called again; throws for an unknown session (a bug). */
  markEnded(id: string, at: number): Promise<void>;
  /** Increments and returns the session's invite epoch; throws for an unknown session. */
  bumpInviteEpoch(id: string): Promise<number>;

  addParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(sessionId: string, id: string): Promise<ParticipantRecord | null>;
  listParticipants(sessionId: string): Promise<ParticipantRecord[]>;

  /**
   * Durable when the promise resolves (the caller acknowledges the client only then): it
   * survives the process being killed. Returns the update's seq, which orders updates by when
   * they were committed, so a caller appends one doc's updates one at a time to keep seq in
   * call order (PostgreSQL's pool runs concurrent appends in parallel).
   */
  appendUpdate(sessionId: string, doc: DocName, update: Uint8Array): Promise<number>;
  /** Several updates of one session in one transaction: all are stored, or none. Seqs in order. */
  appendUpdates(
    sessionId: string,
    updates: readonly { doc: DocName; update: Uint8Array }[],
  ): Promise<number[]>;
  loadUpdates(sessionId: string, doc: DocName): Promise<StoredUpdate[]>;
  listDocs(sessionId: string): Promise<DocName[]>;
  /**
   * Atomically replaces updates with seq <= upToSeq by one merged update, which takes the seq
   * of the last update it replaces, so it still sorts before later ones. A no-op when no such
   * updates remain. Callers compact a doc from one place at a time.
   */
  compact(sessionId: string, doc: DocName, merged: Uint8Array, upToSeq: number): Promise<void>;
  deleteDoc(sessionId: string, doc: DocName): Promise<void>;

  /**
   * Binds a Yjs clientID to a participant on first use and returns the owner, which is
   * another participant's id when the clientID was already bound to them.
   */
  bindClientId(sessionId: string, clientId: number, participantId: string): Promise<string>;
  clientIdOwners(sessionId: string): Promise<Map<number, string>>;

  putExport(
    sessionId: string,
    participantId: string,
    kind: ExportKind,
    markdown: string,
  ): Promise<void>;
  getExport(sessionId: string, participantId: string, kind: ExportKind): Promise<string | null>;

  close(): Promise<void>;
}
