import type { Generated } from 'kysely';
/** Which backend: embedded SQLite (the default) or PostgreSQL (DATABASE_URL). */
export type StoreKind = 'sqlite' | 'postgres';

/**
 * The tables as Kysely sees them, identical for both backends. Two choices make that possible:
 * PostgreSQL's int8 and jsonb come back as a JS number and as JSON text (see postgres.ts), which
 * is what SQLite's INTEGER and TEXT give, so row mapping is shared code.
 */
export interface Database {
  sessions: SessionsTable;
  participants: ParticipantsTable;
  doc_updates: DocUpdatesTable;
  client_ids: ClientIdsTable;
  exports: ExportsTable;
  people: PeopleTable;
  setup_links: SetupLinksTable;
}

export interface SessionsTable {
  id: string;
  title: string;
  /** JSON text. */
  options: string;
  created_at: number;
  ended_at: number | null;
  invite_epoch: Generated<number>;
}

export interface ParticipantsTable {
  session_id: string;
  id: string;
  name: string;
  role: string;
  joined_at: number;
  rules_accepted_at: number;
}

export interface DocUpdatesTable {
  /** Generated on append; compaction writes it explicitly to keep the merged update in place. */
  seq: Generated<number>;
  session_id: string;
  doc: string;
  update: Uint8Array;
  created_at: number;
}

export interface ClientIdsTable {
  session_id: string;
  client_id: number;
  participant_id: string;
}

export interface ExportsTable {
  session_id: string;
  participant_id: string;
  kind: string;
  markdown: string;
}

/**
 * better-auth's user table (migration 0002), as far as our own queries read or write it:
 * better-auth owns the rest of it and of its other tables.
 */
export interface PeopleTable {
  id: string;
  email: string;
  name: string;
  role: string;
}

/** The one-time link that makes the first coordinator; its token is kept only as a hash. */
export interface SetupLinksTable {
  token_hash: string;
  created_at: number;
  /** The person who used it; null while it is unused. */
  used_by: string | null;
}
