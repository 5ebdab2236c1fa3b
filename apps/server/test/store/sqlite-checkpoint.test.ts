import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { SQLITE_FILE_NAME } from '../../src/store/sqlite.ts';
import { startCheckpointer } from '../../src/store/sqlite-checkpointer.ts';
import { sqliteBackend } from './backends.ts';
import { sessionRecord } from './records.ts';

const size = async (file: string) => (await stat(file).catch(() => null))?.size ?? 0;

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// The server's thread never checkpoints (wal_autocheckpoint is off): a worker thread moves the
// log into the database file, and closing the store leaves no log behind.
test('a worker thread checkpoints the WAL, and close leaves none', async () => {
  const { options, dispose } = await sqliteBackend.create();
  onTestFinished(dispose);
  const database = join(options.dataDir, SQLITE_FILE_NAME);
  const wal = `${database}-wal`;
  const store = await openStore(options);
  let closed = false;
  onTestFinished(() => (closed ? undefined : store.close()));

  const before = await size(database);
  const session = sessionRecord();
  await store.createSession(session);
  const sessionId = session.id;
  const page = new Uint8Array(4096).fill(7);
  for (let i = 0; i < 200; i += 1) await store.appendUpdate(sessionId, 'board', page);
  expect(await size(wal)).toBeGreaterThan(200 * 4096);

  // 800 KB of updates can only reach the database file through a checkpoint.
  await eventually(async () => (await size(database)) > before + 200 * 4096, 'a checkpoint ran');
  expect((await store.loadUpdates(sessionId, 'board')).length).toBe(200);

  await store.close();
  closed = true;
  expect(await size(wal)).toBe(0);
  const reopened = await openStore(options);
  onTestFinished(() => reopened.close());
  expect((await reopened.loadUpdates(sessionId, 'board')).length).toBe(200);
});

test('a checkpoint worker that dies hands checkpoints back to SQLite, and says so', async () => {
  const logged: string[] = [];
  let fellBack = false;
  // The worker cannot open a database in a directory that does not exist.
  const checkpointer = startCheckpointer(
    '/nonexistent/roundtable.db',
    () => (fellBack = true),
    (message) => logged.push(message),
  );
  await eventually(async () => fellBack, 'the fallback ran');
  expect(logged).toEqual([expect.stringMatching(/^SQLite checkpoint worker stopped, SQLite/)]);
  await checkpointer.stop();
});
