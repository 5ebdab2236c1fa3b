import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { AUTH_BASE_PATH } from './auth/people.ts';
import { handleApi, isApiPath, type Route } from './http/api.ts';
import type { NodeHandler } from './http/auth-mount.ts';
import { apiError, sendReply } from './transport-reply.ts';
import { securityHeaders, type SecurityHeadersOptions } from './http/security-headers.ts';
import type { WebHandler } from './web-app.ts';

export interface ServerOptions {
  /** Answers every request that is not an API route: the built web app, or its stand-in. */
  web: WebHandler;
  /** The API routes; the composition root assembles them. */
  routes: readonly Route[];
  /** Sign-in (better-auth), answering everything under `/api/auth/` before our routes. */
  auth?: NodeHandler;
  /** The public origin for links (PUBLIC_URL); null uses each request's own origin. */
  publicUrl?: string | null;
  /** Where unexpected errors are reported; tests pass their own to keep output quiet. */
  logError?: (message: string, error: unknown) => void;
  /** HSTS and the pages' extra connect-src (LiveKit); by default neither. */
  security?: SecurityHeadersOptions;
}

export interface RoundtableServer {
  /** Starts listening; port 0 picks a free port, which the result reports. */
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stops accepting connections and resolves once open requests have finished. */
  close(): Promise<void>;
  /** The bound port while listening. */
  readonly port: number | undefined;
  /** The Node HTTP server, for attaching Socket.IO on the same port. */
  readonly http: HttpServer;
}

/** Every request that is not Socket.IO's: a malformed path, the API, or the web app. */
async function route(
  options: ServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Neither the API nor the web app can route a path that does not decode; saying so here
  // gives every path the same answer instead of a 404 from one and an HTML page from the other.
  if (!decodes(url.pathname)) {
    sendReply(res, apiError(400, 'invalid-path', 'The path has a malformed percent-encoding.'));
    return;
  }
  if (options.auth && url.pathname.startsWith(`${AUTH_BASE_PATH}/`)) {
    await options.auth(req, res);
    return;
  }
  if (isApiPath(url.pathname)) {
    sendReply(res, await handleApi(options.routes, req, url, options.publicUrl ?? null));
    return;
  }
  options.web(req, res, () => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  });
}

export function createServer(options: ServerOptions): RoundtableServer {
  const logError = options.logError ?? ((message, error) => console.error(message, error));

  const secure = securityHeaders(options.security ?? { https: false, connectSources: [] });

  const server = createHttpServer((req, res) => {
    route(options, req, res).catch((error: unknown) => {
      logError(`Unhandled error for ${req.method} ${req.url}`, error);
      if (!res.headersSent) sendReply(res, apiError(500, 'internal', 'Something went wrong.'));
      else res.destroy();
    });
  });

  function boundPort(): number | undefined {
    const address = server.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : undefined;
  }

  return {
    listen(port, host = '127.0.0.1') {
      // First for every request, so every answer carries the security headers: pages, API,
      // static files, errors, the placeholder, and Socket.IO's own, which is why this is
      // added here: Socket.IO, once attached, runs the listeners it found only for other paths.
      server.prependListener('request', secure);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const bound = boundPort() ?? port;
          resolve({ port: bound, url: `http://${formatHost(host)}:${bound}` });
        });
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open until they time out.
        server.closeIdleConnections();
      });
    },
    get port() {
      return boundPort();
    },
    http: server,
  };
}

/** Whether a path's percent-escapes are well formed UTF-8, e.g. not `%E0%A4%A`. */
function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** IPv6 literals need brackets in a URL. */
function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
