/**
 * A countdown that can be paused and extended. It stores what has elapsed before the current
 * run plus when the current run began, so any `now` yields the remaining time without timers.
 */
export interface Clock {
  readonly durationMs: number;
  readonly elapsedMs: number;
  /** When the current run began; null while paused. */
  readonly runningSince: number | null;
}

export function startClock(durationMs: number, now: number): Clock {
  return { durationMs, elapsedMs: 0, runningSince: now };
}

export function elapsedMs(clock: Clock, now: number): number {
  const running = clock.runningSince === null ? 0 : Math.max(0, now - clock.runningSince);
  return clock.elapsedMs + running;
}

export function remainingMs(clock: Clock, now: number): number {
  return Math.max(0, clock.durationMs - elapsedMs(clock, now));
}

/** The instant the clock reaches zero if left running; null while paused. */
export function deadline(clock: Clock): number | null {
  return clock.runningSince === null
    ? null
    : clock.runningSince + clock.durationMs - clock.elapsedMs;
}

export function pauseClock(clock: Clock, now: number): Clock {
  if (clock.runningSince === null) return clock;
  return { durationMs: clock.durationMs, elapsedMs: elapsedMs(clock, now), runningSince: null };
}

export function resumeClock(clock: Clock, now: number): Clock {
  return clock.runningSince === null ? { ...clock, runningSince: now } : clock;
}

/** Adds time to what is left now: a clock that already ran out gets exactly `byMs` more. */
export function extendClock(clock: Clock, byMs: number, now: number): Clock {
  const spent = Math.max(clock.durationMs, elapsedMs(clock, now));
  return { ...clock, durationMs: spent + byMs };
}
