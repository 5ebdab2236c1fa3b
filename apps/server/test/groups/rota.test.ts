import { describe, expect, test } from 'vitest';
import { rotaOrderProblems, rotaTurn } from '../../src/groups/rota.ts';

describe('rotaTurn: facilitator order[k % n], deputy order[(k + 1) % n]', () => {
  test.each([
    { order: [], held: 0, facilitator: null, deputy: null },
    { order: ['a'], held: 0, facilitator: 'a', deputy: null },
    { order: ['a'], held: 5, facilitator: 'a', deputy: null },
    { order: ['a', 'b'], held: 0, facilitator: 'a', deputy: 'b' },
    { order: ['a', 'b'], held: 1, facilitator: 'b', deputy: 'a' },
    { order: ['a', 'b'], held: 2, facilitator: 'a', deputy: 'b' },
    { order: ['a', 'b', 'c'], held: 0, facilitator: 'a', deputy: 'b' },
    { order: ['a', 'b', 'c'], held: 2, facilitator: 'c', deputy: 'a' },
    { order: ['a', 'b', 'c'], held: 4, facilitator: 'b', deputy: 'c' },
    { order: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], held: 7, facilitator: 'h', deputy: 'a' },
    { order: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], held: 12, facilitator: 'e', deputy: 'f' },
  ])('$order after $held meetings: $facilitator, deputy $deputy', (row) => {
    expect(rotaTurn(row.order, row.held)).toEqual({
      facilitator: row.facilitator,
      deputy: row.deputy,
    });
  });

  test('over n meetings everyone facilitates once and deputises once', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    const turns = order.map((_, k) => rotaTurn(order, k));
    expect(turns.map((t) => t.facilitator).sort()).toEqual(order);
    expect(turns.map((t) => t.deputy).sort()).toEqual(order);
    for (const t of turns) expect(t.facilitator).not.toBe(t.deputy);
  });
});

describe('rotaOrderProblems', () => {
  const members = ['a', 'b', 'c'];
  test.each([
    { order: ['c', 'a', 'b'], problems: [] },
    { order: ['a', 'b'], problems: [{ path: 'order', message: 'member c is missing' }] },
    {
      order: ['a', 'b', 'c', 'x'],
      problems: [{ path: 'order.3', message: 'x is not a member of this group' }],
    },
    {
      order: ['a', 'a', 'b'],
      problems: [
        { path: 'order.1', message: 'a appears more than once' },
        { path: 'order', message: 'member c is missing' },
      ],
    },
  ])('$order', ({ order, problems }) => {
    expect(rotaOrderProblems(order, members)).toEqual(problems);
  });
});
