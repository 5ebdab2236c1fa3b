import { describe, expect, test } from 'vitest';
import { moveInOrder } from './move-in-order.ts';

describe('moving someone in the rota', () => {
  test.each([
    [1, -1, ['b', 'a', 'c']],
    [0, 1, ['b', 'a', 'c']],
    [1, 1, ['a', 'c', 'b']],
    [2, -1, ['a', 'c', 'b']],
  ] as const)('moves index %i by %i', (index, by, expected) => {
    expect(moveInOrder(['a', 'b', 'c'], index, by)).toEqual(expected);
  });

  test.each([
    [0, -1],
    [2, 1],
    [5, -1],
  ] as const)('goes nowhere past an end (index %i by %i)', (index, by) => {
    expect(moveInOrder(['a', 'b', 'c'], index, by)).toBeNull();
  });

  test('keeps everyone exactly once and leaves the given list alone', () => {
    const list = ['a', 'b', 'c', 'd'];
    const moved = moveInOrder(list, 2, -1) ?? [];
    expect([...moved].sort()).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });
});
