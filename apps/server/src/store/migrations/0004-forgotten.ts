import type { Kysely, Migration } from 'kysely';

/*
 * A participant whose person deleted their account is "forgotten" (docs/data-model.md,
 * "Deleting an account"): `forgotten_at` (epoch milliseconds; null while not) is set by the
 * deletion's transaction, and resume credentials naming such a participant are refused with
 * `token-revoked` from then on, though they are signed and not yet expired.
 */

/** Adds the column unless an interrupted earlier run already did (SQLite runs without a transaction). */
async function addColumnOnce(db: Kysely<unknown>, table: string, column: string): Promise<void> {
  const tables = await db.introspection.getTables();
  const columns = tables.find((t) => t.name === table)?.columns ?? [];
  if (columns.some((c) => c.name === column)) return;
  await db.schema.alterTable(table).addColumn(column, 'bigint').execute();
}

export function forgottenSchema(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await addColumnOnce(db, 'participants', 'forgotten_at');
    },
  };
}
