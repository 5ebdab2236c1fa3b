import { expect, test } from 'vitest';
import {
  afterExit,
  noFailures,
  RESTART_BACKOFF,
  type Backoff,
} from '../../src/media/restart-backoff.ts';

/** Runs `afterExit` for a series of runs (how long each stayed up) and lists the waits. */
function waits(upFor: readonly number[]): number[] {
  let backoff: Backoff = noFailures;
  return upFor.map((ms) => {
    const next = afterExit(backoff, ms);
    backoff = next.backoff;
    return next.delayMs;
  });
}

test.each([
  { runs: [0], waits: [500] },
  { runs: [0, 0, 0, 0, 0], waits: [500, 1000, 2000, 4000, 8000] },
  // Capped at 30 s however often it crashes.
  {
    runs: Array<number>(10).fill(100),
    waits: [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000],
  },
  // A run that stayed up a minute makes the next crash a first crash again.
  { runs: [0, 0, 0, 60_000, 0], waits: [500, 1000, 2000, 500, 1000] },
  // Just short of a minute is not healthy yet.
  { runs: [0, 0, 59_999], waits: [500, 1000, 2000] },
])('runs up for $runs ms wait $waits ms before each restart', ({ runs, waits: expected }) => {
  expect(waits(runs)).toEqual(expected);
});

test('attempts count the crashes in a row, from 1', () => {
  const first = afterExit(noFailures, 0);
  const second = afterExit(first.backoff, 0);
  const afterHealthy = afterExit(second.backoff, RESTART_BACKOFF.stableMs);
  expect([first.attempt, second.attempt, afterHealthy.attempt]).toEqual([1, 2, 1]);
});
