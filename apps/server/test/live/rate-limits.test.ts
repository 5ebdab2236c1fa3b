import { LiveClient } from '@roundtable/client';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  createSession,
  join,
  person,
  signedInHeaders,
  startAppAt,
  tempDataDir,
  until,
} from './harness.ts';

/**
 * Each limit exceeded with real clients, on a server whose limit is small and whose window is
 * short (2 s): refused with `rate-limited` and how long to wait, then accepted again after it.
 */
const WINDOW = '2';

async function serverLimiting(env: Record<string, string>) {
  return startAppAt(await tempDataDir(), { ROUNDTABLE_LEAVE_GRACE_MS: '100', ...env });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PATIENCE_MS = 3000;

function rawSocket(url: string, token: string): Socket {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  onTestFinished(() => void socket.close());
  return socket;
}

function welcomed(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('welcome', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** A joined participant on a raw socket, present in the room. */
async function rawParticipant(url: string) {
  const session = await createSession(url);
  const joined = await join(url, session.sessionId, session.memberInvite, 'Ali');
  const socket = rawSocket(url, joined.resumeToken);
  await welcomed(socket);
  return { session, joined, socket };
}

const RATE_LIMITED = {
  ok: false,
  error: {
    code: 'rate-limited',
    message: expect.stringMatching(/^Too many/),
    retryAfterMs: expect.any(Number),
  },
};

describe('HTTP: 429 with Retry-After past a client address limit, accepted after the window', () => {
  const post = async (url: string, body: object, bearer?: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // Creating a session needs a signed-in page of the server (signed in once per server).
        ...(url.endsWith('/api/sessions') ? await signedInHeaders(new URL(url).origin) : {}),
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(body),
    });

  const routes: [string, string, (url: string) => Promise<() => Promise<Response>>, number][] = [
    [
      'create',
      'ROUNDTABLE_RATE_CREATE',
      async (url) => () => post(`${url}/api/sessions`, { title: 'T' }),
      201,
    ],
    [
      'join',
      'ROUNDTABLE_RATE_JOIN',
      async (url) => {
        const s = await createSession(url);
        return () =>
          post(`${url}/api/sessions/${s.sessionId}/join`, {
            invite: s.memberInvite,
            name: 'Ali',
            acceptRules: true,
          });
      },
      201,
    ],
    [
      'lobby',
      'ROUNDTABLE_RATE_LOBBY',
      async (url) => {
        const s = await createSession(url);
        return () => fetch(`${url}/api/sessions/${s.sessionId}/lobby?invite=${s.memberInvite}`);
      },
      200,
    ],
    ...(['ROUNDTABLE_RATE_INVITES', 'ROUNDTABLE_RATE_RENEWALS'] as const).map(
      (variable) =>
        [
          `invites (${variable})`,
          variable,
          async (url: string) => {
            const s = await createSession(url);
            const fran = await person(url, s, 'Fran', 'facilitator');
            return () => post(`${url}/api/sessions/${s.sessionId}/invites`, {}, fran.resumeToken);
          },
          200,
        ] as [string, string, (url: string) => Promise<() => Promise<Response>>, number],
    ),
  ];

  test.each(routes)('%s', async (_route, variable, arrange, accepted) => {
    const app = await serverLimiting({ [variable]: `2/${WINDOW}` });
    const request = await arrange(app.url);
    expect((await request()).status).toBe(accepted);
    expect((await request()).status).toBe(accepted);
    const refused = await request();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    const body = (await refused.json()) as { error: { retryAfterMs: number } };
    expect(body).toEqual({
      ok: false,
      error: {
        code: 'rate-limited',
        message: expect.stringMatching(/^Too many .*; try again in \d+ s\.$/),
        retryAfterMs: expect.any(Number),
      },
    });
    expect(body.error.retryAfterMs).toBeLessThanOrEqual(2000);
    await wait(body.error.retryAfterMs + 50);
    expect((await request()).status).toBe(accepted);
  });

  test('an exempt address is never limited by address', async () => {
    const app = await serverLimiting({
      ROUNDTABLE_RATE_CREATE: `1/${WINDOW}`,
      ROUNDTABLE_RATE_EXEMPT: '127.0.0.1',
    });
    for (let i = 0; i < 4; i++)
      expect((await post(`${app.url}/api/sessions`, { title: 'T' })).status).toBe(201);
  });

  test('X-Forwarded-For counts only when a proxy is trusted', async () => {
    const create = async (url: string, from: string) =>
      fetch(`${url}/api/sessions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': from,
          ...(await signedInHeaders(url)),
        },
        body: JSON.stringify({ title: 'T' }),
      });
    const direct = await serverLimiting({ ROUNDTABLE_RATE_CREATE: `1/${WINDOW}` });
    expect((await create(direct.url, '198.51.100.1')).status).toBe(201);
    // A client writing another address gains nothing: the header is not believed.
    expect((await create(direct.url, '198.51.100.2')).status).toBe(429);
    const proxied = await serverLimiting({
      ROUNDTABLE_RATE_CREATE: `1/${WINDOW}`,
      ROUNDTABLE_TRUST_PROXY: '1',
    });
    expect((await create(proxied.url, '198.51.100.1')).status).toBe(201);
    expect((await create(proxied.url, '198.51.100.2')).status).toBe(201);
    expect((await create(proxied.url, '6.6.6.6, 198.51.100.1')).status).toBe(429);
  });
});

describe('Socket.IO: an ack says rate-limited past a participant limit, accepted after the window', () => {
  const events: [string, string, unknown[], unknown][] = [
    ['clock', 'ROUNDTABLE_RATE_CLOCK', [1], { clientTime: 1, serverTime: expect.any(Number) }],
    ['sync', 'ROUNDTABLE_RATE_SYNC', ['board', new Uint8Array([0, 1, 0])], { ok: true }],
    [
      'media-token',
      'ROUNDTABLE_RATE_MEDIA_TOKEN',
      [],
      { ok: false, error: { code: 'media-unavailable' } },
    ],
    [
      'command',
      'ROUNDTABLE_RATE_COMMANDS',
      [{ type: 'lower-hand' }],
      { ok: false, error: { code: 'hand-not-raised' } },
    ],
  ];

  test.each(events)('%s', async (event, variable, args, answer) => {
    const app = await serverLimiting({ [variable]: `2/${WINDOW}` });
    const { socket } = await rawParticipant(app.url);
    const send = () => socket.timeout(PATIENCE_MS).emitWithAck(event, ...args);
    expect(await send()).toMatchObject(answer as object);
    expect(await send()).toMatchObject(answer as object);
    const refused = (await send()) as { error: { retryAfterMs: number } };
    expect(refused).toEqual(RATE_LIMITED);
    expect(refused.error.retryAfterMs).toBeLessThanOrEqual(2000);
    await wait(refused.error.retryAfterMs + 50);
    expect(await send()).toMatchObject(answer as object);
  });

  test('a refused command changes nothing', async () => {
    const app = await serverLimiting({ ROUNDTABLE_RATE_COMMANDS: `1/${WINDOW}` });
    const session = await createSession(app.url);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    expect(await fran.client.command({ type: 'raise-hand' })).toEqual({ ok: true });
    expect(await fran.client.command({ type: 'lower-hand' })).toEqual(RATE_LIMITED);
    await fran.client.ask('clock', Date.now());
    expect(fran.client.state?.hands).toEqual([fran.participantId]);
  });

  test('bytes of sync messages are a budget of their own, and a refusal sends no resync', async () => {
    const app = await serverLimiting({ ROUNDTABLE_RATE_SYNC_BYTES: `1100000/${WINDOW}` });
    const { socket } = await rawParticipant(app.url);
    let resyncs = 0;
    socket.on('resync', () => resyncs++);
    // An oversized update is refused for its size, but its bytes still count.
    const big = new Uint8Array(700_000);
    big[0] = 2;
    expect(await socket.emitWithAck('sync', 'board', big)).toMatchObject({
      ok: false,
      error: { code: 'too-large' },
    });
    expect(resyncs).toBe(1);
    expect(await socket.emitWithAck('sync', 'board', big)).toEqual(RATE_LIMITED);
    // Step 1 of the next sync is still refused while the budget is spent.
    expect(await socket.emitWithAck('sync', 'board', new Uint8Array([0, 1, 0]))).toEqual(
      RATE_LIMITED,
    );
    expect(resyncs).toBe(1);
  });

  test('awareness over the limit is dropped, and relayed again after the window', async () => {
    const app = await serverLimiting({ ROUNDTABLE_RATE_AWARENESS: `2/${WINDOW}` });
    const session = await createSession(app.url);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    const ali = await join(app.url, session.sessionId, session.memberInvite, 'Ali');
    const socket = rawSocket(app.url, ali.resumeToken);
    await welcomed(socket);
    const relayed: number[] = [];
    fran.client.onServer('awareness', (update) => relayed.push(new Uint8Array(update)[0]!));
    const started = Date.now();
    for (const n of [1, 2, 3, 4]) socket.emit('awareness', new Uint8Array([n]));
    await until(() => relayed.length === 2, 'two relayed');
    // Far into the window the dropped ones have still not come.
    await socket.timeout(PATIENCE_MS).emitWithAck('clock', 1);
    expect(relayed).toEqual([1, 2]);
    await wait(Math.max(0, 2050 - (Date.now() - started)));
    socket.emit('awareness', new Uint8Array([5]));
    await until(() => relayed.length === 3, 'relayed again');
    expect(relayed).toEqual([1, 2, 5]);
  });
});

describe('Socket.IO handshakes: limited per client address', () => {
  test('refused handshakes count too, so guessing credentials is bounded', async () => {
    const app = await serverLimiting({ ROUNDTABLE_RATE_CONNECT: `2/${WINDOW}` });
    const session = await createSession(app.url);
    const ali = await join(app.url, session.sessionId, session.memberInvite, 'Ali');
    const attempt = (token: string) =>
      welcomed(rawSocket(app.url, token)).then(
        () => 'welcome',
        (error: Error) => error.message,
      );
    expect(await attempt('a-guess')).toBe('token-invalid');
    expect(await attempt('another-guess')).toBe('token-invalid');
    expect(await attempt(ali.resumeToken)).toBe('rate-limited');
  });

  test('refused with connect_error rate-limited, and the reference client gets in by itself', async () => {
    const app = await serverLimiting({ ROUNDTABLE_RATE_CONNECT: `2/${WINDOW}` });
    const session = await createSession(app.url);
    const ali = await join(app.url, session.sessionId, session.memberInvite, 'Ali');
    await welcomed(rawSocket(app.url, ali.resumeToken));
    await welcomed(rawSocket(app.url, ali.resumeToken));
    const refused = await welcomed(rawSocket(app.url, ali.resumeToken)).catch(
      (error: Error & { data?: unknown }) => error,
    );
    expect(refused).toMatchObject({
      message: 'rate-limited',
      data: {
        message: expect.stringMatching(/^Too many connections/),
        retryAfterMs: expect.any(Number),
      },
    });
    // LiveClient waits as long as it was told to, then connects.
    const client = new LiveClient({ url: app.url, token: ali.resumeToken }).connect();
    onTestFinished(() => client.close());
    await until(() => client.connected && client.state !== null, 'connected after the wait', 5000);
  });
});

describe('the reference client, rate-limited while syncing', () => {
  test('starts the document over once the limit has room, and agrees with the server again', async () => {
    // Six messages for the connection's handshake (three step 1s, three step 2s), one edit.
    const app = await serverLimiting({ ROUNDTABLE_RATE_SYNC: `7/${WINDOW}` });
    const session = await createSession(app.url);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    await fran.client.flush();
    const notes = fran.client.docs.notes.getText('text');
    const rejected = new Promise<string>((resolve) =>
      fran.client.on('rejected', (_doc, error) => resolve(error.code)),
    );
    notes.insert(0, 'one');
    notes.insert(3, ' two');
    expect(await fran.client.flush()).toEqual([{ ok: true }, RATE_LIMITED]);
    expect(await rejected).toBe('rate-limited');
    // The server kept what it accepted; the client's copy is the server's again.
    await until(
      () => fran.client.docs.notes.getText('text').toString() === 'one',
      'notes resynced',
    );
    const client = new LiveClient({ url: app.url, token: fran.resumeToken }).connect();
    onTestFinished(() => client.close());
    await until(
      () => client.docs.notes.getText('text').toString() === 'one',
      'a second tab agrees',
    );
    expect(Y.encodeStateVector(client.docs.notes)).toEqual(
      Y.encodeStateVector(fran.client.docs.notes),
    );
  });
});
