import type { SessionState } from '@roundtable/protocol';
import {
  STATE_KEYS,
  type MediaState,
  type MediaTokenReply,
  type TalkTimeSummary,
} from '@roundtable/wire';
import type { Outbox } from '../live/room.ts';
import type { LiveRoom } from '../live/sessions.ts';
import type { SessionOptions } from '../live/session-options.ts';
import { mintMediaToken } from './livekit-grants.ts';
import { MediaGate } from './media-gate.ts';
import type { Media } from './media-service.ts';
import { Observer } from './observer.ts';
import { mayUseMicrophone } from './permissions.ts';
import { noTalk, phaseChanged, speakersChanged, summary, type TalkTime } from './talk-time.ts';

/** How often the live talk-time balance is rewritten while people speak. */
const TALK_TIME_WRITE_MS = 1000;
const TOKEN_TTL_SECONDS = 6 * 3600;
/** A session whose permissions LiveKit refused while it answered probes is tried again after this. */
const RECONCILE_RETRY_MS = 1000;
const UNREACHABLE =
  'The media server cannot be reached; the meeting goes on, and audio and video come back by themselves.';

interface SessionMedia {
  observer: Observer;
  talk: TalkTime;
  roundsDone: number;
  flush: NodeJS.Timeout | undefined;
}

export interface BridgeDeps {
  readonly media: Media;
  readonly loaded: (sessionId: string) => Promise<LiveRoom> | undefined;
  readonly outboxFor: (sessionId: string) => Outbox;
}

/**
 * Connects sessions to the media server: permissions follow the protocol (MediaGate), tokens
 * carry the permission of the moment, a hidden observer measures talk time, and the state
 * document says whether media works.
 */
export class MediaBridge {
  private readonly gate: MediaGate | null;
  private readonly sessions = new Map<string, SessionMedia>();
  private readonly deps: BridgeDeps;
  /** What the health probe says: LiveKit answers. */
  private reachable = true;
  private closed = false;
  /** Per session, the writes of the `media` key, one after the other. */
  private readonly healthWrites = new Map<string, Promise<void>>();
  private readonly retries = new Map<string, NodeJS.Timeout>();

  constructor(deps: BridgeDeps) {
    this.deps = deps;
    const endpoint = deps.media.endpoint;
    this.gate =
      endpoint &&
      new MediaGate(endpoint, {
        onHealth: (sessionId, available) => {
          this.showHealth(sessionId);
          if (!available) this.retryLater(sessionId);
        },
        onApplied: (sessionId, participantId, permission) =>
          this.deps.outboxFor(sessionId).mediaPermission(participantId, {
            microphone: mayUseMicrophone(permission),
            camera: permission.canPublish && permission.canPublishSources.includes('camera'),
          }),
      });
  }

  /** Every committed state change of a session. */
  stateChanged(sessionId: string, state: SessionState): void {
    const gate = this.gate;
    const endpoint = this.deps.media.endpoint;
    // Shutting down: storage closes next, and nothing may start a new media connection.
    if (!gate || !endpoint || this.closed) return;
    const pushed = gate.stateChanged(sessionId, state);
    let session = this.sessions.get(sessionId);
    if (!session && !state.ended) {
      session = {
        observer: new Observer(endpoint, sessionId, {
          onSpeakers: (ids, at) => this.onSpeakers(sessionId, ids, at),
          onJoined: (id) => void gate.reconcile(sessionId, id),
          onConnection: (connected) => {
            if (connected) void gate.reconcileAll(sessionId);
          },
        }),
        talk: noTalk,
        roundsDone: state.history.length,
        flush: undefined,
      };
      this.sessions.set(sessionId, session);
      // Opened during an outage, or restored with an outage stored that is over: say how it is.
      this.showHealth(sessionId);
    }
    if (!session) return;
    const now = Date.now();
    if (state.history.length > session.roundsDone) void this.closeRound(sessionId, session, now);
    session.roundsDone = state.history.length;
    const phase = state.round
      ? (state.round.protocol.phases[state.round.phaseIndex]?.id ?? null)
      : null;
    session.talk = phaseChanged(session.talk, state.round?.number ?? null, phase, now);
    // Forget the session only once LiveKit has been told that nobody may publish or listen.
    if (state.ended) {
      const end = () => this.end(sessionId);
      void pushed.then(end, end);
    }
  }

  /** A LiveKit token for a joined participant, with the permission the protocol gives them now. */
  async token(live: LiveRoom, participantId: string, name: string): Promise<MediaTokenReply> {
    const endpoint = this.deps.media.endpoint;
    const status = this.deps.media.status;
    const sessionId = live.record.id;
    if (!endpoint || !this.gate || !status.available || !this.available(sessionId)) {
      const reason = status.available ? UNREACHABLE : status.reason;
      return { ok: false, error: { code: 'media-unavailable', message: reason } };
    }
    // Only for someone the room counts present now: a socket asks before its arrival is
    // committed, or after its person left or the session ended, and gets nothing.
    const state = live.room.engine;
    const present = state.participants.some((p) => p.id === participantId && p.present);
    const permission = this.gate.permissionOf(sessionId, participantId);
    if (!present || state.ended || !permission)
      return { ok: false, error: { code: 'not-present', message: 'Join the room first.' } };
    const token = await mintMediaToken(
      endpoint,
      { sessionId, participantId, name },
      permission,
      TOKEN_TTL_SECONDS,
    );
    const options = live.record.options as SessionOptions;
    return { ok: true, url: status.url, token, e2eeKey: options.e2eeKey ?? null };
  }

