import { CARD_KINDS } from '@roundtable/protocol';
import { expect, test } from 'vitest';
import { describeCardKind } from './cards.ts';

test('every card kind has a distinct label', () => {
  const labels = CARD_KINDS.map(describeCardKind);
  expect(labels.every((label) => label.length > 0)).toBe(true);
  expect(new Set(labels).size).toBe(CARD_KINDS.length);
});
