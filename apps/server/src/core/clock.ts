/** A timer the core armed; cancelling one that already fired does nothing. */
export interface Timer {
  cancel(): void;
}

/**
 * Time as the core sees it: what time it is, and "call me back in `ms`". Injected so a test
 * can drive deadlines (turns, phases, leave grace) through the real scheduler with fake time.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): Timer;
}

/** setTimeout overflows past ~24.8 days; a longer wait is simply re-armed when it is reached. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The wall clock and Node's timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, Math.min(ms, MAX_TIMER_MS));
    return { cancel: () => clearTimeout(handle) };
  },
};
