import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { AttendeeStretch } from './minutes-present.ts';

/*
 * Stretches of presence in groups' meetings, by attendee, over both backends: what the group
 * page and the program page count. An attendee is the person behind the participant or, for a
 * participant whose account was deleted (forgotten_at set, person_id null since migration
 * 0004), that participant alone: "a former member", who can no longer be linked to their other
 * meetings. A guest (no person and never forgotten: an invite link) is not a group member and
 * is left out (docs/data-model.md, "attendance").
 */

export interface AttendanceRow extends AttendeeStretch {
  readonly groupId: string;
  /** Null for a former member. */
  readonly personId: string | null;
}

const FORMER = 'former:';

/** The attendee key of a former member's participant: never a person's id. */
export const formerAttendee = (sessionId: string, participantId: string) =>
  `${FORMER}${sessionId}:${participantId}`;

export const isFormerAttendee = (attendee: string) => attendee.startsWith(FORMER);

export async function attendanceRows(
  db: Kysely<Database>,
  groupIds: readonly string[],
): Promise<AttendanceRow[]> {
  if (groupIds.length === 0) return [];
  const rows = await db
    .selectFrom('attendance as a')
    .innerJoin('group_meetings as m', 'm.session_id', 'a.session_id')
    .innerJoin('participants as p', (j) =>
      j.onRef('p.session_id', '=', 'a.session_id').onRef('p.id', '=', 'a.participant_id'),
    )
    .select([
      'm.group_id',
      'a.session_id',
      'a.participant_id',
      'p.person_id',
      'a.joined_at',
      'a.left_at',
    ])
    .where('m.group_id', 'in', groupIds)
    .where((eb) => eb.or([eb('p.person_id', 'is not', null), eb('p.forgotten_at', 'is not', null)]))
    .orderBy('a.joined_at')
    .execute();
  return rows.map((r) => ({
    groupId: r.group_id,
    sessionId: r.session_id,
    personId: r.person_id,
    attendee: r.person_id ?? formerAttendee(r.session_id, r.participant_id),
    joinedAt: r.joined_at,
    leftAt: r.left_at,
  }));
}

/** The former members among the rows, once each, in the order they first came. */
export function formerAttendees(rows: readonly AttendanceRow[]): string[] {
  return [...new Set(rows.filter((r) => r.personId === null).map((r) => r.attendee))];
}
