/**
 * Expected failures are values, not exceptions. The codes are data shared by the server and
 * the client, so a client can explain a refusal without parsing a message.
 */
export const REJECTION_CODES = [
  'unknown-participant',
  'not-present',
  'not-facilitator',
  'already-facilitator',
  'invalid-name',
  'session-ended',
  'no-round',
  'round-in-progress',
  'presenter-not-present',
  'too-few-peers',
  'invalid-roles',
  'first-phase',
  'last-phase',
  'already-paused',
  'not-paused',
  'invalid-duration',
  'no-turns-in-phase',
  'no-turn-holder',
  'not-your-turn',
  'not-eligible',
  'hand-already-raised',
  'hand-not-raised',
  'unknown-rule',
  'rule-raised-recently',
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
}

export function reject(code: RejectionCode, message: string): Rejection {
  return { code, message };
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}
