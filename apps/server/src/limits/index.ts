import { clientAddress } from './client-address.ts';
import { httpLimitBy, type WhoIs } from './http-limits.ts';
import { readRateLimitConfig } from './limits-config.ts';
import { RateLimits } from './rate-limits.ts';

/**
 * The rate limits as the composition root needs them: the limiter, how a request's client
 * address is read (X-Forwarded-For only when configured), and route admission checks.
 */
export function createRateLimits(
  env: Record<string, string | undefined>,
  log: (message: string) => void,
) {
  const read = readRateLimitConfig(env);
  if (!read.ok) throw new Error(`Configuration: ${read.problems.join('; ')}`);
  const limits = new RateLimits(read.config, log);
  const addressOf = (req: Parameters<typeof clientAddress>[0]) =>
    clientAddress(req, read.config.trustedProxies);
  return {
    limits,
    addressOf,
    /** Route admission checks, given how a credential names its participant. */
    limitBy: (whoIs: WhoIs) => httpLimitBy(limits, addressOf, whoIs),
  };
}
