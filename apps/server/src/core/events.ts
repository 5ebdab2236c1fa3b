import type { Command, SessionEvent, SessionState } from '@roundtable/protocol';
import type { Ack } from '@roundtable/wire';

/** What a subscriber may see of a live session and ask of it, without depending on its class. */
export interface SessionHandle {
  readonly id: string;
  readonly engineState: SessionState;
  /** Reads a server-owned key of the state document. */
  read(key: string): unknown;
  /** A command the server itself sends (a leave after the grace period). */
  system(command: Command): Promise<Ack>;
}

/** Who already has a change: the connection it came from, or nobody (a server write). */
export type Origin = string | null;

/**
 * Everything the core announces. Transports (Socket.IO), media and presence subscribe; the
 * core never knows who listens. `message` fields are y-protocols sync messages, ready to send.
 */
export interface CoreEventMap {
  /** The state or board document changed. */
  'doc-changed': { sessionId: string; doc: 'state' | 'board'; message: Uint8Array; origin: Origin };
  /** A participant's private notes changed (all their tabs get it). */
  'notes-changed': {
    sessionId: string;
    participantId: string;
    message: Uint8Array;
    origin: Origin;
  };
  /** The engine emitted events (turn passed, phase time up, ...), at `serverTime`. */
  'engine-events': { sessionId: string; events: readonly SessionEvent[]; serverTime: number };
  /** After every committed change of the engine state (media permissions follow it). */
  'state-changed': { session: SessionHandle; state: SessionState };
  /** The board was emptied for good (a confidential session ended): clients drop theirs. */
  'board-cleared': { sessionId: string };
  /** The session opened in memory (created, restored after a restart, or reloaded). */
  'session-opened': { session: SessionHandle };
  /** The session may be ahead of storage and is reloaded: every connection must start over. */
  'session-reset': { sessionId: string };
  /** The session left memory (idle); its next use opens it again. */
  'session-unloaded': { sessionId: string };
  /**
   * The person behind a participant deleted their account: their credentials are refused from
   * now on, and their open connections close.
   */
  'participant-forgotten': { sessionId: string; participantId: string };
  /** What the media server now lets one participant publish. */
  'media-permission': {
    sessionId: string;
    participantId: string;
    permission: { microphone: boolean; camera: boolean };
  };
}

type Listener<T> = (payload: T) => void;

/**
 * A small typed emitter: listeners run synchronously in the order they subscribed, so a
 * state change reaches media before the command that caused it is acknowledged. A listener
 * that throws propagates to the emitter, as a direct call would.
 */
export class CoreEvents {
  private readonly listeners = new Map<keyof CoreEventMap, Set<Listener<never>>>();

  /** Subscribes; the returned function unsubscribes. */
  on<K extends keyof CoreEventMap>(name: K, listener: Listener<CoreEventMap[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof CoreEventMap>(name: K, payload: CoreEventMap[K]): void {
    const set = this.listeners.get(name) as Set<Listener<CoreEventMap[K]>> | undefined;
    for (const listener of set ?? []) listener(payload);
  }
}
