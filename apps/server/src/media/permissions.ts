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

/** Sources that carry sound: the only ones an audio track may claim. */
export const AUDIO_SOURCES: readonly MediaSource[] = ['microphone', 'screen_share_audio'];

export const NOTHING: MediaPermission = {
  canSubscribe: false,
  canPublish: false,
  canPublishData: false,
  canPublishSources: [],
};

/**
 * Permissions for everyone the session knows. Someone who left keeps nothing: a LiveKit
 * connection they still hold must not go on hearing a confidential room. They get theirs back
 * when they return. Someone cut off for disguised audio (`cutOff`) keeps nothing either, for
 * the rest of the session.
 */
export function permissionsFor(
  state: SessionState,
  cutOff: ReadonlySet<ParticipantId> = new Set(),
): Map<ParticipantId, MediaPermission> {
  const speakers = new Set(speakersNow(state));
  const result = new Map<ParticipantId, MediaPermission>();
  for (const p of state.participants) {
    const inRoom = !state.ended && p.present;
    if (cutOff.has(p.id)) {
      result.set(p.id, NOTHING);
      continue;
    }
    result.set(p.id, {
      canSubscribe: inRoom,
      canPublish: inRoom,
      canPublishData: inRoom,
      canPublishSources: speakers.has(p.id) ? SPEAKING : LISTENING,
    });
  }
  return result;
}

/**
 * What a join token grants: the permission without any sound source. A token is a bearer
 * credential that outlives its moment (and LiveKit refreshes it with the grant it holds), so
 * sound is only ever granted through updateParticipant, to someone connected and allowed now.
 */
export function joinGrant(permission: MediaPermission): MediaPermission {
  return without(permission, AUDIO_SOURCES);
}

/** The permission minus some sources; never an empty list while publishing ("every source"). */
export function without(
  permission: MediaPermission,
  sources: readonly MediaSource[],
): MediaPermission {
  const kept = permission.canPublishSources.filter((s) => !sources.includes(s));
  return kept.length > 0 || !permission.canPublish
    ? { ...permission, canPublishSources: kept }
    : { ...permission, canPublish: false, canPublishSources: [] };
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
