import type { ServerResponse } from 'node:http';
import { refusal, type ErrorCode, type WireError } from '@roundtable/wire';

/**
 * What a route answers, as a value. Routes return replies instead of writing to the socket,
 * so each one can be read (and tested) as a plain function of its input.
 */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/**
 * An expected failure: the status for HTTP, and the same `{ ok: false, error }` body an
 * acknowledgement carries (wire-protocol.md section 2.1), so clients branch on `error.code`.
 */
export function apiError(
  status: number,
  code: ErrorCode,
  message: string,
  extra: Pick<WireError, 'issues' | 'retryAfterMs'> = {},
): Reply {
  return json(status, refusal(code, message, extra));
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