  private onSpeakers(sessionId: string, ids: string[], at: number): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    session.talk = speakersChanged(session.talk, ids, at);
    this.scheduleTalkTime(sessionId, session);
  }

  /**
   * Writes the balance a second after a change, and again every second while someone in a
   * round is still speaking: speaker updates only come when the speakers change, so a long
   * presentation would otherwise show its first second until it ends.
   */
  private scheduleTalkTime(sessionId: string, session: SessionMedia): void {
    session.flush ??= setTimeout(() => {
      session.flush = undefined;
      void this.write(sessionId, { [STATE_KEYS.talkTime]: summary(session.talk, Date.now()) });
      const speaking = Object.keys(session.talk.open).length > 0;
      if (speaking && session.talk.round !== null && this.sessions.get(sessionId) === session)
        this.scheduleTalkTime(sessionId, session);
    }, TALK_TIME_WRITE_MS);
  }

  private async closeRound(sessionId: string, session: SessionMedia, at: number): Promise<void> {
    const finished = summary(session.talk, at);
    if (!finished) return;
    const live = await this.deps.loaded(sessionId);
    const history =
      (live?.room.read(STATE_KEYS.talkTimeHistory) as TalkTimeSummary[] | undefined) ?? [];
    await this.write(sessionId, {
      [STATE_KEYS.talkTimeHistory]: [...history, finished],
      [STATE_KEYS.talkTime]: null,
    });
  }

  /** The health probe found LiveKit gone: every session says so at once, and gets no tokens. */
  liveKitDown(): void {
    this.reachable = false;
    for (const sessionId of this.sessions.keys()) this.showHealth(sessionId);
  }

  /**
   * The health probe found LiveKit answering again (after a restart it remembers nothing):
   * every session gets its permissions from the current state, and says media works once
   * LiveKit took them.
   */
  liveKitBack(): void {
    this.reachable = true;
    for (const sessionId of this.sessions.keys()) {
      const show = () => this.showHealth(sessionId);
      void (this.gate?.reconcileAll(sessionId) ?? Promise.resolve()).then(show, show);
    }
  }

  /** Media works for this session: LiveKit answers and took its last permission changes. */
  private available(sessionId: string): boolean {
    return this.reachable && (this.gate?.isHealthy(sessionId) ?? false);
  }

  /**
   * Brings the session's `media` key in line with `available()`, read when the write runs:
   * writes run one after the other, so the last one says how it is now, however fast
   * LiveKit goes and comes. Nothing is written while the key already says so.
   */
  private showHealth(sessionId: string): void {
    const next = (this.healthWrites.get(sessionId) ?? Promise.resolve()).then(async () => {
      const live = await this.deps.loaded(sessionId);
      if (!live || this.closed) return;
      const available = this.available(sessionId);
      const shown = (live.room.read(STATE_KEYS.media) as MediaState | undefined)?.available;
      if ((shown ?? true) === available) return;
      const media: MediaState = available
        ? { available: true }
        : { available: false, reason: UNREACHABLE };
      await this.write(sessionId, { [STATE_KEYS.media]: media });
    });
    // A room that failed to open has nothing to show it in; the chain goes on for the next.
    this.healthWrites.set(
      sessionId,
      next.catch(() => undefined),
    );
  }

  /**
   * LiveKit answers probes but refused a session's permissions: try the whole session again
   * a little later. While LiveKit is down there is no point; liveKitBack() reconciles all.
   */
  private retryLater(sessionId: string): void {
    if (this.retries.has(sessionId) || this.closed) return;
    const retry = setTimeout(() => {
      this.retries.delete(sessionId);
      const stale = this.gate && !this.gate.isHealthy(sessionId);
      if (stale && this.reachable && this.sessions.has(sessionId))
        void this.gate?.reconcileAll(sessionId);
    }, RECONCILE_RETRY_MS);
    this.retries.set(sessionId, retry);
  }

  /**
   * Sets server-owned keys in the session's state. Never rejects: a room whose storage failed
   * reports the fault and reloads by itself, and one closing for shutdown refuses late writes;
   * either way there is nobody to tell here.
   */
  private async write(sessionId: string, values: Record<string, unknown>): Promise<void> {
    if (this.closed) return;
    try {
      const live = await this.deps.loaded(sessionId);
      await live?.room.publish(values);
    } catch {
      // see above
    }
  }

  private async end(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    this.gate?.forget(sessionId);
    this.healthWrites.delete(sessionId);
    clearTimeout(this.retries.get(sessionId));
    this.retries.delete(sessionId);
    if (session) {
      clearTimeout(session.flush);
      await session.observer.close();
    }
  }

  /** The session's room left memory: drop its media watch; reopening it starts a new one. */
  unloaded(sessionId: string): Promise<void> {
    return this.end(sessionId);
  }

  /** Shutdown: no more writes or media connections; the rooms drain what is queued. */
  async close(): Promise<void> {
    this.closed = true;
    for (const retry of this.retries.values()) clearTimeout(retry);
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
  }
}
