import { expect, test } from 'vitest';
import { noTalk, phaseChanged, speakersChanged, summary } from '../../src/media/talk-time.ts';

test('speaking time adds up per phase and per round, open intervals included', () => {
  let t = phaseChanged(noTalk, 1, 'presentation', 0);
  t = speakersChanged(t, ['pat'], 1_000);
  t = speakersChanged(t, [], 61_000);
  t = phaseChanged(t, 1, 'questions', 70_000);
  t = speakersChanged(t, ['ali', 'pat'], 71_000);
  t = speakersChanged(t, ['ali'], 75_000);
  expect(summary(t, 80_000)).toEqual({
    round: 1,
    byPhase: { presentation: { pat: 60_000 }, questions: { pat: 4_000, ali: 9_000 } },
    total: { pat: 64_000, ali: 9_000 },
  });
});

test('speech that runs across a phase change is split between the phases', () => {
  let t = phaseChanged(noTalk, 1, 'a', 0);
  t = speakersChanged(t, ['bo'], 10_000);
  t = phaseChanged(t, 1, 'b', 15_000);
  expect(summary(t, 20_000)?.byPhase).toEqual({ a: { bo: 5_000 }, b: { bo: 5_000 } });
});

test('a new round starts from zero; no round, no summary', () => {
  let t = phaseChanged(noTalk, 1, 'a', 0);
  t = speakersChanged(t, ['bo'], 0);
  t = phaseChanged(t, 2, 'a', 5_000);
  expect(summary(t, 6_000)).toEqual({
    round: 2,
    byPhase: { a: { bo: 1_000 } },
    total: { bo: 1_000 },
  });
  expect(summary(noTalk, 0)).toBeNull();
});
