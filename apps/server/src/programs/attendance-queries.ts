import type { AttendanceSummary } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import { attendanceRows, formerAttendees } from '../attendance/attendance-rows.ts';
import { attendanceOf, type MeetingTimes } from '../attendance/minutes-present.ts';
import { displayName } from '../people/person-ref.ts';
import type { Database } from '../store/schema.ts';

/*
 * Attendance per member per group for the program page. Everyone who was ever in the group is
 * counted, removed members too: their meetings are still theirs. A deleted account's
 * participants follow as `person: null` ("a former member"); guests are not members and are
 * left out (attendance/attendance-rows.ts).
 */

export type GroupAttendance = AttendanceSummary & { readonly groupId: string };

async function meetingsOf(db: Kysely<Database>, groupIds: readonly string[]) {
  return db
    .selectFrom('group_meetings')
    .innerJoin('sessions', 'sessions.id', 'group_meetings.session_id')
    .select(['group_meetings.group_id', 'group_meetings.session_id', 'sessions.ended_at'])
    .where('group_meetings.group_id', 'in', groupIds)
    .execute();
}

async function everMembers(db: Kysely<Database>, groupIds: readonly string[]) {
  return db
    .selectFrom('group_members')
    .innerJoin('people', 'people.id', 'group_members.person_id')
    .select(['group_members.group_id', 'people.id', 'people.name', 'people.email'])
    .where('group_members.group_id', 'in', groupIds)
    .orderBy('group_members.rota_position')
    .orderBy('people.id')
    .execute();
}

/** Each member's attendance over their group's meetings so far, groups in the order given. */
export async function groupAttendance(
  db: Kysely<Database>,
  o: { readonly groupIds: readonly string[]; readonly now: number },
): Promise<GroupAttendance[]> {
  if (o.groupIds.length === 0) return [];
  const [meetings, members, stretches] = await Promise.all([
    meetingsOf(db, o.groupIds),
    everMembers(db, o.groupIds),
    attendanceRows(db, o.groupIds),
  ]);
  return o.groupIds.flatMap((groupId) => {
    const own = members.filter((m) => m.group_id === groupId);
    const former = formerAttendees(stretches.filter((s) => s.groupId === groupId));
    const times: MeetingTimes[] = meetings
      .filter((m) => m.group_id === groupId)
      .map((m) => ({ sessionId: m.session_id, endedAt: m.ended_at }));
    const counted = attendanceOf({
      attendees: [...own.map((m) => m.id), ...former],
      meetings: times,
      stretches,
      now: o.now,
    });
    const none = { meetings: times.length, attended: 0, minutesPresent: 0 };
    return [
      ...own.map((m) => ({
        groupId,
        person: { id: m.id, name: displayName(m.name, m.email) },
        ...(counted.get(m.id) ?? none),
      })),
      ...former.map((key) => ({ groupId, person: null, ...(counted.get(key) ?? none) })),
    ];
  });
}
