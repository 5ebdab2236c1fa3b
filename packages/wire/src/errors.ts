import { BOARD_REJECTION_CODES, REJECTION_CODES } from '@roundtable/protocol';

/**
 * Error codes by where they come from. Every expected failure, over HTTP or Socket.IO, carries
 * one of `ERROR_CODES`, each spelt one way. Codes are stable data; messages are for people and
 * may change.
 */
export const SERVER_ERROR_CODES = [
  'invalid-payload',
  /** An event name the server does not know, sent with an acknowledgement. */
  'unknown-event',
  'unknown-protocol',
  'unknown-document',
  'readonly-document',
  'foreign-client-id',
  /** A board write the protocol's board rules refuse (packages/protocol, defined there once). */
  ...BOARD_REJECTION_CODES,
  'unknown-structure',
  'missing-dependencies',
  'media-unavailable',
  /** This participant sent disguised audio twice: no media for the rest of the session. */
  'media-cut-off',
  /** Over a rate limit, over HTTP or Socket.IO: `retryAfterMs` says when to try again. */
  'rate-limited',
  /** The server failed; worth retrying. Over HTTP too (status 500). */
  'internal',
] as const;

/**
 * Why a credential or invite was refused: `connect_error`'s code, and an HTTP route's for a bad
 * invite or bearer credential. Final: retrying cannot help. An ended session still accepts
 * connections, read-only, so its people can see the summary.
 */
export const CONNECT_ERRORS = [
  'token-missing',
  'token-invalid',
  'token-expired',
  'token-revoked',
  'session-not-found',
] as const;

/**
 * Codes only HTTP routes answer. Routes also answer credential codes (`CONNECT_ERRORS`),
 * `session-ended` and `not-facilitator` (spelt as the engine spells them), `rate-limited` and
 * `internal`.
 */
export const HTTP_ERROR_CODES = [
  'not-found',
  'invalid-path',
  'method-not-allowed',
  'malformed-json',
  'payload-too-large',
  'unsupported-media-type',
  'invalid-protocol',
  'invalid-session',
  'invalid-join',
  'rules-not-accepted',
  /** A route for signed-in people, called without a valid session cookie (401). */
  'sign-in-required',
  /** A cookie-authenticated write whose Origin is not this server's (403, CSRF). */
  'cross-site-request',
  /** A body that does not match the route's schema, with `issues` (422). */
  'invalid-request',
  /** The setup link is unknown, used, or a coordinator exists already (403). */
  'invalid-setup-link',
  'not-coordinator',
  'person-not-found',
  /** An invitation link that is unknown, expired, replaced by a newer one or used (403). */
  'invalid-invitation',
  /** An invitation accepted by someone signed in with another address than it went to (403). */
  'invitation-for-another-address',
  /** A rules version that is no longer the group's current one (409): reload and look again. */
  'rules-changed',
] as const;

/** The one list of codes: engine rejections, then the server's, credentials', HTTP's. */
export const ERROR_CODES = [
  ...REJECTION_CODES,
  ...SERVER_ERROR_CODES,
  ...CONNECT_ERRORS,
  ...HTTP_ERROR_CODES,
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ConnectErrorReason = (typeof CONNECT_ERRORS)[number];
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem of a refused input, by dotted path into it (`""` for the whole). */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  /** With validation codes (`invalid-protocol`, `invalid-session`, `invalid-join`) only. */
  readonly issues?: readonly Issue[];
  /** With `rate-limited` only: how long until the same request would be accepted again. */
  readonly retryAfterMs?: number;
}

/** An expected failure, as an HTTP error body and any acknowledgement carry it. */
export interface Refusal {
  readonly ok: false;
  readonly error: WireError;
}

export type Ack = { ok: true } | Refusal;

export function refusal(
  code: ErrorCode,
  message: string,
  extra: Pick<WireError, 'issues' | 'retryAfterMs'> = {},
): Refusal {
  return { ok: false, error: { code, message, ...extra } };
}

/** Whether a parsed body (or any value) is a `Refusal`, so clients can trust its fields. */
export function isRefusal(value: unknown): value is Refusal {
  if (typeof value !== 'object' || value === null) return false;
  const { ok, error } = value as { ok?: unknown; error?: unknown };
  if (ok !== false || typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}

/**
 * What a refused Socket.IO handshake answers in `connect_error`'s `data`; its `message` is the
 * code too. The codes are `CONNECT_ERRORS`, `rate-limited` and `internal`.
 */
export interface ConnectErrorData {
  readonly code: ErrorCode;
  readonly message: string;
  /** With `rate-limited` only. */
  readonly retryAfterMs?: number;
}

/** The error a handshake middleware passes to `next()` to refuse a connection. */
export function connectError(
  code: ErrorCode,
  message: string,
  retryAfterMs?: number,
): Error & { data: ConnectErrorData } {
  const data: ConnectErrorData =
    retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs };
  return Object.assign(new Error(code), { data });
}
