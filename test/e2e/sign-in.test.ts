import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { firstLink } from '../../apps/server/test/mail/mailpit-inbox.ts';
import { expectAccessibleAtBothWidths } from '../support/accessibility.ts';
import { test } from '../support/fixtures.ts';
import { startMailServer, type MailServer } from '../support/mail-server.ts';

let server: MailServer;
beforeAll(async () => {
  server = await startMailServer();
});
afterAll(async () => {
  await server?.stop();
});

const header = (page: Page) => page.getByRole('banner');

/** Activates a control with the keyboard alone: focus, then Enter. */
async function press(page: Page, control: ReturnType<Page['getByRole']>) {
  await control.focus();
  await page.keyboard.press('Enter');
}

describe('signing in with a mailed link', () => {
  test('asks for a link, follows it from Mailpit, is signed in, and signs out', async ({
    page,
  }) => {
    await page.goto(`${server.url}/`);
    await press(page, header(page).getByRole('link', { name: 'Sign in' }));
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'the sign-in page');

    await page.getByLabel('Email address').focus();
    await page.keyboard.type('ada@example.org');
    await page.keyboard.press('Enter');
    const sent = page.getByRole('heading', { name: 'Check your inbox' });
    await sent.waitFor();
    // Focus moves to the news, so a screen reader announces it.
    expect(await sent.evaluate((h) => h === document.activeElement)).toBe(true);
    expect(await page.getByText('We sent a sign-in link to ada@example.org').count()).toBe(1);

    const mail = await server.inbox.waitForMailTo('ada@example.org');
    const link = firstLink(mail.Text);
    expect(link).toMatch(new RegExp(`^${server.url}/sign-in/confirm\\?token=`));

    // Opening the link (as a mail scanner would) signs nobody in: the button does.
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Finish signing in' }).waitFor();
    await header(page).getByRole('link', { name: 'Sign in' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'the confirm page');
    await press(page, page.getByRole('main').getByRole('button', { name: 'Sign in' }));
    await page.getByRole('heading', { name: 'You are signed in' }).waitFor();
    await header(page).getByText('Signed in as ada@example.org').waitFor();

    const [cookie] = (await page.context().cookies()).filter((c) => c.name.includes('session'));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

    // The start page says who is signed in, after a fresh load too.
    await page.goto(`${server.url}/`);
    await header(page).getByText('Signed in as ada@example.org').waitFor();

    await press(page, header(page).getByRole('button', { name: 'Sign out' }));
    await header(page).getByRole('link', { name: 'Sign in' }).waitFor();
    await page.reload();
    await header(page).getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await header(page).getByText('Signed in as').count()).toBe(0);

    // The link worked once.
    await page.goto(link);
    await press(page, page.getByRole('main').getByRole('button', { name: 'Sign in' }));
    await page.getByRole('alert').getByText('This link has been used or has expired.').waitFor();
    await header(page).getByRole('link', { name: 'Sign in' }).waitFor();
  });
});

describe('setting up a fresh install', () => {
  test('the printed setup link, followed by signing in, makes the first coordinator', async ({
    page,
  }) => {
    const printed = /Set up Roundtable \(one-time link, makes you the coordinator\): (\S+)/.exec(
      server.output(),
    );
    const setupLink = printed?.[1] ?? '';
    expect(setupLink).toMatch(new RegExp(`^${server.url}/setup\\?token=`));

    await page.goto(setupLink);
    await page.getByRole('heading', { level: 1, name: 'Set up Roundtable' }).waitFor();
    await expectAccessibleAtBothWidths(page, 'the setup page');
    await press(page, page.getByRole('main').getByRole('link', { name: 'Sign in' }));
    await page.getByLabel('Email address').fill('cy@example.org');
    await press(page, page.getByRole('button', { name: 'Email me a sign-in link' }));
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    const mail = await server.inbox.waitForMailTo('cy@example.org');
    await page.goto(firstLink(mail.Text));
    await press(page, page.getByRole('main').getByRole('button', { name: 'Sign in' }));
    await press(page, page.getByRole('link', { name: 'Continue setting up Roundtable' }));
    await page.getByText('You are signed in as cy@example.org').waitFor();
    await press(page, page.getByRole('button', { name: 'Become the coordinator' }));
    await page.getByRole('status').getByText('You are the coordinator').waitFor();

    // Used once: the same link now refuses, and says why.
    await page.goto(setupLink);
    await press(page, page.getByRole('button', { name: 'Become the coordinator' }));
    await page.getByRole('alert').getByText('This setup link is not valid').waitFor();
  });
});
