/** Latency and size summaries. Percentiles use the nearest-rank method on the raw samples. */
export interface Summary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function summarize(samples: readonly number[]): Summary | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, x) => total + x, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
    mean: sum / sorted.length,
  };
}

/** The smallest sample with at least p% of the samples at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** The p99 of the samples sent in each consecutive slice of the window, to show a trend. */
export function p99BySlice(
  sentAt: readonly number[],
  values: readonly number[],
  from: number,
  sliceMs: number,
): number[] {
  const slices: number[][] = [];
  sentAt.forEach((at, i) => {
    const k = Math.max(0, Math.floor((at - from) / sliceMs));
    (slices[k] ??= []).push(values[i]!);
  });
  return Array.from(slices, (s) =>
    s
      ? percentile(
          [...s].sort((a, b) => a - b),
          99,
        )
      : NaN,
  );
}

/** A mean kept as a running sum, for the many small byte counts. */
export class RunningMean {
  sum = 0;
  count = 0;

  add(value: number): void {
    this.sum += value;
    this.count += 1;
  }

  get mean(): number | null {
    return this.count > 0 ? this.sum / this.count : null;
  }
}

/** Named error counters (rejected acks by code, lost observations, dropped sockets). */
export class ErrorCounts {
  private readonly counts = new Map<string, number>();

  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  get total(): number {
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  entries(): [string, number][] {
    return [...this.counts.entries()].sort((a, b) => b[1] - a[1]);
  }
}
