import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import { Kysely, SqliteDialect } from 'kysely';
import type { SqliteDatabase } from 'kysely';
import type { Database } from './schema.ts';
import { startCheckpointer } from './sqlite-checkpointer.ts';

export const SQLITE_FILE_NAME = 'roundtable.db';
/** SQLite's own default: checkpoint once the WAL holds this many pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

export interface OpenedSqlite {
  readonly db: Kysely<Database>;
  /** After `db.destroy()`: stops the checkpoint worker, whose close checkpoints what is left. */
  readonly stop: () => Promise<void>;
}

/** Opens (creating if needed) `<dataDir>/roundtable.db`. Does not migrate: see open-store.ts. */
export function openSqlite(dataDir: string): OpenedSqlite {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE_NAME);
  const database = new DatabaseSync(file);
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
    // The checkpointer's worker thread moves the WAL into the database instead.
    database.exec('PRAGMA wal_autocheckpoint = 0');
  } catch (error) {
    database.close();
    throw error;
  }
  const checkpointer = startCheckpointer(file, () => {
    if (database.isOpen)
      database.exec(`PRAGMA wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: adapt(database) }) });
  return { db, stop: () => checkpointer.stop() };
}

/**
 * Kysely's SqliteDialect speaks better-sqlite3's API; node:sqlite differs in two ways bridged
 * here: parameters are spread rather than passed as an array, and a statement does not say
 * whether it returns rows, so we ask for its result columns (true for RETURNING, too).
 * Kysely prepares every query afresh; the same few statements run hundreds of times a second,
 * so each SQL text is prepared once and kept (a fifth of the store's time went to preparing).
 */
function adapt(database: DatabaseSync): SqliteDatabase {
  const prepared = new Map<string, { statement: StatementSync; reader: boolean }>();
  const prepare = (sql: string) => {
    let entry = prepared.get(sql);
    if (!entry) {
      const statement = database.prepare(sql);
      entry = { statement, reader: statement.columns().length > 0 };
      prepared.set(sql, entry);
    }
    return entry;
  };
  return {
    close: () => database.close(),
    prepare(sql) {
      const { statement, reader } = prepare(sql);
      // node:sqlite checks each value and throws a clear error for one it cannot bind.
      const bind = (parameters: readonly unknown[]) => parameters as SQLInputValue[];
      return {
        reader,
        all: (parameters) => statement.all(...bind(parameters)),
        run: (parameters) => statement.run(...bind(parameters)),
        iterate: (parameters) => statement.iterate(...bind(parameters)),
      };
    },
  };
}
