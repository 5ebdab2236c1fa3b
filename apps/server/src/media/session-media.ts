import type { SessionState } from '@roundtable/protocol';
import type { LiveKitEndpoint } from './livekit-process.ts';
import type { MediaGate } from './media-gate.ts';
import { Observer } from './observer.ts';
import { Offences, type StateReader } from './offences.ts';
import { TalkTimeWriter } from './talk-time-writer.ts';

/** What the bridge keeps for one open session. */
export interface SessionMedia {
  readonly observer: Observer;
  readonly talk: TalkTimeWriter;
  readonly offences: Offences;
}

export interface SessionMediaOptions {
  readonly sessionId: string;
  /** The state when the session opened (talk time counts rounds from it). */
  readonly state: SessionState;
  readonly read: StateReader;
  readonly endpoint: LiveKitEndpoint;
  readonly gate: MediaGate;
  readonly write: (values: Record<string, unknown>) => Promise<void>;
  readonly log: (message: string) => void;
  /** The session's media as the bridge holds it now; undefined once it ended or unloaded. */
  readonly current: () => SessionMedia | undefined;
  /** The observer connected (true) or lost its connection or failed to join (false). */
  readonly onConnection: (connected: boolean) => void;
}

/**
 * A session's media watch, wired but not yet in a room: the hidden observer reports speakers
 * to talk time and arrivals and tracks to the offence watch (which reconciles or takes away
 * through the gate); the bridge puts the observer in the session's room.
 */
export function openSessionMedia(o: SessionMediaOptions): SessionMedia {
  const offences = new Offences({
    sessionId: o.sessionId,
    read: o.read,
    write: o.write,
    gate: o.gate,
    log: o.log,
  });
  const observer = new Observer(o.endpoint, {
    onSpeakers: (ids, at) => o.current()?.talk.speakers(ids, at),
    onJoined: (id) => offences.joined(id),
    onTrack: (track) => offences.track(track),
    onConnection: (connected) => {
      // Nobody is heard while the observer is away; speech counts again once it is back.
      if (!connected) o.current()?.talk.speakers([], Date.now());
      o.onConnection(connected);
    },
  });
  const talk: TalkTimeWriter = new TalkTimeWriter({
    roundsDone: o.state.history.length,
    read: (key) => o.read(key),
    write: o.write,
    isCurrent: (): boolean => o.current()?.talk === talk,
  });
  return { observer, talk, offences };
}
