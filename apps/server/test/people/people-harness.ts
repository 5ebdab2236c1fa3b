import { expect, onTestFinished } from 'vitest';
import type { App } from '../../src/app.ts';
import { startAppAt, tempDataDir, type BackendName } from '../live/harness.ts';
import { firstLink, type MailpitInbox } from '../mail/mailpit-inbox.ts';
import { startTestMailpit } from '../mail/test-mailpit.ts';
import { postgresBackend } from '../store/backends.ts';
import { sessionCookie } from './sign-in-from-log.ts';

export { sessionCookie };

export interface PeopleServer {
  readonly app: App;
  readonly url: string;
  readonly inbox: MailpitInbox;
  /** Starts the server again over the same database and mail (close the first one before). */
  restart(): Promise<App>;
}

/**
 * A real server on port 0 with its own database (either backend), sending its mail through a
 * real Mailpit of the test's own, all torn down when the test ends.
 */
export async function startPeopleServer(
  backend: BackendName,
  extra: Record<string, string> = {},
): Promise<PeopleServer> {
  const mailpit = await startTestMailpit();
  const env: Record<string, string> = {
    MAIL: '',
    SMTP_URL: mailpit.smtpUrl,
    MAIL_FROM: 'Roundtable <roundtable@test.example>',
    ...extra,
  };
  if (backend === 'postgres') {
    const db = await postgresBackend.create();
    // Registered before the app, so it runs after the app has closed (hooks run last-in first).
    onTestFinished(() => db.dispose());
    env.DATABASE_URL = db.options.databaseUrl ?? '';
  }
  const dataDir = await tempDataDir();
  const app = await startAppAt(dataDir, env);
  return { app, url: app.url, inbox: mailpit.inbox, restart: () => startAppAt(dataDir, env) };
}

/** Asks for a sign-in link the way the sign-in page does. */
export function requestLink(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/api/auth/sign-in/magic-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...headers },
    body: JSON.stringify(body),
  });
}

/** The token of the newest sign-in mail to `email`, read out of Mailpit. */
export async function mailedToken(server: PeopleServer, email: string): Promise<string> {
  const mail = await server.inbox.waitForMailTo(email);
  const link = new URL(firstLink(mail.Text));
  expect(`${link.origin}${link.pathname}`).toBe(`${server.url}/sign-in/confirm`);
  const token = link.searchParams.get('token');
  if (!token) throw new Error(`No token in ${link.toString()}`);
  return token;
}

/**
 * What the confirm page's button does: verifies the token; the answer sets the cookie. A
 * refused token is a redirect (to `/?error=...`), returned as it is rather than followed.
 */
export function verify(url: string, token: string): Promise<Response> {
  return fetch(`${url}/api/auth/magic-link/verify?token=${encodeURIComponent(token)}`, {
    headers: { origin: url },
    redirect: 'manual',
  });
}

/** Requests a link for `email`, follows it, and returns the signed-in cookie. */
export async function signIn(server: PeopleServer, email: string): Promise<string> {
  expect((await requestLink(server.url, { email })).status).toBe(200);
  const response = await verify(server.url, await mailedToken(server, email));
  expect(response.status).toBe(200);
  return sessionCookie(response);
}

/** Who `cookie` signs in, as better-auth's get-session answers; null when nobody. */
export async function sessionOf(
  url: string,
  cookie: string,
): Promise<{ user: { email: string; role: string; id: string } } | null> {
  const response = await fetch(`${url}/api/auth/get-session`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as { user: { email: string; role: string; id: string } } | null;
}

/** A POST to one of our routes as a page of `origin` signed in with `cookie` would send it. */
export function postAs(
  url: string,
  path: string,
  o: { cookie?: string; body: unknown; origin?: string },
): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    origin: o.origin ?? url,
  };
  if (o.cookie) headers.cookie = o.cookie;
  return fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(o.body) });
}
