import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { firstLink } from '../../apps/server/test/mail/mailpit-inbox.ts';
import { expectAccessibleAtBothWidths } from '../support/accessibility.ts';
import { launchBrowser } from '../support/browser.ts';
import { startMailServer, type MailServer } from '../support/mail-server.ts';
import { mailIds, nextMail } from '../support/programs.ts';

/*
 * The coordinator's side of a program, through the pages alone and a real Mailpit: setting
 * up, inviting a pasted list, people accepting the mailed links, and forming a group.
 */

let server: MailServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startMailServer(), launchBrowser()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

const PROGRAM = 'Mentoring 2027';
const main = (page: Page) => page.getByRole('main');

/** On a page showing the sign-in form: asks for a link, follows it from Mailpit, continues. */
async function signInByMail(page: Page, email: string): Promise<void> {
  const before = await mailIds(server.inbox, email);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  const mail = await nextMail(server.inbox, { address: email, before, subject: 'sign-in' });
  await page.goto(firstLink(mail.Text));
  await main(page).getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'You are signed in' }).waitFor();
}

/** A person opens their invitation mail's link signed out, signs in from it and accepts. */
async function acceptInvitation(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  const mail = await nextMail(server.inbox, {
    address: email,
    before: new Set(),
    subject: PROGRAM,
  });
  const link = firstLink(mail.Text);
  expect(link).toMatch(new RegExp(`^${server.url}/invitations/accept\\?token=`));
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Your invitation' }).waitFor();
  if (email.startsWith('ann'))
    await expectAccessibleAtBothWidths(page, 'an invitation, signed out');
  await main(page).getByRole('link', { name: 'Sign in to accept' }).click();
  await signInByMail(page, email);
  await page.getByRole('link', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: `You joined ${PROGRAM}` }).waitFor();
  return page;
}

describe('a coordinator runs a program from its pages', () => {
  test(
    'sets up a program, invites a pasted list, and forms a group of those who accepted',
    { timeout: 120_000 },
    async () => {
      const page = await (await browser.newContext()).newPage();
      // Signed out, home is a welcome that leads to signing in and to the protocols.
      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Roundtable' }).waitFor();
      await main(page).getByRole('link', { name: 'See the protocols' }).waitFor();
      await expectAccessibleAtBothWidths(page, 'the home page, signed out');
      const setup = /\/setup\?token=\S+/.exec(server.output())?.[0] ?? '';
      await page.goto(`${server.url}${setup}`);
      await main(page).getByRole('link', { name: 'Sign in' }).click();
      await signInByMail(page, 'cora@example.org');
      await page.getByRole('link', { name: 'Continue setting up Roundtable' }).click();
      await page.getByRole('button', { name: 'Become the coordinator' }).click();
      await page.getByRole('status').getByText('You are the coordinator').waitFor();

      await page.goto(`${server.url}/`);
      await page.getByRole('heading', { level: 1, name: 'My groups' }).waitFor();
      await page.getByRole('banner').getByRole('link', { name: 'My groups' }).waitFor();
      await expectAccessibleAtBothWidths(page, 'the home page of a coordinator');
      await main(page).getByRole('link', { name: 'New program' }).click();
      await page.getByRole('heading', { level: 1, name: 'New program' }).waitFor();
      await expectAccessibleAtBothWidths(page, 'the new program page');
      await page.getByLabel('Name').fill(PROGRAM);
      await page.getByLabel('Purpose').fill('Peer mentoring for new teachers.');
      await page.getByLabel('Meetings start with').selectOption({ label: 'Good News Analysis' });
      await page.getByRole('button', { name: 'Create the program' }).click();
      await page.getByRole('heading', { level: 1, name: PROGRAM }).waitFor();
      expect(await main(page).getByText('Peer mentoring for new teachers.').count()).toBe(1);

      // A pasted list, as from a mail client and a spreadsheet; what is not an address blocks it.
      const list = page.getByLabel('Invite by email');
      await list.fill(
        'Ann Lee <ann@example.org>, bo@example.org; cy@example.org\n"Dee, D" <dee@example.org>\ted@example.org oops',
      );
      await page.getByRole('alert').getByText('Not an address: oops').waitFor();
      expect(await page.getByRole('button', { name: 'Send invitations' }).isDisabled()).toBe(true);
      await list.fill(
        'Ann Lee <ann@example.org>, bo@example.org; cy@example.org\n"Dee, D" <dee@example.org>\ted@example.org',
      );
      await page.getByText('5 addresses to invite.').waitFor();
      await page.getByRole('button', { name: 'Send invitations' }).click();
      await page.getByRole('status').getByText('Invited 5 people.').waitFor();
      const rows = page.getByTestId('invitation');
      expect(await rows.count()).toBe(5);
      for (const email of ['ann', 'bo', 'cy', 'dee', 'ed'])
        expect(await rows.filter({ hasText: `${email}@example.org` }).count()).toBe(1);
      await expectAccessibleAtBothWidths(page, 'the program page');

      const ann = await acceptInvitation('ann@example.org');
      await expectAccessibleAtBothWidths(ann, 'the accepted invitation');
      await acceptInvitation('bo@example.org');

      // Someone else's link, opened while signed in: the server's reason, clearly.
      const cyMail = await nextMail(server.inbox, {
        address: 'cy@example.org',
        before: new Set(),
        subject: PROGRAM,
      });
      await ann.goto(firstLink(cyMail.Text));
      const refusal = ann.getByRole('alert');
      await refusal.getByText('This invitation was sent to cy@example.org').waitFor();
      await refusal.getByText('You are signed in as ann@example.org').waitFor();
      // A link that is not (or no longer) good says so, as the server words it.
      await ann.goto(`${server.url}/invitations/accept?token=not-a-real-token`);
      await ann.getByRole('alert').getByText('This invitation link is not valid').waitFor();

      await page.reload();
      await page.getByRole('heading', { name: 'Members (2)' }).waitFor();
      expect(await rows.filter({ hasText: 'Accepted by' }).count()).toBe(2);
      await page.getByLabel('Group name').fill('Pair one');
      await page.getByLabel('ann@example.org').check();
      await page.getByRole('button', { name: 'Form the group' }).click();
      await page.getByRole('alert').getByText('A group has 2 to 8 members; 1 chosen.').waitFor();
      await page.getByLabel('bo@example.org').check();
      await page.getByText('2 chosen').waitFor();
      await page.getByRole('button', { name: 'Form the group' }).click();
      await page.getByRole('status').getByText('Group Pair one formed.').waitFor();
      await main(page).getByRole('link', { name: 'Pair one' }).waitFor();
      await page.getByRole('table', { name: 'Pair one' }).waitFor();
      await expectAccessibleAtBothWidths(page, 'the program page with a group');

      // The member's home lists the group.
      await ann.goto(`${server.url}/`);
      await ann.getByRole('heading', { level: 1, name: 'My groups' }).waitFor();
      await main(ann).getByRole('link', { name: 'Pair one' }).waitFor();
      await expectAccessibleAtBothWidths(ann, 'the home page of a member');
    },
  );
});
