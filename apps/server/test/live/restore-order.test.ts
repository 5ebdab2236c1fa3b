import { currentPhase } from '@roundtable/protocol';
import { LiveClient } from '@roundtable/client';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { expect, onTestFinished, test } from 'vitest';
import { postgresBackend } from '../store/backends.ts';
import {
  startLoggedApp,
  connect,
  createSession,
  person,
  serverEnv,
  startRound,
  tempDataDir,
  until,
} from './harness.ts';
import { freePort, MAIN } from './process.ts';

/** Relations whose lock someone is waiting for, as PostgreSQL sees it. */
async function waitingOn(db: pg.Client, table: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `select count(*) as n from pg_locks where not granted and relation = $1::regclass`,
    [table],
  );
  return Number(rows[0]?.n ?? 0);
}

async function poll(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A server on its own PostgreSQL database with a running round, stopped cleanly, so the next
 * start has it to restore; and a lock on `sessions` that holds that restore at its first query
 * until the test commits it.
 */
async function roundToRestore(extra: Record<string, string> = {}) {
  const db = await postgresBackend.create();
  onTestFinished(() => db.dispose());
  const databaseUrl = db.options.databaseUrl ?? '';
  const port = await freePort();
  const env = serverEnv(await tempDataDir(), {
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    ...extra,
  });
  const url = `http://127.0.0.1:${port}`;
  const first = await startLoggedApp({ env });
  const session = await createSession(url, { protocol: 'good-news-analysis' });
  const fran = await person(url, session, 'Fran', 'facilitator');
  const pat = await person(url, session, 'Pat');
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'good-news-analysis',
    phases: 1,
  });
  const before = fran.client.state!;
  fran.client.close();
  pat.client.close();
  await first.close();

  const locker = new pg.Client({ connectionString: databaseUrl });
  await locker.connect();
  await locker.query('begin');
  await locker.query('lock table sessions in access exclusive mode');
  return { env, url, fran, pat, before, locker };
}

/** The server answers while its restore waits on the lock. */
async function listeningWhileRestoreWaits(url: string, locker: pg.Client): Promise<void> {
  await poll(
    () =>
      fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      ),
    'the server to listen while its restore waits',
  );
  await poll(async () => (await waitingOn(locker, 'sessions')) >= 1, 'the restore to wait');
}

// PostgreSQL lets the test hold the restore at its first query (listing the active sessions)
// with a table lock, so "while restoring" is a state the test controls, not a lucky moment.
test('the port is bound before restoring, and a client that connects meanwhile gets the restored room', async () => {
  const { env, url, fran, pat, before, locker } = await roundToRestore({
    ROUNDTABLE_LEAVE_GRACE_MS: '100',
  });

  let restored = false;
  const starting = startLoggedApp({ env }).then((app) => {
    restored = true;
    return app;
  });
  onTestFinished(async () => {
    await (await starting.catch(() => undefined))?.close();
  });
  // Registered last so it runs first: a failed test must not leave the restore waiting.
  onTestFinished(() => locker.end());

  // The restore is stuck on the lock, yet the server already answers.
  await listeningWhileRestoreWaits(url, locker);
  expect(restored).toBe(false);

  // Pat connects now: the handshake looks the session up and waits on the same lock.
  const early = new LiveClient({ url, token: pat.resumeToken, ackTimeoutMs: 10_000 }).connect();
  onTestFinished(() => early.close());
  await poll(async () => (await waitingOn(locker, 'sessions')) >= 2, 'the handshake to wait');
  expect(restored).toBe(false);

  await locker.query('commit');
  const second = await starting;
  await until(() => early.welcome !== null && early.state !== null, 'Pat welcomed', 10_000);

  // The state Pat gets is the restored one: the same round, phase and facilitator.
  const after = early.state!;
  expect(after.round?.presenter).toBe(pat.participantId);
  expect(currentPhase(after)?.id).toBe(currentPhase(before)?.id);
  expect(after.facilitator).toBe(fran.participantId);
  // One room, shared: what Fran does after the restore reaches the client that came early.
  expect(second.liveSessions()).toBe(1);
  const franAgain = await connect(url, fran.resumeToken, 10_000);
  expect(await franAgain.command({ type: 'pause' })).toEqual({ ok: true });
  await until(() => early.state?.round?.paused === true, 'Pat sees the pause', 10_000);
});

// Since the port is bound before the restore, a signal can come while it runs: the process must
// still drain and exit 0 once the restore is done, not die on the default handler.
test('SIGTERM while the restore waits: the server finishes it, shuts down cleanly and exits 0', async () => {
  const { env, url, pat, locker } = await roundToRestore();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  onTestFinished(() => locker.end());
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');

  await listeningWhileRestoreWaits(url, locker);
  child.kill('SIGTERM');
  await poll(async () => stdout.includes('SIGTERM received'), 'the signal to be taken');
  expect(child.exitCode).toBeNull();

  await locker.query('commit');
  const [code, signal] = await exited;
  expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  expect(stdout).not.toContain('Roundtable is running at');
  // Nothing was lost by stopping mid-start: the round is there for the next start.
  const third = await startLoggedApp({ env });
  onTestFinished(() => third.close());
  const back = await connect(url, pat.resumeToken, 10_000);
  await until(() => back.state?.round?.presenter === pat.participantId, 'the round restored');
});
