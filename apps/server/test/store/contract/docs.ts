import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { openStore } from '../../../src/store/open-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { sessionRecord } from '../records.ts';
import type { ContractContext } from './context.ts';

/** Every byte value, an empty update and one large enough to span SQLite overflow pages. */
const PAYLOADS = [
  Uint8Array.from({ length: 256 }, (_, i) => i),
  new Uint8Array(0),
  new Uint8Array(randomBytes(1 << 20)),
];

async function newSession(store: Store): Promise<string> {
  const session = sessionRecord();
  await store.createSession(session);
  return session.id;
}

export function docContract({ open, options }: ContractContext): void {
  test('updates come back in append order, byte for byte', async () => {
    const store = await open();
    const id = await newSession(store);
    const seqs = [];
    for (const update of PAYLOADS) seqs.push(await store.appendUpdate(id, 'board', update));

    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const stored = await store.loadUpdates(id, 'board');
    expect(stored.map((u) => u.seq)).toEqual(seqs);
    stored.forEach(({ update }, i) => {
      expect(update).toBeInstanceOf(Uint8Array);
      expect(Buffer.compare(update, PAYLOADS[i]!)).toBe(0);
    });
  });

  test('updates survive closing and reopening the store', async () => {
    const first = await openStore(options());
    const id = await newSession(first);
    for (const update of PAYLOADS) await first.appendUpdate(id, 'state', update);
    const before = await first.loadUpdates(id, 'state');
    await first.close();

    const reopened = await open();
    expect(await reopened.loadUpdates(id, 'state')).toEqual(before);
  });

  test('updates appended together are stored together, or not at all', async () => {
    const store = await open();
    const id = await newSession(store);
    const seqs = await store.appendUpdates(id, [
      { doc: 'board', update: PAYLOADS[0]! },
      { doc: 'state', update: PAYLOADS[1]! },
    ]);
    expect(seqs).toHaveLength(2);
    expect(seqs[0]).toBeLessThan(seqs[1]!);
    expect((await store.loadUpdates(id, 'board')).map((u) => u.seq)).toEqual([seqs[0]]);
    expect((await store.loadUpdates(id, 'state')).map((u) => u.seq)).toEqual([seqs[1]]);
    // The second row breaks a constraint (an update must be there), so the first goes too.
    const broken = { doc: 'state', update: null as unknown as Uint8Array };
    await expect(
      store.appendUpdates(id, [{ doc: 'board', update: PAYLOADS[0]! }, broken]),
    ).rejects.toThrow();
    expect(await store.loadUpdates(id, 'board')).toHaveLength(1);
    expect(await store.loadUpdates(id, 'state')).toHaveLength(1);
  });

  test('an update needs an existing session', async () => {
    const store = await open();
    await expect(store.appendUpdate('no-such-session', 'board', PAYLOADS[0]!)).rejects.toThrow();
  });

  test('docs are listed per session, and deleting one leaves the others', async () => {
    const store = await open();
    const [a, b] = [await newSession(store), await newSession(store)];
    for (const doc of ['state', 'notes:ada', 'board', 'board']) {
      await store.appendUpdate(a, doc, PAYLOADS[0]!);
    }
    await store.appendUpdate(b, 'board', PAYLOADS[1]!);

    expect(await store.listDocs(a)).toEqual(['board', 'notes:ada', 'state']);
    await store.deleteDoc(a, 'board');
    expect(await store.listDocs(a)).toEqual(['notes:ada', 'state']);
    expect(await store.loadUpdates(a, 'board')).toEqual([]);
    expect(await store.loadUpdates(b, 'board')).toHaveLength(1);
  });

  test('compaction merges the early updates and keeps the later ones after it', async () => {
    const store = await open();
    const id = await newSession(store);
    const doc = new Y.Doc();
    const pending: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => pending.push(update));
    // One at a time, as the server does per doc: PostgreSQL's pool would otherwise let
    // concurrent appends commit, and so number, in any order.
    const appendPending = async () => {
      const seqs = [];
      for (const update of pending.splice(0))
        seqs.push(await store.appendUpdate(id, 'board', update));
      return seqs;
    };
    doc.getText('title').insert(0, 'Roundtable');
    doc.getArray<string>('cards').push(['listen', 'ask']);
    doc.getMap('votes').set('ada', 1);
    const upToSeq = (await appendPending()).at(-1)!;

    const early = new Y.Doc();
    for (const { update } of await store.loadUpdates(id, 'board')) Y.applyUpdate(early, update);
    const merged = Y.encodeStateAsUpdate(early);
    doc.getText('title').insert(0, 'The ');
    doc.getArray<string>('cards').delete(0);
    doc.getMap('votes').set('grace', 2);
    const later = await appendPending();
    await store.compact(id, 'board', merged, upToSeq);

    const stored = await store.loadUpdates(id, 'board');
    expect(stored.map((u) => u.seq)).toEqual([upToSeq, ...later]);
    expect(Buffer.compare(stored[0]!.update, merged)).toBe(0);
    const rebuilt = new Y.Doc();
    for (const { update } of stored) Y.applyUpdate(rebuilt, update);
    expect(rebuilt.getText('title').toString()).toBe('The Roundtable');
    expect(rebuilt.getArray('cards').toJSON()).toEqual(['ask']);
    expect(rebuilt.getMap('votes').toJSON()).toEqual({ ada: 1, grace: 2 });
  });

  test('compaction touches only its own doc and session', async () => {
    const store = await open();
    const [a, b] = [await newSession(store), await newSession(store)];
    const seq = await store.appendUpdate(a, 'board', PAYLOADS[0]!);
    await store.appendUpdate(a, 'state', PAYLOADS[0]!);
    await store.appendUpdate(b, 'board', PAYLOADS[0]!);
    await store.compact(a, 'board', PAYLOADS[1]!, seq + 1_000);

    expect(await store.loadUpdates(a, 'board')).toEqual([{ seq, update: PAYLOADS[1] }]);
    expect(await store.loadUpdates(a, 'state')).toHaveLength(1);
    expect(await store.loadUpdates(b, 'board')).toHaveLength(1);
  });

  test('seqs are not reused after compaction or deletion', async () => {
    const store = await open();
    const id = await newSession(store);
    const first = await store.appendUpdate(id, 'board', PAYLOADS[0]!);
    const second = await store.appendUpdate(id, 'board', PAYLOADS[0]!);
    await store.compact(id, 'board', PAYLOADS[1]!, second);
    await store.deleteDoc(id, 'board');
    expect(await store.appendUpdate(id, 'board', PAYLOADS[0]!)).toBeGreaterThan(second);
    expect(first).toBeLessThan(second);
  });
}
