import type { SessionEvent, SessionState } from '@roundtable/protocol';
import {
  CLIENT_DOCS,
  readState,
  readStateValue,
  STATE_ROOT,
  type Ack,
  type ClientDocName,
  type ClientToServerEvents,
  type CommandPayload,
  type MediaTokenReply,
  type ServerToClientEvents,
  type SessionInfo,
  type Welcome,
  type WireError,
} from '@roundtable/wire';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { offsetFrom, type ClockSample } from './clock.ts';
import { isCredentialRefusal, retryAfterMsOf } from './connect-errors.ts';

const FROM_SERVER = Symbol('from-server');

export interface LiveClientOptions {
  /** The server's origin, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** The participant's resume credential. */
  readonly token: string;
  readonly ackTimeoutMs?: number;
  /** Socket.IO options for tests (e.g. no reconnection). */
  readonly reconnection?: boolean;
}

export interface LiveClientEvents {
  state: (state: SessionState | null) => void;
  board: () => void;
  notes: () => void;
  events: (events: readonly SessionEvent[], serverTime: number) => void;
  rejected: (doc: ClientDocName, error: WireError) => void;
  connection: (connected: boolean, reason?: string) => void;
  'media-permission': (permission: { microphone: boolean; camera: boolean }) => void;
}

/**
 * One participant's live connection: keeps the three documents in sync with the server,
 * learns the server's clock and sends commands. The server is the authority, so a refused
 * local update makes this client throw its copy away and sync afresh.
 */
