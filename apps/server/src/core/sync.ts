import {
  CLIENT_DOCS,
  LIMITS,
  refusal,
  type Ack,
  type ClientDocName,
  type WireError,
} from '@roundtable/wire';
import type * as Y from 'yjs';
import type { LiveSession } from './live-session.ts';
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
  readonly session: LiveSession;
  readonly participantId: string;
  /** The connection it came from: changes go to everyone but it (it has them). */
  readonly connectionId: string;
  readonly doc: unknown;
  readonly message: unknown;
  readonly reply: SyncReply;
}

const INVALID = refusal('invalid-payload', 'Malformed message.');

const isClientDoc = (doc: unknown): doc is ClientDocName =>
  CLIENT_DOCS.includes(doc as ClientDocName);

/** Opens a connection's sync: a step 1 of each of its documents, so it sends what it has. */
export async function openSync(session: LiveSession, participantId: string, reply: SyncReply) {
  const notes = await session.docs.notesOf(participantId);
  reply.send('state', step1(session.docs.stateDoc.guarded.doc));
  reply.send('board', step1(session.docs.boardDoc.guarded.doc));
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
 * Checks and applies the message. An update reaches the session's queue in the same tick it is
 * called (no await before it), so a connection's updates and commands keep their order.
 */
async function checkedSync(input: SyncInput): Promise<Ack> {
  const { session, participantId, connectionId, doc, message } = input;
  if (!(message instanceof Uint8Array)) return INVALID;
  const parsed = readSyncMessage(message);
  if (parsed.kind === 'invalid') return INVALID;
  // A reconnecting client's step 2 carries all its offline edits, so it may be larger.
  const limit = parsed.kind === 'step2' ? LIMITS.syncBytes : LIMITS.updateBytes;
  if (message.byteLength > limit)
    return refusal('too-large', `This message is over the limit of ${limit} bytes.`);
  if (!isClientDoc(doc)) return refusal('unknown-document', `No document "${String(doc)}".`);
  if (parsed.kind === 'step1') {
    input.reply.send(doc, step2(await docFor(session, participantId, doc), parsed.stateVector));
    return { ok: true };
  }
  if (doc === 'state') return session.stateUpdate(connectionId, parsed.update);
  if (doc === 'notes') return session.notesUpdate(participantId, connectionId, parsed.update);
  return session.boardUpdate(participantId, connectionId, parsed.update);
}

/** The server's copy of a client document; `notes` is the participant's own. */
async function docFor(
  session: LiveSession,
  participantId: string,
  doc: ClientDocName,
): Promise<Y.Doc> {
  if (doc === 'state') return session.docs.stateDoc.guarded.doc;
  if (doc === 'board') return session.docs.boardDoc.guarded.doc;
  return (await session.docs.notesOf(participantId)).guarded.doc;
}
