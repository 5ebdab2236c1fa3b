import { describe, expect, test } from 'vitest';
import { postAs, signIn, startPeopleServer } from './people-harness.ts';

const SESSIONS = '/api/sessions';

/** Creating a live session needs a signed-in person on one of the server's own pages. */
describe.each(['sqlite', 'postgres'] as const)('creating a session (%s)', (backend) => {
  test('signed out: 401; from another site: 403; signed in: 201', async () => {
    const server = await startPeopleServer(backend);
    const body = { title: 'Thursday group' };

    const signedOut = await postAs(server.url, SESSIONS, { body });
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual({
      ok: false,
      error: { code: 'sign-in-required', message: expect.any(String) },
    });
    const forged = await postAs(server.url, SESSIONS, {
      cookie: 'roundtable.session_token=made-up',
      body,
    });
    expect(forged.status).toBe(401);

    const ada = await signIn(server, 'ada@example.org');
    const crossSite = await postAs(server.url, SESSIONS, {
      cookie: ada,
      body,
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({
      ok: false,
      error: { code: 'cross-site-request' },
    });

    const created = await postAs(server.url, SESSIONS, { cookie: ada, body });
    expect(created.status).toBe(201);
    const session = (await created.json()) as { sessionId: string; memberInvite: string };
    // An ad-hoc meeting for guests, as before: the invite link opens the lobby signed out.
    const lobby = await fetch(
      `${server.url}/api/sessions/${session.sessionId}/lobby?invite=${session.memberInvite}`,
    );
    expect(lobby.status).toBe(200);
    expect(await lobby.json()).toMatchObject({ title: 'Thursday group', role: 'member' });
  });
});

test('a signed-out creation is still counted by the create limit', async () => {
  const server = await startPeopleServer('sqlite', { ROUNDTABLE_RATE_CREATE: '1/60' });
  const body = { title: 'T' };
  expect((await postAs(server.url, SESSIONS, { body })).status).toBe(401);
  const ada = await signIn(server, 'ada@example.org');
  expect((await postAs(server.url, SESSIONS, { cookie: ada, body })).status).toBe(429);
});
