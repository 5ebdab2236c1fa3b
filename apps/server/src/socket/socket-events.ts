import {
  CLIENT_DOCS,
  EVENT_ARGS,
  parseEventArgs,
  refusal,
  type ClientDocName,
  type ClientToServerEvents,
  type EventArgs,
} from '@roundtable/wire';
import type { BucketName } from '../limits/buckets.ts';
import type { RateLimits, Verdict } from '../limits/rate-limits.ts';
import {
  internalError,
  invalidPayload,
  rateLimited,
  takeAck,
  type ReplyOf,
} from './event-guard.ts';
import { rawSocket, type LiveSocket } from './live-socket.ts';

type AckedEvent = Exclude<keyof ClientToServerEvents, 'awareness'>;
type Charges = readonly (readonly [BucketName, number])[];

/**
 * The events of one socket, in the order they arrived. Every event passes its rate limits in
 * one chain per socket and is handed on inside it: the limiter's answer takes more or fewer
 * microtasks depending on whether a bucket is limited, exempt or off, so without the chain a
 * `command` could overtake the board `sync` sent just before it. Only the limit step is
 * chained; the live session's own queue (`LiveSession.serial`) then keeps the order of the work.
 */
export class SocketEvents {
  private chain: Promise<unknown> = Promise.resolve();

  private readonly socket: LiveSocket;
  private readonly limits: RateLimits;

  constructor(socket: LiveSocket, limits: RateLimits) {
    this.socket = socket;
    this.limits = limits;
  }

  /**
   * Listens to an event that has an acknowledgement and answers every call of it: over the
   * participant's rate, `rate-limited`; with arguments that do not fit the event, even too few
   * or too many, `invalid-payload`. A call without an ack is dropped: nobody waits for it.
   */
  acked<E extends AckedEvent>(
    event: E,
    bucket: BucketName,
    handle: (args: EventArgs<E>) => Promise<ReplyOf<E>>,
    alsoCharge: (args: unknown[]) => Charges = () => [],
  ): void {
    rawSocket(this.socket).on(event, (...raw: unknown[]) => {
      const { args, ack } = takeAck(raw);
      if (!ack) return;
      this.inOrder([[bucket, 1], ...alsoCharge(args)], (verdict) => {
        // Closed by the server while this waited (its account deleted, its session reset):
        // nobody hears the answer, and it may write nothing more.
        if (!this.socket.connected) return;
        if (!verdict.ok) return ack(rateLimited(verdict));
        const parsed = parseEventArgs(event, args);
        if (!parsed.ok) {
          // As for any refused sync: the sender holds changes the server does not have.
          const doc = args[0] as ClientDocName;
          if (event === 'sync' && CLIENT_DOCS.includes(doc))
            this.socket.emit('resync', doc, parsed.error);
          return ack(parsed);
        }
        // Called here, in order; its answer may come later without holding up the chain.
        try {
          handle(parsed.args).then(ack, () => ack(internalError()));
        } catch {
          ack(internalError());
        }
      });
    });
  }

  /** Presence hints: relayed as-is but bounded; nothing trusts them, nothing answers them. */
  awareness(): void {
    rawSocket(this.socket).on('awareness', (...raw: unknown[]) => {
      const { args, ack } = takeAck(raw);
      this.inOrder([['awareness', 1]], (verdict) => {
        // Over the limit it is dropped (and counted); a sender that asked for an ack learns why.
        if (!verdict.ok) return ack?.(rateLimited(verdict));
        if (ack) return ack(invalidPayload('"awareness" takes no acknowledgement.'));
        const parsed = parseEventArgs('awareness', args);
        if (parsed.ok)
          this.socket.to(this.socket.data.session.id).emit('awareness', parsed.args[0]);
      });
    });
  }

  /**
   * An event the server does not know is counted against its own bucket, so it cannot flood
   * unnoticed, and a sender waiting for an ack is told `unknown-event` instead of waiting.
   */
  unknown(): void {
    rawSocket(this.socket).onAny((event, ...raw) => {
      if (typeof event === 'string' && Object.hasOwn(EVENT_ARGS, event)) return;
      const { ack } = takeAck(raw);
      this.inOrder([['unknown-events', 1]], (verdict) => {
        if (!ack) return;
        if (!verdict.ok) return ack(rateLimited(verdict));
        ack(refusal('unknown-event', `No event "${String(event)}".`));
      });
    });
  }

  private inOrder(charges: Charges, then: (verdict: Verdict) => void): void {
    const participant = this.socket.data.participant.id;
    const charged = charges.map(([bucket, points]) => [bucket, participant, points] as const);
    this.chain = this.chain
      .then(() => this.limits.takeAll(charged))
      .then(then)
      // One event's failure (a bug) must not stop the socket's later events.
      .catch((error: unknown) => console.error(`A live event failed: ${String(error)}`));
  }
}
