import type { IncomingMessage } from 'node:http';
import { json, type Reply } from '../http/reply.ts';
import type { Route } from '../api.ts';
import { BUCKETS, type BucketName } from './buckets.ts';
import { refusalMessage, type RateLimits, type Refused } from './rate-limits.ts';

/**
 * Admission checks for API routes: each bucket is charged per client address, or per
 * credential (the bearer, which names one participant) for participant buckets. A request
 * without a credential is left to the route, which refuses it anyway.
 */
export function httpLimitBy(limits: RateLimits, addressOf: (req: IncomingMessage) => string) {
  return (...buckets: BucketName[]): NonNullable<Route['admit']> =>
    async (req, bearer) => {
      const charges = buckets.flatMap((bucket) => {
        if (BUCKETS[bucket].scope === 'client') return [[bucket, addressOf(req), 1] as const];
        return bearer ? [[bucket, bearer, 1] as const] : [];
      });
      const verdict = await limits.takeAll(charges);
      return verdict.ok ? null : tooManyRequests(verdict);
    };
}

/**
 * 429 with Retry-After in whole seconds (HTTP's unit) and the exact wait in the body. The body
 * of a refused POST is not read, so the connection must not carry another request.
 */
function tooManyRequests(refused: Refused): Reply {
  const seconds = Math.ceil(refused.retryAfterMs / 1000);
  return json(
    429,
    {
      error: 'rate-limited',
      message: refusalMessage(refused),
      retryAfterMs: refused.retryAfterMs,
    },
    { 'retry-after': String(seconds), connection: 'close' },
  );
}
