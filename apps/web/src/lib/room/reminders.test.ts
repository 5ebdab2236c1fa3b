import { DEFAULT_GROUND_RULES } from '@roundtable/wire';
import {
  initialState,
  isRejection,
  step,
  type Command,
  type SessionState,
} from '@roundtable/protocol';
import { describe, expect, test } from 'vitest';
import { REMINDER_SHOWN_MS, raiseWaitMs, shownReminders } from './reminders.ts';

const T = 1_000_000;
const RULES = DEFAULT_GROUND_RULES;
const ADVICE = RULES.indexOf('Avoid advice giving.');

function play(commands: readonly [Command, number][]): SessionState {
  return commands.reduce((state, [command, at]) => {
    const next = step(state, command, at);
    if (isRejection(next)) throw new Error(`${command.type} rejected: ${next.message}`);
    return next.state;
  }, initialState);
}

const raise = (actor: string, rule: number): Command => ({
  type: 'raise-rule',
  actor,
  rule,
  ruleCount: RULES.length,
});

const raised = play([
  [{ type: 'join', actor: 'ann', name: 'Ann' }, T],
  [{ type: 'join', actor: 'bo', name: 'Bo' }, T],
  [raise('bo', ADVICE), T],
  [raise('ann', 0), T + 5000],
]);

describe('shownReminders', () => {
  test('each reads as who raised which rule, oldest first; my own says "You"', () => {
    expect(shownReminders({ state: raised, rules: RULES, me: 'ann', now: T + 6000 })).toEqual([
      { key: `bo@${T}`, text: 'Bo raised a rule: Avoid advice giving.' },
      { key: `ann@${T + 5000}`, text: `You raised a rule: ${RULES[0]}` },
    ]);
  });

  test.each([
    [T + REMINDER_SHOWN_MS - 1, ['bo', 'ann']],
    [T + REMINDER_SHOWN_MS, ['ann']],
    [T + 5000 + REMINDER_SHOWN_MS, []],
  ])('at %i only reminders younger than the shown time are shown', (now, who) => {
    const shown = shownReminders({ state: raised, rules: RULES, me: null, now });
    expect(shown.map((r) => r.key.split('@')[0])).toEqual(who);
  });
});

describe('raiseWaitMs', () => {
  test.each([
    ['someone who never raised one', 'cy', T, 0],
    ['just after raising', 'bo', T + 1000, REMINDER_SHOWN_MS - 1000],
    ['once the cool-down is over', 'bo', T + REMINDER_SHOWN_MS, 0],
  ])('%s', (_name, me, now, wait) => {
    expect(raiseWaitMs(raised, me, now)).toBe(wait);
  });
});
