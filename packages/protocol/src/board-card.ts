import * as v from 'valibot';
import { CARD_KINDS, type CardKind } from './cards.ts';
import { PROTOCOL_LIMITS } from './limits.ts';

/** One card on the shared board: a plain value, replaced whole on edit. */
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

/** The presenter's sift and sort of one card. */
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
  text: v.pipe(
    v.string(),
    v.minLength(1, 'a card needs text'),
    v.maxLength(PROTOCOL_LIMITS.cardText),
  ),
  created: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export const VerdictSchema = v.picklist(['take', 'leave']);
