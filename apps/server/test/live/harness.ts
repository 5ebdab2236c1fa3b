import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { createApiClient, LiveClient, valueOf } from '@roundtable/client';
import type { CommandPayload, CreatedSession, CreateSessionRequest } from '@roundtable/wire';
import { expect, onTestFinished } from 'vitest';
import { startApp, type App, type StartOptions } from '../../src/app.ts';
import { registerLog, signedInHeaders } from '../people/sign-in-from-log.ts';

export { signedInHeaders };
import { postgresBackend } from '../store/backends.ts';

export type BackendName = 'sqlite' | 'postgres';

export const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

/** A data directory removed when the test ends. */
export async function tempDataDir(): Promise<string> {
  const dataDir = await mkdtemp(joinPath(tmpdir(), 'roundtable-live-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  return dataDir;
}

/** The environment of a test server keeping its data in `dataDir`. */
export function serverEnv(
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PORT: '0',
    DATA_DIR: dataDir,
    ROUNDTABLE_SECRET: SECRET,
    WEB_BUILD_DIR: joinPath(dataDir, 'no-web-build'),
    // One LiveKit per test would collide on ports; media has its own tests.
    MEDIA: 'off',
    // The same for Mailpit's fixed ports; mail has its own tests (test/mail).
    MAIL: 'off',
    ...extra,
  };
}

/** An app over an existing data directory (so a test can restart it), closed at the end. */
export async function startAppAt(
  dataDir: string,
  extra: Record<string, string> = {},
  parts: Pick<StartOptions, 'clock' | 'store'> = {},
): Promise<App> {
  const app = await startLoggedApp({ env: serverEnv(dataDir, extra), ...parts });
  onTestFinished(() => app.close());
  return app;
}

/**
 * startApp with its log kept rather than printed: with MAIL=off the sign-in links that let
 * createSession sign in are in it (sign-in-from-log.ts).
 */
export async function startLoggedApp(options: StartOptions): Promise<App> {
  let printed = '';
  const log = (message: string) => void (printed += `${message}\n`);
  const app = await startApp({ ...options, log });
  registerLog(app.url, () => printed);
  return app;
}

/** The facilitator starts a round and moves it `phases` phases on; everyone sees it. */
export async function startRound(
  facilitator: LiveClient,
  options: {
    presenter: string;
    protocolId: string;
    phases?: number;
    watchers?: LiveClient[];
    patienceMs?: number;
  },
): Promise<void> {
  const start: CommandPayload = {
    type: 'start-round',
    presenter: options.presenter,
    protocolId: options.protocolId,
  };
  expect(await facilitator.command(start)).toEqual({ ok: true });
  for (let i = 0; i < (options.phases ?? 0); i++) {
    expect(await facilitator.command({ type: 'next-phase' })).toEqual({ ok: true });
  }
  for (const c of [facilitator, ...(options.watchers ?? [])]) {
    await until(
      () => c.state?.round?.phaseIndex === (options.phases ?? 0),
      'the round in place',
      options.patienceMs,
    );
  }
}

/** A real server on port 0 with its own database, torn down when the test ends. */
export async function startServer(
  options: { backend?: BackendName; leaveGraceMs?: number; roomIdleMs?: number } = {},
): Promise<App> {
  const dataDir = await tempDataDir();
  const extra: Record<string, string> = {
    ROUNDTABLE_LEAVE_GRACE_MS: String(options.leaveGraceMs ?? 100),
  };
  if (options.roomIdleMs !== undefined) extra.ROUNDTABLE_ROOM_IDLE_MS = String(options.roomIdleMs);
  if (options.backend === 'postgres') {
    const db = await postgresBackend.create();
    // Registered before the app, so it runs after the app has closed (hooks run last-in first).
    onTestFinished(() => db.dispose());
    extra.DATABASE_URL = db.options.databaseUrl ?? '';
  }
  return startAppAt(dataDir, extra);
}

export type Created = CreatedSession;

/**
 * Creates a session titled "Test group" unless `body` says otherwise, signed in as the host
 * (once per server); throws if refused.
 */
export async function createSession(
  url: string,
  body: Partial<CreateSessionRequest> = {},
): Promise<Created> {
  const api = createApiClient({ baseUrl: url, headers: await signedInHeaders(url) });
  return valueOf(await api.createSession({ title: 'Test group', ...body }), 'create session');
}

export async function join(url: string, sessionId: string, invite: string, name: string) {
  const api = createApiClient({ baseUrl: url });
  return valueOf(await api.join(sessionId, { invite, name, acceptRules: true }), 'join');
}

/** How long helpers wait for the server by default (media tests wait longer). */
const PATIENCE_MS = 5000;

/** A connected client that is closed when the test ends. */
export async function connect(
  url: string,
  token: string,
  patienceMs = PATIENCE_MS,
): Promise<LiveClient> {
  const client = new LiveClient({ url, token, ackTimeoutMs: patienceMs }).connect();
  onTestFinished(() => client.close());
  await until(
    () => client.welcome !== null && client.state !== null && client.connected,
    'welcome',
    patienceMs,
  );
  return client;
}

/** Joins and connects one person, and waits until the room counts them present. */
export async function person(
  url: string,
  session: Created,
  name: string,
  role: 'facilitator' | 'member' = 'member',
  patienceMs = PATIENCE_MS,
) {
  const invite = role === 'facilitator' ? session.facilitatorInvite : session.memberInvite;
  const joined = await join(url, session.sessionId, invite, name);
  const client = await connect(url, joined.resumeToken, patienceMs);
  await until(
    () =>
      client.state?.participants.some((p) => p.id === joined.participantId && p.present) ?? false,
    `${name} present`,
    patienceMs,
  );
  return { ...joined, client, name };
}

/** Polls a condition (event-driven code under test; no fixed sleeps). */
export async function until(
  check: () => boolean,
  what: string,
  timeoutMs = PATIENCE_MS,
): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Fran facilitating, Pat presenting and Ali, in a Good News round at positive feedback. */
export async function goodNewsAtFeedback(url: string) {
  const session = await createSession(url, { protocol: 'good-news-analysis' });
  const fran = await person(url, session, 'Fran', 'facilitator');
  const pat = await person(url, session, 'Pat');
  const ali = await person(url, session, 'Ali');
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'good-news-analysis',
    phases: 1,
    watchers: [pat.client, ali.client],
  });
  return { session, fran, pat, ali };
}
