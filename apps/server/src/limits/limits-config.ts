import { isIP } from 'node:net';
import { LIMITS } from '@roundtable/wire';
import { BUCKET_NAMES, BUCKETS, envName, type BucketName, type Rate } from './buckets.ts';

export interface RateLimitConfig {
  /** Each bucket's rate; null when the operator switched that limit off. */
  readonly rates: Readonly<Record<BucketName, Rate | null>>;
  /** Addresses and subnets (`10.0.0.0/8`, `2001:db8::/32`) the client buckets never limit. */
  readonly exempt: readonly string[];
  /**
   * How many reverse proxies in front of the server append to X-Forwarded-For. 0 (the
   * default) ignores the header: anyone can write it, so it is only believed when configured.
   */
  readonly trustedProxies: number;
}

export type RateLimitConfigResult =
  { ok: true; config: RateLimitConfig } | { ok: false; problems: string[] };

/** Reads ROUNDTABLE_RATE_*, ROUNDTABLE_RATE_EXEMPT and ROUNDTABLE_TRUST_PROXY. */
export function readRateLimitConfig(
  env: Record<string, string | undefined>,
): RateLimitConfigResult {
  const problems: string[] = [];
  const rates = Object.fromEntries(
    BUCKET_NAMES.map((bucket) => [bucket, readRate(env, bucket, problems)]),
  ) as Record<BucketName, Rate | null>;
  // A sync step 2 may be this large: a smaller budget would refuse it forever.
  const bytes = rates['sync-bytes'];
  if (bytes && bytes.points < LIMITS.syncBytes)
    problems.push(`${envName('sync-bytes')} must allow at least ${LIMITS.syncBytes} bytes`);

  const exempt = (env.ROUNDTABLE_RATE_EXEMPT ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of exempt)
    if (!isAddressOrSubnet(entry))
      problems.push(
        `ROUNDTABLE_RATE_EXEMPT must list addresses or subnets (a.b.c.d/n), not "${entry}"`,
      );

  const trustedProxies = Number(env.ROUNDTABLE_TRUST_PROXY?.trim() || '0');
  if (!Number.isInteger(trustedProxies) || trustedProxies < 0)
    problems.push(
      `ROUNDTABLE_TRUST_PROXY must be a whole number of proxies (0 to ignore X-Forwarded-For), not "${env.ROUNDTABLE_TRUST_PROXY}"`,
    );
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, config: { rates, exempt, trustedProxies } };
}

/** `points/seconds`, e.g. `30/600`; `off` switches the limit off. */
function readRate(
  env: Record<string, string | undefined>,
  bucket: BucketName,
  problems: string[],
): Rate | null {
  const name = envName(bucket);
  const value = env[name]?.trim();
  if (!value) return BUCKETS[bucket].default;
  if (value === 'off') return null;
  const match = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(value);
  const points = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  if (!match || points < 1 || !(seconds > 0)) {
    problems.push(`${name} must be "points/seconds" (e.g. "30/60") or "off", not "${value}"`);
    return null;
  }
  return { points, seconds };
}

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}
