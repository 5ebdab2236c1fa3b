import {
  LiveClient,
  addCard,
  cardsOf,
  editCard,
  removeCard,
  setVerdict,
  verdictsOf,
} from '@roundtable/client';
import {
  currentPhase,
  remaining,
  type CardKind,
  type SessionEvent,
  type SessionState,
} from '@roundtable/protocol';
import {
  CONNECT_ERRORS,
  NOTES_TEXT,
  type Card,
  type ClientDocName,
  type CommandPayload,
  type MediaOffence,
  type MediaState,
  type MediaTokenReply,
  type SessionInfo,
  type TalkTimeSummary,
  type Verdict,
  type Welcome,
  type WireError,
} from '@roundtable/wire';
import type * as Y from 'yjs';
import { mediaAvailability } from '../media/availability.ts';
import { announceAll } from './announce.ts';
import { newCardId } from './card-id.ts';
import { peopleOf, seatOf, type MySeat, type PersonView } from './people.ts';
import { diffText } from './text-diff.ts';

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'refused';

export interface RoomStoreOptions {
  readonly url: string;
  readonly token: string;
  readonly participantId: string;
  /** Where refusals go (a toast), so a person learns why nothing happened. */
  readonly onRefusal: (message: string) => void;
}

/** Countdowns redraw four times a second, so a second never appears to be skipped. */
const TICK_MS = 250;
/** How long a replaced, still empty document may take to sync before it is shown as it is. */
const SETTLE_MS = 500;

const isBlank = (doc: Y.Doc) => doc.store.clients.size === 0;

/** Verdicts are replaced whole on every board change, so a plain (never mutated) map will do. */
const NO_VERDICTS: ReadonlyMap<string, Verdict> = new Map();

/**
 * One participant's view of a live room in runes state: LiveClient's documents and events
 * turned into values components can read. Create it in the browser only (it opens a socket).
 */
export class RoomStore {
  state = $state.raw<SessionState | null>(null);
  info = $state.raw<SessionInfo | null>(null);
  connection = $state<Connection>('connecting');
  /** Why the server refused this credential (a CONNECT_ERRORS code), once it has. */
  refusal = $state<string | null>(null);
  cards = $state.raw<readonly Card[]>([]);
  verdicts = $state.raw<ReadonlyMap<string, Verdict>>(NO_VERDICTS);
  notes = $state('');
  notesReady = $state(false);
  /** The server's clock, refreshed every tick: every countdown reads this one value. */
  now = $state(Date.now());
  announcement = $state<{ id: number; text: string } | null>(null);
  /** Whether this server has audio and video at all (from the welcome), and if not, why. */
  mediaOffer = $state.raw<Welcome['media'] | null>(null);
  /** The state document's word on the media server: set when it becomes unreachable. */
  mediaHealth = $state.raw<MediaState | null>(null);
  /** The current round's speaking balance, measured by the server from LiveKit. */
  talkTime = $state.raw<TalkTimeSummary | null>(null);
  talkTimeHistory = $state.raw<readonly TalkTimeSummary[]>([]);
  /** Disguised audio the server caught, by participant (the facilitator is shown it). */
  mediaOffences = $state.raw<Readonly<Record<string, readonly MediaOffence[]>>>({});

  readonly me: string;
  readonly phase = $derived(this.state ? currentPhase(this.state) : null);
  readonly clock = $derived(this.state ? remaining(this.state, this.now) : null);
  readonly mediaAvailability = $derived(mediaAvailability(this.mediaOffer, this.mediaHealth));
  readonly people: readonly PersonView[];
  readonly seat: MySeat | null;

  readonly #client: LiveClient;
  readonly #onRefusal: (message: string) => void;
  #everOnline = false;
  #offline = false;
  #announced = 0;
  #refusedBoard: WireError | null = null;
  readonly #shown: Record<'board' | 'notes', Y.Doc>;
  readonly #holds: Partial<Record<'board' | 'notes', ReturnType<typeof setTimeout>>> = {};

  constructor(options: RoomStoreOptions) {
    this.me = options.participantId;
    this.people = $derived(this.state ? peopleOf(this.state, this.me) : []);
    this.seat = $derived(this.state ? seatOf(this.state, this.me) : null);
    this.#onRefusal = options.onRefusal;
    this.#client = new LiveClient({ url: options.url, token: options.token });
    this.#shown = { board: this.#client.docs.board, notes: this.#client.docs.notes };
  }

