import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createKyselyStore } from './kysely-store.ts';
import { migrateToLatest } from './migrations/index.ts';
import { openPostgres } from './postgres.ts';
import type { Database, StoreKind } from './schema.ts';
import { openSqlite } from './sqlite.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  /** PostgreSQL when set (DATABASE_URL); otherwise SQLite under `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Reports connection trouble that happens between queries; defaults to console.error. */
  logError?: (message: string, error: unknown) => void;
}

/**
 * Opens the configured backend and brings its schema up to date. Throws an Error saying which
 * database could not be opened or migrated, so startup fails loudly rather than at first write.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const { databaseUrl, dataDir, logError = console.error } = options;
  const kind: StoreKind = databaseUrl ? 'postgres' : 'sqlite';
  const where = databaseUrl ? `PostgreSQL at ${redact(databaseUrl)}` : `SQLite under ${dataDir}`;

  let db: Kysely<Database>;
  let stop: (() => Promise<void>) | undefined;
  try {
    if (databaseUrl) db = openPostgres({ databaseUrl, logError });
    else ({ db, stop } = openSqlite(dataDir));
  } catch (error) {
    throw new Error(`Cannot open ${where}: ${describe(error)}`, { cause: error });
  }
  try {
    // Probe first so an unreachable server is reported as that, not as a failed migration.
    await sql`select 1`.execute(db).catch((error: unknown) => {
      throw new Error(`cannot connect: ${describe(error)}`, { cause: error });
    });
    await migrateToLatest(db as Kysely<unknown>, kind);
  } catch (error) {
    // Report the failure that stopped us; one from tearing down the half-open pool would hide it.
    await db.destroy().catch(() => {});
    await stop?.().catch(() => {});
    throw new Error(`Cannot open ${where}: ${describe(error)}`, { cause: error });
  }
  return createKyselyStore({ db, kind, ...(stop && { afterClose: stop }) });
}

/** The URL without its password, fit for an error message or a log. */
function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map(describe).join('; ');
  }
  return error instanceof Error && error.message ? error.message : String(error);
}
