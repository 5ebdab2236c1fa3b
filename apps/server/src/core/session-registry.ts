import { initialState } from '@roundtable/protocol';
import type { SessionRecord, Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { CoreEvents } from './events.ts';
import { LiveSession } from './live-session.ts';
import { endUnfinished, finishEnd } from './session-end.ts';
import { sessionInfo } from './session-info.ts';
import { sessionProtocols, type SessionOptions } from './session-options.ts';

export interface RegistryOptions {
  readonly store: Store;
  readonly events: CoreEvents;
  readonly clock: Clock;
}

/** The live sessions of this process: each opened once, on first use, and let go when idle. */
export class SessionRegistry {
  private readonly opening = new Map<string, Promise<LiveSession>>();
  /** The sessions of `opening` that have finished opening. */
  private readonly ready = new Map<string, LiveSession>();
  private readonly opts: RegistryOptions;
  private closing = false;

  constructor(opts: RegistryOptions) {
    this.opts = opts;
  }

  /** The live session of a session record, opened (or restored after a restart) on first use. */
  live(record: SessionRecord): Promise<LiveSession> {
    if (this.closing) return Promise.reject(new Error('the server is shutting down'));
    this.ready.get(record.id)?.touch();
    let live = this.opening.get(record.id);
    if (!live) {
      live = this.open(record);
      this.opening.set(record.id, live);
      live.catch(() => this.opening.delete(record.id));
    }
    return live;
  }

  private async open(record: SessionRecord): Promise<LiveSession> {
    const { store, events, clock } = this.opts;
    const protocols = sessionProtocols(record.options as SessionOptions);
    const session = await LiveSession.open(
      {
        store,
        events,
        clock,
        record,
        info: sessionInfo(record, protocols),
        protocols,
        onEnded: (s, at) => finishEnd(store, s, at),
        onFault: (s, error) => this.evict(s, error),
      },
      initialState,
    );
    // A crash or a storage failure between the steps of an end left some of them to do.
    if (endUnfinished(session))
      await session.serial(() => finishEnd(store, session, record.endedAt ?? clock.now()));
    this.ready.set(record.id, session);
    events.emit('session-opened', { session });
    return session;
  }

  /**
   * Lets go of sessions nobody uses: no connection (`inUse`), nobody counted present, nothing
   * queued, and quiet for `idleMs`. Everything they hold is stored, so the next connection or
   * request simply opens the session again, overdue deadlines included. Without this, every
   * session ever opened would stay in memory until the process ends.
   */
  unloadIdle(idleMs: number, inUse: (sessionId: string) => boolean): void {
    for (const [id, session] of this.ready) {
      if (inUse(id) || !session.quietFor(idleMs)) continue;
      if (session.engineState.participants.some((p) => p.present)) continue;
      this.forget(session);
      this.opts.events.emit('session-unloaded', { sessionId: id });
    }
  }

  /** How many sessions are in memory now (open or opening). */
  get size(): number {
    return this.opening.size;
  }

  /** The live session if it is open (or opening) in this process. */
  loaded(sessionId: string): Promise<LiveSession> | undefined {
    return this.opening.get(sessionId);
  }

  private forget(session: LiveSession): void {
    this.opening.delete(session.id);
    this.ready.delete(session.id);
    session.close();
  }

  /** Forgets a session whose memory may be ahead of storage; the next connection reloads it. */
  private evict(session: LiveSession, error: unknown): void {
    console.error(`Session ${session.id}: reloading from storage after a failure`, error);
    this.forget(session);
    this.opts.events.emit('session-reset', { sessionId: session.id });
  }

  /** Restores every session that was running when the server stopped. */
  async restoreAll(): Promise<number> {
    const active = await this.opts.store.listActiveSessions();
    await Promise.all(active.map((record) => this.live(record)));
    return active.length;
  }

  /**
   * Shutdown: every session, including one still opening, finishes what is queued (commands,
   * board changes, media writes) and takes nothing more. Resolves once all of it is stored,
   * so the store may close next.
   */
  async closeAll(): Promise<void> {
    this.closing = true;
    const sessions = await Promise.allSettled(this.opening.values());
    await Promise.all(
      sessions.map((s) => (s.status === 'fulfilled' ? s.value.shutDown() : undefined)),
    );
  }
}
