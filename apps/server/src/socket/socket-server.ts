import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { LIMITS, type MediaTokenReply } from '@roundtable/wire';
import type { RateLimits } from '../limits/rate-limits.ts';
import type { MediaStatus } from '../media/media-service.ts';
import type { ParticipantRecord } from '../store/store.ts';
import { internalError } from './event-guard.ts';
import { notesChannel, type LiveServer, type LiveSocket } from './live-socket.ts';
import type { CoreEvents } from '../core/events.ts';
import type { Presence } from '../core/presence.ts';
import type { LiveSession } from '../core/live-session.ts';
import type { Sessions } from '../core/sessions.ts';
import { admitHandshakes, limitTransports } from './socket-admission.ts';
import { SocketEvents } from './socket-events.ts';
import { relayToSockets } from './socket-relay.ts';
import { openSync, receiveSync, type SyncReply } from '../core/sync.ts';

/**
 * How long an Engine.IO connection may stay without a Socket.IO handshake. Clients send it as
 * soon as the connection opens; the time bounds what connections that never do can hold
 * (Socket.IO's default is 45 s).
 */
const CONNECT_TIMEOUT_MS = 10_000;

export interface LiveOptions {
  events: CoreEvents;
  presence: Presence;
  now: () => number;
  media: MediaStatus;
  mediaToken: (session: LiveSession, participant: ParticipantRecord) => Promise<MediaTokenReply>;
  limits: RateLimits;
  /** The client's address, for the per-address connection and handshake limits. */
  addressOf: (req: IncomingMessage) => string;
}

/** Socket.IO bound to the sessions: authentication in the handshake, then sync, commands and clock. */
export function attachLive(http: HttpServer, sessions: Sessions, options: LiveOptions) {
  const io: LiveServer = new Server(http, {
    serveClient: false,
    // Above the largest message we accept (a sync step 2), so oversized ones get a clear
    // refusal instead of a dropped connection (Socket.IO's default is 1 MB).
    maxHttpBufferSize: 2 * LIMITS.syncBytes,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  const { presence } = options;
  const stopRelay = relayToSockets(io, options.events);
  // Who was forgotten while this server ran (deletions are rare, so it stays small): a socket
  // admitted just before a deletion committed may join its channels after the announcement.
  const forgotten = new Set<string>();
  const stopForgotten = options.events.on('participant-forgotten', (p) =>
    forgotten.add(notesChannel(p.sessionId, p.participantId)),
  );
  limitTransports(io, options.limits, options.addressOf);
  admitHandshakes(io, sessions, options.limits, options.addressOf);

  // Setting up a connection can fail (storage failed, or the session refuses work because the
  // server is shutting down): drop the socket, and the client reconnects to a reloaded session.
  io.on(
    'connection',
    (socket) =>
      void onConnection(socket, { presence, forgotten }, options).catch(() => socket.disconnect()),
  );

  return {
    /** Whether any socket is in the session's channel (Socket.IO calls it a room), here. */
    inUse: (sessionId: string) => (io.of('/').adapter.rooms.get(sessionId)?.size ?? 0) > 0,
    close: () => {
      stopRelay();
      stopForgotten();
      return new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}

interface ConnectionContext {
  readonly presence: Presence;
  /** The notes channels of participants forgotten since this server started. */
  readonly forgotten: ReadonlySet<string>;
}

async function onConnection(
  socket: LiveSocket,
  { presence, forgotten }: ConnectionContext,
  options: LiveOptions,
): Promise<void> {
  const { session, participant } = socket.data;
  const sid = session.id;
  const own = notesChannel(sid, participant.id);
  // Its session's channel and its participant's notes channel (see socket-relay.ts).
  await socket.join([sid, own]);
  // Forgotten after its admission read the store: the announcement missed it, this does not.
  if (forgotten.has(own)) return void socket.disconnect(true);
  listen(socket, options);
  socket.on('disconnect', () => presence.disconnected(session, participant));
  socket.emit('welcome', {
    sessionId: sid,
    participantId: participant.id,
    name: participant.name,
    serverTime: options.now(),
    media: options.media,
  });
  await presence.connected(session, participant);
  await openSync(session, participant.id, replyTo(socket));
}

/** The core's answers to one connection, as Socket.IO events. */
const replyTo = (socket: LiveSocket): SyncReply => ({
  send: (doc, message) => socket.emit('sync', doc, message),
  resync: (doc, error) => socket.emit('resync', doc, error),
});

/** Every event a client may send, each with its rate-limit bucket. */
function listen(socket: LiveSocket, options: LiveOptions): void {
  const { session, participant } = socket.data;
  const events = new SocketEvents(socket, options.limits);
  events.acked('clock', 'clock', async ([clientTime]) => ({
    clientTime,
    serverTime: options.now(),
  }));
  events.acked('command', 'commands', ([payload]) => session.command(participant.id, payload));
  events.acked(
    'sync',
    'sync',
    ([doc, message]) =>
      receiveSync({
        session,
        participantId: participant.id,
        connectionId: socket.id,
        doc,
        message,
        reply: replyTo(socket),
      }),
    (args) => (args[1] instanceof Uint8Array ? [['sync-bytes', args[1].byteLength]] : []),
  );
  events.acked('media-token', 'media-token', () =>
    options
      .mediaToken(session, participant)
      .catch(() => internalError('Could not issue a media token; try again.')),
  );
  events.awareness();
  events.unknown();
}
