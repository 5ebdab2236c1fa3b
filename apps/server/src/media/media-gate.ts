import type { SessionState } from '@roundtable/protocol';
import type { RoomServiceClient } from 'livekit-server-sdk';
import { toLiveKitPermission } from './livekit-grants.ts';
import {
  permissionChanges,
  permissionsFor,
  without,
  type MediaPermission,
  type MediaSource,
} from './permissions.ts';

const RETRIES = 3;

/** What the gate reports back to a session: LiveKit reachable or not, and who may speak now. */
export interface GateListener {
  onHealth(sessionId: string, available: boolean): void;
  /** LiveKit holds this permission for a participant connected to it now. */
  onApplied(sessionId: string, participantId: string, permission: MediaPermission): void;
  /** LiveKit no longer has the session's room (deleted, or lost): the session needs recovery. */
  onRoomGone(sessionId: string): void;
}

export interface GateOptions {
  readonly service: RoomServiceClient;
  /** The session's current LiveKit room, once known. */
  readonly roomOf: (sessionId: string) => string | undefined;
  /** Who is cut off media for the rest of the session: they get nothing, ever. */
  readonly cutOff: (sessionId: string) => ReadonlySet<string>;
  readonly listener: GateListener;
}

/**
 * Keeps LiveKit's permissions equal to what the protocol allows. The protocol state is the
 * truth: after each change only the participants whose permission differs are updated, each
 * with the whole permission object; a failed update is retried, and the bridge reconciles the
 * whole session again once LiveKit answers (health-probe.ts).
 */
export class MediaGate {
  private readonly rooms: RoomServiceClient;
  private readonly roomOf: GateOptions['roomOf'];
  private readonly cutOff: GateOptions['cutOff'];
  /** Per session: what LiveKit was last told (or would be told, for people not connected). */
  private readonly applied = new Map<string, Map<string, MediaPermission>>();
  private readonly latest = new Map<string, SessionState>();
  private readonly healthy = new Map<string, boolean>();
  private readonly listener: GateListener;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(options: GateOptions) {
    this.rooms = options.service;
    this.roomOf = options.roomOf;
    this.cutOff = options.cutOff;
    this.listener = options.listener;
  }

  /** One update at a time per session, so a slow retry cannot land after a newer change. */
  private inOrder(sessionId: string, fn: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(sessionId) ?? Promise.resolve()).then(fn, fn);
    this.queues.set(sessionId, next);
    return next;
  }

  permissionOf(sessionId: string, participantId: string): MediaPermission | undefined {
    const state = this.latest.get(sessionId);
    return state ? permissionsFor(state, this.cutOff(sessionId)).get(participantId) : undefined;
  }

  /** Called after every committed state change of a session. */
  stateChanged(sessionId: string, state: SessionState): Promise<void> {
    this.latest.set(sessionId, state);
    return this.inOrder(sessionId, async () => {
      const latest = this.latest.get(sessionId);
      if (!latest) return;
      const changes = permissionChanges(
        this.applied.get(sessionId) ?? new Map(),
        permissionsFor(latest, this.cutOff(sessionId)),
      );
      await Promise.all(
        [...changes].map(([id, permission]) => this.push(sessionId, id, permission)),
      );
    });
  }

  /** Someone (re)joined the media room: make LiveKit match the protocol for them now. */
  reconcile(sessionId: string, participantId: string): Promise<void> {
    return this.inOrder(sessionId, async () => {
      const permission = this.permissionOf(sessionId, participantId);
      if (permission) await this.push(sessionId, participantId, permission, true);
    });
  }

  /**
   * Disguised audio: withdraws the source the track claimed, which makes LiveKit remove every
   * track of that source at once (inside the RPC), then gives the protocol's permission back.
   */
  strip(sessionId: string, participantId: string, source: MediaSource): Promise<void> {
    return this.inOrder(sessionId, async () => {
      const room = this.roomOf(sessionId);
      const permission = this.permissionOf(sessionId, participantId);
      if (!room || !permission) return;
      await this.rooms
        .updateParticipant(room, participantId, {
          permission: toLiveKitPermission(without(permission, [source])),
        })
        .catch(() => undefined);
      await this.push(sessionId, participantId, permission, true);
    });
  }

  /** Cut off: nothing granted (already, through `cutOff`), and out of the LiveKit room. */
  remove(sessionId: string, participantId: string): Promise<void> {
    return this.inOrder(sessionId, async () => {
      const room = this.roomOf(sessionId);
      const permission = this.permissionOf(sessionId, participantId);
      if (!room) return;
      // Nothing first: if the removal fails, they are left unable to publish or listen.
      if (permission) await this.push(sessionId, participantId, permission, true);
      await this.rooms.removeParticipant(room, participantId).catch(() => undefined);
    });
  }

  /** After LiveKit was unreachable: tell it everything again. */
  async reconcileAll(sessionId: string): Promise<void> {
    this.applied.delete(sessionId);
    const state = this.latest.get(sessionId);
    if (state) await this.stateChanged(sessionId, state);
  }

  private async push(
    sessionId: string,
    participantId: string,
    permission: MediaPermission,
    force = false,
  ): Promise<void> {
    const applied = this.applied.get(sessionId) ?? new Map<string, MediaPermission>();
    this.applied.set(sessionId, applied);
    if (!force && applied.get(participantId) === permission) return;
    const room = this.roomOf(sessionId);
    // No room yet: nobody is connected; whoever joins is reconciled when the observer sees them.
    if (!room) return void applied.set(participantId, permission);
    for (let attempt = 1; attempt <= RETRIES; attempt++) {
      try {
        await this.rooms.updateParticipant(room, participantId, {
          permission: toLiveKitPermission(permission),
        });
        applied.set(participantId, permission);
        this.setHealth(sessionId, true);
        this.listener.onApplied(sessionId, participantId, permission);
        return;
      } catch (error) {
        if (isNotFound(error)) {
          // LiveKit answers the same "participant does not exist" for a room it no longer
          // has; only asking about the room tells them apart.
          if (await this.roomIsGone(room)) return this.listener.onRoomGone(sessionId);
          // Not connected to media yet: their token carries this permission without sound,
          // and the observer's reconcile on their arrival grants the rest. Nothing to tell.
          applied.set(participantId, permission);
          this.setHealth(sessionId, true);
          return;
        }
        if (attempt === RETRIES) {
          this.setHealth(sessionId, false);
          return;
        }
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  }

  /** True only when LiveKit answered that it has no such room; an unanswered question is not. */
  private async roomIsGone(room: string): Promise<boolean> {
    try {
      return (await this.rooms.listRooms([room])).length === 0;
    } catch {
      return false;
    }
  }

  setHealth(sessionId: string, available: boolean): void {
    if (this.isHealthy(sessionId) === available) return;
    this.healthy.set(sessionId, available);
    this.listener.onHealth(sessionId, available);
  }

  isHealthy(sessionId: string): boolean {
    return this.healthy.get(sessionId) ?? true;
  }

  forget(sessionId: string): void {
    this.applied.delete(sessionId);
    this.latest.delete(sessionId);
    this.healthy.delete(sessionId);
  }
}

/**
 * LiveKit's answer for a participant that is not in the room (yet), and also, with the same
 * text ("participant does not exist", 404), for a room it does not have (LiveKit v1.13.5).
 */
export function isNotFound(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${JSON.stringify(error)}` : String(error);
  return /not.?found|does not exist|404/i.test(text);
}
