/**
 * A countdown as people read it on a wall clock: "4:59", rounding up so that "0:00" appears
 * only when the time has really run out, the moment the room says "time is up".
 */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** The same time in words, for screen readers: "4 minutes 59 seconds left". */
export function describeCountdown(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  if (total === 0) return 'time is up';
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  if (seconds > 0) parts.push(`${seconds} ${seconds === 1 ? 'second' : 'seconds'}`);
  return `${parts.join(' ')} left`;
}
