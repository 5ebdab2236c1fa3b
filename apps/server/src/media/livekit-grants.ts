import { AccessToken, TrackSource } from 'livekit-server-sdk';
import type { LiveKitEndpoint } from './livekit-process.ts';
import { joinGrant, type MediaPermission, type MediaSource } from './permissions.ts';

const SOURCES: Record<MediaSource, TrackSource> = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};

/** LiveKit's ParticipantPermission, complete: every field set, since omitted ones become false. */
export function toLiveKitPermission(p: MediaPermission) {
  return {
    canSubscribe: p.canSubscribe,
    canPublish: p.canPublish,
    canPublishData: p.canPublishData,
    canPublishSources: p.canPublishSources.map((s) => SOURCES[s]),
    canUpdateMetadata: false,
    canSubscribeMetrics: false,
    hidden: false,
    recorder: false,
    agent: false,
  };
}

/**
 * A join token for one participant: identity is the participant id, room is the session's
 * current LiveKit room. It never grants a sound source (see `joinGrant`): the microphone comes
 * through updateParticipant once the participant is connected and the protocol allows it.
 */
export async function mintMediaToken(
  endpoint: LiveKitEndpoint,
  who: { room: string; participantId: string; name: string },
  permission: MediaPermission,
  ttlSeconds: number,
): Promise<string> {
  const token = new AccessToken(endpoint.apiKey, endpoint.apiSecret, {
    identity: who.participantId,
    name: who.name,
    ttl: ttlSeconds,
  });
  const grant = joinGrant(permission);
  token.addGrant({
    roomJoin: true,
    room: who.room,
    canSubscribe: grant.canSubscribe,
    canPublish: grant.canPublish,
    canPublishData: grant.canPublishData,
    canPublishSources: grant.canPublishSources.map((s) => SOURCES[s]),
    canUpdateOwnMetadata: false,
  });
  return token.toJwt();
}

/** The hidden observer that listens for who is speaking: it publishes nothing and is not shown. */
export async function mintObserverToken(endpoint: LiveKitEndpoint, room: string): Promise<string> {
  const token = new AccessToken(endpoint.apiKey, endpoint.apiSecret, {
    identity: `observer:${room}`,
    // Used at once; rejoining mints a new one.
    ttl: 60,
  });
  token.addGrant({
    roomJoin: true,
    room,
    hidden: true,
    canPublish: false,
    canSubscribe: true,
    canPublishData: false,
  });
  return token.toJwt();
}
