import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { bodyRefusalReply, readJsonBody } from './read-json-body.ts';
import { apiError, type Reply } from '../transport-reply.ts';
import type { Admit } from '../limits/http-limits.ts';

/** Custom protocols are a few kilobytes; the limit keeps a bad client from filling memory. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

/** What a route sees of its request. */
export interface ApiRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body (POST only). */
  readonly body: unknown;
  /** The credential from `Authorization: Bearer ...`, if any. */
  readonly bearer: string | null;
  /** Where links should point: the configured public URL or the request's own origin. */
  readonly origin: string;
  /** The request's headers: the session cookie and Origin of signed-in people's routes. */
  readonly headers: IncomingHttpHeaders;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** A path with `:name` segments, e.g. `/api/sessions/:id/join`. */
  readonly path: string;
  readonly handle: (req: ApiRequest) => Reply | Promise<Reply>;
  /** POST routes read a JSON body unless they say they take none. */
  readonly body?: 'json' | 'none';
  /** Runs before the body is read: a reply here (a rate limit's 429) is the answer. */
  readonly admit?: Admit;
}

/** Whether a path belongs to the server rather than to the web app. */
export function isApiPath(pathname: string): boolean {
  return pathname === '/healthz' || pathname === '/api' || pathname.startsWith('/api/');
}

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i] ?? '';
    if (part.startsWith(':')) {
      const value = decodeSegment(actual);
      if (!value) return null;
      params[part.slice(1)] = value;
    } else if (part !== actual) return null;
  }
  return params;
}

/** The server refuses malformed escapes before routing, so decoding cannot fail here. */
function decodeSegment(segment: string): string | null {
  return decodeURIComponent(segment) || null;
}

/** Answers a request whose path `isApiPath` accepted. */
export async function handleApi(
  routes: readonly Route[],
  req: IncomingMessage,
  url: URL,
  publicUrl: string | null,
): Promise<Reply> {
  const matches = routes.flatMap((route) => {
    const params = match(route.path, url.pathname);
    return params ? [{ route, params }] : [];
  });
  if (matches.length === 0) return apiError(404, 'not-found', `No API route at ${url.pathname}.`);

  const found = matches.find(({ route }) => route.method === req.method);
  if (!found) {
    const allow = matches.map(({ route }) => route.method).join(', ');
    const refusal = apiError(405, 'method-not-allowed', `${url.pathname} accepts ${allow}.`);
    return { ...refusal, headers: { allow } };
  }
  const authorization = req.headers.authorization ?? '';
  const bearer = /^Bearer (.+)$/i.exec(authorization)?.[1] ?? null;
  const refused = await found.route.admit?.(req, bearer);
  if (refused) return refused;
  let body: unknown = undefined;
  if (found.route.method === 'POST' && found.route.body !== 'none') {
    const read = await readJsonBody(req, MAX_JSON_BODY_BYTES);
    if (!read.ok) return bodyRefusalReply(read);
    body = read.value;
  }
  const origin = publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
  return found.route.handle({
    params: found.params,
    query: url.searchParams,
    body,
    bearer,
    origin,
    headers: req.headers,
  });
}
