import { notesRoom, type LiveServer } from './live-socket.ts';
import type { Outbox } from '../core/room.ts';
import { updateMessage } from '../core/sync-message.ts';

/** How a session's room reaches its sockets. */
export function socketOutbox(io: LiveServer, sessionId: string): Outbox {
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
