/**
 * PRODUCT.md's default contract: shown in the lobby and accepted by each member before they
 * enter. A group may edit it when the session is set up, within these limits.
 */
export const DEFAULT_GROUND_RULES: readonly string[] = [
  'People do the best they can with the resources they have.',
  'Voluntary, and you are in control.',
  'Supportive and non-competitive.',
  'It is OK to make mistakes.',
  'Avoid advice giving.',
  'Confidential, and no "post mortems".',
];

export const GROUND_RULE_LIMITS = { count: 20, length: 300 } as const;
