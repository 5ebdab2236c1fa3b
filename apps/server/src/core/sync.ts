import {
  CLIENT_DOCS,
  LIMITS,
  type Ack,
  type ClientDocName,
  type Refusal,
  type WireError,
} from '@roundtable/wire';
import type * as Y from 'yjs';
import type { LiveRoom } from './sessions.ts';
import { readSyncMessage, step1, step2 } from './sync-message.ts';

/** How the core answers the one connection a sync message came from; a transport implements it. */
export interface SyncReply {
  /** A sync message for this connection only (step 1 to open, step 2 to answer one). */
  send(doc: ClientDocName, message: Uint8Array): void;
  /** The connection's copy of `doc` holds changes the server refused: it must start over. */
  resync(doc: ClientDocName, error: WireError): void;
}

/** One sync message as a transport received it: plain values, nothing checked yet. */
export interface SyncInput {
  readonly live: LiveRoom;
  readonly participantId: string;
  /** The connection it came from: changes go to everyone but it (it has them). */
  readonly connectionId: string;
  readonly doc: unknown;
  readonly message: unknown;
  readonly reply: SyncReply;
}

const refusal = (code: WireError['code'], message: string): Refusal => ({
  ok: false,
  error: { code, message },
});
const INVALID = refusal('invalid-payload', 'Malformed message.');

const isClientDoc = (doc: unknown): doc is ClientDocName =>
  CLIENT_DOCS.includes(doc as ClientDocName);

/** Opens a connection's sync: a step 1 of each of its documents, so it sends what it has. */
export async function openSync(live: LiveRoom, participantId: string, reply: SyncReply) {
  const notes = await live.room.notesOf(participantId);
  reply.send('state', step1(live.room.state.guarded.doc));
  reply.send('board', step1(live.room.board.guarded.doc));
  reply.send('notes', step1(notes.guarded.doc));
}

/** A client's sync message for one of its documents; a refused one asks the client to start over. */
export async function receiveSync(input: SyncInput): Promise<Ack> {
  const ack = await checkedSync(input);
  // Whatever was refused, the client holds changes the server does not: it must start over.
  if (!ack.ok && isClientDoc(input.doc)) input.reply.resync(input.doc, ack.error);
  return ack;
}

/**
 * Checks and applies the message. An update reaches the room's queue in the same tick it is
 * called (no await before it), so a connection's updates and commands keep their order.
 */
async function checkedSync(input: SyncInput): Promise<Ack> {
  const { live, participantId, connectionId, doc, message } = input;
  if (!(message instanceof Uint8Array)) return INVALID;
  const parsed = readSyncMessage(message);
  if (parsed.kind === 'invalid') return INVALID;
  // A reconnecting client's step 2 carries all its offline edits, so it may be larger.
  const limit = parsed.kind === 'step2' ? LIMITS.syncBytes : LIMITS.updateBytes;
  if (message.byteLength > limit)
    return refusal('too-large', `This message is over the limit of ${limit} bytes.`);
  if (!isClientDoc(doc)) return refusal('unknown-document', `No document "${String(doc)}".`);
  const room = live.room;
  if (parsed.kind === 'step1') {
    input.reply.send(doc, step2(await docFor(live, participantId, doc), parsed.stateVector));
    return { ok: true };
  }
  if (doc === 'state') return room.stateUpdate(connectionId, parsed.update);
  if (doc === 'notes') return room.notesUpdate(participantId, connectionId, parsed.update);
  return room.boardUpdate(participantId, connectionId, parsed.update, live.clientIds);
}

/** The server's copy of a client document; `notes` is the participant's own. */
async function docFor(live: LiveRoom, participantId: string, doc: ClientDocName): Promise<Y.Doc> {
  if (doc === 'state') return live.room.state.guarded.doc;
  if (doc === 'board') return live.room.board.guarded.doc;
  return (await live.room.notesOf(participantId)).guarded.doc;
}
