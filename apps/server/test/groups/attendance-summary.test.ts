import { describe, expect, test } from 'vitest';
import {
  minutesPresent,
  presenceInMeeting,
  totalsOver,
} from '../../src/groups/attendance-summary.ts';

const MIN = 60_000;

describe('minutesPresent', () => {
  test.each([
    { name: 'nothing', stretches: [], until: 100 * MIN, minutes: 0 },
    {
      name: 'one closed stretch',
      stretches: [{ joinedAt: 0, leftAt: 25 * MIN }],
      until: 90 * MIN,
      minutes: 25,
    },
    {
      name: 'an open stretch counts to until',
      stretches: [{ joinedAt: 10 * MIN, leftAt: null }],
      until: 40 * MIN,
      minutes: 30,
    },
    {
      name: 'two stretches add up',
      stretches: [
        { joinedAt: 0, leftAt: 10 * MIN },
        { joinedAt: 20 * MIN, leftAt: 35 * MIN },
      ],
      until: 60 * MIN,
      minutes: 25,
    },
    {
      name: 'overlaps count once',
      stretches: [
        { joinedAt: 0, leftAt: 30 * MIN },
        { joinedAt: 20 * MIN, leftAt: 40 * MIN },
      ],
      until: 60 * MIN,
      minutes: 40,
    },
    {
      name: 'rounds to the nearest minute',
      stretches: [{ joinedAt: 0, leftAt: 90_000 }],
      until: 10 * MIN,
      minutes: 2,
    },
    {
      name: 'cut at until',
      stretches: [{ joinedAt: 0, leftAt: 50 * MIN }],
      until: 45 * MIN,
      minutes: 45,
    },
  ])('$name', ({ stretches, until, minutes }) => {
    expect(minutesPresent(stretches, { endedAt: null, now: until })).toBe(minutes);
  });
});

test('an ended meeting counts an open stretch until its end, not until now', () => {
  const open = [{ joinedAt: 0, leftAt: null }];
  expect(minutesPresent(open, { endedAt: 60 * MIN, now: 600 * MIN })).toBe(60);
});

describe('presenceInMeeting and totalsOver', () => {
  test('never came: null, and not counted as attended', () => {
    expect(presenceInMeeting([], { endedAt: null, now: 10 })).toBeNull();
    expect(totalsOver(3, [null, null, null])).toEqual({
      meetings: 3,
      attended: 0,
      minutesPresent: 0,
    });
  });

  test('still in the room: no last left time', () => {
    const stretches = [
      { joinedAt: 0, leftAt: 5 * MIN },
      { joinedAt: 10 * MIN, leftAt: null },
    ];
    expect(presenceInMeeting(stretches, { endedAt: null, now: 20 * MIN })).toEqual({
      firstJoinedAt: 0,
      lastLeftAt: null,
      minutesPresent: 15,
    });
  });

  test('totals over meetings', () => {
    const came = presenceInMeeting([{ joinedAt: 0, leftAt: 30 * MIN }], {
      endedAt: 60 * MIN,
      now: 90 * MIN,
    });
    const again = presenceInMeeting([{ joinedAt: 0, leftAt: 45 * MIN }], {
      endedAt: 60 * MIN,
      now: 90 * MIN,
    });
    expect(totalsOver(3, [came, null, again])).toEqual({
      meetings: 3,
      attended: 2,
      minutesPresent: 75,
    });
  });
});
