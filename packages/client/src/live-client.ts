import type { SessionEvent, SessionState } from '@roundtable/protocol';
import type {
  Ack,
  ClientDocName,
  ClientToServerEvents,
  CommandPayload,
  MediaTokenReply,
  ServerToClientEvents,
  SessionInfo,
  Welcome,
  WireError,
} from '@roundtable/wire';
import { io, type Socket } from 'socket.io-client';
import type * as Y from 'yjs';
import { offsetFrom, type ClockSample } from './clock.ts';
import { DocSync } from './doc-sync.ts';
import { Reconnector } from './reconnect.ts';
import { EMPTY_VIEW, readStateView, type StateView } from './state-view.ts';

export interface LiveClientOptions {
  /** The server's origin, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** The participant's resume credential. */
  readonly token: string;
  readonly ackTimeoutMs?: number;
  /** Whether to come back by itself after losing the server (tests and benches turn it off). */
  readonly reconnection?: boolean;
}

export interface LiveClientEvents {
  state: (state: SessionState | null) => void;
  board: () => void;
  notes: () => void;
  welcome: (welcome: Welcome) => void;
  events: (events: readonly SessionEvent[], serverTime: number) => void;
  rejected: (doc: ClientDocName, error: WireError) => void;
  connection: (connected: boolean, reason?: string) => void;
  'media-permission': (permission: { microphone: boolean; camera: boolean }) => void;
}

/** Events that take an acknowledgement, with their arguments and their reply. */
type AckedEvent = Exclude<keyof ClientToServerEvents, 'awareness'>;
type Split<E extends AckedEvent> =
  Parameters<ClientToServerEvents[E]> extends [...infer A, (reply: infer R) => void]
    ? { args: A; reply: R }
    : never;

const TIMED_OUT = { code: 'internal', message: 'The server did not answer in time.' } as const;

/**
 * One participant's live connection: keeps the three documents in sync with the server (see
 * DocSync), reads the state document once per update, learns the server's clock, sends
 * commands and schedules its own reconnection (see Reconnector). Its socket stays inside.
 */
export class LiveClient {
  welcome: Welcome | null = null;
  offsetMs = 0;
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #sync: DocSync;
  readonly #reconnect: Reconnector;
  readonly #listeners = new Map<keyof LiveClientEvents, Set<(...args: never[]) => void>>();
  readonly #ackTimeoutMs: number;
  readonly #autoReconnect: boolean;
  #closed = false;
  #view: StateView = EMPTY_VIEW;

