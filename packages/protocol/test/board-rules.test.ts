import { describe, expect, test } from 'vitest';
import {
  ABSENT,
  PROTOCOL_LIMITS,
  checkBoardUpdate,
  isBoardRejection,
  type BoardChange,
  type BoardRejectionCode,
  type CardLookup,
  type SessionState,
} from '../src/index.ts';
import {
  add,
  between,
  boardOf,
  card,
  edit,
  ended,
  feedback,
  presentation,
  questions,
  remove,
  touched,
  verdict,
} from './board-fixtures.ts';

const bens = card();
const alis = card({ id: 'card-ali-1', author: 'ali' });
const pats = card({ id: 'card-pat-1', author: 'pat' });
const bensFeedback = card({ id: 'card-ben-2', phase: 'peer-feedback', kind: 'experience' });
const lastRounds = card({ id: 'card-ben-0', round: 2 });

function outcome(
  state: SessionState,
  who: string,
  changes: readonly BoardChange[],
  cards: CardLookup = boardOf([bens, alis, pats, bensFeedback, lastRounds]),
): BoardRejectionCode | 'accepted' {
  const result = checkBoardUpdate(state, who, { changes, cards });
  return isBoardRejection(result) ? result.code : 'accepted';
}

type Case = [string, SessionState, string, readonly BoardChange[], BoardRejectionCode | 'accepted'];

const accepted: Case[] = [
  ['an update that changes nothing, even after the end', ended, 'ben', [], 'accepted'],
  ['a question in clarifying questions', questions, 'ben', [add(bens)], 'accepted'],
  [
    'an edit of his own card in its phase',
    questions,
    'ben',
    [edit(bens, { ...bens, text: 'Why?' })],
    'accepted',
  ],
  [
    'an experience in peer feedback',
    feedback,
    'ben',
    [add(bensFeedback, bensFeedback.id)],
    'accepted',
  ],
  ['his own card deleted between rounds', between, 'ben', [remove(bens)], 'accepted'],
  [
    'his own card deleted while the phase takes none',
    presentation,
    'ben',
    [remove(bens)],
    'accepted',
  ],
  ["the facilitator removes someone's card", feedback, 'fay', [remove(bens)], 'accepted'],
  [
    'a key touched by deleted content, between rounds',
    between,
    'ben',
    [touched('cards')],
    'accepted',
  ],
  [
    'the presenter takes a card of the round',
    questions,
    'pat',
    [verdict(bens.id, 'take')],
    'accepted',
  ],
  [
    'the presenter, silent, leaves one',
    feedback,
    'pat',
    [verdict(bens.id, 'leave', 'take')],
    'accepted',
  ],
  [
    'the presenter clears a verdict',
    questions,
    'pat',
    [verdict(bens.id, ABSENT, 'take')],
    'accepted',
  ],
  [
    'a card and a verdict in one update',
    questions,
    'pat',
    [add(pats, pats.id), verdict(bens.id, 'take')],
    'accepted',
  ],
  [
    'an edit of an older card, to a kind the current phase takes',
    feedback,
    'ben',
    [edit(bens, { ...bens, kind: 'experience' })],
    'accepted',
  ],
];

