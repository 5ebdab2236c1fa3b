import { describe, expect, test } from 'vitest';
import { membershipChange } from './membership-change.ts';

describe("changing a group's members", () => {
  test.each([
    ['nothing', ['a', 'b'], ['a', 'b'], [], []],
    ['one joins', ['a', 'b'], ['a', 'b', 'c'], ['c'], []],
    ['one leaves', ['a', 'b', 'c'], ['a', 'c'], [], ['b']],
    ['one swapped for another', ['a', 'b'], ['a', 'c'], ['c'], ['b']],
    ['ticks in any order, twice', ['a', 'b'], ['b', 'c', 'c', 'a'], ['c'], []],
  ])('%s', (_, current, chosen, add, remove) => {
    expect(membershipChange(current, chosen)).toEqual({ add, remove });
  });
});
