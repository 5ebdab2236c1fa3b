import {
  Room,
  RoomEvent,
  TrackKind,
  TrackSource,
  type RemoteParticipant,
  type RemoteTrackPublication,
} from '@livekit/rtc-node';
import type { ClaimedSource, TrackKindName } from './disguised-audio.ts';
import { mintObserverToken } from './livekit-grants.ts';
import type { LiveKitEndpoint } from './livekit-process.ts';

/** A track someone published, as LiveKit announced it: what it is and what it claims to be. */
export interface PublishedTrack {
  readonly participantId: string;
  readonly sid: string;
  readonly kind: TrackKindName;
  readonly source: ClaimedSource;
}

export interface ObserverHandlers {
  /** Who LiveKit hears speaking now (participant ids), reported by the media server itself. */
  onSpeakers(participantIds: string[], at: number): void;
  /**
   * A participant connected to the media room: their permissions must be reconciled (a client
   * rejoining on an older token gets that token's grant back).
   */
  onJoined(participantId: string): void;
  /** Every track published, and every track already there when the observer (re)connects. */
  onTrack(track: PublishedTrack): void;
  /** Connected (true) or lost the connection (false); the bridge decides when to rejoin. */
  onConnection(connected: boolean): void;
}

const KINDS: Record<TrackKind, TrackKindName> = {
  [TrackKind.KIND_UNKNOWN]: 'unknown',
  [TrackKind.KIND_AUDIO]: 'audio',
  [TrackKind.KIND_VIDEO]: 'video',
};
const SOURCES: Record<TrackSource, ClaimedSource> = {
  [TrackSource.SOURCE_UNKNOWN]: 'unknown',
  [TrackSource.SOURCE_CAMERA]: 'camera',
  [TrackSource.SOURCE_MICROPHONE]: 'microphone',
  [TrackSource.SOURCE_SCREENSHARE]: 'screen_share',
  [TrackSource.SOURCE_SCREENSHARE_AUDIO]: 'screen_share_audio',
};

function describe(publication: RemoteTrackPublication, participant: RemoteParticipant) {
  return {
    participantId: participant.identity,
    sid: publication.sid ?? '',
    kind: KINDS[publication.kind ?? TrackKind.KIND_UNKNOWN] ?? 'unknown',
    source: SOURCES[publication.source ?? TrackSource.SOURCE_UNKNOWN] ?? 'unknown',
  };
}

/**
 * A hidden participant in one session's media room. Talk time comes from what LiveKit hears,
 * not from what browsers say about themselves, so it subscribes to every audio track (LiveKit
 * reports speakers from tracks that are actually flowing); and it sees every track published,
 * so sound under another label is caught. One connection at a time, to the room it is told.
 */
export class Observer {
  private room: Room | null = null;
  private closed = false;
  private connecting: Promise<void> | null = null;
  private readonly endpoint: LiveKitEndpoint;
  private readonly handlers: ObserverHandlers;
  /** The LiveKit room this observer is in, or was last asked to join. */
  roomName: string | null = null;
  /** The room of the live connection, if there is one. */
  private connectedTo: string | null = null;
  /**
   * It was connected, or tried, and is not (again) now: lost its connection or failed to
   * join. Not so while it is still on its first join: a session just opened is not "lost".
   */
  private lostNow = false;
  /** Waiting for the next successful connection (inRoom). */
  private readonly waiters = new Set<() => void>();

  constructor(endpoint: LiveKitEndpoint, handlers: ObserverHandlers) {
    this.endpoint = endpoint;
    this.handlers = handlers;
  }

  get connected(): boolean {
    return this.room?.isConnected ?? false;
  }

  get lost(): boolean {
    return this.lostNow;
  }

  /** A join is under way (the first, or one back after a loss). */
  get joining(): boolean {
    return this.connecting !== null;
  }

  /**
   * Resolves true once this observer is connected to `roomName`, waiting for a join under way
   * or the next one for at most `timeoutMs`; false if it is not by then.
   */
  async inRoom(roomName: string, timeoutMs: number): Promise<boolean> {
    const isIn = () => this.connected && this.connectedTo === roomName;
    const deadline = Date.now() + timeoutMs;
    while (!isIn() && !this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      let wake!: () => void;
      await new Promise<void>((resolve) => {
        wake = resolve;
        this.waiters.add(wake);
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
      this.waiters.delete(wake);
    }
    return isIn();
  }

  /** Connected or lost: the state changed, so tell the bridge and wake whoever waits. */
  private changed(connected: boolean): void {
    this.lostNow = !connected;
    this.handlers.onConnection(connected);
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Joins `roomName`, leaving the current connection if it is another room or lost. Joining
   * the room it is in or on its way into changes nothing: a needless reconnect would miss
   * speech.
   */
  join(roomName: string): Promise<void> {
    if (this.roomName === roomName && (this.connecting || this.connected))
      return this.connecting ?? Promise.resolve();
    this.roomName = roomName;
    const previous = this.connecting ?? Promise.resolve();
    const next: Promise<void> = previous
      .then(() => this.connect(roomName))
      .finally(() => {
        if (this.connecting === next) this.connecting = null;
      });
    this.connecting = next;
    return next;
  }

  private async connect(roomName: string): Promise<void> {
    if (this.closed) return;
    const old = this.room;
    this.room = null;
    this.connectedTo = null;
    await old?.disconnect().catch(() => undefined);
    const room = new Room();
    room.on(RoomEvent.ActiveSpeakersChanged, (speakers) =>
      this.handlers.onSpeakers(
        speakers.map((p) => p.identity).filter((id) => !id.startsWith('observer:')),
        Date.now(),
      ),
    );
    room.on(RoomEvent.ParticipantConnected, (p) => this.handlers.onJoined(p.identity));
    room.on(RoomEvent.TrackPublished, (publication, participant) => {
      this.handlers.onTrack(describe(publication, participant));
      if (publication.kind === TrackKind.KIND_AUDIO) publication.setSubscribed(true);
    });
    // LiveKit may have lost everyone's state meanwhile and people may have rejoined on older
    // tokens while this connection was away: reconcile the whole room.
    room.on(RoomEvent.Reconnected, () => this.caughtUp(room));
    // Lost for now (LiveKit may be restarting): the bridge watches for it to answer again.
    room.on(RoomEvent.Reconnecting, () => {
      if (this.room === room) this.changed(false);
    });
    room.on(RoomEvent.Disconnected, () => {
      if (this.room !== room) return;
      this.room = null;
      this.connectedTo = null;
      this.changed(false);
    });
    try {
      const token = await mintObserverToken(this.endpoint, roomName);
      await room.connect(this.endpoint.url, token, { autoSubscribe: false, dynacast: false });
    } catch {
      await room.disconnect().catch(() => undefined);
      if (!this.closed) this.changed(false);
      return;
    }
    if (this.closed) return void room.disconnect().catch(() => undefined);
    this.room = room;
    this.connectedTo = roomName;
    this.caughtUp(room);
  }

  /** Connected afresh or again: everyone in the room gets reconciled, checked and heard. */
  private caughtUp(room: Room): void {
    this.changed(true);
    for (const p of room.remoteParticipants.values()) {
      this.handlers.onJoined(p.identity);
      for (const pub of p.trackPublications.values()) {
        this.handlers.onTrack(describe(pub, p));
        if (pub.kind === TrackKind.KIND_AUDIO) pub.setSubscribed(true);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    const room = this.room;
    // Cleared first: leaving on purpose is not a lost connection.
    this.room = null;
    this.connectedTo = null;
    for (const wake of [...this.waiters]) wake();
    await room?.disconnect();
  }
}
