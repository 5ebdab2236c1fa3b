/**
 * PRODUCT.md's default contract, offered when a session is set up; the group may edit it.
 * The server keeps the same list as its default for sessions created without rules; this
 * copy is what the form starts from.
 */
export const DEFAULT_GROUND_RULES: readonly string[] = [
  'People do the best they can with the resources they have.',
  'Voluntary, and you are in control.',
  'Supportive and non-competitive.',
  'It is OK to make mistakes.',
  'Avoid advice giving.',
  'Confidential, and no "post mortems".',
];

/** The server takes at most 20 rules of 1 to 300 characters each. */
export const RULE_LIMITS = { count: 20, length: 300 } as const;
