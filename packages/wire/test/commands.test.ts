import { describe, expect, test } from 'vitest';
import { ERROR_CODES, parseCommandPayload } from '../src/index.ts';

describe('parseCommandPayload', () => {
  test.each([
    [{ type: 'next-phase' }],
    [{ type: 'extend-turn', seconds: 60 }],
    [{ type: 'start-round', presenter: 'p1', protocolId: 'issue-analysis' }],
    [
      {
        type: 'start-round',
        presenter: 'p1',
        protocolId: 'veridical-report',
        roles: { mentor: 'p2' },
      },
    ],
    [{ type: 'lower-hand' }],
    [{ type: 'raise-rule', rule: 0 }],
    [{ type: 'raise-rule', rule: 19 }],
  ])('accepts %j', (input) => {
    expect(parseCommandPayload(input)).toEqual({ ok: true, payload: input });
  });

  test.each([
    ['an actor, which only the server sets', { type: 'next-phase', actor: 'someone-else' }],
    ['join, which follows the connection', { type: 'join', name: 'x' }],
    ['an unknown type', { type: 'take-over' }],
    ['fractional seconds', { type: 'extend-phase', seconds: 1.5 }],
    [
      'a whole protocol instead of an id',
      { type: 'start-round', presenter: 'p', protocolId: { id: 'x' } },
    ],
    ['not an object', 'next-phase'],
    ['raise-rule without a rule', { type: 'raise-rule' }],
    ['a rule named by its text', { type: 'raise-rule', rule: 'Avoid advice giving.' }],
    ['a negative rule index', { type: 'raise-rule', rule: -1 }],
    ['a rule index beyond any session', { type: 'raise-rule', rule: 20 }],
    ['a rule count, which only the server sets', { type: 'raise-rule', rule: 0, ruleCount: 9 }],
  ])('refuses %s', (_name, input) => {
    const result = parseCommandPayload(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeGreaterThan(5);
  });
});

test('error codes are unique', () => {
  expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
});
