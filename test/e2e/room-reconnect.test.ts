import { describe, expect } from 'vitest';
import { roomTest as test } from '../support/fixtures.ts';
import {
  addCard,
  card,
  facilitate,
  screenshots,
  startRound,
  waitForPhase,
} from '../support/room.ts';

describe('losing the connection', () => {
  test(
    'a page that drops out says so, then catches up with the room by itself',
    {
      // Four pages, an offline spell and socket.io backoff on a shared two-core machine.
      timeout: 180_000,
    },
    async ({ group }) => {
      const { fay, ben, cleo } = group;
      await startRound(fay.page, { protocol: 'Issue Analysis', presenter: 'Pat' });
      await facilitate(fay.page, 'Next phase: Clarifying questions');
      await waitForPhase(ben.page, 'Clarifying questions');

      await ben.context.setOffline(true);
      await ben.page
        .getByTestId('connection-banner')
        .filter({ hasText: 'Reconnecting…' })
        .waitFor();
      await screenshots(ben.page, 'reconnecting');

      // A command needs the server: the page says why nothing happens instead of hanging.
      await ben.page.getByRole('button', { name: 'Raise my hand' }).click();
      await ben.page
        .getByText('You are offline. Try again once the room has reconnected.')
        .waitFor();

      // The room goes on without Ben: a card, then the next phase.
      await addCard(cleo.page, 'Who else was in the room?');
      await facilitate(fay.page, 'Next phase: Peer feedback');
      await waitForPhase(cleo.page, 'Peer feedback');

      // Ben, still seeing Clarifying questions, writes a card; it waits in his copy of the board.
      await addCard(ben.page, 'What did you hope would happen?');

      await ben.context.setOffline(false);
      await ben.page.getByTestId('connection-banner').waitFor({ state: 'detached' });
      await waitForPhase(ben.page, 'Peer feedback');
      await card(ben.page, 'Who else was in the room?').waitFor();

      // The board refuses a card written for a phase that is over, and Ben is told why.
      await ben.page
        .getByText(
          'New cards belong to the current phase. Not added: “What did you hope would happen?”',
        )
        .waitFor();
      await card(ben.page, 'What did you hope would happen?').waitFor({ state: 'detached' });
      expect(await card(fay.page, 'What did you hope would happen?').count()).toBe(0);
      await screenshots(ben.page, 'reconnected-refusal');
    },
  );
});
