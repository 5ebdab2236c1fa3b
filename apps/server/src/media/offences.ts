import { STATE_KEYS, type MediaOffence } from '@roundtable/wire';
import { isDisguisedAudio, offenceAction } from './disguised-audio.ts';
import type { MediaGate } from './media-gate.ts';
import type { PublishedTrack } from './observer.ts';

/** Reads a server-owned key of a session's state document. */
export type StateReader = (key: string) => unknown;

type OffenceLog = Readonly<Record<string, readonly MediaOffence[]>>;

function logOf(read: StateReader): OffenceLog {
  return (read(STATE_KEYS.mediaOffences) as OffenceLog | undefined) ?? {};
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
    if (this.cutOff.has(participantId)) void this.o.gate.remove(this.o.sessionId, participantId);
    else void this.o.gate.reconcile(this.o.sessionId, participantId);
  }

  /** A track the observer saw published: taken away at once if it is disguised audio. */
  track(track: PublishedTrack): void {
    const { participantId } = track;
    if (this.cutOff.has(participantId)) {
      void this.o.gate.remove(this.o.sessionId, participantId);
      return;
    }
    if (!isDisguisedAudio(track.kind, track.source)) return;
    if (this.handled.has(track.sid)) {
      // Reported again on a reconnect, so still there: take it away again; no new offence.
      if (track.source === 'unknown') void this.o.gate.remove(this.o.sessionId, participantId);
      else void this.o.gate.strip(this.o.sessionId, participantId, track.source);
      return;
    }
    this.handled.add(track.sid);
    const earlier = this.record[participantId] ?? [];
    const action = offenceAction(track.source, earlier.length);
    // Acting comes first; recording can wait for the room's queue.
    if (action === 'cut-off') {
      this.cutOff.add(participantId);
      void this.o.gate.remove(this.o.sessionId, participantId);
    } else if (track.source !== 'unknown') {
      void this.o.gate.strip(this.o.sessionId, participantId, track.source);
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
