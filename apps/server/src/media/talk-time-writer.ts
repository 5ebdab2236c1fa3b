import type { SessionState } from '@roundtable/protocol';
import { readStateValue, STATE_KEYS } from '@roundtable/wire';
import { noTalk, phaseChanged, speakersChanged, summary, type TalkTime } from './talk-time.ts';

/** How often the live talk-time balance is rewritten while people speak. */
const TALK_TIME_WRITE_MS = 1000;

/** One session's talk time, from speaker updates to the state document's balance keys. */
export class TalkTimeWriter {
  private talk: TalkTime = noTalk;
  private roundsDone: number;
  private flush: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly o: {
    roundsDone: number;
    read: (key: string) => unknown;
    write: (values: Record<string, unknown>) => Promise<void>;
    /** Whether this writer still belongs to a live session (it stops rewriting otherwise). */
    isCurrent: () => boolean;
  };

  constructor(options: TalkTimeWriter['o']) {
    this.o = options;
    this.roundsDone = options.roundsDone;
  }

  stateChanged(state: SessionState, now: number): void {
    if (state.history.length > this.roundsDone) void this.closeRound(now);
    this.roundsDone = state.history.length;
    const phase = state.round
      ? (state.round.protocol.phases[state.round.phaseIndex]?.id ?? null)
      : null;
    this.talk = phaseChanged(this.talk, state.round?.number ?? null, phase, now);
  }

  speakers(ids: string[], at: number): void {
    this.talk = speakersChanged(this.talk, ids, at);
    this.schedule();
  }

  /**
   * Writes the balance a second after a change, and again every second while someone in a
   * round is still speaking: speaker updates only come when the speakers change, so a long
   * presentation would otherwise show its first second until it ends.
   */
  private schedule(): void {
    if (this.closed) return;
    this.flush ??= setTimeout(() => {
      this.flush = undefined;
      void this.o.write({ [STATE_KEYS.talkTime]: summary(this.talk, Date.now()) });
      const speaking = Object.keys(this.talk.open).length > 0;
      if (speaking && this.talk.round !== null && this.o.isCurrent()) this.schedule();
    }, TALK_TIME_WRITE_MS);
  }

  private async closeRound(at: number): Promise<void> {
    const finished = summary(this.talk, at);
    if (!finished) return;
    const history = readStateValue((key) => this.o.read(key), 'talkTimeHistory') ?? [];
    await this.o.write({
      [STATE_KEYS.talkTimeHistory]: [...history, finished],
      [STATE_KEYS.talkTime]: null,
    });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.flush);
  }
}
