import type { LiveSession } from './live-session.ts';
import type { ParticipantRecord } from '../store/store.ts';
import type { Clock, Timer } from './clock.ts';
import type { CoreEvents, SessionHandle } from './events.ts';

export interface PresenceOptions {
  /** How long a participant whose last tab disconnected stays present. */
  readonly graceMs: number;
  /** How long people found present in a session restored after a restart have to come back. */
  readonly restoredGraceMs: number;
  readonly clock: Clock;
  readonly events: CoreEvents;
  /** Who joined through a facilitator link, the first of whom takes the role on arrival. */
  readonly facilitatorLinkHolders: (sessionId: string) => Promise<ReadonlySet<string>>;
}

/**
 * Turns connections into join and leave: a participant is present while any of their tabs is
 * connected, and leaves only after a grace period, so a network blip or a reload does not
 * hand their turn or the facilitator role to someone else.
 */
export class Presence {
  private readonly sockets = new Map<string, number>();
  private readonly leaving = new Map<string, Timer>();
  private readonly opts: PresenceOptions;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(opts: PresenceOptions) {
    this.opts = opts;
    // People restored with a session get time to reconnect before they count as gone.
    this.unsubscribe = opts.events.on('session-opened', ({ session }) => this.restored(session));
  }

  async connected(session: LiveSession, participant: ParticipantRecord): Promise<void> {
    const key = `${session.id}/${participant.id}`;
    this.leaving.get(key)?.cancel();
    this.leaving.delete(key);
    this.sockets.set(key, (this.sockets.get(key) ?? 0) + 1);
    await session.arrive(participant, await this.opts.facilitatorLinkHolders(session.id));
  }

  disconnected(session: LiveSession, participant: ParticipantRecord): void {
    // Shutting down disconnects everyone; nobody has left, and storage is about to close.
    if (this.closed) return;
    const key = `${session.id}/${participant.id}`;
    const left = (this.sockets.get(key) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(key, left);
      return;
    }
    this.sockets.delete(key);
    this.leaveLater(session, participant.id, this.opts.graceMs);
  }

  /**
   * After a restart the stored state still shows who was present. Each of them gets the
   * restart grace to reconnect; whoever does not is then marked as having left.
   */
  private restored(session: SessionHandle): void {
    for (const p of session.engineState.participants) {
      const key = `${session.id}/${p.id}`;
      if (!p.present || this.sockets.has(key) || this.leaving.has(key)) continue;
      this.leaveLater(session, p.id, this.opts.restoredGraceMs);
    }
  }

  private leaveLater(session: SessionHandle, participantId: string, graceMs: number): void {
    const key = `${session.id}/${participantId}`;
    const timer = this.opts.clock.setTimeout(() => {
      this.leaving.delete(key);
      void session.system({ type: 'leave', actor: participantId });
    }, graceMs);
    this.leaving.set(key, timer);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const timer of this.leaving.values()) timer.cancel();
  }
}
