import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/**
 * y-protocols sync messages, read without applying them: the server must check an update
 * before it touches a document, which y-protocols' own readSyncMessage does not allow.
 */
export type SyncMessage =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'invalid' };

export function readSyncMessage(message: Uint8Array): SyncMessage {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) return { kind: 'step1', stateVector: payload };
    if (type === syncProtocol.messageYjsSyncStep2) return { kind: 'step2', update: payload };
    if (type === syncProtocol.messageYjsUpdate) return { kind: 'update', update: payload };
  } catch {
    // fall through: a truncated or garbled message
  }
  return { kind: 'invalid' };
}

export function step1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function step2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
