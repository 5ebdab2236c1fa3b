/**
 * Whether LiveKit answers, watched all the time rather than found out when a command fails:
 * an outage must show in the room within 2 s even while nobody does anything. The state
 * machine is pure (`observe`); `HealthProbe` runs it on a timer; `httpReady` is the I/O.
 */

export interface ProbePolicy {
  /** From the start of one probe to the start of the next. */
  readonly intervalMs: number;
  /** A probe not answered within this counts as a miss. */
  readonly timeoutMs: number;
  /** Misses in a row that make LiveKit count as down; one answer makes it up again. */
  readonly missesForDown: number;
}

/** Every 500 ms, 2 misses: a killed LiveKit is noticed within about 1 s, a hung one 1.4 s. */
export const HEALTH_PROBE: ProbePolicy = { intervalMs: 500, timeoutMs: 400, missesForDown: 2 };

export interface Health {
  readonly up: boolean;
  readonly misses: number;
}

/** LiveKit was ready when media started. */
export const startsUp: Health = { up: true, misses: 0 };

export type HealthEvent =
  | { readonly type: 'probe'; readonly ok: boolean }
  /** The supervised process died: no need to wait for probes to miss. */
  | { readonly type: 'exited' };

/** The next health, and whether it turned (down or up) with this event. */
export function observe(
  health: Health,
  event: HealthEvent,
  policy: ProbePolicy = HEALTH_PROBE,
): { health: Health; turned: 'down' | 'up' | null } {
  if (event.type === 'exited')
    return {
      health: { up: false, misses: policy.missesForDown },
      turned: health.up ? 'down' : null,
    };
  if (event.ok) return { health: { up: true, misses: 0 }, turned: health.up ? null : 'up' };
  const misses = health.misses + 1;
  const up = health.up && misses < policy.missesForDown;
  return { health: { up, misses }, turned: health.up && !up ? 'down' : null };
}

export interface HealthProbeOptions {
  /** One probe: true when LiveKit answered in time. Never rejects. */
  readonly check: () => Promise<boolean>;
  readonly onTurn: (turned: 'down' | 'up') => void;
  /** After each unanswered probe while down: LiveKit has been down since then (now()). */
  readonly onStillDown?: (downSince: number) => void;
  readonly now: () => number;
  readonly policy?: ProbePolicy;
}

/** Runs the probe every `intervalMs`, one at a time, until stop(). */
export class HealthProbe {
  private health = startsUp;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Bumped by exited(): an answer to a probe sent before LiveKit died says nothing now. */
  private deaths = 0;
  /** When it last turned down. */
  private downSince = 0;
  private readonly opts: HealthProbeOptions;
  private readonly policy: ProbePolicy;

  constructor(opts: HealthProbeOptions) {
    this.opts = opts;
    this.policy = opts.policy ?? HEALTH_PROBE;
    this.next(this.policy.intervalMs);
  }

  get up(): boolean {
    return this.health.up;
  }

  /** The supervisor saw LiveKit die. */
  exited(): void {
    this.deaths += 1;
    this.apply({ type: 'exited' });
  }

  private apply(event: HealthEvent): void {
    if (this.stopped) return;
    const { health, turned } = observe(this.health, event, this.policy);
    this.health = health;
    if (turned === 'down') this.downSince = this.opts.now();
    if (turned) this.opts.onTurn(turned);
    if (event.type === 'probe' && !health.up) this.opts.onStillDown?.(this.downSince);
  }

  private next(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.probe(), delayMs);
  }

  private async probe(): Promise<void> {
    const started = this.opts.now();
    const deaths = this.deaths;
    const ok = await this.opts.check();
    if (deaths === this.deaths) this.apply({ type: 'probe', ok });
    this.next(Math.max(0, this.policy.intervalMs - (this.opts.now() - started)));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

/** LiveKit's readiness check: `GET <apiUrl>/` answers 200 once it serves. */
export function httpReady(apiUrl: string, timeoutMs: number): () => Promise<boolean> {
  return async () => {
    try {
      const res = await fetch(apiUrl, { signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  };
}
