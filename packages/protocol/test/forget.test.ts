import { describe, expect, test } from 'vitest';
import { FORMER_MEMBER, step, isRejection, type SessionState } from '../src/index.ts';
import { T0, accept, builtIn, room } from './fixtures.ts';

/** Fran facilitating, Pat presenting and Ali, in an Issue Analysis round. */
function inRound(): SessionState {
  return accept(room('fran', 'pat', 'ali'), {
    type: 'start-round',
    actor: 'fran',
    presenter: 'pat',
    protocol: builtIn('issue-analysis'),
  }).state;
}

const ended = (): SessionState => accept(inRound(), { type: 'end-session', actor: 'fran' }).state;

describe('forgetting a participant whose account was deleted', () => {
  test.each([
    ['a running round', inRound],
    ['an ended session', ended],
  ])('in %s renames only them and keeps the rest of the state', (_, make) => {
    const before = make();
    const after = accept(before, { type: 'forget', actor: 'ali' }).state;
    expect(after.participants.map((p) => p.name)).toEqual(
      before.participants.map((p) => (p.id === 'ali' ? FORMER_MEMBER : p.name)),
    );
    expect({ ...after, participants: [] }).toEqual({ ...before, participants: [] });
  });

  test('after they left the room, too', () => {
    const left = accept(inRound(), { type: 'leave', actor: 'ali' }, T0).state;
    const after = accept(left, { type: 'forget', actor: 'ali' }).state;
    expect(after.participants.find((p) => p.id === 'ali')).toMatchObject({
      name: FORMER_MEMBER,
      present: false,
    });
  });

  test('twice, or someone unknown: nothing changes', () => {
    const once = accept(inRound(), { type: 'forget', actor: 'pat' }).state;
    const twice = step(once, { type: 'forget', actor: 'pat' }, T0);
    const unknown = step(once, { type: 'forget', actor: 'nobody' }, T0);
    for (const result of [twice, unknown]) {
      expect(isRejection(result)).toBe(false);
      expect(isRejection(result) ? null : result.state).toBe(once);
    }
  });
});
