/*
 * Minutes present from stretches of presence (attendance rows): pure arithmetic, no I/O.
 * A stretch still open (nobody saw the person leave) counts until the meeting ended, or until
 * now while it runs. Same signatures as the program page's programs/attendance.ts (H1, not on
 * main when this was written), so the two can become one.
 */

export interface Stretch {
  readonly joinedAt: number;
  readonly leftAt: number | null;
}

export interface MeetingEnd {
  /** When the meeting's session ended; null while it runs. */
  readonly endedAt: number | null;
  readonly now: number;
}

const MINUTE_MS = 60_000;

/** Whole minutes present, rounded to the nearest; overlapping stretches count once. */
export function minutesPresent(stretches: readonly Stretch[], end: MeetingEnd): number {
  const until = end.endedAt ?? end.now;
  const spans = stretches
    .map((s) => ({ from: s.joinedAt, to: Math.min(s.leftAt ?? until, until) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  let total = 0;
  let reached = -Infinity;
  for (const { from, to } of spans) {
    // Two tabs, or a reconnect recorded before the leave, must not count twice.
    const start = Math.max(from, reached);
    if (to > start) total += to - start;
    reached = Math.max(reached, to);
  }
  return Math.round(total / MINUTE_MS);
}

export interface PresenceInMeeting {
  readonly firstJoinedAt: number;
  /** Null while they are still in the room. */
  readonly lastLeftAt: number | null;
  readonly minutesPresent: number;
}

/** One person's presence in one meeting; null when they never came. */
export function presenceInMeeting(
  stretches: readonly Stretch[],
  end: MeetingEnd,
): PresenceInMeeting | null {
  if (stretches.length === 0) return null;
  const firstJoinedAt = Math.min(...stretches.map((s) => s.joinedAt));
  const open = stretches.some((s) => s.leftAt === null);
  const lastLeftAt = open ? null : Math.max(...stretches.map((s) => s.leftAt ?? 0));
  return { firstJoinedAt, lastLeftAt, minutesPresent: minutesPresent(stretches, end) };
}

export interface PersonTotals {
  readonly meetings: number;
  readonly attended: number;
  readonly minutesPresent: number;
}

/** Totals over a group's meetings for one person: how many they came to, and for how long. */
export function totalsOver(
  meetings: number,
  presences: readonly (PresenceInMeeting | null)[],
): PersonTotals {
  const came = presences.filter((p): p is PresenceInMeeting => p !== null);
  return {
    meetings,
    attended: came.length,
    minutesPresent: came.reduce((sum, p) => sum + p.minutesPresent, 0),
  };
}
