import { describe, expect } from 'vitest';
import { test } from '../support/fixtures.ts';
import {
  console_,
  createSessionByApi,
  addCard,
  facilitate,
  joinAs,
  startRound,
  tile,
  voiceOf,
  waitForPhase,
  waitForText,
  type Person,
} from '../support/room.ts';

/**
 * A group's own protocol that names a role and needs two peers: the room must learn both from
 * the session itself, since no built-in protocol has this role or this size.
 */
const WITNESSED = {
  format: 'roundtable.protocol/v1',
  id: 'witnessed-check-in',
  title: 'Witnessed check-in',
  summary: 'The presenter speaks, then a chosen witness says back what they heard.',
  roles: [{ id: 'witness', title: 'Witness' }],
  minPeers: 2,
  phases: [
    {
      id: 'account',
      title: 'Account',
      guidance: { facilitator: 'Let the presenter speak.', members: 'Listen.' },
      speakers: 'presenter',
      durationSeconds: 120,
      cards: ['question'],
    },
    {
      id: 'reflection',
      title: 'Reflection',
      guidance: { facilitator: 'Hand over to the witness.', members: 'Witness: say it back.' },
      speakers: { role: 'witness' },
      silent: 'presenter',
      durationSeconds: 120,
    },
  ],
};

const voicesOf = (people: readonly Person[], name: string) =>
  Promise.all(people.map((person) => voiceOf(person.page, name)));

describe('a session with its own protocol', () => {
  test(
    'starts a round from the page with the protocol’s role filled',
    { timeout: 60_000 },
    async ({ browser, server }) => {
      const links = await createSessionByApi(server.url, {
        title: 'Witness practice',
        protocol: WITNESSED,
      });
      const fay = await joinAs(browser, server.url, links.facilitatorLink, 'Fay');
      const pat = await joinAs(browser, server.url, links.memberLink, 'Pat');
      const people = [fay, pat];
      try {
        const panel = console_(fay.page);
        // The custom protocol is the session's default, and its size is known before starting.
        await panel.waitFor();
        expect(await panel.getByLabel('Protocol').inputValue()).toBe(WITNESSED.id);
        await panel.getByLabel('Presenter').selectOption({ label: 'Pat' });
        await panel
          .getByText('Witnessed check-in needs at least 2 peers besides the presenter.')
          .waitFor();
        expect(await panel.getByRole('button', { name: 'Start round' }).isDisabled()).toBe(true);

        const ben = await joinAs(browser, server.url, links.memberLink, 'Ben');
        people.push(ben);
        await tile(fay.page, 'Ben').waitFor();
        await startRound(fay.page, {
          protocol: WITNESSED.title,
          presenter: 'Pat',
          roles: { Witness: 'Ben' },
        });

        for (const person of people) {
          await waitForPhase(person.page, 'Account');
          await tile(person.page, 'Ben').getByText('Witness', { exact: true }).waitFor();
        }
        expect(await fay.page.getByTestId('phase-banner').innerText()).toContain(
          'Round 1 · Witnessed check-in · Phase 1 of 2',
        );
        await addCard(ben.page, 'What did you notice first?');

        await facilitate(fay.page, 'Next phase: Reflection');
        for (const person of people) await waitForPhase(person.page, 'Reflection');
        expect(await voicesOf(people, 'Ben')).toEqual(Array(3).fill('Speaking allowed'));
        expect(await voicesOf(people, 'Pat')).toEqual(Array(3).fill('Listening in silence'));
        expect(await voicesOf(people, 'Fay')).toEqual(Array(3).fill('Muted by the protocol'));

        // Once the round is over, the board still names it by the session's own protocol.
        await facilitate(fay.page, /^End round/);
        await console_(fay.page).getByRole('button', { name: 'Start round' }).waitFor();
        await waitForText(
          pat.page.getByTestId('board').locator('h3'),
          'Round 1 · Witnessed check-in',
        );
      } finally {
        await Promise.all(people.map((person) => person.context.close()));
      }
    },
  );
});
