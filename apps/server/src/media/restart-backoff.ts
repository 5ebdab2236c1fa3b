/**
 * When to start a crashed LiveKit again. Quick first (a one-off crash costs people half a
 * second of media), slower when it keeps crashing (a broken binary or a taken port must not
 * spin the machine), and forgiven once a run stayed up long enough to count as healthy.
 */
export interface BackoffPolicy {
  readonly firstMs: number;
  readonly maxMs: number;
  /** A run at least this long resets the schedule: the next crash is a first crash again. */
  readonly stableMs: number;
}

export const RESTART_BACKOFF: BackoffPolicy = { firstMs: 500, maxMs: 30_000, stableMs: 60_000 };

/** Crashes in a row, counting the current one once `afterExit` has seen it. */
export interface Backoff {
  readonly failures: number;
}

export const noFailures: Backoff = { failures: 0 };

/**
 * A run ended after `upForMs` (0 for a start that never became ready): the attempt number and
 * the wait before it. The wait doubles from `firstMs` up to `maxMs`.
 */
export function afterExit(
  backoff: Backoff,
  upForMs: number,
  policy: BackoffPolicy = RESTART_BACKOFF,
): { backoff: Backoff; attempt: number; delayMs: number } {
  const before = upForMs >= policy.stableMs ? 0 : backoff.failures;
  const delayMs = Math.min(policy.maxMs, policy.firstMs * 2 ** before);
  return { backoff: { failures: before + 1 }, attempt: before + 1, delayMs };
}
