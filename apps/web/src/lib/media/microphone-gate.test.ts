import {
  findBuiltInProtocol,
  initialState,
  isRejection,
  step,
  type Command,
  type SessionState,
} from '@roundtable/protocol';
import { describe, expect, test } from 'vitest';
import { microphoneGate } from './microphone-gate.ts';

function play(commands: readonly Command[], from: SessionState = initialState): SessionState {
  return commands.reduce((state, command, i) => {
    const next = step(state, command, 1_000 * i);
    if (isRejection(next)) throw new Error(`${command.type} rejected: ${next.message}`);
    return next.state;
  }, from);
}

const issueAnalysis = findBuiltInProtocol('issue-analysis');
if (!issueAnalysis) throw new Error('no Issue Analysis');

const joined = play([
  { type: 'join', actor: 'fay', name: 'Fay' },
  { type: 'join', actor: 'pat', name: 'Pat' },
  { type: 'join', actor: 'ben', name: 'Ben' },
]);
const presentation = play(
  [{ type: 'start-round', actor: 'fay', presenter: 'pat', protocol: issueAnalysis }],
  joined,
);
const clarifying = play([{ type: 'next-phase', actor: 'fay' }], presentation);
const peerFeedback = play([{ type: 'next-phase', actor: 'fay' }], clarifying);
const ended = play([{ type: 'end-session', actor: 'fay' }], joined);

const OPEN = { allowed: true };
const SILENT = { allowed: false, reason: 'Listening in silence' };
const WAIT = { allowed: false, reason: 'Not your turn' };

describe('microphoneGate', () => {
  test.each([
    ['between rounds, anyone', joined, 'ben', OPEN],
    ['in the presentation, the presenter', presentation, 'pat', OPEN],
    ['in the presentation, a peer', presentation, 'ben', WAIT],
    ['in clarifying questions, a peer', clarifying, 'ben', OPEN],
    ['in peer feedback, the presenter', peerFeedback, 'pat', SILENT],
    ['in peer feedback, the turn holder', peerFeedback, 'fay', OPEN],
    ['in peer feedback, a peer waiting', peerFeedback, 'ben', WAIT],
    ['after the session, anyone', ended, 'fay', WAIT],
  ])('%s', (_, state, me, expected) => {
    expect(microphoneGate(state, me)).toEqual(expected);
  });
});
