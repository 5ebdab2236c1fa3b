import { expect, test } from 'vitest';
import { describeCountdown, formatCountdown } from './countdown.ts';

test.each([
  [300_000, '5:00'],
  [299_001, '5:00'],
  [299_000, '4:59'],
  [61_000, '1:01'],
  [9_500, '0:10'],
  [1, '0:01'],
  [0, '0:00'],
  [-500, '0:00'],
  [3_600_000, '60:00'],
])('%i ms reads as %s', (ms, text) => {
  expect(formatCountdown(ms)).toBe(text);
});

test.each([
  [299_000, '4 minutes 59 seconds left'],
  [60_000, '1 minute left'],
  [1_000, '1 second left'],
  [0, 'time is up'],
])('%i ms is spoken as "%s"', (ms, words) => {
  expect(describeCountdown(ms)).toBe(words);
});
