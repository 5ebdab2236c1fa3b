import { CARD_KINDS, type CardKind } from '@roundtable/protocol';
import * as v from 'valibot';

/** Root names in the board document. Nothing else may exist there. */
export const BOARD = {
  /** Y.Map<cardId, Card>: each card is one plain JSON value, replaced whole on edit. */
  cards: 'cards',
  /** Y.Map<cardId, Verdict>: the presenter's sift and sort. */
  verdicts: 'verdicts',
} as const;

/** The one root in a participant's private notes document: Y.Text. */
export const NOTES_TEXT = 'text';

export const LIMITS = {
  cardText: 1000,
  cards: 1000,
  /** One live update. */
  updateBytes: 64 * 1024,
  /** A sync step 2: everything a client wrote while offline. */
  syncBytes: 1024 * 1024,
  notesChars: 50_000,
  /** One awareness update (cursors, typing hints), relayed unread. */
  awarenessBytes: 16 * 1024,
} as const;

export interface Card {
  readonly id: string;
  readonly author: string;
  /** The round and phase the card was written in. */
  readonly round: number;
  readonly phase: string;
  readonly kind: CardKind;
  readonly text: string;
  readonly created: number;
}

export type Verdict = 'take' | 'leave';

export const CardSchema = v.strictObject({
  id: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]{6,40}$/, 'card ids are 6-40 letters, digits, _ or -'),
  ),
  author: v.string(),
  round: v.pipe(v.number(), v.integer(), v.minValue(1)),
  phase: v.string(),
  kind: v.picklist(CARD_KINDS),
  text: v.pipe(v.string(), v.minLength(1, 'a card needs text'), v.maxLength(LIMITS.cardText)),
  created: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export const VerdictSchema = v.picklist(['take', 'leave']);
