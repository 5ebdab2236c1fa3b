import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { blockingViolations, describeViolations } from '../support/accessibility.ts';
import { test } from '../support/fixtures.ts';
import { copyLink, enterRoom, newScreen, screenshots, tile, waitForText } from '../support/room.ts';
import { signInThroughPages } from '../support/sign-in.ts';

const DEFAULT_RULES = [
  'People do the best they can with the resources they have.',
  'Voluntary, and you are in control.',
  'Supportive and non-competitive.',
  'It is OK to make mistakes.',
  'Avoid advice giving.',
  'Confidential, and no "post mortems".',
];

async function expectNoBlockingViolations(page: Page): Promise<void> {
  const violations = await blockingViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

function ruleFields(page: Page) {
  return page.getByRole('textbox', { name: /^Ground rule \d+$/ });
}

describe('starting a session and entering through the lobby', () => {
  const links = { facilitator: '', member: '' };

  test('the Start page sets up protocol, ground rules and confidentiality', async ({
    page,
    server,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url,
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Start a session' }).first().click();
    // Signed out, the Start page sends one to sign in, and the mailed link leads back to it.
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('return')).toBe('/new');
    await signInThroughPages(page, server, 'fay@example.org');
    await page.getByRole('link', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Start a session' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/new');

    expect(await page.getByRole('radio', { name: /Issue Analysis/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /Clear the board/ }).isChecked()).toBe(true);
    const fields = ruleFields(page);
    expect(
      await fields.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value)),
    ).toEqual(DEFAULT_RULES);
    await expectNoBlockingViolations(page);
    await screenshots(page, 'start');

    // Edit the contract: drop one rule, add the group's own.
    await page.getByRole('button', { name: 'Remove rule 4' }).click();
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await ruleFields(page).last().fill('We start and finish on time.');
    await page.getByLabel('Session title').fill('April peer group');
    await page.getByRole('radio', { name: /Good News Analysis/ }).check();
    await page.getByRole('radio', { name: /Keep the board/ }).check();
    await page.getByRole('button', { name: 'Create session' }).click();

    await page.getByRole('heading', { name: '“April peer group” is ready' }).waitFor();
    links.facilitator = await copyLink(page, 'facilitator link');
    links.member = await copyLink(page, 'member link');
    expect(links.facilitator).toMatch(/\/s\/[\w-]+\?invite=/);
    expect(links.member).not.toBe(links.facilitator);
    expect(await page.getByLabel('Member invite link').inputValue()).toBe(links.member);
    await expectNoBlockingViolations(page);
    await screenshots(page, 'start-ready');
  });

  test(
    'the lobby asks for the ground rules and a name, and previews camera and microphone',
    {
      timeout: 30_000,
    },
    async ({ browser, server }) => {
      const context = await newScreen(browser, server.url);
      try {
        const page = await context.newPage();
        await page.goto(links.member);
        await page.getByRole('heading', { level: 1, name: 'April peer group' }).waitFor();
        expect(await page.getByTestId('lobby-role').innerText()).toContain('member');
        const rules = await page.getByRole('list', { name: 'Ground rules' }).innerText();
        expect(rules).toContain('We start and finish on time.');
        expect(rules).not.toContain('It is OK to make mistakes.');

        // Chromium's fake camera and microphone: a moving picture and a device to choose.
        await page.waitForFunction(() => (document.querySelector('video')?.videoWidth ?? 0) > 0);
        await page.getByLabel('Microphone level').waitFor();
        expect(await page.getByLabel('Camera').locator('option').count()).toBeGreaterThan(0);
        expect(
          await page.getByLabel('Microphone', { exact: true }).locator('option').count(),
        ).toBeGreaterThan(0);

        const enter = page.getByRole('button', { name: 'Enter the room' });
        expect(await enter.isDisabled()).toBe(true);
        await page.getByLabel('I accept these ground rules').check();
        expect(await enter.isDisabled()).toBe(true);
        await page.getByLabel('Your name in the room').fill('Ben');
        expect(await enter.isDisabled()).toBe(false);
        await expectNoBlockingViolations(page);
        await screenshots(page, 'lobby');

        await enter.click();
        await page.getByTestId('room').waitFor();
        await tile(page, 'Ben').waitFor();

        // Private notes are kept by the server, so they survive the reload below.
        await page.waitForFunction(
          () => !document.querySelector('[data-testid="notes"]')?.hasAttribute('readonly'),
        );
        await page.getByTestId('notes').fill('Ask about the budget next time.');

        // A reload resumes the same participant rather than joining a second Ben.
        await page.reload();
        await page.getByTestId('room').waitFor();
        await waitForText(page.getByTestId('person-name'), /Ben\s*\(you\)/);
        expect(await page.getByTestId('person').count()).toBe(1);
        await page.waitForFunction(
          () =>
            document.querySelector<HTMLTextAreaElement>('[data-testid="notes"]')?.value ===
            'Ask about the budget next time.',
        );

        await page.goto(links.member);
        await page.getByRole('link', { name: 'Return to the room' }).click();
        await page.getByTestId('room').waitFor();
      } finally {
        await context.close();
      }
    },
  );

  test('a blocked camera and microphone are explained, and entering still works', async ({
    browser,
    server,
  }) => {
    const context = await newScreen(browser, server.url);
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        navigator.mediaDevices.getUserMedia = () =>
          Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      });
      await page.goto(links.facilitator);
      expect(await page.getByTestId('lobby-role').innerText()).toContain('facilitator');
      await waitForText(page.getByTestId('media-problem'), /blocked for this site/);
      await screenshots(page, 'lobby-media-blocked');
      await enterRoom(page, links.facilitator, 'Fay');
      await page.getByTestId('facilitator-console').waitFor();
    } finally {
      await context.close();
    }
  });

  test('links and passes that do not work say why', async ({ page, server }) => {
    const sessionPath = new URL(links.member).pathname;
    await page.goto(`${server.url}${sessionPath}?invite=not-a-real-invite`);
    await page.getByRole('heading', { name: 'This lobby cannot be opened' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toBe('The link or credential is not valid.');

    await page.goto(`${server.url}${sessionPath}/room`);
    await page.getByRole('heading', { name: 'You have not entered this room yet' }).waitFor();

    // A pass the server no longer accepts: the room says so and stops retrying.
    const sessionId = sessionPath.split('/').pop() ?? '';
    await page.evaluate((id) => {
      const forged = { participantId: 'someone', resumeToken: 'not-a-token', name: 'Someone' };
      localStorage.setItem(`roundtable:session:${id}`, JSON.stringify(forged));
    }, sessionId);
    await page.reload();
    await waitForText(
      page.getByTestId('connection-banner'),
      /pass to the room was not accepted\.\s+Open your invite link again to enter\./,
    );
  });
});
