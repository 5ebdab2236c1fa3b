import type { SessionState } from '@roundtable/protocol';
import type { MediaTokenReply } from '@roundtable/wire';
import { RoomServiceClient } from 'livekit-server-sdk';
import type { CoreEvents } from '../core/events.ts';
import type { LiveSession } from '../core/live-session.ts';
import type { StateReader } from './offences.ts';
import { openSessionMedia, type SessionMedia } from './session-media.ts';
import { MediaGate } from './media-gate.ts';
import { HealthDisplay, unavailable, UNREACHABLE } from './media-health.ts';
import { issueMediaToken } from './media-token.ts';
import { LiveKitRooms } from './media-rooms.ts';
import type { Media } from './media-service.ts';
import type { Observer } from './observer.ts';
import { mayUseMicrophone } from './permissions.ts';

/** A session whose room, observer or permissions failed while LiveKit answered probes is tried again after this. */
const RECOVER_RETRY_MS = 1000;
export interface BridgeDeps {
  readonly media: Media;
  readonly loaded: (sessionId: string) => Promise<LiveSession> | undefined;
  /** Media follows the sessions' state and announces permissions through the core's events. */
  readonly events: CoreEvents;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
}

/**
 * Connects sessions to the media server: each session gets a LiveKit room the server creates
 * (LiveKitRooms), permissions follow the protocol (MediaGate), tokens carry no sound, a hidden
 * observer measures talk time and catches disguised audio (Offences), and the state document
 * says whether media works.
 */
export class MediaBridge {
  private readonly gate: MediaGate | null;
  private readonly mediaRooms: LiveKitRooms | null;
  private readonly sessions = new Map<string, SessionMedia>();
  private readonly deps: BridgeDeps;
  /** What the health probe says: LiveKit answers. */
  private reachable = true;
  private closed = false;
  private readonly health: HealthDisplay;
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private readonly log: (message: string) => void;
  private readonly subscriptions: Array<() => void>;

  constructor(deps: BridgeDeps) {
    this.deps = deps;
    this.log = deps.log ?? (() => undefined);
    this.subscriptions = this.subscribe(deps.events);
    this.health = new HealthDisplay({
      loaded: deps.loaded,
      available: (sessionId) => this.available(sessionId),
      write: (sessionId, values) => this.write(sessionId, values),
      closed: () => this.closed,
    });
    const endpoint = deps.media.endpoint;
    if (!endpoint) {
      this.gate = null;
      this.mediaRooms = null;
      return;
    }
    const service = new RoomServiceClient(endpoint.apiUrl, endpoint.apiKey, endpoint.apiSecret);
    this.mediaRooms = new LiveKitRooms({
      service,
      now: deps.now ?? Date.now,
      onMoved: (sessionId, name) => this.moved(sessionId, name),
    });
    const mediaRooms = this.mediaRooms;
    this.gate = new MediaGate({
      service,
      roomOf: (sessionId) => mediaRooms.nameOf(sessionId),
      cutOff: (sessionId) => this.sessions.get(sessionId)?.offences.cutOff ?? new Set(),
      listener: {
        onHealth: (sessionId, available) => {
          this.health.show(sessionId);
          if (!available) this.recoverLater(sessionId);
        },
        onApplied: (sessionId, participantId, permission) =>
          this.deps.events.emit('media-permission', {
            sessionId,
            participantId,
            permission: {
              microphone: mayUseMicrophone(permission),
              camera: permission.canPublish && permission.canPublishSources.includes('camera'),
            },
          }),
        onRoomGone: (sessionId) => this.recoverLater(sessionId),
      },
    });
  }

  /** Follows every session's state, and lets go of a session's media when it leaves memory. */
  private subscribe(events: CoreEvents): Array<() => void> {
    return [
      events.on('state-changed', ({ session, state }) =>
        this.stateChanged(session.id, state, (key) => session.read(key)),
      ),
      events.on('session-unloaded', ({ sessionId }) =>
        this.end(sessionId).catch((error: unknown) =>
          this.log(`Session ${sessionId}: media not closed: ${String(error)}`),
        ),
      ),
    ];
  }

  /** Every committed state change of a session; `room` reads its server-owned keys. */
  private stateChanged(sessionId: string, state: SessionState, room: StateReader): void {
    const gate = this.gate;
    const endpoint = this.deps.media.endpoint;
    // Shutting down: storage closes next, and nothing may start a new media connection.
    if (!gate || !endpoint || this.closed) return;
    let session = this.sessions.get(sessionId);
    if (!session && !state.ended) {
      session = this.open(sessionId, state, room);
      this.sessions.set(sessionId, session);
      // Opened during an outage, or restored with an outage stored that is over: say how it is.
      this.health.show(sessionId);
    }
    const pushed = gate.stateChanged(sessionId, state);
    if (!session) return;
    session.talk.stateChanged(state, Date.now());
    // Forget the session only once LiveKit has been told that nobody may publish or listen.
    if (state.ended) {
      const end = () => this.end(sessionId);
      pushed.then(end, end).catch(this.failed(sessionId, 'closing its media'));
    }
  }

