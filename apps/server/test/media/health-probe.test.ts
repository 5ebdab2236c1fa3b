import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import {
  HEALTH_PROBE,
  HealthProbe,
  observe,
  startsUp,
  type Health,
  type HealthEvent,
} from '../../src/media/health-probe.ts';

const ok: HealthEvent = { type: 'probe', ok: true };
const miss: HealthEvent = { type: 'probe', ok: false };
const exited: HealthEvent = { type: 'exited' };

/** Feeds events from the start and lists when health turned. */
function turns(events: readonly HealthEvent[]): (string | null)[] {
  let health: Health = startsUp;
  return events.map((event) => {
    const next = observe(health, event);
    health = next.health;
    return next.turned;
  });
}

test.each([
  { name: 'answers keep it up', events: [ok, ok, ok], turns: [null, null, null] },
  {
    name: 'one miss is not an outage',
    events: [miss, ok, miss, ok],
    turns: [null, null, null, null],
  },
  { name: 'two misses in a row are', events: [miss, miss, miss], turns: [null, 'down', null] },
  { name: 'one answer ends it', events: [miss, miss, ok, ok], turns: [null, 'down', 'up', null] },
  { name: 'a death is an outage at once', events: [exited, miss, ok], turns: ['down', null, 'up'] },
  {
    name: 'a death while down changes nothing',
    events: [miss, miss, exited],
    turns: [null, 'down', null],
  },
  {
    name: 'after coming back it takes two misses again',
    events: [exited, ok, miss, miss],
    turns: ['down', 'up', null, 'down'],
  },
])('$name', ({ events, turns: expected }) => {
  expect(turns(events)).toEqual(expected);
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A probe whose answers the test sets; each check takes `latencyMs` of fake time. */
function probed(latencyMs = 10) {
  let answering = true;
  const checks: number[] = [];
  const seen: string[] = [];
  const stillDown: number[] = [];
  const probe = new HealthProbe({
    now: () => Date.now(),
    onTurn: (t) => seen.push(`${t}@${Date.now()}`),
    onStillDown: (since) => stillDown.push(since),
    check: async () => {
      checks.push(Date.now());
      const answer = answering;
      await new Promise((r) => setTimeout(r, latencyMs));
      return answer;
    },
  });
  return {
    probe,
    checks,
    seen,
    stillDown,
    setAnswering: (a: boolean) => (answering = a),
  };
}

test('probes every 500 ms from the start of one to the next, and reports an outage within 1 s', async () => {
  const start = Date.now();
  const { probe, checks, seen, setAnswering } = probed(10);
  await vi.advanceTimersByTimeAsync(2000);
  expect(checks.map((t) => t - start)).toEqual([500, 1000, 1500, 2000]);
  setAnswering(false);
  await vi.advanceTimersByTimeAsync(1010);
  // Misses at 2500 and 3000 (answered 10 ms later): down at 3010.
  expect(seen).toEqual([`down@${start + 3010}`]);
  setAnswering(true);
  await vi.advanceTimersByTimeAsync(500);
  expect(seen).toEqual([`down@${start + 3010}`, `up@${start + 3510}`]);
  probe.stop();
  await vi.advanceTimersByTimeAsync(5000);
  expect(checks).toHaveLength(7);
});

test('a slow probe delays the next by no more than the interval', async () => {
  const start = Date.now();
  const { probe, checks } = probed(HEALTH_PROBE.timeoutMs);
  await vi.advanceTimersByTimeAsync(1500);
  expect(checks.map((t) => t - start)).toEqual([500, 1000, 1500]);
  probe.stop();
});

test('a death is down at once; an answer to a probe sent before it does not count', async () => {
  const start = Date.now();
  const { probe, seen, setAnswering } = probed(100);
  await vi.advanceTimersByTimeAsync(550);
  // The probe sent at 500 is in flight and will say "ok"; LiveKit dies at 550.
  setAnswering(false);
  probe.exited();
  expect(probe.up).toBe(false);
  await vi.advanceTimersByTimeAsync(100);
  expect(seen).toEqual([`down@${start + 550}`]);
  setAnswering(true);
  await vi.advanceTimersByTimeAsync(500);
  expect(seen).toEqual([`down@${start + 550}`, `up@${start + 1100}`]);
  probe.stop();
});

test('every unanswered probe while down says since when it is down, for the hang check', async () => {
  const start = Date.now();
  const { probe, stillDown, setAnswering } = probed(10);
  await vi.advanceTimersByTimeAsync(1000);
  setAnswering(false);
  await vi.advanceTimersByTimeAsync(2010);
  // Down at 2010 (the second miss); the misses at 2510 and 3010 say so again.
  expect(stillDown).toEqual([start + 2010, start + 2010, start + 2010]);
  setAnswering(true);
  await vi.advanceTimersByTimeAsync(500);
  setAnswering(false);
  await vi.advanceTimersByTimeAsync(1000);
  expect(stillDown.slice(3)).toEqual([start + 4510]);
  probe.stop();
});
