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
  readState,
  writeState,
  type Ack,
  type SessionInfo,
} from '@roundtable/wire';
import type { SessionRecord, Store } from '../store/store.ts';
import { applyBoardUpdate } from './board-update.ts';
import { ClientIds } from './client-ids.ts';
import type { Clock, Timer } from './clock.ts';
import { toEngineCommand } from './engine-command.ts';
import type { CoreEvents, SessionHandle } from './events.ts';
import { SessionDocs } from './session-docs.ts';
import { WorkQueue } from './work-queue.ts';

export interface LiveSessionOptions {
  readonly store: Store;
  readonly events: CoreEvents;
  readonly clock: Clock;
  readonly record: SessionRecord;
  readonly info: SessionInfo;
  readonly protocols: ReadonlyMap<string, Protocol>;
  readonly onEnded: (session: LiveSession, at: number) => Promise<void>;
  readonly onFault: (session: LiveSession, error: unknown) => void;
}

/**
 * One session as it runs in memory, the authority for it: its engine state, its documents,
 * its deadlines, and one queue that every change goes through.
 */
export class LiveSession implements SessionHandle {
  readonly id: string;
  readonly info: SessionInfo;
  readonly record: SessionRecord;
  readonly clientIds: ClientIds;
  readonly docs: SessionDocs;
  /** What the engine (packages/protocol) says the session is; the state document shows it. */
  engineState: SessionState;
  private readonly opts: LiveSessionOptions;
  private readonly work: WorkQueue;
  private timer: Timer | undefined;

  private constructor(
    opts: LiveSessionOptions,
    parts: { engineState: SessionState; docs: SessionDocs; clientIds: ClientIds },
  ) {
    this.id = opts.info.id;
    this.info = opts.info;
    this.record = opts.record;
    this.opts = opts;
    this.engineState = parts.engineState;
    this.docs = parts.docs;
    this.clientIds = parts.clientIds;
    this.work = new WorkQueue({
      clock: opts.clock,
      label: this.id,
      onFault: (error) => opts.onFault(this, error),
    });
  }

  /** Loads a session from storage, or starts it from `initial` when nothing is stored yet. */
  static async open(opts: LiveSessionOptions, initial: SessionState): Promise<LiveSession> {
    const [docs, clientIds] = await Promise.all([
      SessionDocs.load(opts.store, opts.info.id, opts.events),
      ClientIds.load(opts.store, opts.info.id),
    ]);
    const stored = readState(docs.stateDoc.guarded.doc);
    const session = new LiveSession(opts, { engineState: stored ?? initial, docs, clientIds });
    await session.serial(() => session.boot(stored));
    return session;
  }

  /**
   * A new session gets its first state written. A restored one keeps its state as it was,
   * people included: presence gives them a grace period to reconnect before they leave, so a
   * server restart does not hand the facilitator role or a turn to whoever is back first.
   */
  private async boot(stored: SessionState | null): Promise<void> {
    if (!stored) {
      await this.docs.writeServerState((doc) => {
        doc.getMap(STATE_ROOT).set(STATE_KEYS.info, this.opts.info);
        writeState(doc, null, this.engineState);
      });
    }
    this.opts.events.emit('state-changed', { session: this, state: this.engineState });
    this.schedule();
  }

  /**
   * Runs `fn` after everything queued before it. A task that throws may have left memory
   * ahead of storage, so the session reports a fault and is reloaded rather than trusted.
   */
  serial<T>(fn: () => Promise<T> | T): Promise<T> {
    return this.work.run(fn);
  }

  /** Someone is about to use the session (a connection or a request): it is not idle. */
  touch(): void {
    this.work.touch();
  }

  /** Nothing queued, nothing running, and nobody has used the session for `ms`. */
  quietFor(ms: number): boolean {
    return this.work.quietFor(ms);
  }

  /** A command from a participant, checked by the engine; resolves once it is durable. */
  command(participantId: string, payload: unknown): Promise<Ack> {
    return this.serial(async () => {
      const parsed = toEngineCommand(payload, participantId, {
        protocols: this.opts.protocols,
        ruleCount: this.info.groundRules.length,
      });
      if (!parsed.ok) return parsed;
      return this.apply(parsed.command);
    });
  }

