import {
  findBuiltInProtocol,
  initialState,
  isRejection,
  step,
  type SessionEvent,
} from '@roundtable/protocol';
import { expect, test } from 'vitest';
import { announce, announceAll } from './announce.ts';

const found = findBuiltInProtocol('good-news-analysis');
if (!found) throw new Error('no Good News Analysis');
const protocol = found;

function started() {
  let state = initialState;
  let events: readonly SessionEvent[] = [];
  for (const command of [
    { type: 'join', actor: 'fay', name: 'Fay' },
    { type: 'join', actor: 'pat', name: 'Pat' },
    { type: 'start-round', actor: 'fay', presenter: 'pat', protocol },
  ] as const) {
    const next = step(state, command, 0);
    if (isRejection(next)) throw new Error(next.message);
    state = next.state;
    events = next.events;
  }
  return { state, events };
}

const { state, events } = started();
const fay = { me: 'fay', isFacilitator: true };
const pat = { me: 'pat', isFacilitator: false };

test('a round start is announced with its first phase', () => {
  expect(announceAll(events, state, fay)).toBe(
    'Round 1 started: Good News Analysis, presented by Pat. Phase 1 of 3: Story.',
  );
});

test.each<[SessionEvent, typeof fay, string | null]>([
  [{ type: 'turn-started', holder: 'pat' }, pat, 'Your turn to speak.'],
  [{ type: 'turn-started', holder: 'pat' }, fay, "Pat's turn."],
  [{ type: 'phase-time-up', phaseId: 'story' }, pat, 'Time is up for Story.'],
  [
    { type: 'paused', reason: 'presenter-left' },
    fay,
    'The round is paused until the presenter is back.',
  ],
  [{ type: 'phase-extended', seconds: 60 }, fay, 'The phase was extended by 1 min.'],
  [{ type: 'hand-raised', who: 'pat' }, fay, 'Pat raised a hand.'],
  [{ type: 'hand-raised', who: 'fay' }, pat, null],
  [
    { type: 'facilitator-changed', from: 'fay', to: 'pat', reason: 'handed-over' },
    pat,
    'You are now the facilitator.',
  ],
  [
    { type: 'facilitator-changed', from: 'fay', to: 'pat', reason: 'deputy' },
    pat,
    'You are now the facilitator, as the deputy.',
  ],
  [{ type: 'rule-raised', rule: 4, by: 'pat' }, fay, null],
  [{ type: 'turn-ended', holder: 'pat', reason: 'passed' }, fay, null],
  [{ type: 'session-ended' }, fay, 'The session has ended.'],
])('%j is announced to %j as %s', (event, listener, words) => {
  expect(announce(event, state, listener)).toBe(words);
});

test('a batch with nothing to say stays silent', () => {
  expect(announceAll([{ type: 'hand-lowered', who: 'pat' }], state, fay)).toBeNull();
});
