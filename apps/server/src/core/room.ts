import {
  isRejection,
  nextDeadline,
  step,
  tick,
  type Command,
  type Protocol,
  type SessionState,
  type Transition,
} from '@roundtable/protocol';
import {
  STATE_KEYS,
  STATE_ROOT,
  type Ack,
  type CardRemoval,
  type SessionInfo,
} from '@roundtable/wire';
import * as Y from 'yjs';
import type { Store } from '../store/store.ts';
import { boardContext } from './board-context.ts';
import { boardInspector } from './board-rules.ts';
import type { ClientIds } from './client-ids.ts';
import { toEngineCommand } from './engine-command.ts';
import { PersistedDoc } from './doc-store.ts';
import { GuardedDoc } from './guarded-doc.ts';
import { loadGuarded, notesInspector, READONLY, SHAPES, type LoadedDoc } from './room-docs.ts';
import { readState, writeState } from '@roundtable/wire';
import type { Clock, Timer } from './clock.ts';
import type { CoreEvents, Origin, SessionHandle } from './events.ts';
import { updateMessage } from './sync-message.ts';

export interface RoomOptions {
  readonly store: Store;
  readonly events: CoreEvents;
  readonly clock: Clock;
  readonly info: SessionInfo;
  readonly protocols: ReadonlyMap<string, Protocol>;
  readonly onEnded: (room: Room, at: number) => Promise<void>;
  readonly onFault: (room: Room, error: unknown) => void;
}

/** The authority for one session: its engine state, its documents and its deadlines. */
export class Room implements SessionHandle {
  readonly id: string;
  readonly info: SessionInfo;
  engine: SessionState;
  readonly state: LoadedDoc;
  board: LoadedDoc;
  private readonly notes = new Map<string, Promise<LoadedDoc>>();
  private readonly opts: RoomOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: Timer | undefined;
  private pending = 0;
  private lastUsedAt: number;
  /** Shutting down: what is queued still runs, nothing new is taken. */
  private refusing = false;

  private constructor(opts: RoomOptions, engine: SessionState, state: LoadedDoc, board: LoadedDoc) {
    this.id = opts.info.id;
    this.info = opts.info;
    this.opts = opts;
    this.engine = engine;
    this.state = state;
    this.board = board;
    this.lastUsedAt = opts.clock.now();
  }

  /** Loads a room from storage, or starts it from `initial` when nothing is stored yet. */
  static async open(opts: RoomOptions, initial: SessionState): Promise<Room> {
    const [state, board] = await Promise.all([
      loadGuarded(opts.store, opts.info.id, 'state', SHAPES.state),
      loadGuarded(opts.store, opts.info.id, 'board', SHAPES.board),
    ]);
    const stored = readState(state.guarded.doc);
    const room = new Room(opts, stored ?? initial, state, board);
    await room.serial(() => room.boot(stored));
    return room;
  }

  /**
   * A new session gets its first state written. A restored one keeps its state as it was,
   * people included: presence gives them a grace period to reconnect before they leave, so a
   * server restart does not hand the facilitator role or a turn to whoever is back first.
   */
  private async boot(stored: SessionState | null): Promise<void> {
    if (!stored) {
      await this.writeServerState((doc) => {
        doc.getMap(STATE_ROOT).set(STATE_KEYS.info, this.opts.info);
        writeState(doc, null, this.engine);
      });
    }
    this.opts.events.emit('state-changed', { session: this, state: this.engine });
    this.schedule();
  }

