import type { IncomingMessage } from 'node:http';
import { readJsonBody } from './http/read-json-body.ts';
import { apiError, type Reply } from './http/reply.ts';
import { health } from './routes/health.ts';
import { listProtocols, validateProtocol } from './routes/protocols.ts';

/** Custom protocols are a few kilobytes; the limit keeps a bad client from filling memory. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

type Route =
  | { method: 'GET'; path: string; handle: () => Reply }
  | { method: 'POST'; path: string; handle: (body: unknown) => Reply };

const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/healthz', handle: health },
  { method: 'GET', path: '/api/protocols', handle: listProtocols },
  { method: 'POST', path: '/api/protocols/validate', handle: validateProtocol },
];

/** Whether a path belongs to the server rather than to the web app. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/healthz' || pathname === '/api' || pathname.startsWith('/api/');
}

/** Answers a request whose path `isApiPath` accepted. */
export async function handleApi(req: IncomingMessage, pathname: string): Promise<Reply> {
  const routes = ROUTES.filter((route) => route.path === pathname);
  if (routes.length === 0) return apiError(404, 'not-found', `No API route at ${pathname}.`);

  const route = routes.find((candidate) => candidate.method === req.method);
  if (!route) {
    const allow = routes.map((candidate) => candidate.method).join(', ');
    const refusal = apiError(405, 'method-not-allowed', `${pathname} accepts ${allow}.`);
    return { ...refusal, headers: { allow } };
  }
  if (route.method === 'GET') return route.handle();

  const body = await readJsonBody(req, MAX_JSON_BODY_BYTES);
  return body.ok ? route.handle(body.value) : body.reply;
}
