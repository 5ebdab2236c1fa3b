import { describe, expect, test } from 'vitest';
import { PROTOCOL_LIMITS, type Command, type SessionState } from '../src/index.ts';
import { T0, accept, builtIn, refuse, room } from './fixtures.ts';

const RULES = 6;
const raise = (actor: string, rule: number): Command => ({
  type: 'raise-rule',
  actor,
  rule,
  ruleCount: RULES,
});

/** Issue analysis in peer feedback: the presenter `bo` listens in silence. */
function inFeedback(): SessionState {
  let state = room('ann', 'bo', 'cy');
  state = accept(state, {
    type: 'start-round',
    actor: 'ann',
    presenter: 'bo',
    protocol: builtIn('issue-analysis'),
  }).state;
  for (let i = 0; i < 2; i++) state = accept(state, { type: 'next-phase', actor: 'ann' }).state;
  return state;
}

describe('raise a rule', () => {
  test('any present participant reminds the group; everyone hears of it as an event', () => {
    const t = accept(room('ann', 'bo'), raise('bo', 4), T0);
    expect(t.state.reminders).toEqual([{ rule: 4, by: 'bo', at: T0 }]);
    expect(t.events).toEqual([{ type: 'rule-raised', rule: 4, by: 'bo' }]);
  });

  test('the silent presenter may raise a rule; turns, phase and clocks stay as they were', () => {
    const before = inFeedback();
    const after = accept(before, raise('bo', 4), T0 + 5000).state;
    expect(after.round).toBe(before.round);
    expect(after.hands).toBe(before.hands);
    expect(after.facilitator).toBe(before.facilitator);
    expect(after.reminders.map((r) => r.by)).toEqual(['bo']);
  });

  test.each<[string, Command, string]>([
    ['a rule the session does not have', raise('ann', RULES), 'unknown-rule'],
    ['a negative index', raise('ann', -1), 'unknown-rule'],
    ['a fractional index', raise('ann', 1.5), 'unknown-rule'],
    ['someone who never joined', raise('zed', 0), 'unknown-participant'],
  ])('refuses %s', (_name, cmd, code) => {
    refuse(room('ann', 'bo'), cmd, code);
  });

  test('refuses someone who has left', () => {
    const state = accept(room('ann', 'bo'), { type: 'leave', actor: 'bo' }).state;
    refuse(state, raise('bo', 0), 'not-present');
  });

  test.each<[string, number, string | null]>([
    ['just after', 1, 'rule-raised-recently'],
    [
      'a moment before the cool-down ends',
      PROTOCOL_LIMITS.reminderCooldownMs - 1,
      'rule-raised-recently',
    ],
    ['once the cool-down is over', PROTOCOL_LIMITS.reminderCooldownMs, null],
  ])('the same person raising again %s', (_name, laterMs, code) => {
    const once = accept(room('ann', 'bo'), raise('bo', 1), T0).state;
    if (code) refuse(once, raise('bo', 2), code, T0 + laterMs);
    else expect(accept(once, raise('bo', 2), T0 + laterMs).state.reminders).toHaveLength(2);
  });

  test('someone else may raise a rule straight after', () => {
    const once = accept(room('ann', 'bo'), raise('bo', 1), T0).state;
    expect(accept(once, raise('ann', 1), T0 + 1).state.reminders).toHaveLength(2);
  });

  test(`only the latest ${PROTOCOL_LIMITS.reminders} reminders are kept`, () => {
    let state = room('ann');
    for (let i = 0; i < PROTOCOL_LIMITS.reminders + 2; i++)
      state = accept(
        state,
        raise('ann', i % RULES),
        T0 + i * PROTOCOL_LIMITS.reminderCooldownMs,
      ).state;
    expect(state.reminders).toHaveLength(PROTOCOL_LIMITS.reminders);
    expect(state.reminders.at(-1)?.at).toBe(T0 + 6 * PROTOCOL_LIMITS.reminderCooldownMs);
  });

  test('refused once the session has ended', () => {
    const ended = accept(room('ann'), { type: 'end-session', actor: 'ann' }).state;
    refuse(ended, raise('ann', 0), 'session-ended');
  });
});
