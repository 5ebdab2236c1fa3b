import type { LiveRoom } from './sessions.ts';
import type { ParticipantRecord } from '../store/store.ts';

/**
 * Turns connections into join and leave: a participant is present while any of their tabs is
 * connected, and leaves only after a grace period, so a network blip or a reload does not
 * hand their turn or the facilitator role to someone else.
 */
export class Presence {
  private readonly sockets = new Map<string, number>();
  private readonly leaving = new Map<string, NodeJS.Timeout>();
  private readonly graceMs: number;

  private readonly facilitatorLinkHolders: (live: LiveRoom) => Promise<ReadonlySet<string>>;

  constructor(
    graceMs: number,
    facilitatorLinkHolders: (live: LiveRoom) => Promise<ReadonlySet<string>>,
  ) {
    this.graceMs = graceMs;
    this.facilitatorLinkHolders = facilitatorLinkHolders;
  }

  async connected(live: LiveRoom, participant: ParticipantRecord): Promise<void> {
    const key = `${live.record.id}/${participant.id}`;
    clearTimeout(this.leaving.get(key));
    this.leaving.delete(key);
    this.sockets.set(key, (this.sockets.get(key) ?? 0) + 1);
    await live.room.arrive(participant, await this.facilitatorLinkHolders(live));
  }

  disconnected(live: LiveRoom, participant: ParticipantRecord): void {
    // Shutting down disconnects everyone; nobody has left, and storage is about to close.
    if (this.closed) return;
    const key = `${live.record.id}/${participant.id}`;
    const left = (this.sockets.get(key) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(key, left);
      return;
    }
    this.sockets.delete(key);
    const timer = setTimeout(() => {
      this.leaving.delete(key);
      void live.room.system({ type: 'leave', actor: participant.id });
    }, this.graceMs);
    this.leaving.set(key, timer);
  }

  /**
   * After a restart the stored state still shows who was in the room. Each of them gets the
   * restart grace to reconnect; whoever does not is then marked as having left.
   */
  restored(live: LiveRoom, graceMs: number): void {
    for (const p of live.room.engine.participants) {
      const key = `${live.record.id}/${p.id}`;
      if (!p.present || this.sockets.has(key) || this.leaving.has(key)) continue;
      const timer = setTimeout(() => {
        this.leaving.delete(key);
        void live.room.system({ type: 'leave', actor: p.id });
      }, graceMs);
      this.leaving.set(key, timer);
    }
  }

  private closed = false;

  close(): void {
    this.closed = true;
    for (const timer of this.leaving.values()) clearTimeout(timer);
  }
}
