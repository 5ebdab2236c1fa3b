import type { Clock } from './clock.ts';

/**
 * One live session's work, one task at a time: one writer keeps the update log in order. It
 * also knows when the session was last used, for unloading idle ones.
 */
export class WorkQueue {
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private lastUsedAt: number;
  /** Shutting down: what is queued still runs, nothing new is taken. */
  private refusing = false;
  private readonly clock: Clock;
  private readonly label: string;
  private readonly onFault: (error: unknown) => void;

  /** `onFault` hears of every task that threw; `label` names the session in refusals. */
  constructor(opts: { clock: Clock; label: string; onFault: (error: unknown) => void }) {
    this.clock = opts.clock;
    this.label = opts.label;
    this.onFault = opts.onFault;
    this.lastUsedAt = opts.clock.now();
  }

  get isRefusing(): boolean {
    return this.refusing;
  }

  /**
   * Runs `fn` after everything queued before it. A task that throws (storage failed, or a
   * bug) may have left memory ahead of storage: onFault hears of it, and the queue goes on.
   */
  run<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.refusing) {
      // Late work (a leave timer, a media write, a command racing the shutdown) is refused.
      // The refusal is marked handled: a caller that does not wait for it must not crash
      // the process while it stops.
      const refused = Promise.reject(new Error(`session ${this.label} is shutting down`));
      refused.catch(() => undefined);
      return refused;
    }
    this.pending += 1;
    const run = this.queue.then(fn);
    const settled = () => {
      this.pending -= 1;
      this.touch();
    };
    run.then(settled, settled);
    this.queue = run.catch((error: unknown) => this.onFault(error));
    return run;
  }

  /** Someone is about to use the session (a connection or a request): it is not idle. */
  touch(): void {
    this.lastUsedAt = this.clock.now();
  }

  /** Nothing queued, nothing running, and nobody has used the session for `ms`. */
  quietFor(ms: number): boolean {
    return this.pending === 0 && this.clock.now() - this.lastUsedAt >= ms;
  }

  /**
   * Takes no new work, and resolves once everything queued before has run. The queue itself
   * never rejects (a failure goes to onFault).
   */
  async drain(): Promise<void> {
    this.refusing = true;
    await this.queue;
  }
}
