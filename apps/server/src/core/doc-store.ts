import * as Y from 'yjs';
import type { DocName, Store } from '../store/store.ts';

/** Compact a document's log once it holds this many updates. */
const COMPACT_AFTER = 200;

/**
 * One persisted Yjs document: rebuilt from its stored updates, and every accepted change
 * appended before anyone is told about it. Compaction merges the log into one update.
 */
export class PersistedDoc {
  readonly name: DocName;
  private appended = 0;
  private lastSeq = 0;
  private readonly sessionId: string;
  private readonly store: Store;

  private constructor(store: Store, sessionId: string, name: DocName) {
    this.store = store;
    this.sessionId = sessionId;
    this.name = name;
  }

  static async load(
    store: Store,
    sessionId: string,
    name: DocName,
    defineRoots: (doc: Y.Doc) => void,
  ): Promise<{ persisted: PersistedDoc; doc: Y.Doc }> {
    const persisted = new PersistedDoc(store, sessionId, name);
    const doc = new Y.Doc();
    defineRoots(doc);
    const updates = await store.loadUpdates(sessionId, name);
    doc.transact(() => {
      for (const { update } of updates) Y.applyUpdate(doc, update);
    });
    persisted.appended = updates.length;
    persisted.lastSeq = updates.at(-1)?.seq ?? 0;
    return { persisted, doc };
  }

  async append(update: Uint8Array, doc: Y.Doc): Promise<void> {
    await this.stored(await this.store.appendUpdate(this.sessionId, this.name, update), doc);
  }

  /**
   * Appends to several documents of one session in one transaction, for changes that must not
   * be stored half (a card removed, and the record of its removal).
   */
  static async appendTogether(
    writes: readonly { persisted: PersistedDoc; update: Uint8Array; doc: Y.Doc }[],
  ): Promise<void> {
    const first = writes[0]?.persisted;
    if (!first) return;
    const seqs = await first.store.appendUpdates(
      first.sessionId,
      writes.map((w) => ({ doc: w.persisted.name, update: w.update })),
    );
    for (const [i, w] of writes.entries()) await w.persisted.stored(seqs[i]!, w.doc);
  }

  /** Counts a stored update; compacts the log once it is long. */
  private async stored(seq: number, doc: Y.Doc): Promise<void> {
    this.lastSeq = seq;
    this.appended += 1;
    if (this.appended >= COMPACT_AFTER) {
      await this.store.compact(this.sessionId, this.name, Y.encodeStateAsUpdate(doc), this.lastSeq);
      this.appended = 1;
    }
  }

  async clear(): Promise<void> {
    await this.store.deleteDoc(this.sessionId, this.name);
    this.appended = 0;
  }
}
