import { describe, expect } from 'vitest';
import { roomTest as test } from '../support/fixtures.ts';
import {
  addCard,
  card,
  facilitate,
  phaseClocks,
  screenshots,
  startRound,
  tile,
  voiceOf,
  waitForPhase,
  waitForText,
  type Person,
} from '../support/room.ts';

const ROUND = { timeout: 60_000 };

/** What each person's page says about one person's voice. */
async function voicesOf(everyone: readonly Person[], name: string): Promise<string[]> {
  return Promise.all(everyone.map((person) => voiceOf(person.page, name)));
}

describe('a Good News Analysis round, a Veridical Report round, and a hand-over', () => {
  test('everyone arrives in an open conversation, Fay facilitating', ROUND, async ({ group }) => {
    for (const person of group.everyone) {
      await waitForPhase(person.page, 'Open conversation');
      expect(await person.page.getByTestId('person').count()).toBe(4);
      expect(await tile(person.page, 'Fay').getByText('Facilitator').count()).toBe(1);
      expect(await voiceOf(person.page, 'Ben')).toBe('Speaking allowed');
    }
    expect(await group.fay.page.getByTestId('facilitator-console').count()).toBe(1);
    expect(await group.ben.page.getByTestId('facilitator-console').count()).toBe(0);
    await screenshots(group.fay.page, 'room-open-facilitator');
  });

  test('Story: only the presenter speaks, on one clock', ROUND, async ({ group }) => {
    const { fay, pat, ben, everyone } = group;
    await startRound(fay.page, { protocol: 'Good News Analysis', presenter: 'Pat' });
    for (const person of everyone) await waitForPhase(person.page, 'Story');

    expect(await voicesOf(everyone, 'Pat')).toEqual(Array(4).fill('Speaking allowed'));
    expect(await voicesOf(everyone, 'Ben')).toEqual(Array(4).fill('Muted by the protocol'));
    expect(await tile(ben.page, 'Pat').getByText('Presenter').count()).toBe(1);
    expect(await pat.page.getByTestId('my-guidance').innerText()).toMatch(/^Tell the story/);
    expect(await ben.page.getByTestId('my-guidance').innerText()).toBe(
      'Listen without interrupting.',
    );
    expect(await pat.page.getByTestId('my-status').innerText()).toBe('You may speak.');

    const clocks = await phaseClocks(everyone.map((p) => p.page));
    expect(Math.max(...clocks) - Math.min(...clocks)).toBeLessThan(1000);
    expect(Math.min(...clocks)).toBeGreaterThan(170_000);

    await screenshots(pat.page, 'good-news-story-presenter');
    await screenshots(fay.page, 'good-news-story-facilitator');
  });

  test(
    'Positive feedback: the presenter listens in silence and sifts',
    ROUND,
    async ({ group }) => {
      const { fay, pat, ben, cleo, everyone } = group;
      await facilitate(fay.page, 'Next phase: Positive feedback');
      for (const person of everyone) await waitForPhase(person.page, 'Positive feedback');

      expect(await voicesOf(everyone, 'Pat')).toEqual(Array(4).fill('Listening in silence'));
      expect(await tile(cleo.page, 'Pat').getByTestId('person-mic').innerText()).toBe(
        'Muted by the protocol',
      );
      expect(await voicesOf(everyone, 'Cleo')).toEqual(Array(4).fill('Speaking allowed'));
      await waitForText(pat.page.getByTestId('my-status'), /^You are listening in silence/);
      // Listening in silence means no card of one's own.
      expect(await pat.page.locator('#card-text').count()).toBe(0);

      const kept = 'What impressed me was how calmly you reset the meeting.';
      const left = 'I think what made it work was asking the team first.';
      await addCard(ben.page, kept);
      await addCard(cleo.page, left);
      for (const person of everyone) {
        await card(person.page, kept).waitFor();
        await card(person.page, left).waitFor();
      }

      await card(pat.page, kept).getByRole('button', { name: /^Take/ }).click();
      await card(pat.page, left)
        .getByRole('button', { name: /^Leave/ })
        .click();
      await waitForText(pat.page.getByTestId('takeaways').getByRole('listitem'), kept);
      expect(await pat.page.getByTestId('takeaways').innerText()).not.toContain(left);
      await waitForText(card(pat.page, left).getByTestId('card-verdict'), 'Left');
      // Sifting is the presenter's own: peers do not see their cards marked.
      expect(await card(cleo.page, left).getByTestId('card-verdict').count()).toBe(0);

      await screenshots(pat.page, 'good-news-positive-feedback-presenter');
      await screenshots(ben.page, 'good-news-positive-feedback-peer');
    },
  );

  test(
    'Response: the presenter has the last word, then the round ends',
    ROUND,
    async ({ group }) => {
      const { fay, pat, ben, everyone } = group;
      await facilitate(fay.page, 'Next phase: Response');
      for (const person of everyone) await waitForPhase(person.page, 'Response');
      expect(await voicesOf(everyone, 'Pat')).toEqual(Array(4).fill('Speaking allowed'));
      expect(await voicesOf(everyone, 'Fay')).toEqual(Array(4).fill('Muted by the protocol'));

      await addCard(pat.page, 'What stands out for me is asking the team first.', 'Insights');
      await card(ben.page, 'What stands out for me is asking the team first.').waitFor();
      await screenshots(pat.page, 'good-news-response-presenter');

      await facilitate(fay.page, 'End round');
      for (const person of everyone) await waitForPhase(person.page, 'Open conversation');
      // The round's cards stay on the board, under their round.
      await card(ben.page, 'What stands out for me is asking the team first.').waitFor();
      expect(await ben.page.getByTestId('board').innerText()).toContain(
        'Round 1 · Good News Analysis',
      );
    },
  );

  test(
    'Veridical Report: the mentor tells a story while the mentee listens',
    ROUND,
    async ({ group }) => {
      const { fay, pat, ben, everyone } = group;
      await startRound(fay.page, {
        protocol: 'Veridical Report',
        presenter: 'Pat',
        roles: { Mentor: 'Ben' },
      });
      for (const person of everyone) await waitForPhase(person.page, 'Incident');
      await facilitate(fay.page, "Next phase: Mentor's story");
      for (const person of everyone) {
        await waitForPhase(person.page, "Mentor's story");
        await tile(person.page, 'Ben').getByText('Mentor', { exact: true }).waitFor();
      }
      expect(await voicesOf(everyone, 'Ben')).toEqual(Array(4).fill('Speaking allowed'));
      expect(await voicesOf(everyone, 'Pat')).toEqual(Array(4).fill('Listening in silence'));
      expect(await voicesOf(everyone, 'Cleo')).toEqual(Array(4).fill('Muted by the protocol'));
      expect(await ben.page.getByTestId('my-guidance').innerText()).toMatch(
        /^Tell a story from your own experience/,
      );
      expect(await pat.page.getByTestId('my-guidance').innerText()).toBe('Listen in silence.');
      await screenshots(ben.page, 'veridical-mentor-story-mentor');
      await facilitate(fay.page, 'End round now');
      for (const person of everyone) await waitForPhase(person.page, 'Open conversation');
    },
  );

  test('facilitation is handed to someone present', ROUND, async ({ group }) => {
    const { fay, ben, cleo } = group;
    await fay.page.getByLabel('Hand facilitation to').selectOption({ label: 'Cleo' });
    await facilitate(fay.page, 'Hand over');
    await cleo.page.getByTestId('facilitator-console').waitFor();
    await waitForText(cleo.page.getByTestId('announcer'), 'You are now the facilitator.');
    await fay.page.getByTestId('facilitator-console').waitFor({ state: 'detached' });
    await tile(ben.page, 'Cleo').getByText('Facilitator').waitFor();
    expect(await tile(ben.page, 'Fay').getByText('Facilitator').count()).toBe(0);
  });
});
