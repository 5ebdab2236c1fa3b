import { DEFAULT_GROUND_RULES, GROUND_RULE_LIMITS } from '@roundtable/wire';

/** The default contract the Start form begins from, and the limits the server enforces. */
export { DEFAULT_GROUND_RULES };
export const RULE_LIMITS = GROUND_RULE_LIMITS;
