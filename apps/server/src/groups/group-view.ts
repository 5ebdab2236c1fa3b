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
import { presenceInMeeting, totalsOver, type Stretch } from './attendance-summary.ts';
import {
  acceptanceRows,
  currentMembers,
  groupRow,
  ruleVersions,
  type GroupRow,
} from './group-queries.ts';
import {
  meetingRows,
  namesOf,
  presenceRows,
  type MeetingRow,
  type PresenceRow,
} from './meeting-queries.ts';
import { personRef } from './people-refs.ts';
import { rotaTurn } from './rota.ts';

const asCadence = (c: string): Cadence =>
  (CADENCES as readonly string[]).includes(c) ? (c as Cadence) : 'monthly';

/** Stretches of presence per meeting and person: `session -> person -> stretches`. */
function bySessionAndPerson(rows: readonly PresenceRow[]) {
  const out = new Map<string, Map<string, Stretch[]>>();
  for (const r of rows) {
    if (r.personId === null) continue;
    const people = out.get(r.sessionId) ?? new Map<string, Stretch[]>();
    out.set(r.sessionId, people);
    people.set(r.personId, [...(people.get(r.personId) ?? []), r]);
  }
  return out;
}

function meetingView(
  m: MeetingRow,
  stretches: Map<string, Stretch[]>,
  names: Map<string, PersonRef>,
  now: number,
): Meeting {
  const attendance = [...stretches].flatMap(([personId, s]) => {
    const presence = presenceInMeeting(s, { endedAt: m.endedAt, now });
    return presence ? [{ person: names.get(personId) ?? null, ...presence }] : [];
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

/** Per current member: of the group's meetings, how many they came to and for how long. */
function attendanceSummary(
  members: readonly PersonRef[],
  meetings: readonly MeetingRow[],
  presence: Map<string, Map<string, Stretch[]>>,
  now: number,
): AttendanceSummary[] {
  return members.map((person) => {
    const presences = meetings.map((m) =>
      presenceInMeeting(presence.get(m.sessionId)?.get(person.id) ?? [], {
        endedAt: m.endedAt,
        now,
      }),
    );
    return { person, ...totalsOver(meetings.length, presences) };
  });
}

async function readAll(db: Kysely<Database>, group: GroupRow) {
  const [members, versions, acceptances, meetings, presence] = await Promise.all([
    currentMembers(db, group.id),
    ruleVersions(db, group.id),
    acceptanceRows(db, group.id),
    meetingRows(db, group.id),
    presenceRows(db, group.id),
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
  const presence = bySessionAndPerson(all.presence);
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
    attendance: attendanceSummary(all.members, all.meetings, presence, o.now),
    isMember: o.isMember,
  };
}

/** The rota as the group page shows it, after a change of order. */
export async function rotaView(db: Kysely<Database>, groupId: string): Promise<GroupView['rota']> {
  const [order, held] = await Promise.all([currentMembers(db, groupId), meetingRows(db, groupId)]);
  const turn = rotaTurn(order, held.length);
  return { order, nextFacilitator: turn.facilitator, nextDeputy: turn.deputy };
}
