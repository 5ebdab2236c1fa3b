import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { roomTest as test } from '../support/fixtures.ts';
import {
  addCard,
  card,
  facilitate,
  SCREENSHOTS,
  screenshots,
  startRound,
  voiceOf,
  waitForPhase,
  waitForText,
  type Person,
} from '../support/room.ts';

const STEP = { timeout: 60_000 };

async function everyoneSees(everyone: readonly Person[], phase: string): Promise<void> {
  for (const person of everyone) await waitForPhase(person.page, phase);
}

async function voicesOf(everyone: readonly Person[], name: string): Promise<string[]> {
  return Promise.all(everyone.map((person) => voiceOf(person.page, name)));
}

/** The turn holder as each page names it ("You" on the holder's own page). */
async function holderFor(person: Person, expected: string): Promise<void> {
  const shown = person.name === expected ? 'You' : expected;
  await waitForText(person.page.getByTestId('turn-holder'), shown);
}

async function turnClocks(pages: readonly Page[]): Promise<number[]> {
  const readings = await Promise.all(
    pages.map((p) =>
      p.getByTestId('turn-countdown').evaluate((el) => ({
        ms: Number((el as HTMLElement).dataset.remainingMs),
        at: Date.now(),
      })),
    ),
  );
  const first = readings[0]?.at ?? 0;
  return readings.map((r) => r.ms + (r.at - first));
}

async function downloaded(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button }).click(),
  ]);
  return readFile(await download.path(), 'utf8');
}

