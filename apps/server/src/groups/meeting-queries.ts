import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { personRef } from './people-refs.ts';

/* The group's meetings and who was present, over both backends. */

type Db = Kysely<Database>;

export interface MeetingRow {
  readonly sessionId: string;
  readonly number: number;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly facilitatorId: string | null;
  readonly deputyId: string | null;
}

/** The group's meetings, newest first. */
export async function meetingRows(db: Db, groupId: string): Promise<MeetingRow[]> {
  return db
    .selectFrom('group_meetings')
    .innerJoin('sessions', 'sessions.id', 'group_meetings.session_id')
    .select([
      'group_meetings.session_id as sessionId',
      'group_meetings.number',
      'group_meetings.started_at as startedAt',
      'sessions.ended_at as endedAt',
      'group_meetings.facilitator_id as facilitatorId',
      'group_meetings.deputy_id as deputyId',
    ])
    .where('group_meetings.group_id', '=', groupId)
    .orderBy('group_meetings.number', 'desc')
    .execute();
}

/** One meeting of this group, or null when the session is not one of its meetings. */
export async function meetingOf(
  db: Db,
  groupId: string,
  sessionId: string,
): Promise<MeetingRow | null> {
  const rows = await meetingRows(db, groupId);
  return rows.find((m) => m.sessionId === sessionId) ?? null;
}

export interface PresenceRow {
  readonly sessionId: string;
  readonly personId: string | null;
  readonly joinedAt: number;
  readonly leftAt: number | null;
}

/**
 * Every stretch of presence in the group's meetings, by the person behind the participant.
 * A guest (an invite link, no person) is not a member and is left out.
 */
export async function presenceRows(db: Db, groupId: string): Promise<PresenceRow[]> {
  return db
    .selectFrom('attendance')
    .innerJoin('group_meetings', 'group_meetings.session_id', 'attendance.session_id')
    .innerJoin('participants', (j) =>
      j
        .onRef('participants.session_id', '=', 'attendance.session_id')
        .onRef('participants.id', '=', 'attendance.participant_id'),
    )
    .select([
      'attendance.session_id as sessionId',
      'participants.person_id as personId',
      'attendance.joined_at as joinedAt',
      'attendance.left_at as leftAt',
    ])
    .where('group_meetings.group_id', '=', groupId)
    .where('participants.person_id', 'is not', null)
    .execute();
}

/** Names of everyone a group page mentions, current members or not. */
export async function namesOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { id: string; name: string }>();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'name', 'email'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [r.id, personRef(r.id, r.name, r.email) ?? { id: r.id, name: '' }]),
  );
}
