/** What one bench run does, read from BENCH_* environment variables. */
export interface BenchConfig {
  /** Scenarios to run, one fresh server each: how many sessions of eight clients. */
  readonly sessionCounts: readonly number[];
  /** Load runs this long before the measurement window, to warm the JIT and the caches. */
  readonly warmupMs: number;
  /** The measurement window per scenario. */
  readonly measureMs: number;
  /** After the window, how long to wait for the last observations before calling them lost. */
  readonly drainMs: number;
  /** Sessions connected at once during the ramp (eight sockets each). */
  readonly connectBatch: number;
  /** The whole run is killed after this long, whatever state it is in. */
  readonly hardTimeoutMs: number;
}

/** The load each session carries: fixed by the issue, so not configurable. */
export const LOAD = {
  clientsPerSession: 8,
  /** Each writing client adds a card this often (0.25 per second). */
  editIntervalMs: 4000,
  /** The facilitator changes the phase or the turn this often. */
  changeIntervalMs: 10_000,
} as const;

/** p99 targets at 250 sessions. */
export const TARGETS = { editP99Ms: 50, changeP99Ms: 20, atSessions: 250 } as const;

export function readBenchConfig(env: Record<string, string | undefined>): BenchConfig {
  const sessionCounts = (env.BENCH_SESSIONS ?? '25,100,250')
    .split(',')
    .map((part) => wholeNumber('BENCH_SESSIONS', part.trim(), 1));
  const measureMs = wholeNumber('BENCH_SECONDS', env.BENCH_SECONDS ?? '30', 1) * 1000;
  const warmupMs = wholeNumber('BENCH_WARMUP_SECONDS', env.BENCH_WARMUP_SECONDS ?? '5', 0) * 1000;
  const drainMs = wholeNumber('BENCH_DRAIN_SECONDS', env.BENCH_DRAIN_SECONDS ?? '10', 1) * 1000;
  const connectBatch = wholeNumber('BENCH_CONNECT_BATCH', env.BENCH_CONNECT_BATCH ?? '10', 1);
  // Generous: a ramp of about half a second per batch, the load itself, and the teardown.
  const perScenarioMs = (sessions: number) =>
    60_000 + (sessions / connectBatch) * 2000 + warmupMs + measureMs + drainMs;
  const defaultTimeoutMs = 120_000 + sessionCounts.reduce((sum, s) => sum + perScenarioMs(s), 0);
  const hardTimeoutMs = env.BENCH_TIMEOUT_SECONDS
    ? wholeNumber('BENCH_TIMEOUT_SECONDS', env.BENCH_TIMEOUT_SECONDS, 1) * 1000
    : defaultTimeoutMs;
  return { sessionCounts, warmupMs, measureMs, drainMs, connectBatch, hardTimeoutMs };
}

function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must hold whole numbers of at least ${min}, not "${value}"`);
  return n;
}
