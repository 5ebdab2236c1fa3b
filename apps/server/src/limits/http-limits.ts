import type { IncomingMessage } from 'node:http';
import { refusalReply, type Reply } from '../transport-reply.ts';
import { BUCKETS, type BucketName } from './buckets.ts';
import { clientKey } from './client-address.ts';
import type { RateLimits, Refused } from './rate-limits.ts';

/**
 * Runs before a request's body is read: a reply here (a rate limit's 429) is the answer. Typed
 * here, not in http/, because the Socket.IO transport uses these limits too.
 */
export type Admit = (req: IncomingMessage, bearer: string | null) => Promise<Reply | null>;

/** Which participant a bearer credential names, once its signature is checked; null if none. */
export type WhoIs = (bearer: string) => Promise<string | null>;

/**
 * Admission checks for API routes: each bucket is charged per client address, or for
 * participant buckets per participant, as the verified credential names it. An unverified
 * credential is charged to the address instead, so invented strings share one budget, and
 * several credentials for one participant share theirs. A request without a credential is left
 * to the route, which refuses it anyway.
 */
export function httpLimitBy(
  limits: RateLimits,
  addressOf: (req: IncomingMessage) => string,
  whoIs: WhoIs,
) {
  return (...buckets: BucketName[]): Admit =>
    async (req, bearer) => {
      const participant = bearer ? await participantKey(req, bearer) : null;
      const charges = buckets.flatMap((bucket) => {
        if (BUCKETS[bucket].scope === 'client') return [[bucket, addressOf(req), 1] as const];
        return participant ? [[bucket, participant, 1] as const] : [];
      });
      const verdict = await limits.takeAll(charges);
      return verdict.ok ? null : tooManyRequests(verdict);
    };

  async function participantKey(req: IncomingMessage, bearer: string): Promise<string> {
    const participant = await whoIs(bearer);
    return participant ? `participant:${participant}` : `address:${clientKey(addressOf(req))}`;
  }
}

/**
 * 429 with Retry-After in whole seconds (HTTP's unit) and the exact wait in the body. The body
 * of a refused POST is not read, so the connection must not carry another request.
 */
export function tooManyRequests(refused: Refused): Reply {
  const seconds = Math.ceil(refused.error.retryAfterMs / 1000);
  const reply = refusalReply(429, refused);
  return { ...reply, headers: { 'retry-after': String(seconds), connection: 'close' } };
}
