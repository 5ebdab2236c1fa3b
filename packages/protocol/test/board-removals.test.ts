import { describe, expect, test } from 'vitest';
import { checkBoardUpdate, type Card, type SessionState } from '../src/index.ts';
import {
  add,
  boardOf,
  card,
  feedback,
  issueAnalysis,
  questions,
  remove,
} from './board-fixtures.ts';

const bens = card();

describe('the facilitator removes cards on record', () => {
  test.each<[string, SessionState, string, Card, { cardId: string; author: string }[]]>([
    [
      "the facilitator removes Ben's card",
      feedback,
      'fay',
      bens,
      [{ cardId: bens.id, author: 'ben' }],
    ],
    ['Ben deletes his own', feedback, 'ben', bens, []],
    ['the facilitator, not silent, deletes her own', questions, 'fay', card({ author: 'fay' }), []],
    [
      'the facilitator, presenting in silence, removes her own',
      issueAnalysis('fay', 2),
      'fay',
      card({ author: 'fay' }),
      [{ cardId: bens.id, author: 'fay' }],
    ],
  ])('removals on record: %s', (_what, state, who, removed, removals) => {
    expect(
      checkBoardUpdate(state, who, { changes: [remove(removed)], cards: boardOf([]) }),
    ).toEqual({ removals });
  });

  test('a refused update puts no removal on record', () => {
    const wrongKind = card({
      id: 'card-fay-1',
      author: 'fay',
      phase: 'peer-feedback',
      kind: 'action',
    });
    const result = checkBoardUpdate(feedback, 'fay', {
      changes: [remove(bens), add(wrongKind, wrongKind.id)],
      cards: boardOf([]),
    });
    expect(result).toMatchObject({ code: 'kind-not-accepted' });
  });
});
