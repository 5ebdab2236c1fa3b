import type { Browser } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from '../support/fixtures.ts';
import { watchPolicyViolations, type PolicyReport } from '../support/policy-violations.ts';
import {
  addCard,
  card,
  enterRoom,
  facilitate,
  newScreen,
  startRound,
  startSession,
  waitForPhase,
  type Person,
} from '../support/room.ts';

/** A person whose every page reports what its policies refused. */
async function watchedPerson(
  browser: Browser,
  origin: string,
  name: string,
): Promise<Person & { reports: PolicyReport[] }> {
  const context = await newScreen(browser, origin);
  const reports = await watchPolicyViolations(context);
  return { name, context, page: await context.newPage(), reports };
}

describe('the pages under their Content-Security-Policy', () => {
  test(
    'start, lobby and room work, and nothing is refused',
    { timeout: 90_000 },
    async ({ browser, server }) => {
      const fay = await watchedPerson(browser, server.url, 'Fay');
      const pat = await watchedPerson(browser, server.url, 'Pat');
      const ben = await watchedPerson(browser, server.url, 'Ben');
      try {
        const response = await fay.page.goto(`${server.url}/`);
        expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
        const links = await startSession(fay.page, server.url, {
          title: 'Policy check',
          protocol: 'Good News Analysis',
        });
        await enterRoom(fay.page, links.facilitatorLink, 'Fay');
        await enterRoom(pat.page, links.memberLink, 'Pat');
        await enterRoom(ben.page, links.memberLink, 'Ben');

        // The room works: Socket.IO connects, commands go through, cards travel.
        await startRound(fay.page, { protocol: 'Good News Analysis', presenter: 'Pat' });
        await waitForPhase(ben.page, 'Story');
        await fay.page
          .getByTestId('facilitator-console')
          .getByRole('button', { name: /^Next phase/ })
          .click();
        await waitForPhase(ben.page, 'Positive feedback');
        await addCard(ben.page, 'You stayed calm under pressure.');
        await card(pat.page, 'You stayed calm under pressure.').waitFor();

        // A dialog, the summary and a download (a blob: URL) at the end of the session.
        await facilitate(fay.page, 'End session');
        await fay.page
          .getByRole('alertdialog', { name: 'End the session for everyone?' })
          .getByRole('button', { name: 'End session' })
          .click();
        await ben.page.getByTestId('summary').waitFor();
        const [download] = await Promise.all([
          ben.page.waitForEvent('download'),
          ben.page.getByRole('button', { name: 'Download my notes' }).click(),
        ]);
        expect(await download.path()).toBeTruthy();

        // The app's own error page for an unknown path is a page like the others.
        await fay.page.goto(`${server.url}/no-such-page`);
        await fay.page.getByText('404').first().waitFor();

        expect([...fay.reports, ...pat.reports, ...ben.reports]).toEqual([]);

        // The watch itself works and the policy is enforced: an injected <style> is refused.
        await ben.page.evaluate(() => {
          const style = document.createElement('style');
          style.textContent = 'body { outline: 1px solid red; }';
          document.head.append(style);
        });
        await expect
          .poll(() => ben.reports.map((r) => r.what).join('\n'))
          .toMatch(/style-src-elem refused inline/);
      } finally {
        await Promise.all([fay, pat, ben].map((person) => person.context.close()));
      }
    },
  );
});
