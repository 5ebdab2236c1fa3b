/**
 * Phrasings that usually give advice rather than share experience. PRODUCT.md: advice can
 * disempower and breed dependence, so the board nudges towards experience-based phrasing;
 * it never blocks a card, because a false positive must cost nothing.
 */
const ADVICE_PATTERNS: readonly RegExp[] = [
  /\byou should\b/,
  /\byou shouldn'?t\b/,
  /\bwhy don'?t you\b/,
  /\byou need to\b/,
  /\byou must\b/,
  /\byou ought to\b/,
  /\bhave you tried\b/,
  /\bif i were you\b/,
  /\bif i was you\b/,
];

/** Whether a card's text reads as advice. Curly apostrophes count as straight ones. */
export function readsAsAdvice(text: string): boolean {
  const plain = text.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  return ADVICE_PATTERNS.some((pattern) => pattern.test(plain));
}

/** Experience-based openings to offer instead: the phase's own starters, or sound defaults. */
export function experiencePhrasings(starters: readonly string[]): readonly string[] {
  return starters.length > 0
    ? starters
    : ['That reminds me of when I...', "I'm wondering about..."];
}

/** A starter as the beginning of a card: "How did you feel when...?" becomes "How did you feel when ". */
export function openingOf(starter: string): string {
  return `${starter.replace(/\s*(\.{3}|…)\??$/, '')} `;
}
