import { describe, expect, test } from 'vitest';
import {
  PROTOCOL_LIMITS,
  addableCardKinds,
  cardPermissions,
  type Card,
  type CardKind,
  type CardPermissions,
  type SessionState,
} from '../src/index.ts';
import {
  between,
  card,
  ended,
  feedback,
  issueAnalysis,
  presentation,
  questions,
} from './board-fixtures.ts';

const bens = card();
const bensFeedback = card({ id: 'card-ben-2', phase: 'peer-feedback', kind: 'experience' });
const pats = card({ id: 'card-pat-1', author: 'pat', phase: 'peer-feedback', kind: 'experience' });
const fays = card({ id: 'card-fay-1', author: 'fay' });
const otherRound = card({ round: 2 });
/** Written in clarifying questions, of a kind peer feedback takes (only a crafted client would). */
const olderExperience = card({ id: 'card-ben-3', kind: 'experience' });

const may = (edit: boolean, remove: CardPermissions['remove'], sift: boolean) => ({
  edit,
  remove,
  sift,
});

const cases: [string, SessionState, string, Card, CardPermissions][] = [
  ['the author, in its phase', questions, 'ben', bens, may(true, 'own', false)],
  ['the author, once its phase is over', feedback, 'ben', bens, may(false, 'own', false)],
  ['the author, in a phase that takes none', presentation, 'ben', bens, may(false, 'own', false)],
  ['the author, between rounds', between, 'ben', bens, may(false, 'own', false)],
  [
    'the author, a card of another round of a kind the phase takes',
    questions,
    'ben',
    otherRound,
    may(true, 'own', false),
  ],
  [
    'the author, an older card of a kind the phase takes',
    feedback,
    'ben',
    olderExperience,
    may(true, 'own', false),
  ],
  ['another peer', questions, 'ali', bens, may(false, null, false)],
  ['the facilitator', questions, 'fay', bens, may(false, 'moderate', false)],
  ['the facilitator, her own card', questions, 'fay', fays, may(true, 'own', false)],
  ['the facilitator, between rounds', between, 'fay', bens, may(false, 'moderate', false)],
  ['the presenter, speaking', questions, 'pat', bens, may(false, null, true)],
  ['the presenter, listening in silence', feedback, 'pat', bensFeedback, may(false, null, true)],
  ['the presenter, silent, her own card', feedback, 'pat', pats, may(false, null, true)],
  ['the presenter, a card of another round', questions, 'pat', otherRound, may(false, null, false)],
  [
    'the facilitator presenting in silence, her own',
    issueAnalysis('fay', 2),
    'fay',
    { ...fays, phase: 'peer-feedback', kind: 'experience' },
    may(false, 'moderate', true),
  ],
  ['the author, after the end', ended, 'ben', bens, may(false, null, false)],
  ['the facilitator, after the end', ended, 'fay', bens, may(false, null, false)],
  ['the presenter, after the end', ended, 'pat', bens, may(false, null, false)],
  ['someone not in the session', questions, 'stranger', bens, may(false, null, false)],
];

describe('cardPermissions', () => {
  test.each(cases)('%s', (_who, state, participant, subject, expected) => {
    expect(cardPermissions(state, participant, subject)).toEqual(expected);
  });
});

const questionsOnly: readonly CardKind[] = ['question'];
const feedbackKinds: readonly CardKind[] = ['experience', 'concern', 'context', 'information'];

describe('addableCardKinds', () => {
  test.each<[string, SessionState, string, number, readonly CardKind[]]>([
    ['a peer in clarifying questions', questions, 'ben', 0, questionsOnly],
    ['the presenter, speaking', questions, 'pat', 3, questionsOnly],
    ['a peer in peer feedback', feedback, 'ben', 0, feedbackKinds],
    ['the presenter, listening in silence', feedback, 'pat', 0, []],
    ['a phase that takes none', presentation, 'ben', 0, []],
    ['between rounds', between, 'ben', 0, []],
    ['after the end', ended, 'fay', 0, []],
    ['a board one card short of full', questions, 'ben', PROTOCOL_LIMITS.cards - 1, questionsOnly],
    ['a full board', questions, 'ben', PROTOCOL_LIMITS.cards, []],
  ])('%s', (_what, state, who, count, kinds) => {
    expect(addableCardKinds(state, who, count)).toEqual(kinds);
  });
});
