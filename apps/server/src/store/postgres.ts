import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export interface PostgresOptions {
  databaseUrl: string;
  /** Told about connections that fail while idle in the pool; the pool replaces them. */
  logError: (message: string, error: unknown) => void;
}

/** A pooled connection to `databaseUrl`. Does not connect or migrate yet: see open-store.ts. */
export function openPostgres({ databaseUrl, logError }: PostgresOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // Fail fast with a clear error instead of hanging when the server is unreachable.
    connectionTimeoutMillis: 10_000,
    // Per pool, not pg's global registry, so other pg users in the process are unaffected.
    types: { getTypeParser },
  });
  // Without a listener, an idle client losing its connection would crash the process. Once the
  // pool is closing, a connection that drops while it says goodbye is no news.
  pool.on('error', (error) => {
    if (!pool.ending) logError('PostgreSQL connection lost while idle', error);
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Makes rows look like SQLite's so both backends share their mapping code: int8 (timestamps in
 * ms, seqs, clientIDs, which pg returns as strings by default) becomes a number, and jsonb stays
 * the JSON text it was written as.
 */
function getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === pg.types.builtins.INT8) return parseSafeInteger;
  if (oid === pg.types.builtins.JSONB) return (text) => text;
  return pg.types.getTypeParser(oid, format);
}

function parseSafeInteger(text: string): number {
  const value = Number(text);
  // Beyond 2^53 a number would silently lose digits; nothing we store gets near that.
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 ${text} exceeds a safe integer`);
  return value;
}
