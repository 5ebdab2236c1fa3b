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
  mayUseMicrophone,
  permissionChanges,
  permissionsFor,
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
