import {
  findBuiltInProtocol,
  initialState,
  isRejection,
  step,
  type Command,
  type SessionState,
} from '@roundtable/protocol';
import { describe, expect, test } from 'vitest';
import {
  joinGrant,
  mayUseMicrophone,
  NOTHING,
  permissionChanges,
  permissionsFor,
  without,
} from '../../src/media/permissions.ts';

function run(commands: Command[]): SessionState {
  return commands.reduce((state, cmd) => {
    const result = step(state, cmd, 0);
    if (isRejection(result)) throw new Error(`${cmd.type}: ${result.code}`);
    return result.state;
  }, initialState);
}

const joins: Command[] = ['fran', 'pat', 'ali'].map((id) => ({
  type: 'join',
  actor: id,
  name: id,
}));
const protocol = findBuiltInProtocol('issue-analysis')!;
const start: Command = { type: 'start-round', actor: 'fran', presenter: 'pat', protocol };
const next: Command = { type: 'next-phase', actor: 'fran' };

const microphones = (state: SessionState) =>
  [...permissionsFor(state)].filter(([, p]) => mayUseMicrophone(p)).map(([id]) => id);

describe('microphones follow the protocol', () => {
  test.each([
    ['between rounds everyone may speak', [], ['fran', 'pat', 'ali']],
    ['presentation: only the presenter', [start], ['pat']],
    ['clarifying questions: everyone', [start, next], ['fran', 'pat', 'ali']],
    [
      'peer feedback: only the turn holder; the presenter listens in silence',
      [start, next, next],
      ['fran'],
    ],
    ['positive feedback: peers, never the presenter', [start, next, next, next], ['fran', 'ali']],
  ] as const)('%s', (_name, commands, expected) => {
    expect(microphones(run([...joins, ...commands]))).toEqual(expected);
  });

  test('cameras stay allowed for silent listeners, and publishing is never an empty source list', () => {
    const state = run([...joins, start, next, next]);
    const pat = permissionsFor(state).get('pat')!;
    expect(pat).toEqual({
      canSubscribe: true,
      canPublish: true,
      canPublishData: true,
      canPublishSources: ['camera', 'screen_share'],
    });
  });

  test('someone who left neither publishes nor subscribes until they are back', () => {
    const left = run([...joins, start, { type: 'leave', actor: 'ali' }]);
    expect(permissionsFor(left).get('ali')).toMatchObject({
      canPublish: false,
      canSubscribe: false,
      canPublishData: false,
    });
    const back = run([...joins, start, { type: 'leave', actor: 'ali' }, joins[2]!]);
    expect(permissionsFor(back).get('ali')).toMatchObject({ canPublish: true, canSubscribe: true });
  });

  test('after the session nobody publishes or subscribes', () => {
    const state = run([...joins, { type: 'end-session', actor: 'fran' }]);
    for (const p of permissionsFor(state).values())
      expect(p).toMatchObject({ canPublish: false, canSubscribe: false });
  });
});

test('only people whose permission changed are updated', () => {
  const before = permissionsFor(run([...joins, start, next]));
  const after = permissionsFor(run([...joins, start, next, next]));
  // Everyone could speak in clarifying questions; in peer feedback Fran keeps her microphone.
  expect([...permissionChanges(before, after).keys()]).toEqual(['pat', 'ali']);
  expect(permissionChanges(after, after).size).toBe(0);
});

describe('join tokens never carry sound; someone cut off gets nothing', () => {
  test.each([
    ['between rounds', []],
    ['presentation', [start]],
    ['peer feedback', [start, next, next]],
  ] as const)('%s: no sound source in any join grant', (_name, commands) => {
    for (const [, permission] of permissionsFor(run([...joins, ...commands]))) {
      const grant = joinGrant(permission);
      expect(grant.canPublishSources).not.toContain('microphone');
      expect(grant.canPublishSources).not.toContain('screen_share_audio');
      // Never the empty list, which LiveKit reads as "every source".
      if (grant.canPublish) expect(grant.canPublishSources.length).toBeGreaterThan(0);
    }
  });

  test('withdrawing sources never leaves "every source" open', () => {
    const pat = permissionsFor(run([...joins, start, next, next])).get('pat')!;
    expect(without(pat, ['camera']).canPublishSources).toEqual(['screen_share']);
    expect(without(pat, ['camera', 'screen_share'])).toMatchObject({
      canPublish: false,
      canPublishSources: [],
    });
  });

  test('a cut-off participant may neither publish nor listen, whatever the phase', () => {
    const state = run([...joins]);
    const permissions = permissionsFor(state, new Set(['ali']));
    expect(permissions.get('ali')).toEqual(NOTHING);
    expect(mayUseMicrophone(permissions.get('fran')!)).toBe(true);
  });
});
