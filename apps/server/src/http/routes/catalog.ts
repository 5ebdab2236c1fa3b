import type { Route } from '../api.ts';
import { health } from './health.ts';
import { listProtocols, validateProtocol } from './protocols.ts';

/** Routes that need nothing but the protocol package: health and the protocol catalogue. */
export const catalogRoutes: readonly Route[] = [
  { method: 'GET', path: '/healthz', handle: health },
  { method: 'GET', path: '/api/protocols', handle: listProtocols },
  { method: 'POST', path: '/api/protocols/validate', handle: (req) => validateProtocol(req.body) },
];
