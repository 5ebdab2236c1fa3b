import type { Route } from './api.ts';
import { apiError } from '../transport-reply.ts';

/**
 * CSRF protection for writes a session cookie authenticates: the browser names the page
 * that sent a request in `Origin` (every POST from a page does), and only our own pages may
 * write. SameSite=Lax already keeps the cookie off cross-site POSTs; this also refuses a
 * sibling subdomain, which counts as same-site. Without PUBLIC_URL our origin is the Host.
 */
export function sameOriginOnly(publicUrl: string | null): NonNullable<Route['admit']> {
  return async (req) => {
    const own = publicUrl ?? `http://${req.headers.host ?? ''}`;
    const origin = req.headers.origin;
    if (origin === own) return null;
    return apiError(
      403,
      'cross-site-request',
      `Only ${own}'s own pages may do this; the request came from ${origin ?? 'no page (no Origin)'}.`,
    );
  };
}
