import { afterEach, describe, expect, test, vi } from 'vitest';
import { firstLink } from '../mail/mailpit-inbox.ts';
import {
  mailedToken,
  requestLink,
  sessionCookie,
  sessionOf,
  signIn,
  startPeopleServer,
  verify,
} from './people-harness.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** What a refused link answers: better-auth redirects to `/?error=...` (wire-protocol.md 2.4). */
async function expectRefusedLink(response: Response, error: string) {
  expect(response.status).toBe(302);
  expect(response.headers.get('location')).toMatch(new RegExp(`[?&]error=${error}\\b`));
  expect(response.headers.getSetCookie().join()).not.toContain('roundtable.session_token=');
}

describe.each(['sqlite', 'postgres'] as const)('sign-in by mailed link (%s)', (backend) => {
  test('a link read out of Mailpit signs its person in with an HTTP-only, same-site cookie', async () => {
    const server = await startPeopleServer(backend);
    const asked = await requestLink(server.url, { email: 'ada@example.org' });
    expect(asked.status).toBe(200);

    const mail = await server.inbox.waitForMailTo('ada@example.org');
    expect(mail.Subject).toBe('Your Roundtable sign-in link');
    expect(mail.From.Address).toBe('roundtable@test.example');
    expect(mail.Text).toContain('It works once, within 15 minutes.');
    const token = await mailedToken(server, 'ada@example.org');

    const verified = await verify(server.url, token);
    expect(verified.status).toBe(200);
    const [setCookie] = verified.headers
      .getSetCookie()
      .filter((c) => c.startsWith('roundtable.session_token='));
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    // Served over plain http here: a Secure cookie would never come back.
    expect(setCookie).not.toMatch(/; Secure/i);

    const session = await sessionOf(server.url, sessionCookie(verified));
    expect(session?.user).toMatchObject({ email: 'ada@example.org', role: 'member' });
  });

  test('a link works once', async () => {
    const server = await startPeopleServer(backend);
    expect((await requestLink(server.url, { email: 'ada@example.org' })).status).toBe(200);
    const token = await mailedToken(server, 'ada@example.org');
    expect((await verify(server.url, token)).status).toBe(200);
    await expectRefusedLink(await verify(server.url, token), 'INVALID_TOKEN');
  });

  test('a link stops working when its time is up', async () => {
    const server = await startPeopleServer(backend, { ROUNDTABLE_SIGN_IN_LINK_SECONDS: '60' });
    expect((await requestLink(server.url, { email: 'ada@example.org' })).status).toBe(200);
    expect((await requestLink(server.url, { email: 'bo@example.org' })).status).toBe(200);
    const early = await mailedToken(server, 'ada@example.org');
    const late = await mailedToken(server, 'bo@example.org');

    // The server runs in this process: moving its clock on stands in for waiting a minute.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 58_000);
    expect((await verify(server.url, early)).status).toBe(200);
    vi.setSystemTime(Date.now() + 4_000);
    const expired = await verify(server.url, late);
    vi.useRealTimers();
    await expectRefusedLink(expired, 'INVALID_TOKEN');
  });

  test('signing out ends the session', async () => {
    const server = await startPeopleServer(backend);
    const cookie = await signIn(server, 'ada@example.org');
    const out = await fetch(`${server.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect(await sessionOf(server.url, cookie)).toBeNull();
  });
});

describe('sign-in refuses', () => {
  test('no address, and one that is not an address, with better-auth’s 400 naming the field', async () => {
    const server = await startPeopleServer('sqlite');
    for (const body of [{}, { email: 'not an address' }]) {
      const refused = await requestLink(server.url, body);
      expect(refused.status).toBe(400);
      const answer = (await refused.json()) as { code: string; message: string };
      expect(answer.code).toBe('VALIDATION_ERROR');
      expect(answer.message).toContain('body.email');
    }
    expect(await server.inbox.list()).toEqual([]);
  });

  test('more sign-in mails to one address than its limit, whatever the case', async () => {
    const server = await startPeopleServer('sqlite', { ROUNDTABLE_RATE_SIGN_IN_MAIL: '2/600' });
    for (const email of ['ada@example.org', 'Ada@Example.org'])
      expect((await requestLink(server.url, { email })).status).toBe(200);
    const refused = await requestLink(server.url, { email: 'ADA@example.org' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'rate-limited' });
    // Another address still gets its mail.
    expect((await requestLink(server.url, { email: 'bo@example.org' })).status).toBe(200);
    await server.inbox.waitForMailTo('bo@example.org');
    expect(await server.inbox.listTo('ada@example.org')).toHaveLength(2);
  });

  test('more sign-in mails from one client than its limit, to any addresses', async () => {
    const server = await startPeopleServer('sqlite', { ROUNDTABLE_RATE_SIGN_IN: '3/600' });
    for (const name of ['a', 'b', 'c'])
      expect((await requestLink(server.url, { email: `${name}@example.org` })).status).toBe(200);
    const refused = await requestLink(server.url, { email: 'd@example.org' });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: 'rate-limited' });
    // The address the limits count is the server's to write: a client naming its own is ignored.
    const disguised = await requestLink(
      server.url,
      { email: 'e@example.org' },
      { 'x-roundtable-client-address': '203.0.113.9', 'x-forwarded-for': '203.0.113.9' },
    );
    expect(disguised.status).toBe(429);
  });

  test('a person giving themself the coordinator role through better-auth', async () => {
    const server = await startPeopleServer('sqlite');
    const cookie = await signIn(server, 'ada@example.org');
    await fetch(`${server.url}/api/auth/update-user`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'coordinator' }),
    });
    expect((await sessionOf(server.url, cookie))?.user.role).toBe('member');
  });
});

test('with an https PUBLIC_URL, links point there and the cookie is Secure', async () => {
  const server = await startPeopleServer('sqlite', { PUBLIC_URL: 'https://rt.example.org' });
  expect((await requestLink(server.url, { email: 'ada@example.org' })).status).toBe(200);
  const link = new URL(firstLink((await server.inbox.waitForMailTo('ada@example.org')).Text));
  expect(`${link.origin}${link.pathname}`).toBe('https://rt.example.org/sign-in/confirm');
  const verified = await verify(server.url, link.searchParams.get('token') ?? '');
  expect(verified.status).toBe(200);
  // better-auth names a Secure cookie with the __Secure- prefix, which browsers enforce.
  const cookie = verified.headers.getSetCookie().find((c) => c.includes('session_token='));
  expect(cookie).toMatch(/^__Secure-roundtable\.session_token=.*; Secure/i);
});
