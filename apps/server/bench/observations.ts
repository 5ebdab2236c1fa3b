import { BOARD, type ClientDocName } from '@roundtable/wire';
import type { SessionState } from '@roundtable/protocol';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Crew, Member } from './crew.ts';
import { ErrorCounts, RunningMean } from './stats.ts';

/** Everything measured in one scenario, all times from the generator's performance.now(). */
export class Recorder {
  /** Only updates received inside the measurement window count towards the byte sizes. */
  recording = false;
  readonly editLatency: number[] = [];
  readonly changeLatency: number[] = [];
  /** When each latency sample above was sent, index for index. */
  readonly editSentAt: number[] = [];
  readonly changeSentAt: number[] = [];
  readonly editAck: number[] = [];
  readonly changeAck: number[] = [];
  /** How late the timer fired each measured send, against its planned instant. */
  readonly sendLag: number[] = [];
  /** Round trips of a bare clock request: how responsive the server's event loop is. */
  readonly pingRtt: number[] = [];
  readonly updateBytes = { board: new RunningMean(), state: new RunningMean() };
  readonly errors = new ErrorCounts();

  seen(kind: 'edit' | 'change', sentAt: number, now: number): void {
    if (kind === 'edit') {
      this.editLatency.push(now - sentAt);
      this.editSentAt.push(sentAt);
    } else {
      this.changeLatency.push(now - sentAt);
      this.changeSentAt.push(sentAt);
    }
  }
}

/** Something sent that the other seven clients of its session are waiting to see. */
interface Expected {
  readonly kind: 'edit' | 'change';
  readonly sentAt: number;
  readonly measured: boolean;
  readonly waiting: Set<number>;
  readonly isSeenBy: (member: Member, state: SessionState | null) => boolean;
}

/**
 * Watches one session's clients and times each expected change until the last of the other
 * clients has it: a card by its id on the board, a phase or turn in the state.
 */
export class SessionWatch {
  private readonly expected = new Set<Expected>();
  private readonly crew: Crew;
  private readonly recorder: Recorder;

  constructor(crew: Crew, recorder: Recorder) {
    this.crew = crew;
    this.recorder = recorder;
    for (const member of crew.members) this.watch(member);
  }

  expectCard(cardId: string, from: Member, sentAt: number, measured: boolean): void {
    this.expect({
      kind: 'edit',
      sentAt,
      measured,
      waiting: this.othersThan(from),
      isSeenBy: (m) => m.client.docs.board.getMap(BOARD.cards).has(cardId),
    });
  }

  expectVerdict(
    cardId: string,
    verdict: 'take' | 'leave',
    from: Member,
    sentAt: number,
    measured: boolean,
  ): void {
    this.expect({
      kind: 'edit',
      sentAt,
      measured,
      waiting: this.othersThan(from),
      isSeenBy: (m) => m.client.docs.board.getMap(BOARD.verdicts).get(cardId) === verdict,
    });
  }

  expectState(
    check: (state: SessionState | null) => boolean,
    from: Member,
    sentAt: number,
    measured: boolean,
  ): void {
    this.expect({
      kind: 'change',
      sentAt,
      measured,
      waiting: this.othersThan(from),
      isSeenBy: (_m, state) => check(state),
    });
  }

  /** Measured changes nobody has seen all of yet. */
  get outstanding(): number {
    let n = 0;
    for (const e of this.expected) if (e.measured) n++;
    return n;
  }

  /** Gives up on what is still outstanding, counting the measured ones as lost. */
  abandon(): void {
    for (const e of this.expected)
      if (e.measured) this.recorder.errors.add(`${e.kind} not seen by all in time`);
    this.expected.clear();
  }

  private expect(e: Expected): void {
    this.expected.add(e);
  }

  private othersThan(from: Member): Set<number> {
    return new Set(this.crew.members.filter((m) => m !== from).map((m) => m.index));
  }

  private watch(member: Member): void {
    member.client.on('board', () => this.observe(member, 'edit', null));
    member.client.on('state', (state) => this.observe(member, 'change', state));
    member.client.on('connection', (connected, reason) => {
      // 'io client disconnect' is the bench closing its own clients at the end.
      if (!connected && reason !== 'io client disconnect')
        this.recorder.errors.add(`client disconnected (${reason ?? 'unknown'})`);
    });
    member.client.onServer('sync', (doc, message) => this.countBytes(doc, message));
  }

  private observe(member: Member, kind: Expected['kind'], state: SessionState | null): void {
    if (this.expected.size === 0) return;
    const now = performance.now();
    for (const e of this.expected) {
      if (e.kind !== kind || !e.waiting.has(member.index) || !e.isSeenBy(member, state)) continue;
      e.waiting.delete(member.index);
      if (e.waiting.size > 0) continue;
      this.expected.delete(e);
      if (e.measured) this.recorder.seen(kind, e.sentAt, now);
    }
  }

  /** The Yjs update inside each y-protocols update message the server pushes. */
  private countBytes(doc: ClientDocName, message: Uint8Array): void {
    if (!this.recorder.recording || doc === 'notes') return;
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsUpdate) return;
    this.recorder.updateBytes[doc].add(decoding.readVarUint8Array(decoder).byteLength);
  }
}
