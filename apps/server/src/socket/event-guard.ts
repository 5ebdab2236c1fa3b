import { refusal, type ClientToServerEvents, type Refusal } from '@roundtable/wire';
import type { Refused } from '../limits/rate-limits.ts';

/** What an event's acknowledgement is called with: every reply type includes a `Refusal`. */
export type ReplyOf<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]> extends [...unknown[], infer Ack]
    ? Ack extends (reply: infer R) => void
      ? R
      : never
    : never;

type Answer = (reply: unknown) => void;

/**
 * Socket.IO hands a listener the event's arguments followed by the acknowledgement, if the
 * sender asked for one: whatever the number of arguments, the ack is the last one.
 */
export function takeAck(raw: readonly unknown[]): { args: unknown[]; ack: Answer | null } {
  const last = raw.at(-1);
  if (typeof last !== 'function') return { args: [...raw], ack: null };
  return { args: raw.slice(0, -1), ack: last as Answer };
}

export const invalidPayload = (message: string): Refusal => refusal('invalid-payload', message);

/** The limiter's refusal as an ack carries it: which bucket refused stays on the server. */
export const rateLimited = ({ error }: Refused): Refusal => ({ ok: false, error });

export const internalError = (message = 'The server could not process that; try again.'): Refusal =>
  refusal('internal', message);
