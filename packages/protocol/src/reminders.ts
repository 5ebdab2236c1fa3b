import type { Command } from './commands.ts';
import { PROTOCOL_LIMITS } from './limits.ts';
import { reject, type Rejection } from './rejection.ts';
import type { SessionState } from './state.ts';
import type { Transition } from './transition.ts';

type RaiseRule = Extract<Command, { type: 'raise-rule' }>;

/**
 * Anyone present may remind the group of a ground rule, in any phase and while listening in
 * silence: it is shown, never heard, and changes no turn, phase or clock. The same person
 * waits a short while between reminders so the reminder cannot become a way to interrupt.
 * The cool-down looks at the kept reminders only; with so few kept, someone pushed out of
 * them by others' reminders has still waited for several of theirs.
 */
export function raiseRule(
  state: SessionState,
  cmd: RaiseRule,
  now: number,
): Transition | Rejection {
  if (!Number.isInteger(cmd.rule) || cmd.rule < 0 || cmd.rule >= cmd.ruleCount)
    return reject('unknown-rule', 'This session has no such ground rule.');
  const since = now - PROTOCOL_LIMITS.reminderCooldownMs;
  if (state.reminders.some((r) => r.by === cmd.actor && r.at > since))
    return reject('rule-raised-recently', 'You raised a rule a moment ago; give it a little time.');
  const reminder = { rule: cmd.rule, by: cmd.actor, at: now };
  return {
    state: {
      ...state,
      reminders: [...state.reminders, reminder].slice(-PROTOCOL_LIMITS.reminders),
    },
    events: [{ type: 'rule-raised', rule: cmd.rule, by: cmd.actor }],
  };
}
