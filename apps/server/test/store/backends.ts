import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { OpenStoreOptions } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';

/** A place for one test file's stores: options to open them with, and how to remove it. */
export interface Backend {
  readonly name: Store['kind'];
  create(): Promise<{ options: OpenStoreOptions; dispose: () => Promise<void> }>;
}

/** The maintenance database new test databases are created from and dropped through. */
const MAINTENANCE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const sqliteBackend: Backend = {
  name: 'sqlite',
  async create() {
    const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-store-'));
    return {
      options: { dataDir },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

export const postgresBackend: Backend = {
  name: 'postgres',
  async create() {
    // Unique per file and run, so parallel files and leftovers of a crashed run never meet.
    const name = `roundtable_store_${process.pid}_${randomBytes(4).toString('hex')}`;
    await withMaintenance((admin) => admin.query(`CREATE DATABASE ${name}`));
    const url = new URL(MAINTENANCE_URL);
    url.pathname = `/${name}`;
    return {
      options: { databaseUrl: url.toString(), dataDir: '/nonexistent' },
      // FORCE ends connections a failed test may have left open.
      dispose: () => withMaintenance((admin) => admin.query(`DROP DATABASE ${name} WITH (FORCE)`)),
    };
  },
};

export const backends: readonly Backend[] = [sqliteBackend, postgresBackend];

/** Opens a store for the current test and closes it when the test finishes. */
export async function openForTest(options: OpenStoreOptions): Promise<Store> {
  const store = await openStore(options);
  onTestFinished(() => store.close());
  return store;
}

async function withMaintenance(run: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: MAINTENANCE_URL });
  await admin.connect();
  try {
    await run(admin);
  } finally {
    await admin.end();
  }
}
