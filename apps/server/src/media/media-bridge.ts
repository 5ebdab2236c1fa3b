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

  constructor(deps: BridgeDeps) {
    this.deps = deps;
    const endpoint = deps.media.endpoint;
    this.gate =
      endpoint &&
      new MediaGate(endpoint, {
        onHealth: (sessionId, available) => void this.publishHealth(sessionId, available),
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
    if (!gate || !endpoint) return;
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
    if (!endpoint || !this.gate || !status.available) {
      const reason = status.available ? 'Media is not available.' : status.reason;
      return { ok: false, error: { code: 'media-unavailable', message: reason } };
    }
    const sessionId = live.record.id;
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

  private async publishHealth(sessionId: string, available: boolean): Promise<void> {
    const media: MediaState = available
      ? { available: true }
      : {
          available: false,
          reason:
            'The media server cannot be reached; the meeting goes on, and audio and video come back by themselves.',
        };
    await this.write(sessionId, { [STATE_KEYS.media]: media });
  }

  private async write(sessionId: string, values: Record<string, unknown>): Promise<void> {
    const live = await this.deps.loaded(sessionId);
    await live?.room.publish(values);
  }

  private async end(sessionId: string): Promise<void> {
    const session = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    this.gate?.forget(sessionId);
    if (session) {
      clearTimeout(session.flush);
      await session.observer.close();
    }
  }

  /** The session's room left memory: drop its media watch; reopening it starts a new one. */
  unloaded(sessionId: string): Promise<void> {
    return this.end(sessionId);
  }

  async close(): Promise<void> {
    this.gate?.close();
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
  }
}
