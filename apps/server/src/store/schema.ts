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
  programs: ProgramsTable;
  program_members: ProgramMembersTable;
  program_invitations: ProgramInvitationsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  rule_versions: RuleVersionsTable;
  rule_acceptances: RuleAcceptancesTable;
  group_meetings: GroupMeetingsTable;
  attendance: AttendanceTable;
}

export interface SessionsTable {
  id: string;
  title: string;
  /** JSON text. */
  options: string;
  created_at: number;
  ended_at: number | null;
  invite_epoch: Generated<number>;
  /** The signed-in person who started it (migration 0003); null for older sessions. */
  created_by: string | null;
}

export interface ParticipantsTable {
  session_id: string;
  id: string;
  name: string;
  role: string;
  joined_at: number;
  rules_accepted_at: number;
  /** The signed-in person behind this participant (group meetings); null for invite guests. */
  person_id: string | null;
  /** 'facilitator' or 'deputy' when the group's rota named them for this meeting. */
  rota_role: string | null;
  /** When the person behind them deleted their account (migration 0004); null while not. */
  forgotten_at: number | null;
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

/*
 * Programs and groups (migration 0003, docs/data-model.md). A person column that may be null
 * keeps shared history when its person deleted their account: "a former member".
 */

export interface ProgramsTable {
  id: string;
  name: string;
  purpose: string;
  /** `YYYY-MM-DD`. */
  starts_on: string;
  ends_on: string;
  cadence: string;
  protocol_id: string;
  created_at: number;
  created_by: string | null;
}

export interface ProgramMembersTable {
  program_id: string;
  person_id: string;
  joined_at: number;
}

export interface ProgramInvitationsTable {
  id: string;
  program_id: string;
  /** Lower-cased. */
  email: string;
  /** SHA-256 of the link's token; inviting again replaces it. */
  token_hash: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  /** 'queued', 'sent' or 'failed'. */
  mail_state: string;
  invited_by: string | null;
  accepted_by: string | null;
}

export interface GroupsTable {
  id: string;
  program_id: string;
  name: string;
  created_at: number;
}

export interface GroupMembersTable {
  group_id: string;
  person_id: string;
  added_at: number;
  /** Set when a coordinator removed them; the row stays so past meetings still name them. */
  removed_at: number | null;
  /** Place in the facilitator rota, 0 first. */
  rota_position: number;
}

export interface RuleVersionsTable {
  group_id: string;
  version: number;
  /** JSON text: the rules, in order. */
  rules: string;
  /** What the proposer said about the change. */
  note: string;
  created_at: number;
  proposed_by: string | null;
}

export interface RuleAcceptancesTable {
  group_id: string;
  version: number;
  person_id: string;
  accepted_at: number;
}

export interface GroupMeetingsTable {
  session_id: string;
  group_id: string;
  /** 1 for the group's first meeting. */
  number: number;
  started_at: number;
  started_by: string | null;
  facilitator_id: string | null;
  deputy_id: string | null;
}

export interface AttendanceTable {
  session_id: string;
  participant_id: string;
  joined_at: number;
  /** Null while they are in the room. */
  left_at: number | null;
}
