import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, onTestFinished, test } from 'vitest';
import type { OpenStoreOptions } from '../../src/store/open-store.ts';
import { openForTest, sqliteBackend } from './backends.ts';
import { updateNumber } from './crash-payload.ts';

const CHILD = fileURLToPath(new URL('./append-then-wait.ts', import.meta.url));
const COUNT = 50;

let options: OpenStoreOptions;
beforeAll(async () => {
  const target = await sqliteBackend.create();
  options = target.options;
  return target.dispose;
});

// The guarantee the server relies on: once appendUpdate resolves it may acknowledge the client,
// so the update must outlive the process dying the very next instant, with no chance to close.
test('updates acknowledged before a SIGKILL are there after a restart', async () => {
  const sessionId = randomUUID();
  const child = spawn(process.execPath, [CHILD, options.dataDir, sessionId, String(COUNT)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const exited = once(child, 'exit');

  for await (const line of createInterface({ input: child.stdout })) {
    if (line !== 'appended') continue;
    child.kill('SIGKILL');
    break;
  }
  const [, signal] = await exited;
  expect(signal).toBe('SIGKILL');

  const store = await openForTest(options);
  const stored = await store.loadUpdates(sessionId, 'board');
  expect(stored.map((u) => Buffer.from(u.update))).toEqual(
    Array.from({ length: COUNT }, (_, i) => Buffer.from(updateNumber(i))),
  );
}, 30_000);
