import type { Selectable } from 'kysely';
import type { ParticipantsTable, SessionsTable } from './schema.ts';
import type { ParticipantRecord, SessionRecord } from './store.ts';

/** Row ↔ record mapping, shared by both backends because their rows look the same. */

export function toSessionRecord(row: Selectable<SessionsTable>): SessionRecord {
  return {
    id: row.id,
    title: row.title,
    options: JSON.parse(row.options),
    createdAt: row.created_at,
    endedAt: row.ended_at,
    inviteEpoch: row.invite_epoch,
    createdBy: row.created_by,
  };
}

export function toParticipantRecord(row: Selectable<ParticipantsTable>): ParticipantRecord {
  return {
    sessionId: row.session_id,
    id: row.id,
    name: row.name,
    role: toRole(row.role),
    joinedAt: row.joined_at,
    rulesAcceptedAt: row.rules_accepted_at,
    personId: row.person_id,
    rotaRole: toRotaRole(row.rota_role),
    forgottenAt: row.forgotten_at,
  };
}

/** Serializes session options; refuses values JSON cannot carry rather than storing nothing. */
export function encodeOptions(options: unknown): string {
  const json = JSON.stringify(options);
  if (json === undefined) throw new TypeError('Session options must be JSON-serializable');
  return json;
}

/**
 * pg hands bytea back as a Buffer, whose `slice` shares memory where a Uint8Array's copies; a
 * plain view keeps both backends returning the same kind of value without copying.
 */
export function toBytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function toRole(role: string): ParticipantRecord['role'] {
  // The schema's check constraint makes anything else a bug, not an input to handle.
  if (role === 'facilitator' || role === 'member') return role;
  throw new Error(`Unexpected participant role in the database: ${role}`);
}

function toRotaRole(role: string | null): 'facilitator' | 'deputy' | null {
  return role === 'facilitator' || role === 'deputy' ? role : null;
}
