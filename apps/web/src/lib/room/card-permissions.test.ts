import {
  findBuiltInProtocol,
  initialState,
  isRejection,
  step,
  type Command,
  type SessionState,
} from '@roundtable/protocol';
import { LIMITS, type Card } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import { addableKindsFor, cardPermissionsFor } from './card-permissions.ts';

const protocol = findBuiltInProtocol('issue-analysis');

function play(commands: readonly Command[]): SessionState {
  return commands.reduce((state, command) => {
    const next = step(state, command, 0);
    if (isRejection(next)) throw new Error(next.message);
    return next.state;
  }, initialState);
}

// Fay facilitates, Pat presents, Ben is a peer; the round is in peer feedback.
const feedback = play([
  { type: 'join', actor: 'fay', name: 'Fay' },
  { type: 'join', actor: 'pat', name: 'Pat' },
  { type: 'join', actor: 'ben', name: 'Ben' },
  ...(protocol ? [{ type: 'start-round' as const, actor: 'fay', presenter: 'pat', protocol }] : []),
  { type: 'next-phase', actor: 'fay' },
  { type: 'next-phase', actor: 'fay' },
]);

const card = (overrides: Partial<Card>): Card => ({
  id: 'card-1',
  author: 'ben',
  round: 1,
  phase: 'peer-feedback',
  kind: 'experience',
  text: 'That reminds me of when I...',
  created: 0,
  ...overrides,
});

const may = (c: Card, who: string, state: SessionState | null = feedback) =>
  cardPermissionsFor(c, state, who);

describe('cardPermissionsFor', () => {
  test('the author edits and deletes their card of the current phase', () => {
    expect(may(card({}), 'ben')).toEqual({ edit: true, remove: 'own', sift: false });
  });

  test('a card of an earlier phase can be deleted but not edited', () => {
    const earlier = card({ phase: 'clarifying-questions', kind: 'question' });
    expect(may(earlier, 'ben')).toEqual({ edit: false, remove: 'own', sift: false });
  });

  test('the presenter, listening in silence, sifts but does not write', () => {
    expect(may(card({}), 'pat')).toEqual({ edit: false, remove: null, sift: true });
    expect(may(card({ author: 'pat' }), 'pat').remove).toBeNull();
    expect(may(card({ round: 0 }), 'pat').sift).toBe(false);
  });

  test("the facilitator may remove someone else's card", () => {
    expect(may(card({}), 'fay')).toEqual({ edit: false, remove: 'moderate', sift: false });
  });

  test('after the session the board is a record', () => {
    const ended = { ...feedback, ended: true };
    expect(may(card({}), 'ben', ended)).toEqual({ edit: false, remove: null, sift: false });
  });

  test('before the state arrives nothing is offered', () => {
    expect(may(card({}), 'ben', null)).toEqual({ edit: false, remove: null, sift: false });
  });
});

describe('addableKindsFor', () => {
  test('a peer adds the kinds the phase takes, the silent presenter none', () => {
    expect(addableKindsFor(feedback, 'ben', [])).toEqual([
      'experience',
      'concern',
      'context',
      'information',
    ]);
    expect(addableKindsFor(feedback, 'pat', [])).toEqual([]);
  });

  test('nothing before the state arrives, or on a full board', () => {
    expect(addableKindsFor(null, 'ben', [])).toEqual([]);
    const full = Array.from({ length: LIMITS.cards }, () => card({}));
    expect(addableKindsFor(feedback, 'ben', full)).toEqual([]);
  });
});
