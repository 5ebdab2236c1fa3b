import { request, type IncomingMessage } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import { addCard, createApiClient, LiveClient } from '@roundtable/client';
import { SignJWT } from 'jose';
import { io } from 'socket.io-client';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  createSession,
  goodNewsAtFeedback,
  join,
  person,
  SECRET,
  startAppAt,
  tempDataDir,
  until,
} from './harness.ts';

/**
 * The edges of the live connection with real clients: raw Engine.IO connections that never
 * say who they are, one socket's events in their arrival order whatever the limits, renewals
 * per verified participant, and events the server does not know.
 */
const WINDOW_S = 2;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function server(env: Record<string, string>) {
  return startAppAt(await tempDataDir(), { ROUNDTABLE_LEAVE_GRACE_MS: '100', ...env });
}

type Opened = { status: 101; socket: NetSocket } | { status: number; response: IncomingMessage };

/** A raw Engine.IO WebSocket upgrade that never sends a Socket.IO handshake. */
function rawUpgrade(url: string): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/socket.io/?EIO=4&transport=websocket`, {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('sixteen byte key').toString('base64'),
      },
    });
    req.on('upgrade', (_res, socket) => {
      onTestFinished(() => void socket.destroy());
      resolve({ status: 101, socket });
    });
    req.on('response', (response) => resolve({ status: response.statusCode ?? 0, response }));
    req.on('error', reject);
    req.end();
  });
}

async function bodyOf(response: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of response) text += String(chunk);
  return JSON.parse(text);
}

describe('Engine.IO connections: limited per address before any handshake', () => {
  test('raw WebSockets past the limit get 429 with Retry-After; an honest client gets in after the window', async () => {
    const app = await server({ ROUNDTABLE_RATE_TRANSPORT: `3/${WINDOW_S}` });
    const session = await createSession(app.url);
    const ali = await join(app.url, session.sessionId, session.memberInvite, 'Ali');
    const opened = [];
    for (let i = 0; i < 3; i++) opened.push(await rawUpgrade(app.url));
    expect(opened.map((o) => o.status)).toEqual([101, 101, 101]);
    const refused = await rawUpgrade(app.url);
    expect(refused.status).toBe(429);
    if (!('response' in refused)) throw new Error('expected a refusal');
    const retryAfter = Number(refused.response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_S);
    const body = (await bodyOf(refused.response)) as { error: { retryAfterMs: number } };
    expect(body).toEqual({
      ok: false,
      error: {
        code: 'rate-limited',
        message: expect.stringMatching(/^Too many new connections from your address/),
        retryAfterMs: expect.any(Number),
      },
    });
    // The polling transport's first request is the same kind of new connection.
    const polling = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(429);

    await wait(body.error.retryAfterMs + 50);
    const client = new LiveClient({ url: app.url, token: ali.resumeToken }).connect();
    onTestFinished(() => client.close());
    await until(() => client.welcome !== null && client.state !== null, 'welcome after the window');
  });

  test('an open connection upgrading from polling is not counted again', async () => {
    const app = await server({ ROUNDTABLE_RATE_TRANSPORT: `1/${WINDOW_S}` });
    const session = await createSession(app.url);
    const ali = await join(app.url, session.sessionId, session.memberInvite, 'Ali');
    const socket = io(app.url, {
      auth: { token: ali.resumeToken },
      transports: ['polling', 'websocket'],
      reconnection: false,
    });
    onTestFinished(() => void socket.close());
    await new Promise<void>((resolve, reject) => {
      socket.once('welcome', () => resolve());
      socket.once('connect_error', reject);
    });
    await until(() => socket.io.engine.transport.name === 'websocket', 'upgraded');
    expect(await socket.emitWithAck('clock', 1)).toMatchObject({ clientTime: 1 });
  });
});

describe("one socket's events keep their arrival order whatever the limits", () => {
  test('a card written and next-phase sent in the same tick: the card is accepted first', async () => {
    // Commands unlimited (answered by the limiter at once), sync messages limited (counted).
    const app = await server({ ROUNDTABLE_RATE_COMMANDS: 'off' });
    const { fran } = await goodNewsAtFeedback(app.url);
    await fran.client.flush();
    for (let i = 0; i < 5; i++) {
      addCard(fran.client.docs.board, {
        author: fran.participantId,
        round: 1,
        phase: 'positive-feedback',
        kind: 'positive',
        text: `card ${i}`,
        created: Date.now(),
      });
    }
    const moved = fran.client.command({ type: 'next-phase' });
    expect(await fran.client.flush()).toEqual(Array(5).fill({ ok: true }));
    expect(await moved).toEqual({ ok: true });
  });
});

describe('invite renewals: counted per verified participant', () => {
  const renew = (url: string, sessionId: string, bearer: string) =>
    createApiClient({ baseUrl: url }).rotateInvites(sessionId, bearer);

  test('invented credentials share one budget, by address', async () => {
    const app = await server({ ROUNDTABLE_RATE_RENEWALS: `2/${WINDOW_S}` });
    const session = await createSession(app.url);
    const statuses = [];
    for (const guess of ['guess-1', 'guess-2', 'guess-3'])
      statuses.push((await renew(app.url, session.sessionId, guess)).status);
    expect(statuses).toEqual([401, 401, 429]);
    // A verified facilitator has a budget of their own.
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    expect((await renew(app.url, session.sessionId, fran.resumeToken)).status).toBe(200);
  });

  test('several credentials for one participant share its budget', async () => {
    const app = await server({ ROUNDTABLE_RATE_RENEWALS: `2/${WINDOW_S}` });
    const session = await createSession(app.url);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    // A second valid credential for the same participant, as the server would sign it.
    const second = await new SignJWT({
      typ: 'resume',
      sid: session.sessionId,
      pid: fran.participantId,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('roundtable')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    expect(second).not.toBe(fran.resumeToken);
    expect((await renew(app.url, session.sessionId, second)).status).toBe(200);
    expect((await renew(app.url, session.sessionId, fran.resumeToken)).status).toBe(200);
    expect((await renew(app.url, session.sessionId, second)).status).toBe(429);
  });
});

describe('an event the server does not know', () => {
  test('is answered unknown-event, and counted against its own limit', async () => {
    const app = await server({ ROUNDTABLE_RATE_UNKNOWN_EVENTS: `3/${WINDOW_S}` });
    const session = await createSession(app.url);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    const ask = (event: string, ...args: unknown[]) => fran.client.emitUnchecked(event, ...args);
    expect(await ask('hello', 1)).toEqual({
      ok: false,
      error: { code: 'unknown-event', message: 'No event "hello".' },
    });
    // Without an ack it is dropped, but still counted.
    fran.client.sendUnchecked('hello');
    expect(await ask('board')).toMatchObject({ ok: false, error: { code: 'unknown-event' } });
    expect(await ask('hello')).toEqual({
      ok: false,
      error: {
        code: 'rate-limited',
        message: expect.stringMatching(/^Too many unknown events/),
        retryAfterMs: expect.any(Number),
      },
    });
    // Known events are not counted against it.
    expect(await fran.client.command({ type: 'raise-hand' })).toEqual({ ok: true });
  });
});
