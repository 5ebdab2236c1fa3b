import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue } from 'node:sqlite';
import { Kysely, SqliteDialect } from 'kysely';
import type { SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';

export const SQLITE_FILE_NAME = 'roundtable.db';

/** Opens (creating if needed) `<dataDir>/roundtable.db`. Does not migrate: see open-store.ts. */
export function openSqlite(dataDir: string): Kysely<Database> {
  mkdirSync(dataDir, { recursive: true });
  const database = new DatabaseSync(join(dataDir, SQLITE_FILE_NAME));
  try {
    // WAL with synchronous=NORMAL writes each commit to the log before returning, so an
    // acknowledged update survives the process being killed; only an OS crash or power loss
    // can drop the last commits, which is the trade we accept for not fsyncing every append.
    database.exec('PRAGMA journal_mode = WAL');
    database.exec('PRAGMA synchronous = NORMAL');
    // Off by default in SQLite, per connection; without it ON DELETE CASCADE does nothing.
    database.exec('PRAGMA foreign_keys = ON');
    // Another process (a migration, an admin shell) may hold the write lock briefly.
    database.exec('PRAGMA busy_timeout = 5000');
  } catch (error) {
    database.close();
    throw error;
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: adapt(database) }) });
}

/**
 * Kysely's SqliteDialect speaks better-sqlite3's API; node:sqlite differs in two ways bridged
 * here: parameters are spread rather than passed as an array, and a statement does not say
 * whether it returns rows, so we ask for its result columns (true for RETURNING, too).
 */
function adapt(database: DatabaseSync): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare(sql) {
      const statement = database.prepare(sql);
      // node:sqlite checks each value and throws a clear error for one it cannot bind.
      const bind = (parameters: readonly unknown[]) => parameters as SQLInputValue[];
      return {
        reader: statement.columns().length > 0,
        all: (parameters) => statement.all(...bind(parameters)),
        run: (parameters) => statement.run(...bind(parameters)),
        iterate: (parameters) => statement.iterate(...bind(parameters)),
      };
    },
  };
}
