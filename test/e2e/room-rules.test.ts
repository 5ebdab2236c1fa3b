import { mkdirSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { blockingViolations, describeViolations } from '../support/accessibility.ts';
import { roomTest as test } from '../support/fixtures.ts';
import {
  SCREENSHOTS,
  facilitate,
  startRound,
  voiceOf,
  waitForPhase,
  waitForText,
} from '../support/room.ts';

const STEP = { timeout: 60_000 };
const ADVICE = 'Avoid advice giving.';

describe('the rules, one click away', () => {
  test(
    'the rules dialog traps focus, has no blocking violations and closes with Escape',
    STEP,
    async ({ group }) => {
      const { page } = group.ben;
      await page.bringToFront();
      const button = page.getByRole('button', { name: 'Rules', exact: true });
      await button.click();
      const dialog = page.getByRole('dialog', { name: "The group's ground rules" });
      await dialog.waitFor();
      await expect.poll(() => dialog.getByRole('listitem').count()).toBe(6);
      await page.waitForFunction(() =>
        document.querySelector('[role="dialog"]')?.contains(document.activeElement),
      );
      // Tabbing on from the last control stays inside the dialog.
      for (let presses = 0; presses < 10; presses++) await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() =>
          document.querySelector('[role="dialog"]')?.contains(document.activeElement),
        ),
      ).toBe(true);
      const violations = await blockingViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'Rules');
    },
  );

  test(
    'the silent presenter raises a rule: everyone sees it, and the phase carries on',
    STEP,
    async ({ group }) => {
      const { fay, pat, ben, cleo } = group;
      await startRound(fay.page, { protocol: 'Good News Analysis', presenter: 'Pat' });
      await waitForPhase(fay.page, 'Story');
      await facilitate(fay.page, 'Next phase: Positive feedback');
      const phase = 'Positive feedback';
      await waitForPhase(pat.page, phase);
      expect(await voiceOf(fay.page, 'Pat')).toBe('Listening in silence');

      await pat.page.bringToFront();
      await pat.page.getByRole('button', { name: 'Rules', exact: true }).click();
      await pat.page.getByRole('button', { name: `Raise: ${ADVICE}` }).click();
      await pat.page.getByRole('dialog').waitFor({ state: 'detached' });

      // Shown in a polite live region, never a dialog: nothing is interrupted.
      for (const person of [fay, ben, cleo]) {
        const region = person.page.getByTestId('rule-reminders');
        await waitForText(region.getByTestId('rule-reminder'), `Pat raised a rule: ${ADVICE}`);
        expect(await region.getAttribute('aria-live')).toBe('polite');
        expect(await region.getAttribute('role')).toBe('status');
        await waitForPhase(person.page, phase);
      }
      await waitForText(pat.page.getByTestId('rule-reminder'), `You raised a rule: ${ADVICE}`);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await fay.page.screenshot({ path: `${SCREENSHOTS}rule-raised.png` });
      const shown = await blockingViolations(fay.page);
      expect(shown, describeViolations(shown)).toEqual([]);

      // Straight after, the same person waits before raising another.
      await pat.page.getByRole('button', { name: 'Rules', exact: true }).click();
      await pat.page.getByTestId('raise-wait').waitFor();
      await pat.page.screenshot({ path: `${SCREENSHOTS}rules-dialog.png` });
      expect(await pat.page.getByRole('button', { name: `Raise: ${ADVICE}` }).isDisabled()).toBe(
        true,
      );
      await pat.page.keyboard.press('Escape');
    },
  );
});