  constructor(options: LiveClientOptions) {
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.#autoReconnect = options.reconnection ?? true;
    const socket = io(options.url, {
      auth: { token: options.token },
      transports: ['websocket'],
      reconnection: this.#autoReconnect,
      autoConnect: false,
    });
    this.#socket = socket;
    this.#sync = new DocSync(
      {
        isConnected: () => socket.connected,
        send: (doc, message) => this.#ask('sync', doc, message),
      },
      { changed: (doc) => this.#changed(doc), rejected: (...a) => this.#emit('rejected', ...a) },
    );
    this.#reconnect = new Reconnector({
      connect: () => socket.connect(),
      isConnected: () => socket.connected,
      isRetrying: () => socket.active,
      isWanted: () => this.#autoReconnect && !this.#closed,
    });
    this.#listen(socket);
  }

  #listen(socket: Socket<ServerToClientEvents, ClientToServerEvents>): void {
    socket.on('welcome', (w) => {
      this.welcome = w;
      this.#emit('welcome', w);
    });
    socket.on('sync', (doc, message) => this.#sync.receive(doc, new Uint8Array(message)));
    socket.on('resync', (doc, error) => this.#sync.resync(doc, error));
    socket.on('events', (events, at) => this.#emit('events', events, at));
    socket.on('media-permission', (permission) => this.#emit('media-permission', permission));
    socket.on('connect', () => {
      this.#sync.start();
      this.#reconnect.connected();
      this.#emit('connection', true);
      void this.syncClock();
    });
    socket.on('disconnect', (reason) => {
      this.#emit('connection', false, reason);
      this.#reconnect.disconnected(reason);
    });
    socket.on('connect_error', (error) => {
      this.#emit('connection', false, error.message);
      this.#reconnect.refused(error);
    });
  }

  connect(): this {
    this.#closed = false;
    this.#socket.connect();
    return this;
  }

  /** Drops the connection but not the client: `connect()` brings it back, with its edits. */
  disconnect(): void {
    this.#socket.disconnect();
  }

  close(): void {
    this.#closed = true;
    this.#reconnect.stop();
    this.#sync.stop();
    this.#socket.disconnect();
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  get docs(): Readonly<Record<ClientDocName, Y.Doc>> {
    return this.#sync.docs;
  }

  /** The engine state as the server last wrote it. */
  get state(): SessionState | null {
    return this.#view.state;
  }

  get info(): SessionInfo | null {
    return this.#view.info;
  }

  /** Whether the media server works right now, as the server last said; null before it has. */
  get media(): StateView['media'] {
    return this.#view.media;
  }

  /** The live speaking balance of the current round, and of each finished one. */
  get talkTime(): StateView['talkTime'] {
    return this.#view.talkTime;
  }

  get talkTimeHistory(): StateView['talkTimeHistory'] {
    return this.#view.talkTimeHistory;
  }

  /** Disguised audio the server caught, by participant. */
  get mediaOffences(): StateView['mediaOffences'] {
    return this.#view.mediaOffences;
  }

  get participantId(): string | null {
    return this.welcome?.participantId ?? null;
  }

  /** The server's clock now, corrected for the measured offset. */
  serverNow(): number {
    return Date.now() + this.offsetMs;
  }

  command(payload: CommandPayload): Promise<Ack> {
    return this.#ask('command', payload);
  }

  /** A LiveKit token for this participant, or why there is none. */
  mediaToken(): Promise<MediaTokenReply> {
    return this.#ask('media-token');
  }

  /**
   * One event of the contract, answered by its ack or, after the ack timeout, an `internal`
   * refusal: for tools that speak the wire by hand (tests, benches).
   */
  ask<E extends AckedEvent>(event: E, ...args: Split<E>['args']): Promise<Split<E>['reply']> {
    return this.#ask(event, ...args);
  }

  /**
   * Sends any event with any arguments and resolves with its acknowledgement (rejects on the
   * ack timeout): for tests of how the server meets a client that breaks the contract.
   */
  emitUnchecked(event: string, ...args: unknown[]): Promise<unknown> {
    return this.#untyped()
      .timeout(this.#ackTimeoutMs)
      .emitWithAck(event, ...args);
  }

  /** As `emitUnchecked`, without asking for an acknowledgement. */
  sendUnchecked(event: string, ...args: unknown[]): void {
    this.#untyped().emit(event, ...args);
  }

  /** Listens to one server event as it arrives on the wire (tests, benches); returns `off`. */
  onServer<E extends keyof ServerToClientEvents>(
    event: E,
    listener: ServerToClientEvents[E],
  ): () => void {
    const socket = this.#untyped();
    const name: string = event;
    const raw = listener as (...args: unknown[]) => void;
    socket.on(name, raw);
    return () => void socket.off(name, raw);
  }

  /** Waits until every local update sent so far has been acknowledged or refused. */
  flush(): Promise<Ack[]> {
    return this.#sync.flush();
  }

  /** Measures the clock offset from a few round trips. */
  async syncClock(samples = 5): Promise<void> {
    const taken: ClockSample[] = [];
    for (let i = 0; i < samples && this.#socket.connected; i++) {
      const sentAt = Date.now();
      const reply = await this.#ask('clock', sentAt);
      // Refused (rate-limited) or unanswered: the samples taken so far will do.
      if ('ok' in reply) break;
      taken.push({ sentAt, receivedAt: Date.now(), serverTime: reply.serverTime });
    }
    const result = offsetFrom(taken);
    if (result) this.offsetMs = result.offsetMs;
  }

  on<E extends keyof LiveClientEvents>(event: E, listener: LiveClientEvents[E]): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (...args: never[]) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (...args: never[]) => void);
  }

  #emit<E extends keyof LiveClientEvents>(event: E, ...args: Parameters<LiveClientEvents[E]>) {
    for (const listener of this.#listeners.get(event) ?? [])
      (listener as (...a: typeof args) => void)(...args);
  }

  /** The state document is read here, once per update; everything else reads the view. */
  #changed(doc: ClientDocName): void {
    if (doc === 'state') {
      this.#view = readStateView(this.#sync.docs.state);
      this.#emit('state', this.#view.state);
    } else if (doc === 'board') this.#emit('board');
    else this.#emit('notes');
  }

  async #ask<E extends AckedEvent>(
    event: E,
    ...args: Split<E>['args']
  ): Promise<Split<E>['reply']> {
    try {
      const reply = await this.emitUnchecked(event, ...args);
      return reply as Split<E>['reply'];
    } catch {
      return { ok: false, error: TIMED_OUT };
    }
  }

  /** The socket without the event map's types, for the calls that are checked elsewhere. */
  #untyped(): Socket {
    return this.#socket as unknown as Socket;
  }
}
