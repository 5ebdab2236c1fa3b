import { REJECTION_CODES } from '@roundtable/protocol';

/**
 * Every error code a client can receive: the engine's rejections plus the server's own.
 * Codes are stable data; messages are for people and may change.
 */
export const SERVER_ERROR_CODES = [
  'invalid-payload',
  /** An event name the server does not know, sent with an acknowledgement. */
  'unknown-event',
  'unknown-protocol',
  'unknown-document',
  'readonly-document',
  'foreign-client-id',
  'not-your-card',
  'silent-listener',
  'board-closed',
  'kind-not-accepted',
  'not-presenter',
  'invalid-card',
  'unknown-structure',
  'missing-dependencies',
  'too-large',
  'media-unavailable',
  /** This participant sent disguised audio twice: no media for the rest of the session. */
  'media-cut-off',
  'rate-limited',
  'internal',
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ErrorCode = ServerErrorCode | (typeof REJECTION_CODES)[number];

export const ERROR_CODES: readonly ErrorCode[] = [...REJECTION_CODES, ...SERVER_ERROR_CODES];

export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  /** With `rate-limited` only: how long until the same request would be accepted again. */
  readonly retryAfterMs?: number;
}

/** A refused request, as any acknowledgement carries it. */
export interface Refusal {
  readonly ok: false;
  readonly error: WireError;
}

export type Ack = { ok: true } | Refusal;

/**
 * Why a connection was refused, as `connect_error`'s `message`; details in `data`. An ended
 * session still accepts connections, read-only, so its people can see the summary.
 */
export const CONNECT_ERRORS = [
  'token-missing',
  'token-invalid',
  'token-expired',
  'token-revoked',
  'session-not-found',
] as const;
export type ConnectErrorReason = (typeof CONNECT_ERRORS)[number];