export class LiveClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly docs: Record<ClientDocName, Y.Doc>;
  welcome: Welcome | null = null;
  offsetMs = 0;
  private readonly listeners = new Map<keyof LiveClientEvents, Set<(...args: never[]) => void>>();
  private readonly ackTimeoutMs: number;
  private readonly pending = new Set<Promise<Ack>>();
  /** Whether this client comes back by itself after losing the server (an option for tests). */
  private readonly autoReconnect: boolean;
  private closed = false;
  private failedHandshakes = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly resyncTimers = new Map<ClientDocName, ReturnType<typeof setTimeout>>();

  constructor(options: LiveClientOptions) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.autoReconnect = options.reconnection ?? true;
    this.docs = { state: new Y.Doc(), board: new Y.Doc(), notes: new Y.Doc() };
    for (const name of CLIENT_DOCS) this.watch(name);
    this.socket = io(options.url, {
      auth: { token: options.token },
      transports: ['websocket'],
      reconnection: options.reconnection ?? true,
      autoConnect: false,
    });
    this.socket.on('welcome', (w) => (this.welcome = w));
    this.socket.on('sync', (doc, message) => this.onSync(doc, new Uint8Array(message)));
    this.socket.on('resync', (doc, error) => this.resync(doc, error));
    this.socket.on('events', (events, at) => this.emit('events', events, at));
    this.socket.on('media-permission', (permission) => this.emit('media-permission', permission));
    this.socket.on('connect', () => {
      for (const name of CLIENT_DOCS) this.sendStep1(name);
      this.failedHandshakes = 0;
      this.emit('connection', true);
      void this.syncClock();
    });
    this.socket.on('disconnect', (reason) => {
      this.emit('connection', false, reason);
      // The server drops everyone when it reloads a session from storage; come straight back.
      if (reason === 'io server disconnect' && this.mayReconnect)
        setTimeout(() => this.socket.connect(), 250);
    });
    this.socket.on('connect_error', (error) => {
      this.emit('connection', false, error.message);
      // Socket.IO retries transport failures itself, but not a refusal by the server's
      // handshake. A refused credential stays refused; a server failure may pass: try again.
      if (!this.socket.active && !isCredentialRefusal(error.message) && this.mayReconnect)
        this.retryLater(retryAfterMsOf(error));
    });
  }

  connect(): this {
    this.closed = false;
    this.socket.connect();
    return this;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    for (const timer of this.resyncTimers.values()) clearTimeout(timer);
    this.resyncTimers.clear();
    this.socket.disconnect();
  }

  private get mayReconnect(): boolean {
    return this.autoReconnect && !this.closed;
  }

  /**
   * Backs off from half a second to ten seconds between handshakes the server failed, or
   * waits as long as a rate limit says.
   */
  private retryLater(atLeastMs = 0): void {
    const delayMs = Math.max(atLeastMs, Math.min(10_000, 500 * 2 ** this.failedHandshakes++));
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.mayReconnect && !this.socket.connected) this.socket.connect();
    }, delayMs);
  }

  /** The engine state as the server last wrote it. */
  get state(): SessionState | null {
    return readState(this.docs.state);
  }

  get info(): SessionInfo | null {
    return readStateValue(this.docs.state.getMap(STATE_ROOT), 'info') ?? null;
  }

  get participantId(): string | null {
    return this.welcome?.participantId ?? null;
  }

  /** The server's clock now, corrected for the measured offset. */
  serverNow(): number {
    return Date.now() + this.offsetMs;
  }

  async command(payload: CommandPayload): Promise<Ack> {
    try {
      return await this.socket.timeout(this.ackTimeoutMs).emitWithAck('command', payload);
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: 'The server did not answer in time.' },
      };
    }
  }

  /**
   * Sends any event with any arguments and resolves with its acknowledgement: for tools that
   * test how the server meets a client that breaks the contract. Times out as commands do.
   */
  emitUnchecked(event: string, ...args: unknown[]): Promise<unknown> {
    const socket = this.socket as unknown as Socket;
    return socket.timeout(this.ackTimeoutMs).emitWithAck(event, ...args);
  }

  /** A LiveKit token for this participant, or why there is none. */
  async mediaToken(): Promise<MediaTokenReply> {
    try {
      return await this.socket.timeout(this.ackTimeoutMs).emitWithAck('media-token');
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: 'The server did not answer in time.' },
      };
    }
  }

  /** Waits until every local update sent so far has been acknowledged or refused. */
  async flush(): Promise<Ack[]> {
    return Promise.all([...this.pending]);
  }

  /** Measures the clock offset from a few round trips. */
  async syncClock(samples = 5): Promise<void> {
    const taken: ClockSample[] = [];
    for (let i = 0; i < samples && this.socket.connected; i++) {
      const sentAt = Date.now();
      try {
        const reply = await this.socket.timeout(this.ackTimeoutMs).emitWithAck('clock', sentAt);
        // Refused (rate-limited): the samples taken so far will do.
        if ('ok' in reply) break;
        taken.push({ sentAt, receivedAt: Date.now(), serverTime: reply.serverTime });
      } catch {
        break;
      }
    }
    const result = offsetFrom(taken);
    if (result) this.offsetMs = result.offsetMs;
  }

  on<E extends keyof LiveClientEvents>(event: E, listener: LiveClientEvents[E]): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (...args: never[]) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (...args: never[]) => void);
  }

  private emit<E extends keyof LiveClientEvents>(
    event: E,
    ...args: Parameters<LiveClientEvents[E]>
  ): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (...a: typeof args) => void)(...args);
  }

  private watch(name: ClientDocName): void {
    const doc = this.docs[name];
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER)
        this.send(
          name,
          encode((e) => syncProtocol.writeUpdate(e, update)),
        );
      this.notify(name);
    });
  }

  private notify(name: ClientDocName): void {
    if (name === 'state') this.emit('state', this.state);
    else if (name === 'board') this.emit('board');
    else this.emit('notes');
  }

  private send(name: ClientDocName, message: Uint8Array): void {
    // While offline, edits stay in the document and reach the server in the next sync step 2.
    if (!this.socket.connected) return;
    const sent: Promise<Ack> = this.socket
      .timeout(this.ackTimeoutMs)
      .emitWithAck('sync', name, message)
      .catch(
        () =>
          ({
            ok: false,
            error: { code: 'internal', message: 'No answer from the server.' },
          }) as Ack,
      );
    this.pending.add(sent);
    void sent.finally(() => this.pending.delete(sent));
    void sent.then((ack) => {
      if (!ack.ok && ack.error.code === 'rate-limited') this.resyncLater(name, ack.error);
    });
  }

  /**
   * A rate-limited update was not applied, and the server sends no `resync` for it (a resync
   * would itself be limited, and loop): start the document over once the limit has room.
   */
  private resyncLater(name: ClientDocName, error: WireError): void {
    if (this.resyncTimers.has(name)) return;
    const timer = setTimeout(() => {
      this.resyncTimers.delete(name);
      if (this.socket.connected) this.resync(name, error);
    }, error.retryAfterMs ?? 1000);
    this.resyncTimers.set(name, timer);
  }

  private sendStep1(name: ClientDocName): void {
    this.send(
      name,
      encode((e) => syncProtocol.writeSyncStep1(e, this.docs[name])),
    );
  }

  private onSync(name: ClientDocName, message: Uint8Array): void {
    const doc = this.docs[name];
    if (!doc) return;
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      // The server asks for what it lacks: our offline edits.
      this.send(
        name,
        encode((e) => syncProtocol.writeSyncStep2(e, doc, payload)),
      );
    } else {
      Y.applyUpdate(doc, payload, FROM_SERVER);
    }
  }

  /** Drops a document the server refused an update to, and syncs a fresh copy. */
  private resync(name: ClientDocName, error: WireError): void {
    const old = this.docs[name];
    const fresh = new Y.Doc();
    this.docs[name] = fresh;
    old.destroy();
    this.watch(name);
    this.sendStep1(name);
    this.notify(name);
    this.emit('rejected', name, error);
  }
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}
