import { json, type Reply } from '../../transport-reply.ts';

/** Liveness for process managers and tests: answers as soon as the server listens. */
export function health(): Reply {
  return json(200, { status: 'ok' });
}
