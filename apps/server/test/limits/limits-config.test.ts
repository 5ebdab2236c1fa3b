import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../../src/config.ts';
import { BUCKET_NAMES, BUCKETS } from '../../src/limits/buckets.ts';
import { readRateLimitConfig } from '../../src/limits/limits-config.ts';

test('defaults: every bucket at its documented rate, no exemption, X-Forwarded-For ignored', () => {
  const read = readRateLimitConfig({});
  expect(read).toEqual({
    ok: true,
    config: {
      rates: Object.fromEntries(BUCKET_NAMES.map((b) => [b, BUCKETS[b].default])),
      exempt: [],
      trustedProxies: 0,
    },
  });
});

test('a rate is points/seconds, fractions of a second allowed, or off', () => {
  const read = readRateLimitConfig({
    ROUNDTABLE_RATE_COMMANDS: '5/2',
    ROUNDTABLE_RATE_SYNC_BYTES: ' 2000000 / 0.5 ',
    ROUNDTABLE_RATE_MEDIA_TOKEN: 'off',
    ROUNDTABLE_RATE_EXEMPT: '127.0.0.1, 10.0.0.0/8,2001:db8::/32',
    ROUNDTABLE_TRUST_PROXY: '1',
  });
  expect(read).toMatchObject({
    ok: true,
    config: {
      rates: {
        commands: { points: 5, seconds: 2 },
        'sync-bytes': { points: 2_000_000, seconds: 0.5 },
        'media-token': null,
        join: BUCKETS.join.default,
      },
      exempt: ['127.0.0.1', '10.0.0.0/8', '2001:db8::/32'],
      trustedProxies: 1,
    },
  });
});

test.each([
  [{ ROUNDTABLE_RATE_JOIN: '60' }, 'ROUNDTABLE_RATE_JOIN must be "points/seconds"'],
  [{ ROUNDTABLE_RATE_JOIN: '0/60' }, 'ROUNDTABLE_RATE_JOIN must be'],
  [{ ROUNDTABLE_RATE_JOIN: '10/0' }, 'ROUNDTABLE_RATE_JOIN must be'],
  [{ ROUNDTABLE_RATE_CLOCK: 'ten/1' }, 'ROUNDTABLE_RATE_CLOCK must be'],
  // Below the largest sync step 2, which could then never be accepted.
  [{ ROUNDTABLE_RATE_SYNC_BYTES: '1000/10' }, 'ROUNDTABLE_RATE_SYNC_BYTES must allow at least'],
  [{ ROUNDTABLE_RATE_EXEMPT: 'localhost' }, 'ROUNDTABLE_RATE_EXEMPT must list addresses'],
  [{ ROUNDTABLE_RATE_EXEMPT: '10.0.0.0/33' }, 'ROUNDTABLE_RATE_EXEMPT must list addresses'],
  [{ ROUNDTABLE_TRUST_PROXY: 'yes' }, 'ROUNDTABLE_TRUST_PROXY must be a whole number'],
  [{ ROUNDTABLE_TRUST_PROXY: '-1' }, 'ROUNDTABLE_TRUST_PROXY must be a whole number'],
])('refuses %j', (env, problem) => {
  expect(readRateLimitConfig(env)).toEqual({
    ok: false,
    problems: [expect.stringContaining(problem)],
  });
});

test('every bucket is named after its variable', () => {
  const read = readRateLimitConfig(
    Object.fromEntries(
      BUCKET_NAMES.map((b) => [`ROUNDTABLE_RATE_${b.toUpperCase().replaceAll('-', '_')}`, 'off']),
    ),
  );
  expect(read.ok && Object.values(read.config.rates).every((r) => r === null)).toBe(true);
});

test('docs/operations.md lists every bucket with its default', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/operations.md'), 'utf8');
  for (const bucket of BUCKET_NAMES) {
    const { points, seconds } = BUCKETS[bucket].default;
    const variable = `ROUNDTABLE_RATE_${bucket.toUpperCase().replaceAll('-', '_')}`;
    expect(doc).toMatch(new RegExp(`\\| \`${variable}\` +\\| \\w+ +\\| \`${points}/${seconds}\``));
  }
});
