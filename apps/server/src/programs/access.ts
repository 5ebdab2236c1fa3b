import type { Person } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/*
 * Who may see or change a program or a group (docs/data-model.md, "Who sees what"). A
 * coordinator runs every program of this install; a member sees the programs they joined and
 * the groups they are in now. Everyone else gets null, which routes answer as 404 `not-found`,
 * exactly as for an id that does not exist, so ids cannot be probed.
 */

export type Access = 'coordinator' | 'member';

export async function programAccess(
  db: Kysely<Database>,
  programId: string,
  person: Person,
): Promise<Access | null> {
  const program = await db
    .selectFrom('programs')
    .select('id')
    .where('id', '=', programId)
    .executeTakeFirst();
  if (!program) return null;
  if (person.role === 'coordinator') return 'coordinator';
  const member = await db
    .selectFrom('program_members')
    .select('person_id')
    .where('program_id', '=', programId)
    .where('person_id', '=', person.id)
    .executeTakeFirst();
  return member ? 'member' : null;
}

export interface GroupAccess {
  readonly programId: string;
  /** A coordinator who is also a member of the group is a `member` here: they take part. */
  readonly as: Access;
}

export async function groupAccess(
  db: Kysely<Database>,
  groupId: string,
  person: Person,
): Promise<GroupAccess | null> {
  const group = await db
    .selectFrom('groups')
    .select('program_id')
    .where('id', '=', groupId)
    .executeTakeFirst();
  if (!group) return null;
  const member = await db
    .selectFrom('group_members')
    .select('person_id')
    .where('group_id', '=', groupId)
    .where('person_id', '=', person.id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  if (member) return { programId: group.program_id, as: 'member' };
  return person.role === 'coordinator' ? { programId: group.program_id, as: 'coordinator' } : null;
}
