import type { AttendanceSummary } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { attendanceOf, type MeetingTimes, type PersonStretch } from './attendance.ts';

/*
 * Attendance per member per group, read from the attendance table through each participant's
 * person (group meetings' participants are signed-in members). Everyone who was ever in the
 * group is counted, removed members too: their meetings are still theirs.
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

async function stretchesIn(db: Kysely<Database>, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  const rows = await db
    .selectFrom('attendance')
    .innerJoin('participants', (join) =>
      join
        .onRef('participants.session_id', '=', 'attendance.session_id')
        .onRef('participants.id', '=', 'attendance.participant_id'),
    )
    .select([
      'attendance.session_id',
      'participants.person_id',
      'attendance.joined_at',
      'attendance.left_at',
    ])
    .where('attendance.session_id', 'in', sessionIds)
    .where('participants.person_id', 'is not', null)
    .execute();
  return rows.map((r): PersonStretch => ({
    sessionId: r.session_id,
    personId: r.person_id ?? '',
    joinedAt: r.joined_at,
    leftAt: r.left_at,
  }));
}

async function everMembers(db: Kysely<Database>, groupIds: readonly string[]) {
  return db
    .selectFrom('group_members')
    .innerJoin('people', 'people.id', 'group_members.person_id')
    .select(['group_members.group_id', 'people.id', 'people.name'])
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
  const [meetings, members] = await Promise.all([
    meetingsOf(db, o.groupIds),
    everMembers(db, o.groupIds),
  ]);
  const stretches = await stretchesIn(
    db,
    meetings.map((m) => m.session_id),
  );
  return o.groupIds.flatMap((groupId) => {
    const own = members.filter((m) => m.group_id === groupId);
    const times: MeetingTimes[] = meetings
      .filter((m) => m.group_id === groupId)
      .map((m) => ({ sessionId: m.session_id, endedAt: m.ended_at }));
    const counted = attendanceOf({
      personIds: own.map((m) => m.id),
      meetings: times,
      stretches,
      now: o.now,
    });
    return own.map((m) => {
      const a = counted.get(m.id) ?? { meetings: times.length, attended: 0, minutesPresent: 0 };
      return { groupId, person: { id: m.id, name: m.name }, ...a };
    });
  });
}
