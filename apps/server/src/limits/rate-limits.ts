import { BlockList, isIPv6 } from 'node:net';
import type { Refusal, WireError } from '@roundtable/wire';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { BUCKET_NAMES, BUCKETS, type BucketName } from './buckets.ts';
import { clientKey } from './client-address.ts';
import type { RateLimitConfig } from './limits-config.ts';

/**
 * A refused request, in the wire's failure shape (`rate-limited`, with how long until the
 * bucket has room again), and which bucket refused it; transports send only `error`.
 */
export interface Refused extends Refusal {
  readonly bucket: BucketName;
  readonly error: WireError & { readonly code: 'rate-limited'; readonly retryAfterMs: number };
}

export type Verdict = { readonly ok: true } | Refused;

/** A refusal by `bucket`; a person reads "Too many joins; try again in 42 s." */
function refused(bucket: BucketName, retryAfterMs: number): Refused {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const message = `Too many ${BUCKETS[bucket].what}; try again in ${seconds} s.`;
  return { ok: false, bucket, error: { code: 'rate-limited', message, retryAfterMs } };
}

const ACCEPTED: Verdict = { ok: true };
const REPORT_EVERY_MS = 60_000;

/**
 * Every rate limit of the server, in this process's memory (rate-limiter-flexible's memory
 * store: fixed windows that start with a key's first request and expire on their own).
 * Refusals are counted per bucket and summed up in the log once a minute, never line by line.
 */
export class RateLimits {
  private readonly limiters = new Map<BucketName, RateLimiterMemory>();
  private readonly exempt = new BlockList();
  private readonly refused = new Map<BucketName, number>();
  private readonly reporter: ReturnType<typeof setInterval>;

  constructor(config: RateLimitConfig, log: (message: string) => void) {
    for (const bucket of BUCKET_NAMES) {
      const rate = config.rates[bucket];
      if (rate)
        this.limiters.set(
          bucket,
          new RateLimiterMemory({ keyPrefix: bucket, points: rate.points, duration: rate.seconds }),
        );
    }
    for (const entry of config.exempt) {
      const [address = '', prefix] = entry.split('/');
      const family = isIPv6(address) ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.exempt.addAddress(address, family);
      else this.exempt.addSubnet(address, Number(prefix), family);
    }
    this.reporter = setInterval(() => {
      const summary = this.takeReport();
      if (summary) log(`Rate limits refused in the last minute: ${summary}.`);
    }, REPORT_EVERY_MS);
    this.reporter.unref();
  }

  /**
   * Counts `points` against `key` in `bucket`: a client address for client buckets (exempt
   * addresses are never limited), a participant for participant buckets.
   */
  async take(bucket: BucketName, key: string, points = 1): Promise<Verdict> {
    const limiter = this.limiters.get(bucket);
    if (!limiter) return ACCEPTED;
    const client = BUCKETS[bucket].scope === 'client';
    if (client && this.isExempt(key)) return ACCEPTED;
    try {
      await limiter.consume(client ? clientKey(key) : key, points);
      return ACCEPTED;
    } catch (outcome) {
      // The memory store only rejects with a result; anything else is a bug.
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      this.refused.set(bucket, (this.refused.get(bucket) ?? 0) + 1);
      return refused(bucket, Math.max(1, Math.ceil(outcome.msBeforeNext)));
    }
  }

  /**
   * Counts one request against several buckets at once (each is charged); the first refusal
   * is the verdict. Always the same number of steps, so requests keep their order.
   */
  async takeAll(charges: readonly (readonly [BucketName, string, number])[]): Promise<Verdict> {
    const verdicts = await Promise.all(
      charges.map(([b, key, points]) => this.take(b, key, points)),
    );
    return verdicts.find((v) => !v.ok) ?? ACCEPTED;
  }

  /** Refusals per bucket since the last report, e.g. `commands 12, awareness 340`, or ''. */
  takeReport(): string {
    const parts = [...this.refused].map(([bucket, count]) => `${bucket} ${count}`);
    this.refused.clear();
    return parts.join(', ');
  }

  close(): void {
    clearInterval(this.reporter);
  }

  private isExempt(address: string): boolean {
    try {
      return this.exempt.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
    } catch {
      // Not an address at all (a test's fake socket, a unix socket): nothing to exempt.
      return false;
    }
  }
}
