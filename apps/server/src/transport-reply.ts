import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { refusal, type ErrorCode, type Refusal, type WireError } from '@roundtable/wire';

/**
 * A raw HTTP response as a value, and its writers. Both transports answer plain HTTP: the API's
 * routes, and the Socket.IO transport when it refuses an over-limit Engine.IO request with 429
 * before any Socket.IO exists. It lives beside them, not in http/, so neither transport imports
 * the other.
 */

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

/** A refusal the core (or a reader) already made, answered with an HTTP status. */
export function refusalReply(status: number, { error }: Refusal): Reply {
  // Rebuilt, so that anything the value carries besides `ok` and `error` stays inside.
  return json(status, { ok: false, error } satisfies Refusal);
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

/**
 * Writes a reply straight onto a connection that has no response object: an HTTP upgrade
 * (WebSocket) request, refused before the upgrade. The connection is closed after it.
 */
export function sendReplyOnSocket(socket: Socket, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  const headers = {
    ...reply.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(
    `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status]}\r\n${head.join('')}\r\n${body}`,
  );
}
