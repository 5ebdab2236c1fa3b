import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  CLIENT_DOCS,
  LIMITS,
  parseEventArgs,
  type Ack,
  type ClientDocName,
  type ClientToServerEvents,
  type EventArgs,
  type MediaTokenReply,
  type ServerToClientEvents,
} from '@roundtable/wire';
import type { BucketName } from '../limits/buckets.ts';
import type { RateLimits } from '../limits/rate-limits.ts';
import type { MediaStatus } from '../media/media-service.ts';
import type { ParticipantRecord } from '../store/store.ts';
import {
  internalError,
  invalidPayload,
  rateLimited,
  takeAck,
  type ReplyOf,
} from './event-guard.ts';
import type { Outbox } from './room.ts';
import { Presence } from './presence.ts';
import type { LiveRoom, Sessions } from './sessions.ts';
import { readSyncMessage, step1, step2, updateMessage } from './sync-message.ts';

interface SocketData {
  live: LiveRoom;
  participant: ParticipantRecord;
}

type LiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

const INVALID = invalidPayload('Malformed message.');
type AckedEvent = Exclude<keyof ClientToServerEvents, 'awareness'>;
/** A socket seen as the network delivers: any event name, any arguments. */
type RawSocket = { on(event: string, listener: (...raw: unknown[]) => void): void };
const notesRoom = (sessionId: string, participantId: string) =>
  `${sessionId}/notes/${participantId}`;

