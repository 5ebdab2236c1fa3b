import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { expect, onTestFinished, test } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { SQLITE_FILE_NAME } from '../../src/store/sqlite.ts';
import { postgresBackend, sqliteBackend } from './backends.ts';
import { sessionRecord } from './records.ts';

test('an unreachable PostgreSQL is a clear error without the password', async () => {
  // Port 1 refuses at once; nothing listens there.
  const opening = openStore({
    databaseUrl: 'postgres://roundtable:s3cret@127.0.0.1:1/roundtable',
    dataDir: '/nonexistent',
  });
  await expect(opening).rejects.toThrow(
    /^Cannot open PostgreSQL at postgres:\/\/roundtable:\*\*\*@127\.0\.0\.1:1\/roundtable: cannot connect: .*ECONNREFUSED/,
  );
  await expect(opening).rejects.not.toThrow(/s3cret/);
});

test('a data directory that cannot be created is a clear error', async () => {
  const { options, dispose } = await sqliteBackend.create();
  try {
    const blocker = join(options.dataDir, 'a-file');
    await writeFile(blocker, '');
    await expect(openStore({ dataDir: join(blocker, 'data') })).rejects.toThrow(
      /^Cannot open SQLite under .*a-file\/data: .*(ENOTDIR|EEXIST)/,
    );
  } finally {
    await dispose();
  }
});

test('a file that is not a database is a clear error', async () => {
  const { options, dispose } = await sqliteBackend.create();
  try {
    await writeFile(
      join(options.dataDir, SQLITE_FILE_NAME),
      'not a database, just text '.repeat(40),
    );
    await expect(openStore(options)).rejects.toThrow(
      /^Cannot open SQLite under .*: .*not a database/,
    );
  } finally {
    await dispose();
  }
});

test('PostgreSQL: a connection dropped while idle is reported, and the pool replaces it', async () => {
  const db = await postgresBackend.create();
  onTestFinished(() => db.dispose());
  const reported: string[] = [];
  const store = await openStore({
    ...db.options,
    logError: (message, error) => reported.push(`${message}: ${String(error)}`),
  });
  await store.createSession(sessionRecord({ id: 's1' }));
  // The pool now holds an idle connection; the database server ends it, as a restart would.
  await terminateConnections(db.options.databaseUrl!);
  await until(() => reported.length > 0, 'the dropped connection reported');
  expect(reported[0]).toMatch(/^PostgreSQL connection lost while idle: .*terminat/);
  expect(await store.getSession('s1')).toMatchObject({ id: 's1' });

  await store.close();
});

/** Ends every server process connected to the database at `url`, from another connection. */
async function terminateConnections(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
  } finally {
    await admin.end();
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
