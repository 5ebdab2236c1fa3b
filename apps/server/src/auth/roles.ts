import type { Person, Role } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import { displayName } from '../people/person-ref.ts';
import type { Database } from '../store/schema.ts';

/*
 * Roles over better-auth's `people` table, whose `role` column (a field better-auth's input
 * cannot set) is ours: `member` when better-auth creates a person, `coordinator` only here.
 */

const asRole = (role: string): Role => (role === 'coordinator' ? 'coordinator' : 'member');

type PersonRow = { id: string; email: string; name: string; role: string };
// better-auth creates people with an empty name unless sign-in sent one: never shown blank.
const toPerson = (row: PersonRow): Person => ({
  ...row,
  name: displayName(row.name, row.email),
  role: asRole(row.role),
});

export async function personById(db: Kysely<Database>, id: string): Promise<Person | null> {
  const row = await db
    .selectFrom('people')
    .select(['id', 'email', 'name', 'role'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toPerson(row) : null;
}

/** better-auth keeps addresses as given; people type theirs in any case. */
export async function personByEmail(db: Kysely<Database>, email: string): Promise<Person | null> {
  const row = await db
    .selectFrom('people')
    .select(['id', 'email', 'name', 'role'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  return row ? toPerson(row) : null;
}

export async function hasCoordinator(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('role', '=', 'coordinator')
    .executeTakeFirst();
  return row !== undefined;
}

export async function makeCoordinator(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('people').set({ role: 'coordinator' }).where('id', '=', id).execute();
}
