import { Room, RoomEvent, TrackKind, type RemoteTrackPublication } from '@livekit/rtc-node';
import { mintObserverToken } from './livekit-grants.ts';
import type { LiveKitEndpoint } from './livekit-process.ts';

export interface ObserverHandlers {
  /** Who LiveKit hears speaking now (participant ids), reported by the media server itself. */
  onSpeakers(participantIds: string[], at: number): void;
  /**
   * A participant connected to the media room, or published a track: their permissions must
   * be reconciled (a client rejoining on an older token gets that token's grant back).
   */
  onJoined(participantId: string): void;
  onConnection(connected: boolean): void;
}

const RETRY_MS = 2000;

/**
 * A hidden participant in one session's media room. Talk time comes from what LiveKit hears,
 * not from what browsers say about themselves. It subscribes to audio only: LiveKit reports
 * speakers from tracks that are actually flowing. Reconnects while LiveKit is away.
 */
export class Observer {
  private room: Room | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly endpoint: LiveKitEndpoint;
  private readonly sessionId: string;
  private readonly handlers: ObserverHandlers;

  constructor(endpoint: LiveKitEndpoint, sessionId: string, handlers: ObserverHandlers) {
    this.endpoint = endpoint;
    this.sessionId = sessionId;
    this.handlers = handlers;
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const room = new Room();
    room.on(RoomEvent.ActiveSpeakersChanged, (speakers) =>
      this.handlers.onSpeakers(
        speakers.map((p) => p.identity).filter((id) => !id.startsWith('observer:')),
        Date.now(),
      ),
    );
    room.on(RoomEvent.ParticipantConnected, (p) => this.handlers.onJoined(p.identity));
    room.on(RoomEvent.TrackPublished, (publication: RemoteTrackPublication, participant) => {
      if (publication.kind === TrackKind.KIND_AUDIO) publication.setSubscribed(true);
      this.handlers.onJoined(participant.identity);
    });
    // LiveKit may have lost everyone's state meanwhile (a restart) and people may have
    // rejoined on older tokens while this connection was away: reconcile the whole room.
    room.on(RoomEvent.Reconnected, () => this.caughtUp(room));
    room.on(RoomEvent.Disconnected, () => {
      this.room = null;
      this.handlers.onConnection(false);
      this.later();
    });
    try {
      await room.connect(
        this.endpoint.url,
        await mintObserverToken(this.endpoint, this.sessionId),
        {
          autoSubscribe: false,
          dynacast: false,
        },
      );
    } catch {
      this.handlers.onConnection(false);
      this.later();
      return;
    }
    if (this.closed) return void room.disconnect();
    this.room = room;
    this.caughtUp(room);
  }

  /** Connected afresh or again: everyone in the room gets reconciled and heard. */
  private caughtUp(room: Room): void {
    this.handlers.onConnection(true);
    for (const p of room.remoteParticipants.values()) {
      this.handlers.onJoined(p.identity);
      for (const pub of p.trackPublications.values())
        if (pub.kind === TrackKind.KIND_AUDIO) pub.setSubscribed(true);
    }
  }

  private later(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, RETRY_MS);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.room?.disconnect();
  }
}
