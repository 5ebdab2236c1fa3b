import { expect, test } from 'vitest';
import { formatDuration, totalSeconds } from './duration.ts';

test.each([
  [45, '45 s'],
  [60, '1 min'],
  [90, '1 min 30 s'],
  [900, '15 min'],
  [3600, '60 min'],
])('%i seconds read as %s', (seconds, words) => {
  expect(formatDuration(seconds)).toBe(words);
});

test('a protocol lasts as long as its phases together', () => {
  expect(totalSeconds([{ durationSeconds: 300 }, { durationSeconds: 240 }])).toBe(540);
  expect(totalSeconds([])).toBe(0);
});
