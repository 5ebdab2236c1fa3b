import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import type { ConnectErrorReason } from '@roundtable/wire';
import { SignJWT, type JWTPayload } from 'jose';
import { io } from 'socket.io-client';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  startLoggedApp,
  connect,
  createSession,
  join,
  person,
  SECRET,
  serverEnv,
  startServer,
  tempDataDir,
  until,
} from './harness.ts';

type Refusal = Error & { data?: { code?: unknown; message?: unknown } };

/** Connects a bare Socket.IO client and resolves with the server's refusal. */
function refusal(url: string, auth: Record<string, unknown>): Promise<Refusal> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  onTestFinished(() => void socket.close());
  return new Promise((resolve, reject) => {
    socket.on('connect', () => reject(new Error('connected; expected a refusal')));
    socket.on('connect_error', resolve);
  });
}

async function expectRefused(url: string, token: unknown, reason: ConnectErrorReason) {
  const error = await refusal(url, token === undefined ? {} : { token });
  expect(error.message).toBe(reason);
  // The data carries the code too, as every failure does (wire-protocol.md section 4.2).
  expect(error.data?.code).toBe(reason);
  // A sentence a person can read, not the code again.
  expect(error.data?.message).toMatch(/^[A-Z][^.]* [^.]*\.( .*)?$/);
}

/** A token shaped like the server's own, with whatever secret, claims and expiry we choose. */
function sign(
  claims: JWTPayload,
  { secret = SECRET, expiresAt = Date.now() / 1000 + 3600 } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('roundtable')
    .setIssuedAt(Math.floor(expiresAt) - 7200)
    .setExpirationTime(Math.floor(expiresAt))
    .sign(new TextEncoder().encode(secret));
}

describe('the Socket.IO handshake refuses bad credentials with a reason', () => {
  test('missing, garbled, foreign, expired, revoked, or for no session', async () => {
    const app = await startServer();
    const session = await createSession(app.url);
    const ali = await join(app.url, session.sessionId, session.memberInvite, 'Ali');
    const resume = { typ: 'resume', sid: session.sessionId, pid: ali.participantId };

    // The hand-made signer is right: with the server's secret and a future expiry it gets in.
    const control = await connect(app.url, await sign(resume));
    expect(control.participantId).toBe(ali.participantId);

    await expectRefused(app.url, undefined, 'token-missing');
    await expectRefused(app.url, '', 'token-missing');
    await expectRefused(app.url, 'not-a-token', 'token-invalid');
    const otherSecret = 'another-secret-that-is-also-long-enough-for-hs256';
    await expectRefused(app.url, await sign(resume, { secret: otherSecret }), 'token-invalid');
    await expectRefused(app.url, session.memberInvite, 'token-invalid');
    await expectRefused(app.url, session.facilitatorInvite, 'token-invalid');
    const past = Date.now() / 1000 - 60;
    await expectRefused(app.url, await sign(resume, { expiresAt: past }), 'token-expired');
    await expectRefused(app.url, await sign({ ...resume, pid: randomUUID() }), 'token-revoked');
    const elsewhere = { typ: 'resume', sid: randomUUID(), pid: ali.participantId };
    await expectRefused(app.url, await sign(elsewhere), 'session-not-found');
  });
});

const post = (url: string, body: unknown, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });

describe('renewing the invite links', () => {
  test('only the facilitator may; old links are revoked, new ones work, members stay', async () => {
    const app = await startServer();
    const session = await createSession(app.url);
    const other = await createSession(app.url);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    const ali = await person(app.url, session, 'Ali');
    const stranger = await join(app.url, other.sessionId, other.facilitatorInvite, 'Sam');
    const rotate = `${app.url}/api/sessions/${session.sessionId}/invites`;

    expect((await post(rotate, {})).status).toBe(401);
    const byMember = await post(rotate, {}, ali.resumeToken);
    expect(byMember.status).toBe(403);
    expect(await byMember.json()).toMatchObject({ ok: false, error: { code: 'not-facilitator' } });
    const byStranger = await post(rotate, {}, stranger.resumeToken);
    expect(byStranger.status).toBe(401);
    expect(await byStranger.json()).toMatchObject({ ok: false, error: { code: 'token-invalid' } });

    const renewed = await post(rotate, {}, fran.resumeToken);
    expect(renewed.status).toBe(200);
    const fresh = (await renewed.json()) as Record<string, string>;
    expect(fresh.memberLink).toContain(fresh.memberInvite);
    expect(fresh.memberInvite).not.toBe(session.memberInvite);

    const lobby = (invite: string) =>
      fetch(`${app.url}/api/sessions/${session.sessionId}/lobby?invite=${invite}`);
    const joinWith = (invite: string) =>
      post(`${app.url}/api/sessions/${session.sessionId}/join`, {
        invite,
        name: 'Late',
        acceptRules: true,
      });
    for (const old of [session.memberInvite, session.facilitatorInvite]) {
      for (const res of [await lobby(old), await joinWith(old)]) {
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ ok: false, error: { code: 'token-revoked' } });
      }
    }
    expect(await (await lobby(fresh.memberInvite!)).json()).toMatchObject({ role: 'member' });
    const late = await joinWith(fresh.memberInvite!);
    expect(late.status).toBe(201);
    await connect(app.url, ((await late.json()) as { resumeToken: string }).resumeToken);
    await until(() => ali.client.state?.participants.length === 3, 'the late joiner arrives');
    // Renewing links does not turn away people already in: Ali's credential still connects.
    expect(ali.client.connected).toBe(true);
    expect((await connect(app.url, ali.resumeToken)).participantId).toBe(ali.participantId);

    // The right follows the role, not the link: after a hand-over Ali may renew and Fran not.
    expect(await fran.client.command({ type: 'hand-facilitation', to: ali.participantId })).toEqual(
      { ok: true },
    );
    expect((await post(rotate, {}, fran.resumeToken)).status).toBe(403);
    expect((await post(rotate, {}, ali.resumeToken)).status).toBe(200);
  });
});