const refused: Case[] = [
  ['any change after the end', ended, 'ben', [add(bens)], 'board-closed'],
  ['a touched key after the end', ended, 'fay', [touched('cards')], 'board-closed'],
  ['a card between rounds', between, 'ben', [add(bens)], 'board-closed'],
  [
    'a card in a phase that takes none',
    presentation,
    'ben',
    [add(card({ phase: 'presentation' }))],
    'board-closed',
  ],
  [
    'a card for another phase',
    questions,
    'ben',
    [add(bensFeedback, bensFeedback.id)],
    'board-closed',
  ],
  ['a card for another round', questions, 'ben', [add(lastRounds, lastRounds.id)], 'board-closed'],
  [
    'an edit of an older card whose kind the current phase does not take',
    feedback,
    'ben',
    [edit(bens, { ...bens, text: 'Why then?' })],
    'kind-not-accepted',
  ],
  [
    'a card while listening in silence',
    feedback,
    'pat',
    [add(card({ ...bensFeedback, author: 'pat' }), bensFeedback.id)],
    'silent-listener',
  ],
  [
    'her own card deleted while listening in silence',
    feedback,
    'pat',
    [remove(pats)],
    'silent-listener',
  ],
  ['a card written as someone else', questions, 'ben', [add(alis, alis.id)], 'not-your-card'],
  [
    "an edit of someone else's card",
    questions,
    'ben',
    [edit(alis, { ...alis, text: 'mine now' })],
    'not-your-card',
  ],
  [
    "an edit that makes someone else's card his",
    questions,
    'ben',
    [edit(alis, { ...alis, author: 'ben' })],
    'not-your-card',
  ],
  ["someone else's card deleted", questions, 'ben', [remove(alis)], 'not-your-card'],
  [
    'a kind the phase does not take',
    questions,
    'ben',
    [add(card({ kind: 'action' }))],
    'kind-not-accepted',
  ],
  [
    'an edit to a kind the phase does not take',
    questions,
    'ben',
    [edit(bens, { ...bens, kind: 'action' })],
    'kind-not-accepted',
  ],
  [
    'an edit that moves the card to another phase',
    questions,
    'ben',
    [edit(bensFeedback, { ...bensFeedback, phase: 'clarifying-questions', kind: 'question' })],
    'invalid-card',
  ],
  ['a card under another id', questions, 'ben', [add(bens, 'another-id')], 'invalid-card'],
  [
    'text beyond the limit',
    questions,
    'ben',
    [add(card({ text: 'x'.repeat(PROTOCOL_LIMITS.cardText + 1) }))],
    'invalid-card',
  ],
  ['no text', questions, 'ben', [add(card({ text: '' }))], 'invalid-card'],
  ['an unknown field', questions, 'ben', [add({ ...bens, extra: 1 })], 'invalid-card'],
  [
    'text only on the prototype',
    questions,
    'ben',
    [add(Object.assign(Object.create({ text: 'hi' }) as object, { ...bens, text: undefined }))],
    'invalid-card',
  ],
  ['undefined as a card', questions, 'ben', [add(undefined)], 'invalid-card'],
  ['null as a card', questions, 'ben', [add(null)], 'invalid-card'],
  ['a verdict by a peer', questions, 'ben', [verdict(bens.id, 'take')], 'not-presenter'],
  [
    'a verdict cleared by the facilitator',
    questions,
    'fay',
    [verdict(bens.id, ABSENT, 'take')],
    'not-presenter',
  ],
  ['a verdict key touched by a peer', questions, 'ben', [touched('verdicts')], 'not-presenter'],
  [
    'a verdict on a card of another round',
    questions,
    'pat',
    [verdict(lastRounds.id, 'take')],
    'invalid-card',
  ],
  ['a verdict on no card', questions, 'pat', [verdict('no-such-card', 'take')], 'invalid-card'],
  ['a verdict between rounds', between, 'pat', [verdict(bens.id, 'take')], 'not-presenter'],
  [
    'a verdict that is neither take nor leave',
    questions,
    'pat',
    [verdict(bens.id, 'maybe')],
    'invalid-card',
  ],
  [
    'the first refusal decides: verdicts first',
    questions,
    'ben',
    [verdict(bens.id, 'take'), add(card({ kind: 'action' }))],
    'not-presenter',
  ],
  [
    'the first refusal decides: cards first',
    questions,
    'ben',
    [add(card({ kind: 'action' })), verdict(bens.id, 'take')],
    'kind-not-accepted',
  ],
];

describe('checkBoardUpdate', () => {
  const named = [...accepted, ...refused].map(
    ([what, ...rest]) => [rest[3], what, ...rest] as const,
  );
  test.each(named)('%s: %s', (_code, _what, state, who, changes, expected) => {
    expect(outcome(state, who, changes)).toBe(expected);
  });

  test('a board beyond its card limit takes no more', () => {
    const crowded = boardOf([bens], PROTOCOL_LIMITS.cards + 1);
    expect(outcome(questions, 'ben', [add(bens)], crowded)).toBe('too-large');
    expect(outcome(questions, 'ben', [add(bens)], boardOf([bens], PROTOCOL_LIMITS.cards))).toBe(
      'accepted',
    );
  });
});
