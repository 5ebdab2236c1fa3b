import { readStateValue, STATE_KEYS, STATE_ROOT, type Ack } from '@roundtable/wire';
import * as Y from 'yjs';
import type { Store } from '../store/store.ts';
import type { CoreEvents, Origin } from './events.ts';
import { GuardedDoc } from './guarded-doc.ts';
import { loadGuarded, notesInspector, READONLY, SHAPES, type LoadedDoc } from './loaded-doc.ts';
import { updateMessage } from './sync-message.ts';

/**
 * A live session's Yjs documents: the state document (written by the server alone), the
 * board, and each participant's private notes. Every change is stored before it is announced.
 * Nothing here queues: the live session runs each call in its queue.
 */
export class SessionDocs {
  readonly sessionId: string;
  /** The engine state and the server-owned keys, as clients read them. */
  readonly stateDoc: LoadedDoc;
  /** The cards and verdicts; replaced when a confidential session's board is cleared. */
  boardDoc: LoadedDoc;
  private readonly notes = new Map<string, Promise<LoadedDoc>>();
  private readonly store: Store;
  private readonly events: CoreEvents;

  private constructor(opts: {
    sessionId: string;
    store: Store;
    events: CoreEvents;
    stateDoc: LoadedDoc;
    boardDoc: LoadedDoc;
  }) {
    this.sessionId = opts.sessionId;
    this.store = opts.store;
    this.events = opts.events;
    this.stateDoc = opts.stateDoc;
    this.boardDoc = opts.boardDoc;
  }

  static async load(store: Store, sessionId: string, events: CoreEvents): Promise<SessionDocs> {
    const [stateDoc, boardDoc] = await Promise.all([
      loadGuarded(store, sessionId, 'state', SHAPES.state),
      loadGuarded(store, sessionId, 'board', SHAPES.board),
    ]);
    return new SessionDocs({ sessionId, store, events, stateDoc, boardDoc });
  }

  /** Tells everyone but `origin` (which has it) that a document changed. */
  announce(doc: 'state' | 'board', update: Uint8Array, origin: Origin): void {
    const message = updateMessage(update);
    this.events.emit('doc-changed', { sessionId: this.sessionId, doc, message, origin });
  }

  /** Writes the state document, stores the change, then announces it. */
  async writeServerState(fn: (doc: Y.Doc) => void): Promise<void> {
    const update = this.stateDoc.guarded.write(fn, 'server');
    if (!update) return;
    await this.stateDoc.persisted.append(update, this.stateDoc.guarded.doc);
    this.announce('state', update, null);
  }

  /** Sets server-owned keys of the state document (media status, talk time). */
  publish(values: Record<string, unknown>): Promise<void> {
    return this.writeServerState((doc) => {
      const map = doc.getMap(STATE_ROOT);
      for (const [key, value] of Object.entries(values)) map.set(key, value);
    });
  }

  /** Reads a server-owned key of the state document. */
  read(key: string): unknown {
    return this.stateDoc.guarded.doc.getMap(STATE_ROOT).get(key);
  }

  /** Records when a member accepted the ground rules; the server lets nobody in without it. */
  recordAcceptance(participantId: string, at: number): Promise<void> {
    return this.writeServerState((doc) => {
      const map = doc.getMap(STATE_ROOT);
      const accepted = readStateValue(map, 'acceptances') ?? {};
      map.set(STATE_KEYS.acceptances, { ...accepted, [participantId]: at });
    });
  }

  /** Clients may send state-document updates only when they change nothing. */
  stateUpdate(origin: string, update: Uint8Array): Ack {
    const applied = this.stateDoc.guarded.tryApply(
      update,
      (tr) => (tr.changed.size > 0 || tr.deleteSet.clients.size > 0 ? READONLY : null),
      origin,
    );
    return applied.ok ? { ok: true } : applied;
  }

  /** A change to the writer's own private notes: text only, within the size limit. */
  async notesUpdate(participantId: string, origin: string, update: Uint8Array): Promise<Ack> {
    const notes = await this.notesOf(participantId);
    const applied = notes.guarded.tryApply(update, notesInspector, origin);
    if (!applied.ok || !applied.changed) return applied.ok ? { ok: true } : applied;
    await notes.persisted.append(update, notes.guarded.doc);
    this.events.emit('notes-changed', {
      sessionId: this.sessionId,
      participantId,
      message: updateMessage(update),
      origin,
    });
    return { ok: true };
  }

  /** A participant's private notes, loaded on first use. */
  notesOf(participantId: string): Promise<LoadedDoc> {
    let loaded = this.notes.get(participantId);
    if (!loaded) {
      loaded = loadGuarded(this.store, this.sessionId, `notes:${participantId}`, SHAPES.notes);
      this.notes.set(participantId, loaded);
    }
    return loaded;
  }

  /**
   * Lets go of a participant's notes in memory once their stored notes are deleted (their
   * account was: people/delete-account.ts), so nothing serves them from memory afterwards.
   */
  dropNotes(participantId: string): void {
    this.notes.delete(participantId);
  }

  /** Empties the board for good (a confidential session ended); clients are told to drop theirs. */
  async clearBoard(): Promise<void> {
    await this.boardDoc.persisted.clear();
    const fresh = new Y.Doc();
    this.boardDoc = {
      guarded: new GuardedDoc(fresh, SHAPES.board),
      persisted: this.boardDoc.persisted,
    };
    this.events.emit('board-cleared', { sessionId: this.sessionId });
  }
}
