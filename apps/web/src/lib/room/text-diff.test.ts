import fc from 'fast-check';
import { expect, test } from 'vitest';
import { diffText, type TextChange } from './text-diff.ts';

function apply(text: string, change: TextChange | null): string {
  if (!change) return text;
  return text.slice(0, change.at) + change.insert + text.slice(change.at + change.remove);
}

test.each([
  ['', 'a', { at: 0, remove: 0, insert: 'a' }],
  ['abc', 'abXc', { at: 2, remove: 0, insert: 'X' }],
  ['abc', 'ac', { at: 1, remove: 1, insert: '' }],
  ['aaa', 'aaaa', { at: 3, remove: 0, insert: 'a' }],
  ['hello world', 'hello there world', { at: 6, remove: 0, insert: 'there ' }],
])('%j to %j', (before, after, change) => {
  expect(diffText(before, after)).toEqual(change);
});

test('no change, no replacement', () => {
  expect(diffText('same', 'same')).toBeNull();
});

test('applying the replacement always gives the new text', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (before, after) => {
      expect(apply(before, diffText(before, after))).toBe(after);
    }),
  );
});
