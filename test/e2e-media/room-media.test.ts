import { describe, expect } from 'vitest';
import { expectAccessibleAtBothWidths } from '../support/accessibility.ts';
import {
  facilitate,
  screenshots,
  startRound,
  tile,
  voiceOf,
  waitForPhase,
  waitForText,
} from '../support/room.ts';
import { mediaTest as test } from './media-fixtures.ts';
import { MEDIA_MS, micOf, onlyOpen, picturesShow, videoPlays } from './media-checks.ts';

const EVERYONE = ['Fay', 'Pat', 'Ben', 'Cleo'];

const STEP = { timeout: 180_000 };
// Pages behind the front one get no animation frames, which Playwright's clicks wait for: each
// step brings the page that acts to the front.

describe('audio and video follow the protocol through an Issue Analysis round', () => {
  test('everyone is seen and heard in the open conversation', STEP, async ({ group }) => {
    const { ben, everyone } = group;
    for (const other of everyone) await videoPlays(ben.page, other.name);
    await onlyOpen(everyone, everyone, ['Fay', 'Pat', 'Ben', 'Cleo']);
    await waitForText(ben.page.getByTestId('mic-button'), 'Mute');
  });

  test('Presentation: only the presenter’s microphone is published', STEP, async ({ group }) => {
    const { fay, pat, ben, everyone } = group;
    await fay.page.bringToFront();
    await startRound(fay.page, { protocol: 'Issue Analysis', presenter: 'Pat' });
    for (const person of everyone) await waitForPhase(person.page, 'Presentation');
    await onlyOpen(everyone, everyone, ['Pat']);
    await waitForText(ben.page.getByTestId('mic-reason'), 'Not your turn');
    expect(await ben.page.getByTestId('mic-button').isDisabled()).toBe(true);
    // The presenter has the floor: first, and larger.
    await tile(ben.page, 'Pat').and(ben.page.locator('[data-featured="true"]')).waitFor();
    await picturesShow(pat.page, EVERYONE);
    await screenshots(pat.page, 'media-presentation-presenter');
  });

  test(
    'Peer feedback: the presenter listens in silence, and LiveKit agrees',
    STEP,
    async ({ group }) => {
      const { fay, pat, ben, cleo, everyone } = group;
      await fay.page.bringToFront();
      await facilitate(fay.page, 'Next phase: Clarifying questions');
      for (const person of everyone) await waitForPhase(person.page, 'Clarifying questions');
      await onlyOpen(everyone, everyone, ['Fay', 'Pat', 'Ben', 'Cleo']);

      await facilitate(fay.page, 'Next phase: Peer feedback');
      for (const person of everyone) await waitForPhase(person.page, 'Peer feedback');
      // Fay holds the first turn: hers is the only microphone the media server keeps.
      await onlyOpen(everyone, everyone, ['Fay']);
      for (const other of [fay, ben, cleo]) {
        expect(await voiceOf(other.page, 'Pat')).toBe('Listening in silence');
        await micOf(other.page, 'Pat', 'unpublished');
      }
      await waitForText(pat.page.getByTestId('mic-reason'), 'Listening in silence');
      expect(await pat.page.getByTestId('mic-button').isDisabled()).toBe(true);
      await waitForText(ben.page.getByTestId('mic-reason'), 'Not your turn');

      await fay.page.getByRole('button', { name: "I'm done: pass the turn" }).click();
      await onlyOpen(everyone, everyone, ['Ben']);
      await screenshots(pat.page, 'media-peer-feedback-presenter');
      await screenshots(ben.page, 'media-peer-feedback-turn-holder');
      await expectAccessibleAtBothWidths(ben.page, 'peer feedback with video tiles, turn holder');
      await expectAccessibleAtBothWidths(pat.page, 'peer feedback with video tiles, presenter');
    },
  );

  test('Response: the presenter’s microphone comes back', STEP, async ({ group }) => {
    const { fay, pat, everyone } = group;
    await fay.page.bringToFront();
    await facilitate(fay.page, 'Next phase: Positive feedback');
    for (const person of everyone) await waitForPhase(person.page, 'Positive feedback');
    // The peers speak again and the presenter still listens in silence.
    await onlyOpen(everyone, everyone, ['Fay', 'Ben', 'Cleo']);
    await facilitate(fay.page, 'Next phase: Response');
    for (const person of everyone) await waitForPhase(person.page, 'Response');
    await onlyOpen(everyone, everyone, ['Pat']);
    await waitForText(pat.page.getByTestId('mic-button'), 'Mute');
  });

  test('the facilitator sees the talk-time balance', STEP, async ({ group }) => {
    const { fay } = group;
    const balance = fay.page.getByTestId('talk-time');
    await balance.getByRole('list', { name: 'Speaking time in this round' }).waitFor();
    const rows = balance
      .getByRole('list', { name: 'Speaking time in this round' })
      .getByTestId('talk-time-row');
    expect(await rows.count()).toBe(4);
    expect(await rows.first().innerText()).toMatch(/\d+ s|\d+ min/);
    // Chromium's fake microphone beeps: LiveKit heard the presenter while she presented.
    const pat = rows.filter({ hasText: 'Pat' });
    expect(Number(await pat.getAttribute('data-ms'))).toBeGreaterThan(0);
    await picturesShow(fay.page, EVERYONE);
    await screenshots(fay.page, 'media-response-facilitator');
  });

  test('a person mutes, turns the camera off, and back on', STEP, async ({ group }) => {
    const { pat, ben } = group;
    await pat.page.getByTestId('mic-button').click();
    await waitForText(pat.page.getByTestId('mic-button'), 'Unmute');
    await waitForText(tile(ben.page, 'Pat').getByTestId('person-mic'), 'Microphone muted');
    await pat.page.getByTestId('mic-button').click();
    await waitForText(tile(ben.page, 'Pat').getByTestId('person-mic'), 'Microphone on');

    await pat.page.getByRole('button', { name: 'Turn camera off' }).click();
    await tile(ben.page, 'Pat').locator('[data-media-slot] video').waitFor({ state: 'detached' });
    await pat.page.getByRole('button', { name: 'Turn camera on' }).click();
    await videoPlays(ben.page, 'Pat');
  });

  test('the summary shows each round’s talk-time balance', STEP, async ({ group }) => {
    const { fay, pat } = group;
    await fay.page.bringToFront();
    await facilitate(fay.page, 'End round');
    await waitForPhase(fay.page, 'Open conversation');
    await facilitate(fay.page, 'End session');
    await fay.page.getByRole('alertdialog').getByRole('button', { name: 'End session' }).click();
    const talk = pat.page.getByTestId('summary-talk-time');
    await talk.waitFor({ timeout: MEDIA_MS });
    expect(await talk.getByTestId('talk-time-row').count()).toBe(4);
    await screenshots(pat.page, 'media-summary');
  });
});
