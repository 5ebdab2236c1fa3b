import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import { CLIENT_ADDRESS_HEADER, type People } from '../auth/people.ts';
import { apiError, sendReply } from '../transport-reply.ts';
import type { CreateGate } from './routes/sessions.ts';
import { sameOriginOnly } from './same-origin.ts';

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface AuthMount {
  /** Answers everything under `/api/auth/`: better-auth's routes. */
  readonly handle: NodeHandler;
  /** Hands requests to `people` from now on. */
  attach(people: People): void;
  /** The sign-in attached, for routes that ask who is signed in; null before. */
  current(): People | null;
}

/**
 * better-auth mounted on the HTTP server. It is attached once the server has bound its port,
 * since its base URL (links, the trusted origin) is the server's own URL when no PUBLIC_URL
 * is set; a request in the moment before that is told to retry.
 */
export function authMount(addressOf: (req: IncomingMessage) => string): AuthMount {
  let handler: ReturnType<typeof toNodeHandler> | null = null;
  let attached: People | null = null;
  return {
    handle: async (req, res) => {
      if (!handler) {
        sendReply(res, apiError(503, 'internal', 'Sign-in is starting; try again.'));
        return;
      }
      // Ours, not the client's: the address our limits count, behind the configured proxies.
      req.headers[CLIENT_ADDRESS_HEADER] = addressOf(req);
      await handler(req, res);
    },
    attach(people) {
      attached = people;
      handler = toNodeHandler(people);
    },
    current: () => attached,
  };
}

/** Creating a session: a signed-in person on one of our own pages (routes/sessions.ts). */
export function createGate(auth: AuthMount, publicUrl: string | null): CreateGate {
  return {
    signedIn: async (req) => {
      const session = await auth
        .current()
        ?.api.getSession({ headers: fromNodeHeaders(req.headers) });
      return session?.user.id ?? null;
    },
    sameOrigin: sameOriginOnly(publicUrl),
  };
}
