/**
 * The limits the rules enforce, defined here once: the engine checks names and extensions
 * against them, the board rules check cards, and packages/wire's LIMITS carries them to
 * clients, so a form's `maxlength` is the same number the server refuses beyond.
 */
export const PROTOCOL_LIMITS = {
  /** A display name, trimmed. */
  nameChars: 60,
  /** One extension of a phase or a turn. */
  extensionSeconds: 3600,
  /** One card's text. */
  cardText: 1000,
  /** Cards on one session's board. */
  cards: 1000,
  /** Reminders ("raise a rule") the state keeps; older ones drop off. */
  reminders: 5,
  /** How long after raising a rule the same person must wait to raise one again. */
  reminderCooldownMs: 20_000,
} as const;