describe('one participant in several tabs', () => {
  const presentIn = (p: Awaited<ReturnType<typeof person>>, id: string) =>
    p.client.state?.participants.find((x) => x.id === id)?.present;

  test('a second tab is the same participant, and closing one tab keeps them present', async () => {
    // No grace period: presence must come from counting tabs, not from a timer.
    const app = await startServer({ leaveGraceMs: 0 });
    const session = await createSession(app.url);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    const pat = await person(app.url, session, 'Pat');
    const bo = await person(app.url, session, 'Bo');
    const cy = await person(app.url, session, 'Cy');
    let patSeenAway = false;
    fran.client.on('state', (s) => {
      if (s?.participants.find((p) => p.id === pat.participantId)?.present === false)
        patSeenAway = true;
    });

    const second = await connect(app.url, pat.resumeToken);
    expect(second.participantId).toBe(pat.participantId);
    pat.client.close();
    // Witnesses: Bo's and then Cy's leave are seen only after Pat's first tab had time to count.
    bo.client.close();
    await until(() => presentIn(fran, bo.participantId) === false, 'Bo has left');
    cy.client.close();
    await until(() => presentIn(fran, cy.participantId) === false, 'Cy has left');

    expect(patSeenAway).toBe(false);
    expect(presentIn(fran, pat.participantId)).toBe(true);
    expect(fran.client.state?.participants.map((p) => p.name)).toEqual(['Fran', 'Pat', 'Bo', 'Cy']);
    second.close();
    await until(() => presentIn(fran, pat.participantId) === false, 'Pat leaves with the last tab');
  });

  test('a reloaded tab comes back as the same participant within the grace period', async () => {
    const app = await startServer({ leaveGraceMs: 300 });
    const session = await createSession(app.url);
    const fran = await person(app.url, session, 'Fran', 'facilitator');
    const pat = await person(app.url, session, 'Pat');
    const bo = await person(app.url, session, 'Bo');
    const events: string[] = [];
    fran.client.on('events', (list) => events.push(...list.map((e) => e.type)));

    pat.client.close();
    const reloaded = await connect(app.url, pat.resumeToken);
    expect(reloaded.participantId).toBe(pat.participantId);
    // Queued after any join the reconnection caused, so its event arrives after that one's.
    expect(await reloaded.command({ type: 'raise-hand' })).toEqual({ ok: true });
    await until(() => events.includes('hand-raised'), 'the raised hand reaches Fran');
    // Bo's leave is due one grace period after he closes, later than Pat's would have been.
    bo.client.close();
    await until(() => presentIn(fran, bo.participantId) === false, 'Bo has left');

    expect(presentIn(fran, pat.participantId)).toBe(true);
    expect(fran.client.state?.participants).toHaveLength(3);
    expect(events.filter((e) => e === 'participant-left')).toHaveLength(1);
    expect(events).not.toContain('participant-joined');
  });
});

describe('the signing secret', () => {
  test('is generated on first start, kept in the data directory, and outlives a restart', async () => {
    const dataDir = await tempDataDir();
    const env = serverEnv(dataDir);
    delete env.ROUNDTABLE_SECRET;
    const first = await startLoggedApp({ env });
    const session = await createSession(first.url);
    const joined = await join(first.url, session.sessionId, session.memberInvite, 'Ali');
    await first.close();

    const key = joinPath(dataDir, 'secret.key');
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    expect((await readFile(key, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    const second = await startLoggedApp({ env });
    onTestFinished(() => second.close());
    // Links and credentials signed before the restart still work after it.
    const client = await connect(second.url, joined.resumeToken);
    expect(client.participantId).toBe(joined.participantId);
    const lobby = await fetch(
      `${second.url}/api/sessions/${session.sessionId}/lobby?invite=${session.memberInvite}`,
    );
    expect(lobby.status).toBe(200);
  });

  test('from the environment must be long enough to sign with', async () => {
    const env = { ...serverEnv(await tempDataDir()), ROUNDTABLE_SECRET: 'too-short' };
    await expect(startLoggedApp({ env })).rejects.toThrow(/at least 32 characters/);
  });
});
