import { randomUUID } from 'node:crypto';
import { DEFAULT_GROUND_RULES, GROUP_SIZE } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/*
 * Forming groups and changing who is in them (docs/data-model.md, "groups", "group_members").
 * A group starts from the default rules as its version 1; a removed member keeps their row
 * (with removed_at) so past meetings still name them, and comes back at the end of the rota.
 */

/** A problem with one id of a request, by its path (`memberIds.3`). */
export interface IdProblem {
  readonly path: string;
  readonly message: string;
}

async function programMemberIds(
  db: Kysely<Database>,
  programId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('program_members')
    .select('person_id')
    .where('program_id', '=', programId)
    .where('person_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** The issues of ids that are not members of the program, by index under `field`. */
export async function nonMembers(
  db: Kysely<Database>,
  o: { programId: string; field: string; ids: readonly string[] },
): Promise<IdProblem[]> {
  const members = await programMemberIds(db, o.programId, o.ids);
  return o.ids.flatMap((id, i) =>
    members.has(id) ? [] : [{ path: `${o.field}.${i}`, message: 'a member of this program' }],
  );
}

export async function insertGroup(
  db: Kysely<Database>,
  o: { programId: string; name: string; memberIds: readonly string[]; now: number },
): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('groups')
      .values({ id, program_id: o.programId, name: o.name, created_at: o.now })
      .execute();
    await tx
      .insertInto('group_members')
      .values(
        o.memberIds.map((person_id, rota_position) => ({
          group_id: id,
          person_id,
          added_at: o.now,
          removed_at: null,
          rota_position,
        })),
      )
      .execute();
    await tx
      .insertInto('rule_versions')
      .values({
        group_id: id,
        version: 1,
        rules: JSON.stringify(DEFAULT_GROUND_RULES),
        note: 'The default rules',
        created_at: o.now,
        proposed_by: null,
      })
      .execute();
  });
  return id;
}

interface MemberRow {
  readonly person_id: string;
  readonly removed_at: number | null;
  readonly rota_position: number;
}

/** What is wrong with a change of members, given the group's rows (current and removed). */
export function membershipProblems(
  rows: readonly MemberRow[],
  change: { add: readonly string[]; remove: readonly string[] },
): IdProblem[] {
  const current = new Set(rows.filter((r) => r.removed_at === null).map((r) => r.person_id));
  const problems: IdProblem[] = [];
  change.add.forEach((id, i) => {
    if (current.has(id)) problems.push({ path: `add.${i}`, message: 'not already in the group' });
    else if (change.add.indexOf(id) !== i)
      problems.push({ path: `add.${i}`, message: 'listed once' });
  });
  change.remove.forEach((id, i) => {
    if (!current.has(id)) problems.push({ path: `remove.${i}`, message: 'a member of the group' });
    else if (change.remove.indexOf(id) !== i)
      problems.push({ path: `remove.${i}`, message: 'listed once' });
  });
  if (problems.length > 0) return problems;
  const size = current.size + change.add.length - change.remove.length;
  if (size < GROUP_SIZE.min || size > GROUP_SIZE.max)
    problems.push({
      path: '',
      message: `a group of ${GROUP_SIZE.min} to ${GROUP_SIZE.max} members afterwards, not ${size}`,
    });
  return problems;
}

async function memberRows(db: Kysely<Database>, groupId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('group_members')
    .select(['person_id', 'removed_at', 'rota_position'])
    .where('group_id', '=', groupId)
    .execute();
}

/**
 * Applies a change unless `membershipProblems` finds any (then nothing is written, and they are
 * the answer), checked in the same transaction. Added members go to the end of the rota.
 */
export async function changeMembers(
  db: Kysely<Database>,
  o: { groupId: string; add: readonly string[]; remove: readonly string[]; now: number },
): Promise<IdProblem[]> {
  return db.transaction().execute(async (tx) => {
    const rows = await memberRows(tx, o.groupId);
    const problems = membershipProblems(rows, o);
    if (problems.length > 0) return problems;
    let next = Math.max(-1, ...rows.map((r) => r.rota_position)) + 1;
    for (const personId of o.remove)
      await tx
        .updateTable('group_members')
        .set({ removed_at: o.now })
        .where('group_id', '=', o.groupId)
        .where('person_id', '=', personId)
        .execute();
    for (const personId of o.add) {
      const place = { removed_at: null, rota_position: next++, added_at: o.now };
      if (rows.some((r) => r.person_id === personId))
        await tx
          .updateTable('group_members')
          .set(place)
          .where('group_id', '=', o.groupId)
          .where('person_id', '=', personId)
          .execute();
      else
        await tx
          .insertInto('group_members')
          .values({ group_id: o.groupId, person_id: personId, ...place })
          .execute();
    }
    return [];
  });
}