  /** Connects and starts listening; the returned function undoes all of it. */
  start(): () => void {
    const client = this.#client;
    const unsubscribe = [
      client.on('welcome', (w) => (this.mediaOffer = w.media)),
      client.on('state', () => this.#readState()),
      client.on('board', () => this.#whenSettled('board', () => this.#readBoard())),
      client.on('notes', () => this.#whenSettled('notes', () => this.#readNotes())),
      client.on('events', (events) => this.#announce(events)),
      client.on('rejected', (doc, error) => this.#onRejected(doc, error)),
      client.on('connection', (connected, reason) => this.#onConnection(connected, reason)),
    ];
    // Browsers know at once when the network is gone; the socket would take its ping timeout.
    const offline = () => {
      this.#offline = true;
      client.disconnect();
    };
    const online = () => {
      if (!this.#offline || this.connection === 'refused') return;
      this.#offline = false;
      client.connect();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    const ticker = setInterval(() => (this.now = client.serverNow()), TICK_MS);
    client.connect();
    return () => {
      for (const off of unsubscribe) off();
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      clearInterval(ticker);
      for (const hold of Object.values(this.#holds)) clearTimeout(hold);
      client.close();
    };
  }

  /** Sends a command; a refusal is shown to the person and reported as false. */
  async command(payload: CommandPayload): Promise<boolean> {
    if (this.connection !== 'online') {
      this.#onRefusal('You are offline. Try again once the room has reconnected.');
      return false;
    }
    const ack = await this.#client.command(payload);
    if (!ack.ok) this.#onRefusal(ack.error.message);
    return ack.ok;
  }

  /** A LiveKit token with the permission the protocol gives me now; ask on every (re)connect. */
  mediaToken(): Promise<MediaTokenReply> {
    return this.#client.mediaToken();
  }

  /** The media server applied a new permission for me (I may open my microphone again). */
  onMediaPermission(listener: (permission: { microphone: boolean; camera: boolean }) => void) {
    return this.#client.on('media-permission', listener);
  }

  /** Adds a card to the current phase. The server checks it; a refusal arrives as a toast. */
  addCard(kind: CardKind, text: string): void {
    const round = this.state?.round;
    const phase = this.phase;
    if (!round || !phase) return;
    addCard(this.#client.docs.board, {
      id: newCardId(),
      author: this.me,
      round: round.number,
      phase: phase.id,
      kind,
      text,
      created: Math.round(this.#client.serverNow()),
    });
  }

  editCard(id: string, text: string): void {
    editCard(this.#client.docs.board, id, text);
  }

  removeCard(id: string): void {
    removeCard(this.#client.docs.board, id);
  }

  setVerdict(cardId: string, verdict: Verdict | null): void {
    setVerdict(this.#client.docs.board, cardId, verdict);
  }

  /** Applies the textarea's new value to the shared text as one small replacement. */
  writeNotes(text: string): void {
    if (!this.notesReady) return;
    const shared = this.#client.docs.notes.getText(NOTES_TEXT);
    const change = diffText(shared.toString(), text);
    if (!change) return;
    this.#client.docs.notes.transact(() => {
      if (change.remove > 0) shared.delete(change.at, change.remove);
      if (change.insert) shared.insert(change.at, change.insert);
    });
  }

  /** LiveClient has read the state document once for this update; these are its values. */
  #readState(): void {
    const client = this.#client;
    this.state = client.state;
    this.info = client.info;
    this.mediaHealth = client.media;
    this.talkTime = client.talkTime;
    this.talkTimeHistory = client.talkTimeHistory;
    this.mediaOffences = client.mediaOffences;
  }

  #readBoard(): void {
    const doc = this.#client.docs.board;
    const mineBefore = this.#refusedBoard && this.cards.filter((c) => c.author === this.me);
    this.cards = cardsOf(doc);
    this.verdicts = verdictsOf(doc);
    if (this.#refusedBoard && mineBefore) this.#reportRefusedCards(this.#refusedBoard, mineBefore);
  }

  /**
   * A refused board change is undone by the resync. Cards of mine that vanished with it
   * (written offline for a phase that has since ended, say) are quoted back in the message,
   * so their words are not lost.
   */
  #reportRefusedCards(error: WireError, mineBefore: readonly Card[]): void {
    this.#refusedBoard = null;
    const lost = mineBefore
      .filter((mine) => !this.cards.some((c) => c.id === mine.id))
      .map((c) => `“${c.text}”`);
    this.#onRefusal(
      lost.length > 0 ? `${error.message} Not added: ${lost.join(', ')}` : error.message,
    );
  }

  #readNotes(): void {
    this.notes = this.#client.docs.notes.getText(NOTES_TEXT).toString();
    this.notesReady = true;
  }

  /**
   * LiveClient replaces a document the server refused an update to, and the fresh copy is
   * empty until the server's answer arrives. Showing it would flash an empty board (and
   * drop focus from its cards), so the old view stays up until the new copy has content.
   */
  #whenSettled(name: 'board' | 'notes', read: () => void): void {
    const doc = this.#client.docs[name];
    clearTimeout(this.#holds[name]);
    if (doc !== this.#shown[name] && isBlank(doc)) {
      this.#shown[name] = doc;
      if (name === 'notes') this.notesReady = false;
      this.#holds[name] = setTimeout(read, SETTLE_MS);
      return;
    }
    this.#shown[name] = doc;
    read();
  }

  #announce(events: readonly SessionEvent[]): void {
    const state = this.#client.state;
    if (!state) return;
    const listener = { me: this.me, isFacilitator: state.facilitator === this.me };
    const text = announceAll(events, state, listener);
    if (text) this.announcement = { id: ++this.#announced, text };
  }

  #onRejected(doc: ClientDocName, error: WireError): void {
    // A confidential session clears its board when it ends: that is not a refusal to report.
    if (doc === 'board' && error.code === 'board-closed' && this.state?.ended) return;
    // Board refusals are reported once the fresh copy is in, to say what was undone.
    if (doc === 'board') this.#refusedBoard = error;
    else this.#onRefusal(error.message);
  }

  #onConnection(connected: boolean, reason?: string): void {
    if (connected) {
      this.#everOnline = true;
      this.connection = 'online';
      // The server answers each sync request before acknowledging it, so once ours are
      // acknowledged the notes are here, even when they are empty and so changed nothing.
      void this.#client.flush().then(() => (this.notesReady = true));
      return;
    }
    if (reason && (CONNECT_ERRORS as readonly string[]).includes(reason)) {
      // The credential itself was refused: retrying cannot help, the invite link can.
      this.refusal = reason;
      this.connection = 'refused';
      this.#client.close();
      return;
    }
    // LiveClient comes back by itself, including after the server closed the socket on purpose.
    this.connection = this.#everOnline ? 'reconnecting' : 'connecting';
  }
}
