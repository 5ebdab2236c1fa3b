import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  blockingViolations,
  describeViolations,
  expectAccessibleAtBothWidths,
} from '../support/accessibility.ts';
import { loadedScripts, ROOM_BUDGET_GZIP_BYTES } from '../support/bundle.ts';
import { roomTest as test } from '../support/fixtures.ts';
import { addCard, card, facilitate, startRound, waitForPhase } from '../support/room.ts';

const STEP = { timeout: 60_000 };

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never does. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${String(target)} cannot be reached with the Tab key`);
}

/** The focused element shows where it is: an outline a sighted keyboard user can follow. */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });
}

describe('the room for every person', () => {
  test('loads within its script budget', STEP, async ({ group }) => {
    await group.ben.page.reload();
    await group.ben.page.getByTestId('room').waitFor();
    const scripts = await loadedScripts(group.ben.page);
    expect(scripts.gzipBytes, scripts.files.join('\n')).toBeLessThan(ROOM_BUDGET_GZIP_BYTES);
    // This server has no media (MEDIA=off), so the media client is never even fetched.
    expect(scripts.mediaFiles).toEqual([]);
  });

  test(
    'has no serious or critical accessibility violations, phase by phase',
    STEP,
    async ({ group }) => {
      const { fay, pat, ben } = group;
      await expectAccessibleAtBothWidths(fay.page, 'open conversation, facilitator');

      await startRound(fay.page, { protocol: 'Issue Analysis', presenter: 'Pat' });
      await facilitate(fay.page, 'Next phase: Clarifying questions');
      await waitForPhase(ben.page, 'Clarifying questions');
      await addCard(ben.page, 'What did the team know beforehand?');
      await expectAccessibleAtBothWidths(ben.page, 'clarifying questions, peer with a card');

      await facilitate(fay.page, 'Next phase: Peer feedback');
      await waitForPhase(pat.page, 'Peer feedback');
      await ben.page.getByRole('button', { name: 'Raise my hand' }).click();
      await fay.page.getByTestId('hand-queue').waitFor();
      await card(pat.page, 'What did the team know beforehand?')
        .getByRole('button', { name: /^Take/ })
        .click();
      await expectAccessibleAtBothWidths(pat.page, 'peer feedback, presenter sifting');
      await expectAccessibleAtBothWidths(fay.page, 'peer feedback, facilitator with a raised hand');
    },
  );

  test('works from the keyboard, with focus always visible', STEP, async ({ group }) => {
    const { fay, cleo } = group;
    await cleo.page.bringToFront();
    await cleo.page.locator('body').focus();
    await tabTo(cleo.page, cleo.page.locator('#card-text'));
    expect(await focusIsVisible(cleo.page)).toBe(true);
    await cleo.page.keyboard.type('That reminds me of when I froze in a meeting.');
    await cleo.page.keyboard.press('Enter');
    await card(fay.page, 'That reminds me of when I froze in a meeting.').waitFor();

    // The end-of-session dialog opens from the keyboard, traps focus, and Escape closes it.
    await fay.page.bringToFront();
    await fay.page.locator('body').focus();
    await tabTo(fay.page, fay.page.getByRole('button', { name: 'End session' }));
    expect(await focusIsVisible(fay.page)).toBe(true);
    await fay.page.keyboard.press('Enter');
    const dialog = fay.page.getByRole('alertdialog');
    await dialog.waitFor();
    await fay.page.waitForFunction(() =>
      document.querySelector('[role="alertdialog"]')?.contains(document.activeElement),
    );
    const violations = await blockingViolations(fay.page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await fay.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await fay.page.waitForFunction(
      () => document.activeElement?.textContent?.trim() === 'End session',
    );
  });

  test('the summary has no serious or critical violations', STEP, async ({ group }) => {
    const { fay, pat, ben } = group;
    await facilitate(fay.page, 'End session');
    await fay.page.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
    for (const person of [pat, ben]) {
      await person.page.getByTestId('summary').waitFor();
      await expectAccessibleAtBothWidths(person.page, `summary for ${person.name}`);
    }
  });
});
