import type { TalkTimeSummary } from '@roundtable/wire';

export interface TalkShare {
  readonly id: string;
  readonly name: string;
  readonly ms: number;
  /** Of the longest speaker's time, 0 to 1: the bar's length. */
  readonly share: number;
}

/**
 * Each person's speaking time, longest first, with bar lengths relative to the longest so the
 * balance reads at a glance. Everyone named is listed, silent people with nothing.
 */
export function talkShares(
  times: Readonly<Record<string, number>>,
  people: readonly { readonly id: string; readonly name: string }[],
): TalkShare[] {
  const ids = new Set([...people.map((p) => p.id), ...Object.keys(times)]);
  const longest = Math.max(0, ...Object.values(times));
  return [...ids]
    .map((id) => {
      const ms = times[id] ?? 0;
      const name = people.find((p) => p.id === id)?.name ?? 'Someone who left';
      return { id, name, ms, share: longest > 0 ? ms / longest : 0 };
    })
    .sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name));
}

/** The times of one phase of the round, or none yet. */
export function phaseTimes(
  summary: TalkTimeSummary | null,
  phaseId: string | null,
): Readonly<Record<string, number>> {
  return (phaseId && summary?.byPhase[phaseId]) || {};
}

/** "1 min 5 s", "42 s": whole seconds, as a person reads a stopwatch. */
export function spokenDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
