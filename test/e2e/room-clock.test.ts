import { describe, expect } from 'vitest';
import { test } from '../support/fixtures.ts';
import {
  createSessionByApi,
  facilitate,
  joinAs,
  startRound,
  waitForPhase,
  waitForText,
  type Person,
} from '../support/room.ts';

/** A group's own protocol with a ten-second phase, so "time is up" comes within a test. */
const QUICK = {
  format: 'roundtable.protocol/v1',
  id: 'quick-check-in',
  title: 'Quick check-in',
  summary: 'A very short round: everyone says how they arrive, then the presenter closes.',
  phases: [
    {
      id: 'check-in',
      title: 'Check-in',
      guidance: { facilitator: 'Keep it brief.', members: 'Say in a word how you arrive.' },
      speakers: 'everyone',
      durationSeconds: 10,
    },
    {
      id: 'close',
      title: 'Close',
      guidance: { facilitator: 'Hand over to the presenter.', members: 'Presenter: close.' },
      speakers: 'presenter',
      durationSeconds: 60,
    },
  ],
};

const createQuickSession = (origin: string) =>
  createSessionByApi(origin, { title: 'Clock check', protocol: QUICK });

const remainingMs = (person: Person) =>
  person.page
    .getByTestId('phase-countdown')
    .evaluate((el) => Number((el as HTMLElement).dataset.remainingMs));

describe('the phase clock', () => {
  test(
    'pauses, runs out, announces it, and can be extended',
    { timeout: 60_000 },
    async ({ browser, server }) => {
      const links = await createQuickSession(server.url);
      const fay = await joinAs(browser, server.url, links.facilitatorLink, 'Fay');
      const pat = await joinAs(browser, server.url, links.memberLink, 'Pat');
      try {
        const both = [fay, pat];
        await startRound(fay.page, { protocol: 'Quick check-in', presenter: 'Pat' });
        for (const person of both) await waitForPhase(person.page, 'Check-in');
        expect(await remainingMs(pat)).toBeLessThanOrEqual(10_000);

        // Paused, every screen holds exactly the same time.
        await facilitate(fay.page, 'Pause');
        for (const person of both)
          await person.page.getByTestId('phase-countdown-paused').waitFor();
        await waitForText(pat.page.getByTestId('announcer'), 'The round is paused.');
        const [fayPaused, patPaused] = await Promise.all(both.map(remainingMs));
        expect(fayPaused).toBe(patPaused);

        await facilitate(fay.page, 'Resume');
        await pat.page.getByTestId('phase-countdown-paused').waitFor({ state: 'detached' });

        // Ten seconds later the clock reaches zero on both screens, and it is said aloud.
        for (const person of both) {
          await waitForText(person.page.getByTestId('phase-countdown-up'), 'Time is up', 15_000);
          await waitForText(person.page.getByTestId('announcer'), /Time is up for Check-in\./);
        }
        expect(await pat.page.getByTestId('phase-countdown').innerText()).toBe('0:00');

        await facilitate(fay.page, '+1 min');
        await pat.page.getByTestId('phase-countdown-up').waitFor({ state: 'detached' });
        expect(await remainingMs(pat)).toBeGreaterThan(55_000);

        await facilitate(fay.page, 'Next phase: Close');
        await waitForText(pat.page.getByTestId('announcer'), 'Phase 2 of 2: Close.');
      } finally {
        await Promise.all([fay.context.close(), pat.context.close()]);
      }
    },
  );
});
