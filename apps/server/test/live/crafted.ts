/** Raw Yjs updates as a malicious client crafts them, for the adversarial tests. */
import type { LiveClient } from '@roundtable/client';
import type { Ack, Card, ClientDocName } from '@roundtable/wire';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { person } from './harness.ts';

export type Person = Awaited<ReturnType<typeof person>>;
export type DocName = ClientDocName;

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

/**
 * Crafts a raw update against a copy of `client`'s document, as a malicious client would.
 * `gc: false` keeps the content of what `change` deletes in the update, as a client that
 * switched off garbage collection sends it.
 */
export function craft(
  client: LiveClient,
  doc: DocName,
  change: (copy: Y.Doc) => void,
  options: { clientId?: number; gc?: boolean } = {},
): Uint8Array {
  const copy = new Y.Doc({ gc: options.gc ?? true });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.docs[doc]));
  // Set after loading: Yjs would pick a fresh clientID on seeing its own in the loaded state.
  if (options.clientId !== undefined) copy.clientID = options.clientId;
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

export function send(client: LiveClient, doc: DocName, update: Uint8Array): Promise<Ack> {
  return client.ask('sync', doc, updateMessage(update));
}

/** A card as `p` would write it now, without its id (addCard gives it one). */
export const card = (p: Person, phase: string, kind: Card['kind'], text = 'a card') =>
  ({ author: p.participantId, round: 1, phase, kind, text, created: Date.now() }) as const;

/**
 * Renames a key inside an encoded update, byte for byte (both names the same length), for keys
 * Yjs refuses to encode itself: it picks a value's content type by `value.constructor`, so an
 * object with its own `constructor` key cannot be set through its API. A raw client can.
 */
export function renameKey(update: Uint8Array, from: string, to: string): Uint8Array {
  const [a, b] = [new TextEncoder().encode(from), new TextEncoder().encode(to)];
  if (a.length !== b.length || a.length > 127) throw new Error('names of one length under 128');
  const needle = [a.length, ...a];
  const at: number[] = [];
  for (let i = 0; i + needle.length <= update.length; i++)
    if (needle.every((byte, j) => update[i + j] === byte)) at.push(i);
  if (at.length !== 1) throw new Error(`${from} occurs ${at.length} times in the update`);
  const renamed = update.slice();
  renamed.set(b, at[0]! + 1);
  return renamed;
}
