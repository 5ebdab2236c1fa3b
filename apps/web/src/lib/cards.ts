import type { CardKind } from '@roundtable/protocol';

/**
 * What each card kind is called on the board. A Record over CardKind makes the compiler
 * point here when the protocol package adds a kind.
 */
const CARD_LABELS: Record<CardKind, string> = {
  question: 'Questions',
  experience: 'Experiences',
  concern: 'Concerns',
  context: 'Context',
  information: 'Information',
  positive: 'Positive feedback',
  insight: 'Insights',
  action: 'Actions',
};

export function describeCardKind(kind: CardKind): string {
  return CARD_LABELS[kind];
}
