import { API_ROUTES } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import { postAs, sessionOf, signIn, startPeopleServer } from './people-harness.ts';

const SETUP = API_ROUTES.claimSetup.path;
const COORDINATORS = API_ROUTES.addCoordinator.path;

const setupToken = (link: string | null) => new URL(link ?? 'http://x/').searchParams.get('token');

describe.each(['sqlite', 'postgres'] as const)('coordinators (%s)', (backend) => {
  test('the setup link makes the first coordinator once, and is not printed again', async () => {
    const server = await startPeopleServer(backend);
    expect(server.app.setupLink).toMatch(new RegExp(`^${server.url}/setup\\?token=[\\w-]{43}$`));
    const token = setupToken(server.app.setupLink);

    const ada = await signIn(server, 'ada@example.org');
    expect((await sessionOf(server.url, ada))?.user.role).toBe('member');
    const claimed = await postAs(server.url, SETUP, { cookie: ada, body: { token } });
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toMatchObject({
      person: { email: 'ada@example.org', role: 'coordinator' },
    });
    expect((await sessionOf(server.url, ada))?.user.role).toBe('coordinator');

    const bo = await signIn(server, 'bo@example.org');
    const again = await postAs(server.url, SETUP, { cookie: bo, body: { token } });
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'invalid-setup-link' } });
    expect((await sessionOf(server.url, bo))?.user.role).toBe('member');

    await server.app.close();
    const restarted = await server.restart();
    expect(restarted.setupLink).toBeNull();
  });

  test('a coordinator makes another person coordinator; a member cannot', async () => {
    const server = await startPeopleServer(backend);
    const token = setupToken(server.app.setupLink);
    const ada = await signIn(server, 'ada@example.org');
    expect((await postAs(server.url, SETUP, { cookie: ada, body: { token } })).status).toBe(200);
    const bo = await signIn(server, 'bo@example.org');
    const cy = await signIn(server, 'cy@example.org');

    const byMember = await postAs(server.url, COORDINATORS, {
      cookie: bo,
      body: { email: 'cy@example.org' },
    });
    expect(byMember.status).toBe(403);
    expect(await byMember.json()).toMatchObject({ error: { code: 'not-coordinator' } });
    expect((await sessionOf(server.url, cy))?.user.role).toBe('member');

    // Addresses are matched whatever their case.
    const made = await postAs(server.url, COORDINATORS, {
      cookie: ada,
      body: { email: ' Bo@Example.org ' },
    });
    expect(made.status).toBe(200);
    expect((await sessionOf(server.url, bo))?.user.role).toBe('coordinator');

    const unknown = await postAs(server.url, COORDINATORS, {
      cookie: ada,
      body: { email: 'nobody@example.org' },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'person-not-found' } });
  });
});

describe('the people routes refuse', () => {
  test('a signed-out visitor, another site, and a body that is not an address', async () => {
    const server = await startPeopleServer('sqlite');
    const signedOut = await postAs(server.url, SETUP, { body: { token: 'x' } });
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({
      ok: false,
      error: { code: 'sign-in-required' },
    });

    const ada = await signIn(server, 'ada@example.org');
    const token = setupToken(server.app.setupLink);
    const crossSite = await postAs(server.url, SETUP, {
      cookie: ada,
      body: { token },
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'cross-site-request' } });
    // The refused request used nothing up.
    expect((await postAs(server.url, SETUP, { cookie: ada, body: { token } })).status).toBe(200);

    const bad = await postAs(server.url, COORDINATORS, {
      cookie: ada,
      body: { email: 'not an address', extra: 1 },
    });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['email', 'extra']);
  });
});
