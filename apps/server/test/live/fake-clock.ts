import type { Clock, Timer } from '../../src/core/clock.ts';

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * Time that moves only when a test says so. Timers fire from advance(), in the order they fall
 * due, each with the clock showing its own due time, as a real clock would have. Only the
 * app's scheduler runs on it: sockets and storage keep their real timers.
 */
export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly pending = new Set<Pending>();

  constructor(start = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): Timer {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, callback };
    this.pending.add(timer);
    return { cancel: () => this.pending.delete(timer) };
  }

  /** Moves time on by `ms`, firing every timer due by then. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = [...this.pending]
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.pending.delete(next);
      this.current = next.at;
      next.callback();
    }
    this.current = target;
  }

  /** When the earliest armed timer falls due, or null when none is armed. */
  nextDue(): number | null {
    const ats = [...this.pending].map((t) => t.at);
    return ats.length > 0 ? Math.min(...ats) : null;
  }
}
