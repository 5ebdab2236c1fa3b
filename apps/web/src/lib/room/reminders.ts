import { PROTOCOL_LIMITS, type ParticipantId, type SessionState } from '@roundtable/protocol';
import { nameOf } from './people.ts';

/** How long a raised rule stays on screen: as long as its raiser must wait to raise another. */
export const REMINDER_SHOWN_MS = PROTOCOL_LIMITS.reminderCooldownMs;

export interface ShownReminder {
  /** Stable while shown, so the list does not redraw (and re-announce) what it already says. */
  readonly key: string;
  readonly text: string;
}

/** The reminders raised in the last few seconds, oldest first, as everyone reads them. */
export function shownReminders(options: {
  state: SessionState;
  rules: readonly string[];
  me: ParticipantId | null;
  now: number;
}): ShownReminder[] {
  const { state, rules, me, now } = options;
  return state.reminders
    .filter((r) => now - r.at < REMINDER_SHOWN_MS)
    .map((r) => {
      const who = r.by === me ? 'You' : nameOf(state, r.by);
      const rule = rules[r.rule] ?? `rule ${r.rule + 1}`;
      return { key: `${r.by}@${r.at}`, text: `${who} raised a rule: ${rule}` };
    });
}

/** Milliseconds until I may raise a rule again (0: now), as the server counts it. */
export function raiseWaitMs(state: SessionState, me: ParticipantId | null, now: number): number {
  const mine = state.reminders.filter((r) => r.by === me).map((r) => r.at);
  if (mine.length === 0) return 0;
  return Math.max(0, Math.max(...mine) + PROTOCOL_LIMITS.reminderCooldownMs - now);
}
