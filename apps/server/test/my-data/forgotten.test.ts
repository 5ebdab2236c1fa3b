import { createApiClient, valueOf, type LiveClient } from '@roundtable/client';
import { FORMER_MEMBER } from '@roundtable/protocol';
import { io } from 'socket.io-client';
import { describe, expect, onTestFinished, test } from 'vitest';
import { person, until, type BackendName } from '../live/harness.ts';
import { postAs } from '../people/people-harness.ts';
import { ADA, BO, linkToPeople, startMyDataServer, type MyDataServer } from './my-data-harness.ts';

type Refusal = Error & { data?: { code?: unknown; message?: unknown } };

/** A bare Socket.IO handshake with `token`, resolving with the server's refusal. */
function refusal(url: string, token: string): Promise<Refusal> {
  const socket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  onTestFinished(() => void socket.close());
  return new Promise((resolve, reject) => {
    socket.on('connect', () => reject(new Error('connected; expected a refusal')));
    socket.on('connect_error', resolve);
  });
}

/** What the server answers a request carrying `token` as its bearer credential. */
async function withBearer(url: string, method: 'GET' | 'POST', path: string, token: string) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** Every time the client lost or was refused its connection, with the reason it was given. */
function refusalsOf(client: LiveClient): string[] {
  const reasons: string[] = [];
  client.on('connection', (connected, reason) => {
    if (!connected) reasons.push(reason ?? '');
  });
  return reasons;
}

/** A running session Ada (signed in) facilitates with Bo, both connected and linked to their person. */
async function runningMeeting(server: MyDataServer, cookies: { ada: string }) {
  const { url } = server;
  const api = createApiClient({ baseUrl: url, headers: { cookie: cookies.ada, origin: url } });
  const session = valueOf(
    await api.createSession({ title: 'Circle A, meeting 2', protocol: 'good-news-analysis' }),
    'create session',
  );
  const ada = await person(url, session, 'Ada', 'facilitator');
  const bo = await person(url, session, 'Bo');
  await linkToPeople(server, session.sessionId, [
    [ada.participantId, ADA],
    [bo.participantId, BO],
  ]);
  return { session, ada, bo };
}

const REVOKED = {
  ok: false,
  error: { code: 'token-revoked', message: expect.stringMatching(/account was deleted/) },
};

describe.each<BackendName>(['sqlite', 'postgres'])(
  'a deleted account in a session (%s)',
  (backend) => {
    test('its connected client is closed and kept out, it leaves the room, and its credential is refused', async () => {
      const server = await startMyDataServer(backend);
      const cookies = { ada: await server.signIn(ADA) };
      await server.signIn(BO);
      const { session, ada, bo } = await runningMeeting(server, cookies);
      const sid = session.sessionId;
      const invites = `/api/sessions/${sid}/invites`;
      // Before: the credential works over HTTP too, so what follows is the deletion's doing.
      expect((await withBearer(server.url, 'POST', invites, ada.resumeToken)).status).toBe(200);
      const reasons = refusalsOf(ada.client);

      const deleted = await postAs(server.url, '/api/me/delete', {
        cookie: cookies.ada,
        body: { confirmEmail: ADA },
      });
      expect(deleted.status).toBe(200);

      // Closed by the server; its own reconnection is then refused, and it stops trying.
      await until(() => reasons.includes('token-revoked'), "Ada's client refused on reconnecting");
      expect(reasons[0]).toBe('io server disconnect');
      expect(ada.client.connected).toBe(false);
      ada.client.connect();
      await until(() => reasons.length === 3, 'a second reconnection refused');
      expect(reasons[2]).toBe('token-revoked');
      expect(ada.client.connected).toBe(false);

      // She left as anyone who goes does: Bo, the one left, now facilitates.
      const seen = () => bo.client.state?.participants.find((p) => p.id === ada.participantId);
      await until(() => seen()?.present === false, 'Bo sees Ada gone');
      expect(seen()?.name).toBe(FORMER_MEMBER);
      expect(bo.client.state?.facilitator).toBe(bo.participantId);

      const refused = await refusal(server.url, ada.resumeToken);
      expect(refused.message).toBe('token-revoked');
      expect(refused.data).toEqual(REVOKED.error);
      for (const [method, path] of [
        ['GET', `/api/sessions/${sid}/notes.md`],
        ['GET', `/api/sessions/${sid}/takeaways.md`],
        ['POST', invites],
      ] as const)
        expect(await withBearer(server.url, method, path, ada.resumeToken)).toEqual({
          status: 401,
          body: REVOKED,
        });
      // Bo's credential is his own and still works.
      expect((await withBearer(server.url, 'POST', invites, bo.resumeToken)).status).toBe(200);

      // It is stored, not remembered: after a restart the credential is still refused.
      const restarted = await server.restart();
      expect((await refusal(restarted.url, ada.resumeToken)).data).toEqual(REVOKED.error);
      const row = await restarted.store.db
        .selectFrom('participants')
        .select('forgotten_at')
        .where('id', '=', ada.participantId)
        .executeTakeFirstOrThrow();
      expect(row.forgotten_at).toEqual(expect.any(Number));
    });
  },
);