  private open(sessionId: string, state: SessionState, read: StateReader): SessionMedia {
    const session = openSessionMedia({
      sessionId,
      state,
      read,
      endpoint: this.deps.media.endpoint!,
      gate: this.gate!,
      write: (values) => this.write(sessionId, values),
      log: this.log,
      current: () => this.sessions.get(sessionId),
      // Whether the observer is in its room is part of "media works" (available()).
      onConnection: (connected) => {
        this.health.show(sessionId);
        if (connected) this.reconcileAll(sessionId);
        else this.recoverLater(sessionId);
      },
    });
    this.attach(sessionId, session.observer).catch(this.failed(sessionId, 'joining its room'));
    return session;
  }

  /**
   * Finds or creates the session's LiveKit room and puts the observer in it; true once it is
   * there. A failure is retried shortly (an observer that failed to join says so itself).
   */
  private async attach(sessionId: string, observer: Observer): Promise<boolean> {
    try {
      const room = await this.mediaRooms!.resolve(sessionId);
      await observer.join(room);
      return observer.connected && observer.roomName === room;
    } catch {
      // LiveKit is not answering: join when it is back (liveKitBack), or try again shortly.
      this.recoverLater(sessionId);
      return false;
    }
  }

  private reconcileAll(sessionId: string): void {
    this.gate?.reconcileAll(sessionId).catch(this.failed(sessionId, 'granting everyone again'));
  }

  private failed(sessionId: string, what: string): (error: unknown) => void {
    return (error) => this.log(`Session ${sessionId}: media: ${what} failed: ${String(error)}`);
  }

  /** The session's room is a new generation (LiveKit lost the old one): everyone again. */
  private moved(sessionId: string, name: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    session.offences.newRoom();
    session.observer.join(name).catch(this.failed(sessionId, 'joining its new room'));
    this.reconcileAll(sessionId);
  }

  /** The health probe found LiveKit gone: every session says so at once, and gets no tokens. */
  liveKitDown(): void {
    this.reachable = false;
    for (const sessionId of this.sessions.keys()) this.health.show(sessionId);
  }

  /**
   * The health probe found LiveKit answering again (after a restart it remembers nothing):
   * every session's room is found or created anew, its observer rejoins, everyone is granted
   * from the state now, and the session says media works once LiveKit took it.
   */
  async liveKitBack(): Promise<void> {
    this.reachable = true;
    await Promise.all([...this.sessions.keys()].map((sessionId) => this.recover(sessionId)));
  }

  private async recover(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session || this.closed) return;
    // Not in its room: media stays shown unavailable (available() reads the observer).
    if (!(await this.attach(sessionId, session.observer))) return this.health.show(sessionId);
    await this.gate?.reconcileAll(sessionId);
    this.health.show(sessionId);
  }

  /**
   * LiveKit answers probes but the session's room, observer or permissions failed: try the
   * session again a little later. While LiveKit is down there is no point; liveKitBack()
   * recovers every session.
   */
  private recoverLater(sessionId: string): void {
    if (this.retries.has(sessionId) || this.closed) return;
    const retry = setTimeout(() => {
      this.retries.delete(sessionId);
      if (this.reachable) this.recover(sessionId).catch(this.failed(sessionId, 'recovery'));
    }, RECOVER_RETRY_MS);
    this.retries.set(sessionId, retry);
  }

  /**
   * Media works for this session: LiveKit answers, took its last permission changes, and the
   * observer (which grants the microphone and catches disguised audio) has not lost its room.
   */
  private available(sessionId: string): boolean {
    return this.servable(sessionId) && !(this.sessions.get(sessionId)?.observer.lost ?? false);
  }

  private servable(sessionId: string): boolean {
    return this.reachable && (this.gate?.isHealthy(sessionId) ?? false);
  }

  /** A LiveKit token for a joined participant, for the session's current room, without sound. */
  async token(session: LiveSession, participantId: string, name: string): Promise<MediaTokenReply> {
    const endpoint = this.deps.media.endpoint;
    const status = this.deps.media.status;
    const sessionId = session.id;
    if (
      !endpoint ||
      !this.gate ||
      !this.mediaRooms ||
      !status.available ||
      !this.servable(sessionId)
    )
      return unavailable(status.available ? UNREACHABLE : status.reason);
    return issueMediaToken({
      session,
      participantId,
      name,
      endpoint,
      url: status.url,
      gate: this.gate,
      mediaRooms: this.mediaRooms,
      observer: this.sessions.get(sessionId)?.observer,
      onRoomUnresolved: () => this.recoverLater(sessionId),
    });
  }

  /** Server-owned keys; a write that fails (the room reloads, the store closes) is reported. */
  private async write(sessionId: string, values: Record<string, unknown>): Promise<void> {
    // Shutting down: the sessions drain what is queued, and nothing new is written.
    if (this.closed) return;
    try {
      const session = await this.deps.loaded(sessionId);
      await session?.publish(values);
    } catch (error) {
      this.log(`Session ${sessionId}: media state not written: ${String(error)}`);
    }
  }

  private async end(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    this.gate?.forget(sessionId);
    this.mediaRooms?.forget(sessionId);
    this.health.forget(sessionId);
    clearTimeout(this.retries.get(sessionId));
    this.retries.delete(sessionId);
    if (session) {
      session.talk.close();
      await session.observer.close();
    }
  }

  /** Shutdown: no more writes or media connections; the sessions drain what is queued. */
  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.subscriptions) stop();
    for (const retry of this.retries.values()) clearTimeout(retry);
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
  }
}