describe('an Issue Analysis round to the end of the session', () => {
  test('Presentation: Pat presents while the peers listen', STEP, async ({ group }) => {
    const { fay, pat, everyone } = group;
    await startRound(fay.page, { protocol: 'Issue Analysis', presenter: 'Pat' });
    await everyoneSees(everyone, 'Presentation');
    expect(await voicesOf(everyone, 'Pat')).toEqual(Array(4).fill('Speaking allowed'));
    expect(await voicesOf(everyone, 'Cleo')).toEqual(Array(4).fill('Muted by the protocol'));
    expect(await pat.page.getByTestId('my-guidance').innerText()).toMatch(
      /^Describe an incident, situation or dilemma/,
    );
    expect(await fay.page.getByTestId('facilitator-guidance').innerText()).toBe(
      'Invite the presenter to speak without interruption. Keep time.',
    );
    await screenshots(pat.page, 'issue-presentation-presenter');
  });

  test(
    'Clarifying questions: anyone asks, and advice gets a gentle nudge',
    STEP,
    async ({ group }) => {
      const { fay, ben, cleo, everyone } = group;
      await facilitate(fay.page, 'Next phase: Clarifying questions');
      await everyoneSees(everyone, 'Clarifying questions');
      for (const name of ['Fay', 'Pat', 'Ben', 'Cleo'])
        expect(await voicesOf(everyone, name)).toEqual(Array(4).fill('Speaking allowed'));

      await addCard(ben.page, 'What happened just before the meeting?');

      const field = cleo.page.locator('#card-text');
      await field.fill('Have you tried talking to her directly?');
      const nudge = cleo.page.getByTestId('advice-nudge');
      await nudge.waitFor();
      expect(await nudge.innerText()).toContain('How did you feel when...?');
      await cleo.page.screenshot({ path: `${SCREENSHOTS}advice-nudge.png` });
      // The nudge never blocks: Enter still adds the card.
      await field.press('Enter');
      await card(fay.page, 'Have you tried talking to her directly?').waitFor();
      await nudge.waitFor({ state: 'detached' });

      // Its phrasings start the card afresh.
      await field.fill('You should ask for help');
      await nudge.getByRole('button', { name: 'How did you feel when...?' }).click();
      expect(await field.inputValue()).toBe('How did you feel when ');
      await field.fill('');
      await screenshots(cleo.page, 'issue-clarifying-questions-peer');
    },
  );

  test('Peer feedback: peers take turns while Pat listens in silence', STEP, async ({ group }) => {
    const { fay, pat, ben, cleo, everyone } = group;
    await facilitate(fay.page, 'Next phase: Peer feedback');
    await everyoneSees(everyone, 'Peer feedback');

    // Round-robin in order of arrival among the peers: Fay, then Ben, then Cleo.
    for (const person of everyone) {
      await holderFor(person, 'Fay');
      await waitForText(person.page.getByTestId('turn-next'), person === ben ? 'You' : 'Ben');
    }
    expect(await voicesOf(everyone, 'Pat')).toEqual(Array(4).fill('Listening in silence'));
    expect(await voicesOf(everyone, 'Fay')).toEqual(Array(4).fill('Speaking allowed'));
    expect(await voicesOf(everyone, 'Ben')).toEqual(Array(4).fill('Muted by the protocol'));
    const clocks = await turnClocks(everyone.map((p) => p.page));
    expect(Math.max(...clocks) - Math.min(...clocks)).toBeLessThan(1000);
    await screenshots(pat.page, 'issue-peer-feedback-presenter');

    await fay.page.getByRole('button', { name: "I'm done: pass the turn" }).click();
    for (const person of everyone) await holderFor(person, 'Ben');
    await waitForText(ben.page.getByTestId('my-status'), 'It is your turn: you may speak.');
    await addCard(
      ben.page,
      'That reminds me of when I had to say no to my own manager.',
      'Experiences',
    );
    await screenshots(ben.page, 'issue-peer-feedback-turn-holder');
    await ben.page.getByRole('button', { name: "I'm done: pass the turn" }).click();
    for (const person of everyone) await holderFor(person, 'Cleo');

    // The facilitator gives Cleo more time: her clock is past its two minutes.
    await facilitate(fay.page, 'Turn +1 min');
    await cleo.page.waitForFunction(() => {
      const clock = document.querySelector<HTMLElement>('[data-testid="turn-countdown"]');
      return Number(clock?.dataset.remainingMs) > 150_000;
    });

    // Ben asks to speak again; his raised hand is queued where everyone can see it.
    await ben.page.getByRole('button', { name: 'Raise my hand' }).click();
    for (const person of everyone) {
      await waitForText(
        person.page.getByTestId('hand-queue').getByRole('listitem'),
        person === ben ? 'You' : 'Ben',
      );
    }
    await facilitate(fay.page, 'Give the floor to Ben');
    for (const person of everyone) await holderFor(person, 'Ben');
    await ben.page.getByTestId('hand-queue').waitFor({ state: 'detached' });

    await facilitate(fay.page, 'Skip turn');
    await waitForText(cleo.page.getByTestId('turn-holder-none'), 'Everyone has had a turn.');
    await screenshots(fay.page, 'issue-peer-feedback-facilitator');
  });

  test(
    'Positive feedback and response: Pat sifts and keeps her take-aways',
    STEP,
    async ({ group }) => {
      const { fay, pat, cleo, everyone } = group;
      await facilitate(fay.page, 'Next phase: Positive feedback');
      await everyoneSees(everyone, 'Positive feedback');
      expect(await voicesOf(everyone, 'Pat')).toEqual(Array(4).fill('Listening in silence'));
      await addCard(cleo.page, 'I really valued the way you named your own part in it.');
      await screenshots(cleo.page, 'issue-positive-feedback-peer');

      await facilitate(fay.page, 'Next phase: Response');
      await everyoneSees(everyone, 'Response');
      const experience = 'That reminds me of when I had to say no to my own manager.';
      await card(pat.page, experience).getByRole('button', { name: /^Take/ }).click();
      await waitForText(pat.page.getByTestId('takeaways').getByRole('listitem'), experience);
      await screenshots(pat.page, 'issue-response-presenter');
      await facilitate(fay.page, 'End round');
      await everyoneSees(everyone, 'Open conversation');
    },
  );

  test('the session ends with a summary and each person’s downloads', STEP, async ({ group }) => {
    const { fay, pat, ben, everyone } = group;
    const notes = ben.page.getByTestId('notes');
    await ben.page.waitForFunction(
      () => !document.querySelector('[data-testid="notes"]')?.hasAttribute('readonly'),
    );
    await notes.fill('Ask Pat how the conversation with her manager went.');

    await facilitate(fay.page, 'End session');
    const dialog = fay.page.getByRole('alertdialog', { name: 'End the session for everyone?' });
    await dialog.waitFor();
    await screenshots(fay.page, 'end-session-dialog');
    await dialog.getByRole('button', { name: 'End session' }).click();

    for (const person of everyone) {
      const summary = person.page.getByTestId('summary');
      await summary.waitFor();
      const text = await summary.innerText();
      expect(text).toContain('Round 1: Issue Analysis');
      expect(text).toContain(
        'Presentation → Clarifying questions → Peer feedback → Positive feedback → Response',
      );
    }
    await screenshots(pat.page, 'summary-presenter');

    expect(await downloaded(ben.page, 'Download my notes')).toContain(
      'Ask Pat how the conversation with her manager went.',
    );
    expect(await ben.page.getByRole('button', { name: 'Download my take-aways' }).count()).toBe(0);
    expect(await downloaded(pat.page, 'Download my take-aways')).toContain(
      'That reminds me of when I had to say no to my own manager.',
    );
  });
});
