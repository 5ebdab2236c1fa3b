import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { LiveClient } from '@roundtable/client';
import { onTestFinished } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import { postgresBackend } from '../store/backends.ts';

export type BackendName = 'sqlite' | 'postgres';

export const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/** A real server on port 0 with its own database, torn down when the test ends. */
export async function startServer(
  options: { backend?: BackendName; leaveGraceMs?: number } = {},
): Promise<App> {
  const dataDir = await mkdtemp(joinPath(tmpdir(), 'roundtable-live-'));
  let databaseUrl: string | undefined;
  let dispose = () => rm(dataDir, { recursive: true, force: true });
  if (options.backend === 'postgres') {
    const db = await postgresBackend.create();
    databaseUrl = db.options.databaseUrl;
    const removeDir = dispose;
    dispose = async () => {
      await db.dispose();
      await removeDir();
    };
  }
  const app = await startApp({
    env: {
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      ROUNDTABLE_SECRET: SECRET,
      ROUNDTABLE_LEAVE_GRACE_MS: String(options.leaveGraceMs ?? 100),
      WEB_BUILD_DIR: joinPath(dataDir, 'no-web-build'),
      // One LiveKit per test would collide on ports; media has its own tests.
      MEDIA: 'off',
    },
    quiet: true,
  });
  onTestFinished(async () => {
    await app.close();
    await dispose();
  });
  return app;
}

export interface Created {
  sessionId: string;
  facilitatorInvite: string;
  memberInvite: string;
}

export async function createSession(
  url: string,
  body: Record<string, unknown> = {},
): Promise<Created> {
  const res = await fetch(`${url}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Test group', ...body }),
  });
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`);
  return (await res.json()) as Created;
}

export async function join(url: string, sessionId: string, invite: string, name: string) {
  const res = await fetch(`${url}/api/sessions/${sessionId}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ invite, name, acceptRules: true }),
  });
  if (res.status !== 201) throw new Error(`join: ${res.status} ${await res.text()}`);
  return (await res.json()) as { participantId: string; resumeToken: string };
}

/** A connected client that is closed when the test ends. */
export async function connect(url: string, token: string): Promise<LiveClient> {
  const client = new LiveClient({ url, token, ackTimeoutMs: 5000 }).connect();
  onTestFinished(() => client.close());
  await until(
    () => client.welcome !== null && client.state !== null && client.socket.connected,
    'welcome',
  );
  return client;
}

/** Joins and connects one person. */
export async function person(
  url: string,
  session: Created,
  name: string,
  role: 'facilitator' | 'member' = 'member',
) {
  const invite = role === 'facilitator' ? session.facilitatorInvite : session.memberInvite;
  const joined = await join(url, session.sessionId, invite, name);
  const client = await connect(url, joined.resumeToken);
  await until(
    () =>
      client.state?.participants.some((p) => p.id === joined.participantId && p.present) ?? false,
    `${name} present`,
  );
  return { ...joined, client, name };
}

/** Polls a condition (event-driven code under test; no fixed sleeps). */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
