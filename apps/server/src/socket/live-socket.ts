import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@roundtable/wire';
import type { ParticipantRecord } from '../store/store.ts';
import type { LiveSession } from '../core/live-session.ts';

/** What the handshake leaves on a socket it admitted. */
export interface SocketData {
  session: LiveSession;
  participant: ParticipantRecord;
}

export type LiveServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** A socket seen as the network delivers: any event name, any arguments. */
export interface RawSocket {
  on(event: string, listener: (...raw: unknown[]) => void): void;
  onAny(listener: (event: unknown, ...raw: unknown[]) => void): void;
}
export const rawSocket = (socket: LiveSocket) => socket as unknown as RawSocket;

/**
 * The channel (a Socket.IO "room") a participant's notes go to: all their tabs. A session's
 * own channel is named by its id.
 */
export const notesChannel = (sessionId: string, participantId: string) =>
  `${sessionId}/notes/${participantId}`;
