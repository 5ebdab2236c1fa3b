import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  CLIENT_DOCS,
  LIMITS,
  type Ack,
  type ClientDocName,
  type ClientToServerEvents,
  type MediaTokenReply,
  type ServerToClientEvents,
} from '@roundtable/wire';
import type { MediaStatus } from '../media/media-service.ts';
import type { ParticipantRecord } from '../store/store.ts';
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

const INVALID: Ack = {
  ok: false,
  error: { code: 'invalid-payload', message: 'Malformed message.' },
};
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
  },
) {
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
  });

  // Setting up a connection can fail (storage failed, or the room refuses work because the
  // server is shutting down): drop the socket, and the client reconnects to a fresh room.
  io.on('connection', (socket) => void onConnection(socket).catch(() => socket.disconnect()));

  async function onConnection(socket: LiveSocket): Promise<void> {
    const { live, participant } = socket.data;
    const sid = live.record.id;
    await socket.join([sid, notesRoom(sid, participant.id)]);
    socket.on('clock', (clientTime, ack) => {
      if (typeof ack === 'function')
        ack({ clientTime: Number(clientTime) || 0, serverTime: options.now() });
    });
    socket.on('command', (payload, ack) => {
      if (typeof ack !== 'function') return;
      void live.room.command(participant.id, payload).then(ack, () => ack(internalError()));
    });
    socket.on('sync', (doc, message, ack) => {
      if (typeof ack !== 'function') return;
      void onSync(socket, doc, message).then(ack, () => ack(internalError()));
    });
    socket.on('media-token', (ack) => {
      if (typeof ack !== 'function') return;
      void options.mediaToken(live, participant).then(ack, () =>
        ack({
          ok: false,
          error: { code: 'internal', message: 'Could not issue a media token; try again.' },
        }),
      );
    });
    socket.on('awareness', (update) => {
      // Presence hints (cursors, typing) are relayed as-is but bounded; nothing trusts them.
      if (update instanceof Uint8Array && update.byteLength <= 16 * 1024) {
        socket.to(sid).emit('awareness', update);
      }
    });
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

function internalError(): Ack {
  return {
    ok: false,
    error: { code: 'internal', message: 'The server could not process that; try again.' },
  };
}
