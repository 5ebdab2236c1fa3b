import { Migrator } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../schema.ts';
import { initialSchema } from './0001-initial.ts';
import { peopleSchema } from './0002-people.ts';
import { programsSchema } from './0003-programs.ts';
import { forgottenSchema } from './0004-forgotten.ts';

/**
 * Every migration, in order, listed in code rather than discovered on disk so that the set that
 * runs is exactly the set that was type-checked and shipped. Names sort in run order; never
 * rename or edit one that has shipped: add the next.
 */
function migrationsFor(kind: StoreKind): Record<string, Migration> {
  return {
    '0001-initial': initialSchema(kind),
    '0002-people': peopleSchema(kind),
    '0003-programs': programsSchema(kind),
    '0004-forgotten': forgottenSchema(),
  };
}

/** Brings the schema up to date, or throws an Error naming the migration that failed. */
export async function migrateToLatest(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(kind) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(`Migrating the ${kind} database failed at ${failed ?? 'start'}: ${reason}`, {
    cause: error,
  });
}
