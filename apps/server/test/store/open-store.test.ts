import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { SQLITE_FILE_NAME } from '../../src/store/sqlite.ts';
import { sqliteBackend } from './backends.ts';

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
