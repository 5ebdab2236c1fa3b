import type { GroupSummary, PersonRef } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/*
 * Groups as lists show them (GroupSummary): the program page, GET /api/me, and every answer
 * about one group. Members are the current ones (not removed), in rota order.
 */

export type GroupsWhere = { readonly programId: string } | { readonly groupIds: readonly string[] };

/** The current members of each group, in rota order. */
export async function currentMembers(
  db: Kysely<Database>,
  groupIds: readonly string[],
): Promise<Map<string, PersonRef[]>> {
  const members = new Map<string, PersonRef[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return members;
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('people', 'people.id', 'group_members.person_id')
    .select(['group_members.group_id', 'people.id', 'people.name'])
    .where('group_members.group_id', 'in', groupIds)
    .where('group_members.removed_at', 'is', null)
    .orderBy('group_members.rota_position')
    .orderBy('people.id')
    .execute();
  for (const row of rows) members.get(row.group_id)?.push({ id: row.id, name: row.name });
  return members;
}

/** The running meeting's session of each group that has one. */
async function liveMeetings(
  db: Kysely<Database>,
  groupIds: readonly string[],
): Promise<Map<string, string>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('group_meetings')
    .innerJoin('sessions', 'sessions.id', 'group_meetings.session_id')
    .select(['group_meetings.group_id', 'group_meetings.session_id'])
    .where('group_meetings.group_id', 'in', groupIds)
    .where('sessions.ended_at', 'is', null)
    // The newest wins should two ever run at once.
    .orderBy('group_meetings.number')
    .execute();
  return new Map(rows.map((r) => [r.group_id, r.session_id]));
}

export async function groupSummaries(
  db: Kysely<Database>,
  where: GroupsWhere,
): Promise<GroupSummary[]> {
  let query = db
    .selectFrom('groups')
    .innerJoin('programs', 'programs.id', 'groups.program_id')
    .select(['groups.id', 'groups.name', 'groups.program_id', 'programs.name as program_name'])
    .orderBy('groups.created_at')
    .orderBy('groups.id');
  if ('programId' in where) query = query.where('groups.program_id', '=', where.programId);
  else if (where.groupIds.length === 0) return [];
  else query = query.where('groups.id', 'in', where.groupIds);
  const groups = await query.execute();
  const ids = groups.map((g) => g.id);
  const [members, live] = await Promise.all([currentMembers(db, ids), liveMeetings(db, ids)]);
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    programId: g.program_id,
    programName: g.program_name,
    members: members.get(g.id) ?? [],
    liveMeeting: live.get(g.id) ?? null,
  }));
}

export async function groupSummary(
  db: Kysely<Database>,
  groupId: string,
): Promise<GroupSummary | null> {
  const [summary] = await groupSummaries(db, { groupIds: [groupId] });
  return summary ?? null;
}
