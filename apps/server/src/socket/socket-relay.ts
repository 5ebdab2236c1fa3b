import type { CoreEvents } from '../core/events.ts';
import { notesChannel, type LiveServer } from './live-socket.ts';

/**
 * Forwards what the core announces to the sessions' sockets; the core never sees Socket.IO.
 * Returns the function that stops forwarding.
 */
export function relayToSockets(io: LiveServer, events: CoreEvents): () => void {
  // Everyone in the session's channel except the connection a change came from (it has it already).
  const session = (sessionId: string, origin: string | null) =>
    origin ? io.to(sessionId).except(origin) : io.to(sessionId);
  const stops = [
    events.on('doc-changed', ({ sessionId, doc, message, origin }) =>
      session(sessionId, origin).emit('sync', doc, message),
    ),
    events.on('notes-changed', ({ sessionId, participantId, message, origin }) => {
      const notes = io.to(notesChannel(sessionId, participantId));
      (origin ? notes.except(origin) : notes).emit('sync', 'notes', message);
    }),
    events.on('engine-events', ({ sessionId, events: happened, serverTime }) =>
      io.to(sessionId).emit('events', happened, serverTime),
    ),
    events.on('board-cleared', ({ sessionId }) =>
      io.to(sessionId).emit('resync', 'board', {
        code: 'board-closed',
        message: 'The session ended and its board was cleared.',
      }),
    ),
    // Clients reconnect to the reloaded session.
    events.on('session-reset', ({ sessionId }) => io.in(sessionId).disconnectSockets(true)),
    // Their notes channel holds every tab of theirs; a reconnect is refused `token-revoked`.
    events.on('participant-forgotten', ({ sessionId, participantId }) =>
      io.in(notesChannel(sessionId, participantId)).disconnectSockets(true),
    ),
    events.on('media-permission', ({ sessionId, participantId, permission }) =>
      io.to(notesChannel(sessionId, participantId)).emit('media-permission', permission),
    ),
  ];
  return () => stops.forEach((stop) => stop());
}
