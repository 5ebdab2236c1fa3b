import { describe, expect, test } from 'vitest';
import { attendanceOf, minutesPresent, type Stretch } from '../../src/programs/attendance.ts';

const MIN = 60_000;
const at = (minutes: number) => minutes * MIN;
const stretch = (from: number, to: number | null): Stretch => ({
  joinedAt: at(from),
  leftAt: to === null ? null : at(to),
});

describe('minutes present in one meeting', () => {
  test.each([
    { name: 'no stretches', stretches: [], endedAt: 60, now: 90, minutes: 0 },
    { name: 'one closed stretch', stretches: [stretch(0, 45)], endedAt: 60, now: 90, minutes: 45 },
    {
      name: 'two apart',
      stretches: [stretch(0, 10), stretch(20, 30)],
      endedAt: 60,
      now: 90,
      minutes: 20,
    },
    {
      name: 'overlapping (two tabs)',
      stretches: [stretch(0, 30), stretch(10, 40)],
      endedAt: 60,
      now: 90,
      minutes: 40,
    },
    {
      name: 'one inside another',
      stretches: [stretch(0, 50), stretch(10, 20)],
      endedAt: 60,
      now: 90,
      minutes: 50,
    },
    {
      name: 'open, meeting ended',
      stretches: [stretch(15, null)],
      endedAt: 60,
      now: 90,
      minutes: 45,
    },
    {
      name: 'open, meeting running',
      stretches: [stretch(15, null)],
      endedAt: null,
      now: 40,
      minutes: 25,
    },
    { name: 'left after the end', stretches: [stretch(50, 70)], endedAt: 60, now: 90, minutes: 10 },
    {
      name: 'joined after the end',
      stretches: [stretch(65, 70)],
      endedAt: 60,
      now: 90,
      minutes: 0,
    },
    {
      name: 'unsorted',
      stretches: [stretch(30, 40), stretch(0, 10)],
      endedAt: 60,
      now: 90,
      minutes: 20,
    },
  ])('$name: $minutes', ({ stretches, endedAt, now, minutes }) => {
    const end = { endedAt: endedAt === null ? null : at(endedAt), now: at(now) };
    expect(minutesPresent(stretches, end)).toBe(minutes);
  });

  test.each([
    { ms: 29_999, minutes: 0 },
    { ms: 30_000, minutes: 1 },
    { ms: 89_999, minutes: 1 },
    { ms: 90_000, minutes: 2 },
  ])('$ms ms round to $minutes minute(s)', ({ ms, minutes }) => {
    expect(minutesPresent([{ joinedAt: 0, leftAt: ms }], { endedAt: null, now: ms })).toBe(minutes);
  });

  test('never more than the meeting lasted, whatever the stretches', () => {
    const stretches = [stretch(0, 30), stretch(5, null), stretch(20, 90), stretch(59, 61)];
    expect(minutesPresent(stretches, { endedAt: at(60), now: at(200) })).toBe(60);
  });
});

describe('attendance per person over a group', () => {
  test('counts meetings, those attended, and minutes summed per meeting', () => {
    const meetings = [
      { sessionId: 'm1', endedAt: at(60) },
      { sessionId: 'm2', endedAt: at(1060) },
      { sessionId: 'm3', endedAt: null },
    ];
    const stretches = [
      { sessionId: 'm1', personId: 'ada', ...stretch(0, 60) },
      { sessionId: 'm2', personId: 'ada', ...stretch(1000, 1030) },
      { sessionId: 'm3', personId: 'ada', ...stretch(2000, null) },
      { sessionId: 'm1', personId: 'bo', ...stretch(30, null) },
      // Someone outside the list is not counted for anyone.
      { sessionId: 'm1', personId: 'cy', ...stretch(0, 60) },
    ];
    const result = attendanceOf({
      personIds: ['ada', 'bo', 'dee'],
      meetings,
      stretches,
      now: at(2010),
    });
    expect(Object.fromEntries(result)).toEqual({
      ada: { meetings: 3, attended: 3, minutesPresent: 60 + 30 + 10 },
      bo: { meetings: 3, attended: 1, minutesPresent: 30 },
      dee: { meetings: 3, attended: 0, minutesPresent: 0 },
    });
  });
});
