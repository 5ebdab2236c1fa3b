import type { BrowserContext, Page } from 'playwright-core';
import { printedLink, signedInHeaders } from '../../apps/server/test/people/sign-in-from-log.ts';
import type { RunningServer } from './server.ts';

/**
 * Signs a browser context in as the host with the cookie of the server's one sign-in
 * (sign-in-from-log.ts, the real magic-link flow): for tests about rooms, not about signing in.
 */
export async function signInContext(context: BrowserContext, origin: string): Promise<void> {
  const { cookie } = await signedInHeaders(origin);
  const split = cookie.indexOf('=');
  await context.addCookies([
    { name: cookie.slice(0, split), value: cookie.slice(split + 1), url: origin },
  ]);
}

/**
 * Signs in on the page that is showing the sign-in form, as a person does: their address, then
 * the link of the mail (printed, on a server with MAIL=off) and the confirm page's button.
 */
export async function signInThroughPages(
  page: Page,
  server: RunningServer,
  email: string,
): Promise<void> {
  const from = server.output().length;
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await page.goto(await printedLink(server.output, from, email));
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'You are signed in' }).waitFor();
}
