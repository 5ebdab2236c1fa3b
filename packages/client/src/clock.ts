/**
 * The server's clock as seen from here. Each sample is a round trip; the offset comes from
 * the sample with the shortest round trip, whose midpoint is the least uncertain (NTP's rule).
 */
export interface ClockSample {
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly serverTime: number;
}

export function offsetFrom(
  samples: readonly ClockSample[],
): { offsetMs: number; rttMs: number } | null {
  let best: ClockSample | null = null;
  for (const s of samples) {
    if (!best || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
  }
  if (!best) return null;
  const midpoint = (best.sentAt + best.receivedAt) / 2;
  return { offsetMs: best.serverTime - midpoint, rttMs: best.receivedAt - best.sentAt };
}
