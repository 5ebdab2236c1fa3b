import {
  readStateValue,
  STATE_KEYS,
  type MediaState,
  type MediaTokenReply,
} from '@roundtable/wire';
import type { LiveSession } from '../core/live-session.ts';

export const UNREACHABLE =
  'The media server cannot be reached; the meeting goes on, and audio and video come back by themselves.';
/** A token refused because the session's room or observer is not there yet. */
export const NOT_NOW = 'The media server cannot be reached now.';

export const unavailable = (message: string): MediaTokenReply => ({
  ok: false,
  error: { code: 'media-unavailable', message },
});

export interface HealthDisplayDeps {
  readonly loaded: (sessionId: string) => Promise<LiveSession> | undefined;
  /** Whether media works for the session now, read when a write runs. */
  readonly available: (sessionId: string) => boolean;
  readonly write: (sessionId: string, values: Record<string, unknown>) => Promise<void>;
  readonly closed: () => boolean;
}

/**
 * The state document's `media` key, per session, kept equal to the truth: writes run one
 * after the other and each reads `available()` when it runs, so the last one says how it is
 * now, however fast LiveKit (or the observer) goes and comes. Nothing is written while the key
 * already says so.
 */
export class HealthDisplay {
  private readonly writes = new Map<string, Promise<void>>();
  private readonly deps: HealthDisplayDeps;

  constructor(deps: HealthDisplayDeps) {
    this.deps = deps;
  }

  show(sessionId: string): void {
    const next = (this.writes.get(sessionId) ?? Promise.resolve()).then(async () => {
      const session = await this.deps.loaded(sessionId);
      if (!session || this.deps.closed()) return;
      const available = this.deps.available(sessionId);
      const shown = readStateValue((key) => session.read(key), 'media')?.available;
      if ((shown ?? true) === available) return;
      const media: MediaState = available
        ? { available: true }
        : { available: false, reason: UNREACHABLE };
      await this.deps.write(sessionId, { [STATE_KEYS.media]: media });
    });
    // A room that failed to open has nothing to show it in; the chain goes on for the next.
    this.writes.set(
      sessionId,
      next.catch(() => undefined),
    );
  }

  forget(sessionId: string): void {
    this.writes.delete(sessionId);
  }
}
