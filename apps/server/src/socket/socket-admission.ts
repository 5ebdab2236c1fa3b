import { connectError } from '@roundtable/wire';
import { ServerResponse, type IncomingMessage } from 'node:http';
import { tooManyRequests } from '../limits/http-limits.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import { sendReply, sendReplyOnSocket } from '../transport-reply.ts';
import type { LiveServer, LiveSocket } from './live-socket.ts';
import type { Sessions } from '../core/sessions.ts';

type AddressOf = (req: IncomingMessage) => string;

/**
 * Counts every new Engine.IO connection (polling or WebSocket) per client address, before it
 * sends any Socket.IO handshake: a connection that never does is otherwise held for
 * `connectTimeout` at no cost to its sender. Over the limit the request is answered 429 with
 * Retry-After, like the API; requests of a connection already open (a `sid`) are not counted.
 */
export function limitTransports(io: LiveServer, limits: RateLimits, addressOf: AddressOf): void {
  io.engine.use((req: IncomingMessage, res: ServerResponse, next: (error?: Error) => void) => {
    if (new URL(req.url ?? '/', 'http://localhost').searchParams.has('sid')) return next();
    void limits.take('transport', addressOf(req)).then((verdict) => {
      if (verdict.ok) return next();
      const reply = tooManyRequests(verdict);
      // An upgrade's response object writes nothing: the answer goes on the socket itself.
      if (res instanceof ServerResponse) sendReply(res, reply);
      else sendReplyOnSocket(req.socket, reply);
    });
  });
}

/**
 * The Socket.IO handshake (a namespace CONNECT): counted per address, refused ones included so
 * guessing credentials is bounded, then the credential is checked and the socket bound to its
 * participant's live session.
 */
export function admitHandshakes(
  io: LiveServer,
  sessions: Sessions,
  limits: RateLimits,
  addressOf: AddressOf,
): void {
  io.use((socket, next) => {
    void limits.take('connect', addressOf(socket.request)).then((verdict) => {
      if (verdict.ok) return admit(sessions, socket, next);
      next(connectError('rate-limited', verdict.error.message, verdict.error.retryAfterMs));
    });
  });
}

function admit(sessions: Sessions, socket: LiveSocket, next: (error?: Error) => void): void {
  sessions.authenticate(socket.handshake.auth?.token).then(
    (result) => {
      if (!result.ok) return next(connectError(result.error.code, result.error.message));
      socket.data.session = result.session;
      socket.data.participant = result.participant;
      next();
    },
    (error: unknown) => {
      // The cause (often the database) is for the log, not for whoever is connecting.
      console.error(`Could not admit a connection: ${String(error)}`);
      next(
        connectError('internal', 'The server could not open this session now; try again shortly.'),
      );
    },
  );
}