  /**
   * Runs `fn` after everything queued before it: one writer per room keeps the log in order.
   * A task that throws (storage failed, or a bug) may have left memory ahead of storage, so
   * the room reports a fault and is reloaded from storage rather than trusted further.
   */
  serial<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.refusing) {
      // Late work (a leave timer, a media write, a command racing the shutdown) is refused.
      // The refusal is marked handled: a caller that does not wait for it must not crash
      // the process while it stops.
      const refused = Promise.reject(new Error(`session ${this.id} is shutting down`));
      refused.catch(() => undefined);
      return refused;
    }
    this.pending += 1;
    const run = this.queue.then(fn);
    const settled = () => {
      this.pending -= 1;
      this.touch();
    };
    run.then(settled, settled);
    this.queue = run.catch((error: unknown) => this.opts.onFault(this, error));
    return run;
  }

  /** Someone is about to use the room (a connection or a request): it is not idle. */
  touch(): void {
    this.lastUsedAt = this.opts.clock.now();
  }

  /** Nothing queued, nothing running, and nobody has used the room for `ms`. */
  quietFor(ms: number): boolean {
    return this.pending === 0 && this.opts.clock.now() - this.lastUsedAt >= ms;
  }

  /** A command from a participant, checked by the engine; resolves once it is durable. */
  command(participantId: string, payload: unknown): Promise<Ack> {
    return this.serial(async () => {
      const parsed = toEngineCommand(payload, participantId, this.opts.protocols);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      return this.apply(parsed.command);
    });
  }

  /**
   * Someone connected: they join unless the room already counts them present. Checked inside
   * the queue, so a leave scheduled just before cannot overtake it. The facilitator link makes
   * its first holder facilitator on arrival; later holders join as members, so a hand-over
   * sticks.
   */
  arrive(
    who: { id: string; name: string; role: 'facilitator' | 'member' },
    linkHolders: ReadonlySet<string>,
  ): Promise<Ack> {
    return this.serial(() => {
      const known = this.engine.participants.find((p) => p.id === who.id);
      if (known?.present) return { ok: true } as const;
      const linkUsed = this.engine.participants.some(
        (p) => p.id !== who.id && linkHolders.has(p.id),
      );
      const asFacilitator = who.role === 'facilitator' && !known && !linkUsed;
      return this.apply({ type: 'join', actor: who.id, name: who.name, asFacilitator });
    });
  }

  /** Join and leave follow connections; they go through the same path as any command. */
  system(command: Command): Promise<Ack> {
    return this.serial(() => this.apply(command));
  }

  private async apply(command: Command): Promise<Ack> {
    const now = this.opts.clock.now();
    const result = step(this.engine, command, now);
    if (isRejection(result)) return { ok: false, error: result };
    await this.commit(result, now);
    return { ok: true };
  }

  private async commit(transition: Transition, now: number): Promise<void> {
    const prev = this.engine;
    await this.writeServerState((doc) => writeState(doc, prev, transition.state));
    this.engine = transition.state;
    this.opts.events.emit('state-changed', { session: this, state: transition.state });
    if (transition.events.length > 0)
      this.opts.events.emit('engine-events', {
        sessionId: this.id,
        events: transition.events,
        serverTime: now,
      });
    this.schedule();
    if (!prev.ended && transition.state.ended) await this.opts.onEnded(this, now);
  }

  /** Writes the state document, stores the change, then publishes it. */
  async writeServerState(fn: (doc: Y.Doc) => void): Promise<void> {
    const update = this.state.guarded.write(fn, 'server');
    if (!update) return;
    await this.state.persisted.append(update, this.state.guarded.doc);
    this.docChanged('state', update, null);
  }

  private docChanged(doc: 'state' | 'board', update: Uint8Array, origin: Origin): void {
    this.opts.events.emit('doc-changed', {
      sessionId: this.id,
      doc,
      message: updateMessage(update),
      origin,
    });
  }

  private schedule(): void {
    this.timer?.cancel();
    if (this.refusing) return;
    const due = nextDeadline(this.engine);
    if (due === null) return;
    // A clock may fire a far deadline early (timers overflow); onDeadline then re-arms it.
    const delay = Math.max(0, due - this.opts.clock.now());
    this.timer = this.opts.clock.setTimeout(() => void this.serial(() => this.onDeadline()), delay);
  }

  private async onDeadline(): Promise<void> {
    const now = this.opts.clock.now();
    const result = tick(this.engine, now);
    if (result.state === this.engine) return this.schedule();
    await this.commit(result, now);
  }

  /**
   * A board update from a participant: its clientIDs, the board rules, then durable. New
   * clientIDs are bound only once the update is accepted, so a refused one changes nothing.
   */
  boardUpdate(
    participantId: string,
    socketId: string,
    update: Uint8Array,
    clientIds: ClientIds,
  ): Promise<Ack> {
    return this.serial(async () => {
      const claim = clientIds.check(participantId, update);
      if (!claim.ok) return claim;
      const removals: CardRemoval[] = [];
      const now = this.opts.clock.now();
      const ctx = boardContext(this.engine, participantId, (cardId, author) =>
        removals.push({ cardId, author, by: participantId, at: now }),
      );
      const applied = this.board.guarded.tryApply(update, boardInspector(ctx), socketId);
      if (!applied.ok || !applied.changed) return applied.ok ? { ok: true } : applied;
      await clientIds.bind(participantId, claim.unbound);
      if (removals.length === 0) {
        await this.board.persisted.append(update, this.board.guarded.doc);
        this.docChanged('board', update, socketId);
        return { ok: true };
      }
      // The facilitator removed cards: the removal and its record are stored together. Adding
      // to the log always changes the state, so there is always an update to store.
      const record = this.state.guarded.write((doc) => appendRemovals(doc, removals), 'server')!;
      await PersistedDoc.appendTogether([
        { persisted: this.board.persisted, update, doc: this.board.guarded.doc },
        { persisted: this.state.persisted, update: record, doc: this.state.guarded.doc },
      ]);
      this.docChanged('board', update, socketId);
      this.docChanged('state', record, null);
      return { ok: true };
    });
  }

  /** Clients may send state-document updates only when they change nothing. */
  stateUpdate(socketId: string, update: Uint8Array): Promise<Ack> {
    return this.serial(() => {
      const applied = this.state.guarded.tryApply(
        update,
        (tr) => (tr.changed.size > 0 || tr.deleteSet.clients.size > 0 ? READONLY : null),
        socketId,
      );
      return applied.ok ? { ok: true } : applied;
    });
  }

  /** Sets server-owned keys of the state document (media status, talk time) in the queue. */
  publish(values: Record<string, unknown>): Promise<void> {
    return this.serial(() =>
      this.writeServerState((doc) => {
        const map = doc.getMap(STATE_ROOT);
        for (const [key, value] of Object.entries(values)) map.set(key, value);
      }),
    );
  }

  /** Reads a server-owned key of the state document. */
  read(key: string): unknown {
    return this.state.guarded.doc.getMap(STATE_ROOT).get(key);
  }

  /** Records when a member accepted the ground rules; the server lets nobody in without it. */
  recordAcceptance(participantId: string, at: number): Promise<void> {
    return this.serial(() =>
      this.writeServerState((doc) => {
        const map = doc.getMap(STATE_ROOT);
        const accepted =
          (map.get(STATE_KEYS.acceptances) as Record<string, number> | undefined) ?? {};
        map.set(STATE_KEYS.acceptances, { ...accepted, [participantId]: at });
      }),
    );
  }

  /** Empties the board for good (a confidential session ended); clients are told to drop theirs. */
  async clearBoard(): Promise<void> {
    await this.board.persisted.clear();
    const fresh = new Y.Doc();
    this.board = { guarded: new GuardedDoc(fresh, SHAPES.board), persisted: this.board.persisted };
    this.opts.events.emit('board-cleared', { sessionId: this.id });
  }

  /** A change to the writer's own private notes: text only, within the size limit. */
  notesUpdate(participantId: string, socketId: string, update: Uint8Array): Promise<Ack> {
    return this.serial(async () => {
      const notes = await this.notesOf(participantId);
      const applied = notes.guarded.tryApply(update, notesInspector, socketId);
      if (!applied.ok || !applied.changed) return applied.ok ? { ok: true } : applied;
      await notes.persisted.append(update, notes.guarded.doc);
      this.opts.events.emit('notes-changed', {
        sessionId: this.id,
        participantId,
        message: updateMessage(update),
        origin: socketId,
      });
      return { ok: true };
    });
  }

  /** A participant's private notes, loaded on first use. */
  notesOf(participantId: string): Promise<LoadedDoc> {
    let loaded = this.notes.get(participantId);
    if (!loaded) {
      loaded = loadGuarded(this.opts.store, this.id, `notes:${participantId}`, SHAPES.notes);
      this.notes.set(participantId, loaded);
    }
    return loaded;
  }

  close(): void {
    this.timer?.cancel();
  }

  /**
   * For shutdown: takes no new work, and resolves once everything queued before has run,
   * so every change that was acknowledged, or is about to be, is stored before the store
   * closes. The queue itself never rejects (a failure goes to onFault).
   */
  async shutDown(): Promise<void> {
    this.refusing = true;
    this.close();
    await this.queue;
  }
}

/** Adds card removals to the state document's log of them. */
function appendRemovals(doc: Y.Doc, removals: readonly CardRemoval[]): void {
  const map = doc.getMap(STATE_ROOT);
  const log = (map.get(STATE_KEYS.removals) as CardRemoval[] | undefined) ?? [];
  map.set(STATE_KEYS.removals, [...log, ...removals]);
}