/** Socket.IO bound to the sessions: authentication in the handshake, then sync, commands and clock. */
export function attachLive(
  http: HttpServer,
  sessions: Sessions,
  options: {
    leaveGraceMs: number;
    now: () => number;
    media: MediaStatus;
    mediaToken: (live: LiveRoom, participant: ParticipantRecord) => Promise<MediaTokenReply>;
    limits: RateLimits;
    /** The client's address, for the per-address handshake limit. */
    addressOf: (req: IncomingMessage) => string;
  },
) {
  const { limits } = options;
  const io: LiveServer = new Server(http, {
    serveClient: false,
    // Above the largest message we accept (a sync step 2), so oversized ones get a clear
    // refusal instead of a dropped connection (Socket.IO's default is 1 MB).
    maxHttpBufferSize: 2 * LIMITS.syncBytes,
  });
  const presence = new Presence(options.leaveGraceMs, (live) =>
    sessions.facilitatorLinkHolders(live.record.id),
  );

  io.use((socket, next) => {
    void limits.take('connect', options.addressOf(socket.request)).then((verdict) => {
      if (verdict.ok) return admit(socket, next);
      const { error } = rateLimited(verdict);
      next(
        Object.assign(new Error(error.code), {
          data: { message: error.message, retryAfterMs: verdict.retryAfterMs },
        }),
      );
    });
  });

  function admit(socket: LiveSocket, next: (error?: Error) => void): void {
    sessions.authenticate(socket.handshake.auth?.token).then(
      (result) => {
        if (!result.ok)
          return next(Object.assign(new Error(result.code), { data: { message: result.message } }));
        socket.data.live = result.live;
        socket.data.participant = result.participant;
        next();
      },
      (error: unknown) => {
        // The cause (often the database) is for the log, not for whoever is connecting.
        console.error(`Could not admit a connection: ${String(error)}`);
        next(
          Object.assign(new Error('internal'), {
            data: { message: 'The server could not open this session now; try again shortly.' },
          }),
        );
      },
    );
  }

  // Setting up a connection can fail (storage failed, or the room refuses work because the
  // server is shutting down): drop the socket, and the client reconnects to a fresh room.
  io.on('connection', (socket) => void onConnection(socket).catch(() => socket.disconnect()));

  async function onConnection(socket: LiveSocket): Promise<void> {
    const { live, participant } = socket.data;
    const sid = live.record.id;
    await socket.join([sid, notesRoom(sid, participant.id)]);
    const answer = acked(socket, participant);
    answer('clock', 'clock', async ([clientTime]) => ({ clientTime, serverTime: options.now() }));
    answer('command', 'commands', ([payload]) => live.room.command(participant.id, payload));
    answer('sync', 'sync', ([doc, message]) => onSync(socket, doc as ClientDocName, message), {
      alsoCharge: (args) =>
        args[1] instanceof Uint8Array ? [['sync-bytes', args[1].byteLength]] : [],
    });
    answer('media-token', 'media-token', () =>
      options
        .mediaToken(live, participant)
        .catch(() => internalError('Could not issue a media token; try again.')),
    );
    onAwareness(socket, participant);
    socket.on('disconnect', () => presence.disconnected(live, participant));
    socket.emit('welcome', {
      sessionId: sid,
      participantId: participant.id,
      name: participant.name,
      serverTime: options.now(),
      media: options.media,
    });
    await presence.connected(live, participant);
    const notes = await live.room.notesOf(participant.id);
    socket.emit('sync', 'state', step1(live.room.state.guarded.doc));
    socket.emit('sync', 'board', step1(live.room.board.guarded.doc));
    socket.emit('sync', 'notes', step1(notes.guarded.doc));
  }

  /**
   * Listens to an event that has an acknowledgement and answers every call of it: over the
   * participant's rate, `rate-limited`; with arguments that do not fit the event, even too few
   * or too many, `invalid-payload`. A call without an ack is dropped: nobody waits for it.
   */
  function acked(socket: LiveSocket, participant: ParticipantRecord) {
    return <E extends AckedEvent>(
      event: E,
      bucket: BucketName,
      handle: (args: EventArgs<E>) => Promise<ReplyOf<E>>,
      more: { alsoCharge?: (args: unknown[]) => [BucketName, number][] } = {},
    ) => {
      // The arguments come from the network, whatever the event map says: take them as unknown.
      (socket as unknown as RawSocket).on(event, (...raw: unknown[]) => {
        const { args, ack } = takeAck(raw);
        if (!ack) return;
        const charges = [[bucket, 1] as const, ...(more.alsoCharge?.(args) ?? [])];
        const charged = charges.map(([b, points]) => [b, participant.id, points] as const);
        void limits.takeAll(charged).then(async (verdict) => {
          if (!verdict.ok) return ack(rateLimited(verdict));
          const parsed = parseEventArgs(event, args);
          if (!parsed.ok) {
            const refusal = invalidPayload(parsed.message);
            // As for any refused sync: the sender holds changes the server does not have.
            const doc = args[0] as ClientDocName;
            if (event === 'sync' && CLIENT_DOCS.includes(doc))
              socket.emit('resync', doc, refusal.error);
            return ack(refusal);
          }
          try {
            ack(await handle(parsed.args));
          } catch {
            ack(internalError());
          }
        });
      });
    };
  }

  /** Presence hints: relayed as-is but bounded; nothing trusts them, nothing answers them. */
  function onAwareness(socket: LiveSocket, participant: ParticipantRecord): void {
    (socket as unknown as RawSocket).on('awareness', (...raw: unknown[]) => {
      const { args, ack } = takeAck(raw);
      void limits.take('awareness', participant.id).then((verdict) => {
        // Over the limit it is dropped (and counted); a sender that asked for an ack learns why.
        if (!verdict.ok) return ack?.(rateLimited(verdict));
        if (ack) return ack(invalidPayload('"awareness" takes no acknowledgement.'));
        const parsed = parseEventArgs('awareness', args);
        if (parsed.ok) socket.to(socket.data.live.record.id).emit('awareness', parsed.args[0]);
      });
    });
  }

  async function onSync(socket: LiveSocket, doc: ClientDocName, message: unknown): Promise<Ack> {
    const ack = await checkedSync(socket, doc, message);
    // Whatever was refused, the client holds changes the server does not: it must start over.
    if (!ack.ok && CLIENT_DOCS.includes(doc)) socket.emit('resync', doc, ack.error);
    return ack;
  }

  async function checkedSync(
    socket: LiveSocket,
    doc: ClientDocName,
    message: unknown,
  ): Promise<Ack> {
    const { live, participant } = socket.data;
    if (!(message instanceof Uint8Array)) return INVALID;
    const parsed = readSyncMessage(message);
    if (parsed.kind === 'invalid') return INVALID;
    // A reconnecting client's step 2 carries all its offline edits, so it may be larger.
    const limit = parsed.kind === 'step2' ? LIMITS.syncBytes : LIMITS.updateBytes;
    if (message.byteLength > limit) {
      return {
        ok: false,
        error: { code: 'too-large', message: `This message is over the limit of ${limit} bytes.` },
      };
    }
    const room = live.room;
    if (!CLIENT_DOCS.includes(doc)) {
      return {
        ok: false,
        error: { code: 'unknown-document', message: `No document "${String(doc)}".` },
      };
    }
    if (parsed.kind === 'step1') {
      const target =
        doc === 'state'
          ? room.state.guarded.doc
          : doc === 'board'
            ? room.board.guarded.doc
            : (await room.notesOf(participant.id)).guarded.doc;
      socket.emit('sync', doc, step2(target, parsed.stateVector));
      return { ok: true };
    }
    if (doc === 'state') return room.stateUpdate(socket.id, parsed.update);
    if (doc === 'notes') return room.notesUpdate(participant.id, socket.id, parsed.update);
    return room.boardUpdate(participant.id, socket.id, parsed.update, live.clientIds);
  }

  function outboxFor(sessionId: string): Outbox {
    return {
      update: (doc, update, exceptSocket) => {
        const target = exceptSocket ? io.to(sessionId).except(exceptSocket) : io.to(sessionId);
        target.emit('sync', doc, updateMessage(update));
      },
      notesUpdate: (participantId, update, exceptSocket) => {
        const room = notesRoom(sessionId, participantId);
        (exceptSocket ? io.to(room).except(exceptSocket) : io.to(room)).emit(
          'sync',
          'notes',
          updateMessage(update),
        );
      },
      events: (events, serverTime) => io.to(sessionId).emit('events', events, serverTime),
      disconnectAll: () => io.in(sessionId).disconnectSockets(true),
      mediaPermission: (participantId, permission) =>
        io.to(notesRoom(sessionId, participantId)).emit('media-permission', permission),
      boardCleared: () =>
        io.to(sessionId).emit('resync', 'board', {
          code: 'board-closed',
          message: 'The session ended and its board was cleared.',
        }),
    };
  }

  return {
    outboxFor,
    presence,
    /** Whether any socket is connected to the session (in this process). */
    inUse: (sessionId: string) => (io.of('/').adapter.rooms.get(sessionId)?.size ?? 0) > 0,
    close: () => {
      presence.close();
      return new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}
