/** The kinds of card the shared board knows. A phase lists the kinds it accepts. */
export const CARD_KINDS = [
  'question',
  'experience',
  'concern',
  'context',
  'information',
  'positive',
  'insight',
  'action',
] as const;

export type CardKind = (typeof CARD_KINDS)[number];
