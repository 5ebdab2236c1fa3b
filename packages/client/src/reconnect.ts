import { isCredentialRefusal, retryAfterMsOf } from './connect-errors.ts';

/** What the reconnection schedule needs of the connection. */
export interface Reconnectable {
  readonly connect: () => void;
  readonly isConnected: () => boolean;
  /** Whether Socket.IO is itself about to retry (a transport failure). */
  readonly isRetrying: () => boolean;
  /** Whether the owner still wants the connection (not closed, reconnection allowed). */
  readonly isWanted: () => boolean;
}

/** After the server dropped everyone (it reloads a session from storage): come straight back. */
const AFTER_SERVER_DISCONNECT_MS = 250;

/**
 * The one place a client schedules its own reconnection. Socket.IO retries transport failures
 * itself, but neither a disconnect by the server nor a refusal by its handshake: a server
 * failure may pass, so try again, backing off from half a second to ten seconds, or waiting as
 * long as a rate limit says. A refused credential stays refused: no retry.
 */
export class Reconnector {
  private failedHandshakes = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly link: Reconnectable;

  constructor(link: Reconnectable) {
    this.link = link;
  }

  connected(): void {
    this.failedHandshakes = 0;
  }

  disconnected(reason: string): void {
    if (reason === 'io server disconnect') this.later(AFTER_SERVER_DISCONNECT_MS);
  }

  refused(error: Error): void {
    if (this.link.isRetrying() || isCredentialRefusal(error.message)) return;
    const backoff = Math.min(10_000, 500 * 2 ** this.failedHandshakes++);
    this.later(Math.max(retryAfterMsOf(error), backoff));
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private later(delayMs: number): void {
    if (!this.link.isWanted()) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.link.isWanted() && !this.link.isConnected()) this.link.connect();
    }, delayMs);
  }
}
