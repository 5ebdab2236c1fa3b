import { expect, test } from 'vitest';
import { levelFromSamples } from './mic-level.ts';

const constant = (value: number) => new Float32Array(256).fill(value);

test.each([
  ['silence', constant(0), 0],
  ['nothing at all', new Float32Array(0), 0],
  ['full scale', constant(1), 1],
  ['clipping', constant(2), 1],
  ['-30 dB', constant(10 ** (-30 / 20)), 0.5],
  ['below the floor', constant(10 ** (-80 / 20)), 0],
])('%s reads as %f', (_name, samples, level) => {
  expect(levelFromSamples(samples)).toBeCloseTo(level, 5);
});
