/**
 * Spoken-style durations ("2 min", "1 min 30 s"), because people plan a meeting in minutes
 * and a clock-style "02:00" reads like a countdown rather than a suggestion.
 */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** The suggested length of a whole protocol, from its phases' suggested durations. */
export function totalSeconds(phases: readonly { durationSeconds: number }[]): number {
  return phases.reduce((sum, phase) => sum + phase.durationSeconds, 0);
}
