/*
 * Minutes present, from the attendance table's stretches of presence (joined, left): pure
 * arithmetic, the one count the program page, the group page and the own-data export share.
 * A stretch still open (left is null) runs until the meeting ended or, while it runs, until
 * now; every stretch is cut at that end. Stretches of the same attendee may overlap (two tabs,
 * a reconnect before the old socket's leave): time is counted once. Each meeting's minutes are
 * rounded before they are summed, so a total is the sum of what each meeting shows.
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

/** Milliseconds covered by the stretches (their union), each cut off at the meeting's end. */
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

export interface PresenceInMeeting {
  readonly firstJoinedAt: number;
  /** Null while they are still in the room. */
  readonly lastLeftAt: number | null;
  readonly minutesPresent: number;
}

/** One attendee's presence in one meeting; null when they never came. */
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

/** One stretch of one attendee (attendance/attendees.ts names them) in one meeting. */
export interface AttendeeStretch extends Stretch {
  readonly sessionId: string;
  readonly attendee: string;
}

export interface MeetingTimes {
  readonly sessionId: string;
  readonly endedAt: number | null;
}

export interface AttendanceTotals {
  /** The meetings counted. */
  readonly meetings: number;
  /** Those they were present in at all. */
  readonly attended: number;
  /** Summed over meetings, each meeting's minutes rounded first. */
  readonly minutesPresent: number;
}

/** Attendance of each of `attendees` over `meetings` (one group's), from their stretches. */
export function attendanceOf(o: {
  readonly attendees: readonly string[];
  readonly meetings: readonly MeetingTimes[];
  readonly stretches: readonly AttendeeStretch[];
  readonly now: number;
}): Map<string, AttendanceTotals> {
  const result = new Map<string, AttendanceTotals>();
  for (const attendee of o.attendees) {
    let attended = 0;
    let minutes = 0;
    for (const meeting of o.meetings) {
      const own = o.stretches.filter(
        (s) => s.attendee === attendee && s.sessionId === meeting.sessionId,
      );
      if (own.length === 0) continue;
      attended += 1;
      minutes += minutesPresent(own, { endedAt: meeting.endedAt, now: o.now });
    }
    result.set(attendee, { meetings: o.meetings.length, attended, minutesPresent: minutes });
  }
  return result;
}
