import { readStateValue, STATE_KEYS, type MediaOffence } from '@roundtable/wire';
import { isDisguisedAudio, isUngrantedSound, offenceAction } from './disguised-audio.ts';
import type { MediaGate } from './media-gate.ts';
import type { PublishedTrack } from './observer.ts';
import type { MediaSource } from './permissions.ts';

/** Why someone cut off gets no media token. */
export const CUT_OFF = {
  code: 'media-cut-off',
  message:
    'Your audio and video are off for the rest of this session: your device sent sound disguised as another kind of track.',
} as const;

/** Reads a server-owned key of a session's state document. */
export type StateReader = (key: string) => unknown;

type OffenceLog = Readonly<Record<string, readonly MediaOffence[]>>;

function logOf(read: StateReader): OffenceLog {
  return readStateValue(read, 'mediaOffences') ?? {};
}

/**
 * One session's watch over disguised audio. The record lives in the state document, so the
 * facilitator sees it and a cut-off holds across reconnects and server restarts.
 */
export class Offences {
  /** Who is off media for the rest of the session. */
  readonly cutOff = new Set<string>();
  /** The record as written last; this is its only writer, so it never reads it back. */
  private record: OffenceLog;
  /** Tracks already dealt with (the observer reports existing tracks again on reconnect). */
  private readonly handled = new Set<string>();
  private readonly o: {
    sessionId: string;
    read: StateReader;
    write: (values: Record<string, unknown>) => Promise<void>;
    gate: MediaGate;
    log: (message: string) => void;
  };

  constructor(options: Offences['o']) {
    this.o = options;
    this.record = logOf(options.read);
    for (const [id, offences] of Object.entries(this.record))
      if (offences.some((o) => o.action === 'cut-off')) this.cutOff.add(id);
  }

  static isCutOff(read: StateReader, participantId: string): boolean {
    return logOf(read)[participantId]?.some((o) => o.action === 'cut-off') ?? false;
  }

  /** Someone connected to the session's LiveKit room. */
  joined(participantId: string): void {
    // A cut-off person may still hold a token minted before: out again at once.
    if (this.cutOff.has(participantId)) this.remove(participantId);
    else this.reconcile(participantId);
  }

  // The gate's work is not awaited (the observer's events come one by one), but never lost.
  private reconcile(participantId: string): void {
    this.settle('reconcile', participantId, this.o.gate.reconcile(this.o.sessionId, participantId));
  }

  private remove(participantId: string): void {
    this.settle('remove', participantId, this.o.gate.remove(this.o.sessionId, participantId));
  }

  private strip(participantId: string, source: MediaSource): void {
    this.settle('strip', participantId, this.o.gate.strip(this.o.sessionId, participantId, source));
  }

  private settle(what: string, participantId: string, work: Promise<void>): void {
    work.catch((error: unknown) =>
      this.o.log(
        `Session ${this.o.sessionId}: media ${what} for ${participantId} failed: ${String(error)}`,
      ),
    );
  }

  /** A track the observer saw published: taken away at once if it is disguised audio. */
  track(track: PublishedTrack): void {
    const { participantId } = track;
    if (this.cutOff.has(participantId)) return this.remove(participantId);
    const permission = this.o.gate.permissionOf(this.o.sessionId, participantId);
    if (isUngrantedSound(track.kind, track.source, permission))
      return this.reconcile(participantId);
    if (!isDisguisedAudio(track.kind, track.source)) return;
    if (this.handled.has(track.sid)) {
      // Reported again on a reconnect, so still there: take it away again; no new offence.
      if (track.source === 'unknown') this.remove(participantId);
      else this.strip(participantId, track.source);
      return;
    }
    this.handled.add(track.sid);
    const earlier = this.record[participantId] ?? [];
    const action = offenceAction(track.source, earlier.length);
    // Acting comes first; recording can wait for the room's queue.
    if (action === 'cut-off') {
      this.cutOff.add(participantId);
      this.remove(participantId);
    } else if (track.source !== 'unknown') {
      this.strip(participantId, track.source);
    }
    this.o.log(
      `Session ${this.o.sessionId}: ${participantId} sent audio as "${track.source}"; ${action}.`,
    );
    const offence: MediaOffence = { at: Date.now(), claimed: track.source, action };
    this.record = { ...this.record, [participantId]: [...earlier, offence] };
    void this.o.write({ [STATE_KEYS.mediaOffences]: this.record });
  }

  /** A new LiveKit room: track ids start afresh. */
  newRoom(): void {
    this.handled.clear();
  }
}
