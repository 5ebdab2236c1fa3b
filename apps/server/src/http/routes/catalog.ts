import { API_ROUTES } from '@roundtable/wire';
import type { Route } from '../api.ts';
import { health } from './health.ts';
import { listProtocols, validateProtocol } from './protocols.ts';

/** Routes that need nothing but the protocol package: health and the protocol catalogue. */
export const catalogRoutes: readonly Route[] = [
  { ...API_ROUTES.health, handle: health },
  { ...API_ROUTES.protocols, handle: listProtocols },
  { ...API_ROUTES.validateProtocol, handle: (req) => validateProtocol(req.body) },
];
