import type { ServerResponse } from 'node:http';
import type { ConnectErrorReason } from '@roundtable/wire';

/**
 * What a route answers, as a value. Routes return replies instead of writing to the socket,
 * so each one can be read (and tested) as a plain function of its input.
 */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Machine-readable error codes, so clients branch on data rather than on message text: every
 * `error` an API route answers (wire-protocol.md section 8.3), the credential codes included.
 */
export type ApiErrorCode =
  | ConnectErrorReason
  | 'session-ended'
  | 'rules-not-accepted'
  | 'not-facilitator'
  | 'not-found'
  | 'invalid-path'
  | 'method-not-allowed'
  | 'malformed-json'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'invalid-protocol'
  | 'invalid-session'
  | 'invalid-join'
  | 'rate-limited'
  | 'internal-error';

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

export function apiError(
  status: number,
  error: ApiErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): Reply {
  return json(status, { error, message, ...extra });
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  // A string body with its own content type (a Markdown download) goes out as it is.
  const raw = typeof reply.body === 'string' && reply.headers?.['content-type'] !== undefined;
  const payload = raw ? (reply.body as string) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...reply.headers,
  });
  res.end(payload);
}
