import { CLIENT_DOCS, LIMITS, type Ack, type ClientDocName } from '@roundtable/wire';
import { invalidPayload } from './event-guard.ts';
import type { LiveSocket } from './live-socket.ts';
import { readSyncMessage, step2 } from '../core/sync-message.ts';

const INVALID = invalidPayload('Malformed message.');

/** A client's sync message for one of its documents; a refused one asks the client to start over. */
export async function onSync(
  socket: LiveSocket,
  doc: ClientDocName,
  message: unknown,
): Promise<Ack> {
  const ack = await checkedSync(socket, doc, message);
  // Whatever was refused, the client holds changes the server does not: it must start over.
  if (!ack.ok && CLIENT_DOCS.includes(doc)) socket.emit('resync', doc, ack.error);
  return ack;
}

/**
 * Checks and applies the message. An update reaches the room's queue in the same tick it is
 * called (no await before it), so a socket's updates and commands keep their order.
 */
async function checkedSync(socket: LiveSocket, doc: ClientDocName, message: unknown): Promise<Ack> {
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
