import { describe } from 'vitest';
import { facilitate, startRound, waitForPhase } from '../support/room.ts';
import { mediaTestFor } from './media-fixtures.ts';
import { onlyOpen } from './media-checks.ts';

const STEP = { timeout: 180_000 };

const test = mediaTestFor({ title: 'May peer group', protocol: 'Good News Analysis' });

describe('a Good News Analysis round with real audio', () => {
  test('Story: only the presenter is heard', STEP, async ({ group }) => {
    await group.fay.page.bringToFront();
    await startRound(group.fay.page, { protocol: 'Good News Analysis', presenter: 'Pat' });
    for (const person of group.everyone) await waitForPhase(person.page, 'Story');
    await onlyOpen(group.everyone, group.everyone, ['Pat']);
  });

  test('Positive feedback: LiveKit closes the presenter’s microphone', STEP, async ({ group }) => {
    await group.fay.page.bringToFront();
    await facilitate(group.fay.page, 'Next phase: Positive feedback');
    for (const person of group.everyone) await waitForPhase(person.page, 'Positive feedback');
    await onlyOpen(group.everyone, group.everyone, ['Fay', 'Ben', 'Cleo']);
  });

  test('Response: the presenter is heard again', STEP, async ({ group }) => {
    await group.fay.page.bringToFront();
    await facilitate(group.fay.page, 'Next phase: Response');
    for (const person of group.everyone) await waitForPhase(person.page, 'Response');
    await onlyOpen(group.everyone, group.everyone, ['Pat']);
  });
});
