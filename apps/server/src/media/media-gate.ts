import type { SessionState } from '@roundtable/protocol';
import { RoomServiceClient } from 'livekit-server-sdk';
import { toLiveKitPermission } from './livekit-grants.ts';
import type { LiveKitEndpoint } from './livekit-process.ts';
import { permissionChanges, permissionsFor, type MediaPermission } from './permissions.ts';

const RETRIES = 3;

/** What the gate reports back to a session: LiveKit reachable or not, and who may speak now. */
export interface GateListener {
  onHealth(sessionId: string, available: boolean): void;
  onApplied(sessionId: string, participantId: string, permission: MediaPermission): void;
}

/**
 * Keeps LiveKit's permissions equal to what the protocol allows. The protocol state is the
 * truth: after each change only the participants whose permission differs are updated, each
 * with the whole permission object; a failed update is retried, and the bridge reconciles the
 * whole session again once LiveKit answers (health-probe.ts).
 */
export class MediaGate {
  private readonly rooms: RoomServiceClient;
  /** Per session: what LiveKit was last told (or would be told, for people not connected). */
  private readonly applied = new Map<string, Map<string, MediaPermission>>();
  private readonly latest = new Map<string, SessionState>();
  private readonly healthy = new Map<string, boolean>();
  private readonly listener: GateListener;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(endpoint: LiveKitEndpoint, listener: GateListener) {
    this.rooms = new RoomServiceClient(endpoint.apiUrl, endpoint.apiKey, endpoint.apiSecret);
    this.listener = listener;
  }

  /** One update at a time per session, so a slow retry cannot land after a newer change. */
  private inOrder(sessionId: string, fn: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(sessionId) ?? Promise.resolve()).then(fn, fn);
    this.queues.set(sessionId, next);
    return next;
  }

  permissionOf(sessionId: string, participantId: string): MediaPermission | undefined {
    const state = this.latest.get(sessionId);
    return state ? permissionsFor(state).get(participantId) : undefined;
  }

  /** Called after every committed state change of a session. */
  stateChanged(sessionId: string, state: SessionState): Promise<void> {
    this.latest.set(sessionId, state);
    return this.inOrder(sessionId, async () => {
      const latest = this.latest.get(sessionId);
      if (!latest) return;
      const changes = permissionChanges(
        this.applied.get(sessionId) ?? new Map(),
        permissionsFor(latest),
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
    for (let attempt = 1; attempt <= RETRIES; attempt++) {
      try {
        await this.rooms.updateParticipant(sessionId, participantId, {
          permission: toLiveKitPermission(permission),
        });
        applied.set(participantId, permission);
        this.setHealth(sessionId, true);
        this.listener.onApplied(sessionId, participantId, permission);
        return;
      } catch (error) {
        if (isNotInRoom(error)) {
          // Not connected to media yet: their next token carries this permission.
          applied.set(participantId, permission);
          this.setHealth(sessionId, true);
          this.listener.onApplied(sessionId, participantId, permission);
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

  private setHealth(sessionId: string, available: boolean): void {
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

/** LiveKit answers "not found" for a room or participant that is not there (yet). */
function isNotInRoom(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${JSON.stringify(error)}` : String(error);
  return /not.?found|does not exist|404/i.test(text);
}
