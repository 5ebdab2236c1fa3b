import type { IncomingMessage } from 'node:http';
import { refusal, type ErrorCode, type Refusal } from '@roundtable/wire';
import { refusalReply, type Reply } from '../transport-reply.ts';

/** A body refused before any route sees it: the wire's failure shape, with its HTTP status. */
export type BodyRefusal = Refusal & { readonly status: number };
export type BodyResult = { ok: true; value: unknown } | BodyRefusal;

/**
 * Reads and parses a JSON request body, refusing anything that is not JSON or is larger
 * than `limitBytes`. The limit is checked against the declared length first and then
 * against the bytes actually received, because chunked uploads declare no length.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<BodyResult> {
  if (!isJsonContentType(req.headers['content-type'])) {
    return refuse(
      415,
      'unsupported-media-type',
      'Send the body as JSON with content-type application/json.',
    );
  }
  const tooLarge = refuse(
    413,
    'payload-too-large',
    `The body is larger than the limit of ${limitBytes / 1024} KiB.`,
  );
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return tooLarge;

  const body = await collect(req, limitBytes);
  if (body === 'too-large') return tooLarge;
  return parseJson(body.toString('utf8'));
}

/** `application/json`, with or without parameters such as `charset=utf-8`. */
export function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Gathers the body up to `limitBytes`. Past the limit it stops keeping bytes but still lets
 * them flow: destroying the request would reset the socket before the 413 reaches the client.
 */
function collect(req: IncomingMessage, limitBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limitBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve('too-large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function parseJson(text: string): BodyResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return refuse(400, 'malformed-json', `The body is not valid JSON: ${reason}`);
  }
}

function refuse(status: number, code: ErrorCode, message: string): BodyRefusal {
  return { ...refusal(code, message), status };
}

/**
 * The reply to a refused body. The body was not read to the end, so the connection must not be
 * reused for another request: the unread bytes would be taken for the next request's head.
 */
export function bodyRefusalReply(refused: BodyRefusal): Reply {
  const reply = refusalReply(refused.status, refused);
  return { ...reply, headers: { ...reply.headers, connection: 'close' } };
}
