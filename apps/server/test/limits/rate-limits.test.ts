import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { BUCKET_NAMES, BUCKETS, type BucketName, type Rate } from '../../src/limits/buckets.ts';
import type { RateLimitConfig } from '../../src/limits/limits-config.ts';
import { RateLimits } from '../../src/limits/rate-limits.ts';

// The memory store reads Date.now() and expires windows with timers: both are faked.
beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function limitsWith(rates: Partial<Record<BucketName, Rate | null>>, exempt: string[] = []) {
  const config: RateLimitConfig = {
    rates: {
      ...Object.fromEntries(BUCKET_NAMES.map((b) => [b, BUCKETS[b].default])),
      ...rates,
    } as RateLimitConfig['rates'],
    exempt,
    trustedProxies: 0,
  };
  const logged: string[] = [];
  const limits = new RateLimits(config, (line) => logged.push(line));
  return { limits, logged };
}

test('a participant bucket refuses past its points, says how long to wait, and then accepts', async () => {
  const { limits } = limitsWith({ commands: { points: 3, seconds: 10 } });
  for (let i = 0; i < 3; i++) expect(await limits.take('commands', 'p1')).toEqual({ ok: true });
  vi.advanceTimersByTime(4000);
  expect(await limits.take('commands', 'p1')).toEqual({
    ok: false,
    bucket: 'commands',
    error: { code: 'rate-limited', message: expect.any(String), retryAfterMs: 6000 },
  });
  // Someone else's budget is their own.
  expect(await limits.take('commands', 'p2')).toEqual({ ok: true });
  vi.advanceTimersByTime(6000);
  expect(await limits.take('commands', 'p1')).toEqual({ ok: true });
  limits.close();
});

test('points can be a cost, such as bytes', async () => {
  const { limits } = limitsWith({ 'sync-bytes': { points: 2_000_000, seconds: 10 } });
  expect((await limits.take('sync-bytes', 'p1', 1_500_000)).ok).toBe(true);
  expect((await limits.take('sync-bytes', 'p1', 600_000)).ok).toBe(false);
  limits.close();
});

test('client buckets group an IPv6 /64 and skip exempt addresses and subnets', async () => {
  const { limits } = limitsWith({ join: { points: 1, seconds: 60 } }, ['127.0.0.1', '10.1.0.0/16']);
  expect((await limits.take('join', '2001:db8:1:2::1')).ok).toBe(true);
  expect((await limits.take('join', '2001:db8:1:2::99')).ok).toBe(false);
  expect((await limits.take('join', '2001:db8:1:3::1')).ok).toBe(true);
  for (let i = 0; i < 5; i++) {
    expect((await limits.take('join', '127.0.0.1')).ok).toBe(true);
    expect((await limits.take('join', '10.1.200.3')).ok).toBe(true);
  }
  expect((await limits.take('join', '10.2.0.1')).ok).toBe(true);
  expect((await limits.take('join', '10.2.0.1')).ok).toBe(false);
  limits.close();
});

test('a bucket switched off never refuses', async () => {
  const { limits } = limitsWith({ clock: null });
  for (let i = 0; i < 100; i++) expect((await limits.take('clock', 'p1')).ok).toBe(true);
  limits.close();
});

test('takeAll charges every bucket and reports the first refusal', async () => {
  const { limits } = limitsWith({
    sync: { points: 10, seconds: 10 },
    'sync-bytes': { points: 1024 * 1024, seconds: 10 },
  });
  const send = (bytes: number) =>
    limits.takeAll([
      ['sync', 'p1', 1],
      ['sync-bytes', 'p1', bytes],
    ]);
  expect(await send(1024 * 1024)).toEqual({ ok: true });
  expect(await send(1)).toMatchObject({ ok: false, bucket: 'sync-bytes' });
  limits.close();
});

test('refusals are summed up in the log once a minute, and only when there were some', async () => {
  const { limits, logged } = limitsWith({ clock: { points: 1, seconds: 600 } });
  vi.advanceTimersByTime(60_000);
  expect(logged).toEqual([]);
  await limits.take('clock', 'p1');
  for (let i = 0; i < 4; i++) await limits.take('clock', 'p1');
  await limits.take('awareness', 'p1');
  vi.advanceTimersByTime(60_000);
  expect(logged).toEqual(['Rate limits refused in the last minute: clock 4.']);
  limits.close();
});