  /**
   * Someone connected: they join unless the session already counts them present. Checked in
   * the queue, so a leave scheduled just before cannot overtake it. The facilitator link makes
   * its first holder facilitator on arrival; later holders join as members, so a hand-over
   * sticks. A group meeting's rota place goes with every join, for the engine to decide.
   */
  arrive(
    who: {
      id: string;
      name: string;
      role: 'facilitator' | 'member';
      rotaRole: 'facilitator' | 'deputy' | null;
    },
    linkHolders: ReadonlySet<string>,
  ): Promise<Ack> {
    return this.serial(() => {
      const known = this.engineState.participants.find((p) => p.id === who.id);
      if (known?.present) return { ok: true } as const;
      const linkUsed = this.engineState.participants.some(
        (p) => p.id !== who.id && linkHolders.has(p.id),
      );
      const asFacilitator = who.role === 'facilitator' && !known && !linkUsed;
      const rota = who.rotaRole ?? undefined;
      const join: Command = { type: 'join', actor: who.id, name: who.name, asFacilitator };
      return this.apply(rota ? { ...join, rota } : join);
    });
  }

  /** Join and leave follow connections; they go through the same path as any command. */
  system(command: Command): Promise<Ack> {
    return this.serial(() => this.apply(command));
  }

  private async apply(command: Command): Promise<Ack> {
    const now = this.opts.clock.now();
    const result = step(this.engineState, command, now);
    if (isRejection(result)) return { ok: false, error: result };
    await this.commit(result, now);
    return { ok: true };
  }

  private async commit(transition: Transition, now: number): Promise<void> {
    const prev = this.engineState;
    await this.docs.writeServerState((doc) => writeState(doc, prev, transition.state));
    this.engineState = transition.state;
    const { events } = this.opts;
    events.emit('state-changed', { session: this, state: transition.state });
    if (transition.events.length > 0)
      events.emit('engine-events', {
        sessionId: this.id,
        events: transition.events,
        serverTime: now,
      });
    this.schedule();
    if (!prev.ended && transition.state.ended) await this.opts.onEnded(this, now);
  }

  /** Arms the timer for the engine's next deadline (a turn or a phase running out). */
  private schedule(): void {
    this.timer?.cancel();
    if (this.work.isRefusing) return;
    const due = nextDeadline(this.engineState);
    if (due === null) return;
    // A clock may fire a far deadline early (timers overflow); onDeadline then re-arms it.
    const delay = Math.max(0, due - this.opts.clock.now());
    this.timer = this.opts.clock.setTimeout(() => void this.serial(() => this.onDeadline()), delay);
  }

  private async onDeadline(): Promise<void> {
    const now = this.opts.clock.now();
    const result = tick(this.engineState, now);
    if (result.state === this.engineState) return this.schedule();
    await this.commit(result, now);
  }

  /** A board update from a participant, checked against the board rules; durable when acked. */
  boardUpdate(participantId: string, origin: string, update: Uint8Array): Promise<Ack> {
    return this.serial(() =>
      applyBoardUpdate({
        docs: this.docs,
        clientIds: this.clientIds,
        engineState: this.engineState,
        participantId,
        origin,
        update,
        now: this.opts.clock.now(),
      }),
    );
  }

  /** A client's state-document update: accepted only when it changes nothing. */
  stateUpdate(origin: string, update: Uint8Array): Promise<Ack> {
    return this.serial(() => this.docs.stateUpdate(origin, update));
  }

  notesUpdate(participantId: string, origin: string, update: Uint8Array): Promise<Ack> {
    return this.serial(() => this.docs.notesUpdate(participantId, origin, update));
  }

  /** Sets server-owned keys of the state document (media status, talk time) in the queue. */
  publish(values: Record<string, unknown>): Promise<void> {
    return this.serial(() => this.docs.publish(values));
  }

  /** Reads a server-owned key of the state document. */
  read(key: string): unknown {
    return this.docs.read(key);
  }

  recordAcceptance(participantId: string, at: number): Promise<void> {
    return this.serial(() => this.docs.recordAcceptance(participantId, at));
  }

  /** Stops the deadline timer (the session leaves memory). */
  close(): void {
    this.timer?.cancel();
  }

  /**
   * For shutdown: takes no new work, and resolves once everything queued before has run,
   * so every change that was acknowledged, or is about to be, is stored before the store
   * closes.
   */
  async shutDown(): Promise<void> {
    const drained = this.work.drain();
    this.close();
    await drained;
  }
}
