import { describe, expect, test } from 'vitest';
import {
  mailedToken,
  requestLink,
  sessionCookie,
  sessionOf,
  startPeopleServer,
  verify,
} from './people-harness.ts';

describe.each(['sqlite', 'postgres'] as const)('sign-in by mailed link (%s)', (backend) => {
  test('a link read out of Mailpit signs its person in with an HTTP-only, same-site cookie', async () => {
    const server = await startPeopleServer(backend);
    const asked = await requestLink(server.url, { email: 'ada@example.org' });
    expect(asked.status).toBe(200);

    const mail = await server.inbox.waitForMailTo('ada@example.org');
    expect(mail.Subject).toBe('Your Roundtable sign-in link');
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
});
