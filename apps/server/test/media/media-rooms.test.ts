import { describe, expect, test } from 'vitest';
import { roomMark, roomName, sortRooms } from '../../src/media/media-rooms.ts';

const ours = (generation: number, sessionId = 's1') => ({
  name: roomName(sessionId, generation),
  metadata: roomMark(sessionId),
});

describe("which LiveKit room is a session's", () => {
  test.each([
    ['none yet', [], { current: null, stale: [] }],
    ['the one the server made', [ours(5)], { current: 's1~5', stale: [] }],
    [
      'the newest generation; older ones are stale',
      [ours(5), ours(9)],
      { current: 's1~9', stale: ['s1~5'] },
    ],
    [
      'a room a stale token made (auto_create on) is never current',
      [ours(5), { name: 's1~7', metadata: '' }],
      { current: 's1~5', stale: ['s1~7'] },
    ],
    [
      'a mark for another session does not count',
      [{ name: 's1~7', metadata: roomMark('s2') }],
      { current: null, stale: ['s1~7'] },
    ],
    [
      'other sessions are not touched',
      [ours(5, 's2'), ours(3, 's10')],
      { current: null, stale: [] },
    ],
    [
      'a room named like the session with no generation is stale',
      [
        { name: 's1~x', metadata: roomMark('s1') },
        { name: 's1', metadata: roomMark('s1') },
      ],
      { current: null, stale: ['s1~x'] },
    ],
  ])('%s', (_what, rooms, expected) => {
    expect(sortRooms('s1', rooms)).toEqual(expected);
  });
});
