import { speakersNow, type ParticipantId, type SessionState } from '@roundtable/protocol';

/** Media a participant may publish. Names follow LiveKit's TrackSource. */
export type MediaSource = 'camera' | 'microphone' | 'screen_share' | 'screen_share_audio';

/**
 * What LiveKit should allow one participant, derived from the protocol state alone. Always the
 * whole object: LiveKit replaces permissions as a whole, and an omitted field becomes false.
 */
export interface MediaPermission {
  readonly canSubscribe: boolean;
  readonly canPublish: boolean;
  readonly canPublishData: boolean;
  /** Never empty when publishing is allowed: LiveKit reads an empty list as "every source". */
  readonly canPublishSources: readonly MediaSource[];
}

const SPEAKING: readonly MediaSource[] = [
  'camera',
  'microphone',
  'screen_share',
  'screen_share_audio',
];
// Cameras stay on for everyone: being seen while listening is part of the room.
const LISTENING: readonly MediaSource[] = ['camera', 'screen_share'];

/**
 * Permissions for everyone the session knows. Someone who left keeps nothing: a LiveKit
 * connection they still hold must not go on hearing a confidential room. They get theirs back
 * when they return, and a joiner gets theirs in the token.
 */
export function permissionsFor(state: SessionState): Map<ParticipantId, MediaPermission> {
  const speakers = new Set(speakersNow(state));
  const result = new Map<ParticipantId, MediaPermission>();
  for (const p of state.participants) {
    const inRoom = !state.ended && p.present;
    result.set(p.id, {
      canSubscribe: inRoom,
      canPublish: inRoom,
      canPublishData: inRoom,
      canPublishSources: speakers.has(p.id) ? SPEAKING : LISTENING,
    });
  }
  return result;
}

export function mayUseMicrophone(permission: MediaPermission): boolean {
  return permission.canPublish && permission.canPublishSources.includes('microphone');
}

function same(a: MediaPermission, b: MediaPermission): boolean {
  return (
    a.canSubscribe === b.canSubscribe &&
    a.canPublish === b.canPublish &&
    a.canPublishData === b.canPublishData &&
    a.canPublishSources.length === b.canPublishSources.length &&
    a.canPublishSources.every((s) => b.canPublishSources.includes(s))
  );
}

/** Only the participants whose permission changed, so each change costs one RPC per person affected. */
export function permissionChanges(
  before: ReadonlyMap<ParticipantId, MediaPermission>,
  after: ReadonlyMap<ParticipantId, MediaPermission>,
): Map<ParticipantId, MediaPermission> {
  const changed = new Map<ParticipantId, MediaPermission>();
  for (const [id, next] of after) {
    const prev = before.get(id);
    if (!prev || !same(prev, next)) changed.set(id, next);
  }
  return changed;
}
