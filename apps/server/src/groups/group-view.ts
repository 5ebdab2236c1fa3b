import {
  CADENCES,
  type AttendanceSummary,
  type Cadence,
  type GroupView,
  type Meeting,
  type PersonRef,
} from '@roundtable/wire';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import {
  attendanceRows,
  formerAttendees,
  type AttendanceRow,
} from '../attendance/attendance-rows.ts';
import { attendanceOf, presenceInMeeting, type Stretch } from '../attendance/minutes-present.ts';
import {
  acceptanceRows,
  currentMembers,
  groupRow,
  ruleVersions,
  type GroupRow,
} from './group-queries.ts';
import { personRef } from '../people/person-ref.ts';
import { meetingRows, namesOf, type MeetingRow } from './meeting-queries.ts';
import { rotaTurn } from './rota.ts';

const asCadence = (c: string): Cadence =>
  (CADENCES as readonly string[]).includes(c) ? (c as Cadence) : 'monthly';

/** Stretches of presence per meeting and attendee: `session -> attendee -> stretches`. */
function bySessionAndAttendee(rows: readonly AttendanceRow[]) {
  const out = new Map<string, Map<string, Stretch[]>>();
  for (const r of rows) {
    const attendees = out.get(r.sessionId) ?? new Map<string, Stretch[]>();
    out.set(r.sessionId, attendees);
    attendees.set(r.attendee, [...(attendees.get(r.attendee) ?? []), r]);
  }
  return out;
}

function meetingView(
  m: MeetingRow,
  stretches: Map<string, Stretch[]>,
  names: Map<string, PersonRef>,
  now: number,
): Meeting {
  // A former member's attendee key is no person's id: they show as `person: null`.
  const attendance = [...stretches].flatMap(([attendee, s]) => {
    const presence = presenceInMeeting(s, { endedAt: m.endedAt, now });
    return presence ? [{ person: names.get(attendee) ?? null, ...presence }] : [];
  });
  attendance.sort((a, b) => a.firstJoinedAt - b.firstJoinedAt);
  const named = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  return {
    sessionId: m.sessionId,
    number: m.number,
    startedAt: m.startedAt,
    endedAt: m.endedAt,
    facilitator: named(m.facilitatorId),
    deputy: named(m.deputyId),
    attendance,
  };
}

/**
 * Per current member, then per former member who came: of the group's meetings, how many they
 * came to and for how long.
 */
function attendanceSummary(
  members: readonly PersonRef[],
  meetings: readonly MeetingRow[],
  stretches: readonly AttendanceRow[],
  now: number,
): AttendanceSummary[] {
  const former = formerAttendees(stretches);
  const counted = attendanceOf({
    attendees: [...members.map((p) => p.id), ...former],
    meetings,
    stretches,
    now,
  });
  const none = { meetings: meetings.length, attended: 0, minutesPresent: 0 };
  return [
    ...members.map((person) => ({ person, ...(counted.get(person.id) ?? none) })),
    ...former.map((key) => ({ person: null, ...(counted.get(key) ?? none) })),
  ];
}

async function readAll(db: Kysely<Database>, group: GroupRow) {
  const [members, versions, acceptances, meetings, presence] = await Promise.all([
    currentMembers(db, group.id),
    ruleVersions(db, group.id),
    acceptanceRows(db, group.id),
    meetingRows(db, group.id),
    attendanceRows(db, [group.id]),
  ]);
  const mentioned = [
    ...meetings.flatMap((m) => [m.facilitatorId, m.deputyId]),
    ...presence.map((p) => p.personId),
  ].filter((id): id is string => id !== null);
  return {
    members,
    versions,
    acceptances,
    meetings,
    presence,
    names: await namesOf(db, mentioned),
  };
}

/** The group page: GroupView (wire programs.ts), or null for an unknown group. */
export async function groupView(
  db: Kysely<Database>,
  o: { groupId: string; isMember: boolean; now: number },
): Promise<GroupView | null> {
  const group = await groupRow(db, o.groupId);
  if (!group) return null;
  const all = await readAll(db, group);
  const presence = bySessionAndAttendee(all.presence);
  const turn = rotaTurn(all.members, all.meetings.length);
  const live = all.meetings.find((m) => m.endedAt === null);
  return {
    group: {
      id: group.id,
      name: group.name,
      programId: group.programId,
      programName: group.programName,
      members: all.members,
      liveMeeting: live?.sessionId ?? null,
    },
    program: {
      id: group.programId,
      name: group.programName,
      cadence: asCadence(group.cadence),
      protocolId: group.protocolId,
    },
    ruleVersions: all.versions,
    acceptances: all.acceptances.map((a) => ({
      person: personRef(a.person_id, a.name, a.email),
      version: a.version,
      acceptedAt: a.accepted_at,
    })),
    rota: { order: all.members, nextFacilitator: turn.facilitator, nextDeputy: turn.deputy },
    meetings: all.meetings.map((m) =>
      meetingView(m, presence.get(m.sessionId) ?? new Map(), all.names, o.now),
    ),
    attendance: attendanceSummary(all.members, all.meetings, all.presence, o.now),
    isMember: o.isMember,
  };
}

/** The rota as the group page shows it, after a change of order. */
export async function rotaView(db: Kysely<Database>, groupId: string): Promise<GroupView['rota']> {
  const [order, held] = await Promise.all([currentMembers(db, groupId), meetingRows(db, groupId)]);
  const turn = rotaTurn(order, held.length);
  return { order, nextFacilitator: turn.facilitator, nextDeputy: turn.deputy };
}
