/*
 * Minutes present, from the attendance table's stretches of presence (joined, left): pure
 * arithmetic, so the program page and the group page count the same way. A stretch still open
 * (left is null) runs until the meeting ended or, while it runs, until now. Stretches of the
 * same person may overlap (two tabs, a reconnect before the old socket's leave): time is
 * counted once.
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

/** Milliseconds covered by the stretches, each cut off at the meeting's end (or now). */
export function msPresent(stretches: readonly Stretch[], end: MeetingEnd): number {
  const until = end.endedAt ?? end.now;
  const spans = stretches
    .map((s) => ({ from: s.joinedAt, to: Math.min(s.leftAt ?? until, until) }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  let total = 0;
  let reached = -Infinity;
  for (const span of spans) {
    const from = Math.max(span.from, reached);
    if (span.to > from) total += span.to - from;
    reached = Math.max(reached, span.to);
  }
  return total;
}

/** Whole minutes present in one meeting, rounded to the nearest minute. */
export function minutesPresent(stretches: readonly Stretch[], end: MeetingEnd): number {
  return Math.round(msPresent(stretches, end) / MINUTE_MS);
}

/** One stretch of one person in one meeting, as the queries read them. */
export interface PersonStretch extends Stretch {
  readonly sessionId: string;
  readonly personId: string;
}

export interface MeetingTimes {
  readonly sessionId: string;
  readonly endedAt: number | null;
}

export interface PersonAttendance {
  /** The meetings counted. */
  readonly meetings: number;
  /** Those they were present in at all. */
  readonly attended: number;
  /** Summed over meetings, each meeting's minutes rounded first. */
  readonly minutesPresent: number;
}

/** Attendance of each of `personIds` over `meetings` (one group's), from their stretches. */
export function attendanceOf(o: {
  readonly personIds: readonly string[];
  readonly meetings: readonly MeetingTimes[];
  readonly stretches: readonly PersonStretch[];
  readonly now: number;
}): Map<string, PersonAttendance> {
  const result = new Map<string, PersonAttendance>();
  for (const personId of o.personIds) {
    let attended = 0;
    let minutes = 0;
    for (const meeting of o.meetings) {
      const own = o.stretches.filter(
        (s) => s.personId === personId && s.sessionId === meeting.sessionId,
      );
      if (own.length === 0) continue;
      attended += 1;
      minutes += minutesPresent(own, { endedAt: meeting.endedAt, now: o.now });
    }
    result.set(personId, { meetings: o.meetings.length, attended, minutesPresent: minutes });
  }
  return result;
}
