import { CLIENT_DOCS, type Ack, type ClientDocName, type WireError } from '@roundtable/wire';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const FROM_SERVER = Symbol('from-server');

/** How the documents reach the server: LiveClient's socket, behind two functions. */
export interface SyncLink {
  readonly isConnected: () => boolean;
  /** Sends one sync message; resolves with its ack, or an `internal` refusal on timeout. */
  readonly send: (doc: ClientDocName, message: Uint8Array) => Promise<Ack>;
}

export interface DocSyncHooks {
  /** A document changed (from the server or locally), or was replaced by a fresh copy. */
  readonly changed: (doc: ClientDocName) => void;
  /** The server refused an update to `doc`; the local copy has been replaced. */
  readonly rejected: (doc: ClientDocName, error: WireError) => void;
}

/**
 * The three documents kept in sync with the server. The server is the authority, so a refused
 * local update makes this throw its copy away and sync afresh.
 */
export class DocSync {
  readonly docs: Record<ClientDocName, Y.Doc>;
  private readonly pending = new Set<Promise<Ack>>();
  private readonly resyncTimers = new Map<ClientDocName, ReturnType<typeof setTimeout>>();
  private readonly link: SyncLink;
  private readonly hooks: DocSyncHooks;

  constructor(link: SyncLink, hooks: DocSyncHooks) {
    this.link = link;
    this.hooks = hooks;
    this.docs = { state: new Y.Doc(), board: new Y.Doc(), notes: new Y.Doc() };
    for (const name of CLIENT_DOCS) this.watch(name);
  }

  /** On every (re)connection: asks the server for what this client lacks, for each document. */
  start(): void {
    for (const name of CLIENT_DOCS) this.sendStep1(name);
  }

  stop(): void {
    for (const timer of this.resyncTimers.values()) clearTimeout(timer);
    this.resyncTimers.clear();
  }

  /** Waits until every local update sent so far has been acknowledged or refused. */
  flush(): Promise<Ack[]> {
    return Promise.all([...this.pending]);
  }

  receive(name: ClientDocName, message: Uint8Array): void {
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
  resync(name: ClientDocName, error: WireError): void {
    const old = this.docs[name];
    this.docs[name] = new Y.Doc();
    old.destroy();
    this.watch(name);
    this.sendStep1(name);
    this.hooks.changed(name);
    this.hooks.rejected(name, error);
  }

  private watch(name: ClientDocName): void {
    this.docs[name].on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER)
        this.send(
          name,
          encode((e) => syncProtocol.writeUpdate(e, update)),
        );
      this.hooks.changed(name);
    });
  }

  private sendStep1(name: ClientDocName): void {
    this.send(
      name,
      encode((e) => syncProtocol.writeSyncStep1(e, this.docs[name])),
    );
  }

  private send(name: ClientDocName, message: Uint8Array): void {
    // While offline, edits stay in the document and reach the server in the next sync step 2.
    if (!this.link.isConnected()) return;
    const sent = this.link.send(name, message);
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
      if (this.link.isConnected()) this.resync(name, error);
    }, error.retryAfterMs ?? 1000);
    this.resyncTimers.set(name, timer);
  }
}

function encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}
