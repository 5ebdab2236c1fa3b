import { CONNECT_ERRORS } from '@roundtable/wire';

/** A refused credential stays refused: retrying cannot help. */
export const isCredentialRefusal = (reason: string) =>
  (CONNECT_ERRORS as readonly string[]).includes(reason);

/** A rate-limited handshake says how long to wait, in `data.retryAfterMs`; others say nothing. */
export function retryAfterMsOf(error: Error): number {
  const data = (error as Error & { data?: { retryAfterMs?: unknown } }).data;
  return typeof data?.retryAfterMs === 'number' ? data.retryAfterMs : 0;
}
