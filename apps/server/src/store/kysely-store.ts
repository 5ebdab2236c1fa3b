import type { Kysely } from 'kysely';
import { clientIdAndExportQueries } from './client-id-and-export-queries.ts';
import { docQueries } from './doc-queries.ts';
import type { Database, StoreKind } from './schema.ts';
import { sessionQueries } from './session-queries.ts';
import type { Store } from './store.ts';

export interface KyselyStoreOptions {
  db: Kysely<Database>;
  kind: StoreKind;
  /** Stamps `created_at` on stored updates; injectable so time stays an input. */
  now?: () => number;
  /** Runs once the database is closed (SQLite stops its checkpoint worker). */
  afterClose?: () => Promise<void>;
}

/**
 * The Store over an already migrated database. Both backends share these queries: what they
 * need beyond plain SQL (ON CONFLICT, RETURNING) is common to SQLite and PostgreSQL.
 */
export function createKyselyStore({
  db,
  kind,
  now = Date.now,
  afterClose,
}: KyselyStoreOptions): Store {
  return {
    kind,
    db,
    ...sessionQueries(db),
    ...docQueries(db, now),
    ...clientIdAndExportQueries(db),
    async close() {
      await db.destroy();
      await afterClose?.();
    },
  };
}
