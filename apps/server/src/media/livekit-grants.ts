import { AccessToken, TrackSource } from 'livekit-server-sdk';
import type { LiveKitEndpoint } from './livekit-process.ts';
import type { MediaPermission, MediaSource } from './permissions.ts';

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

/** A join token for one participant: identity is the participant id, room is the session id. */
export async function mintMediaToken(
  endpoint: LiveKitEndpoint,
  who: { sessionId: string; participantId: string; name: string },
  permission: MediaPermission,
  ttlSeconds: number,
): Promise<string> {
  const token = new AccessToken(endpoint.apiKey, endpoint.apiSecret, {
    identity: who.participantId,
    name: who.name,
    ttl: ttlSeconds,
  });
  token.addGrant({
    roomJoin: true,
    room: who.sessionId,
    canSubscribe: permission.canSubscribe,
    canPublish: permission.canPublish,
    canPublishData: permission.canPublishData,
    canPublishSources: permission.canPublishSources.map((s) => SOURCES[s]),
    canUpdateOwnMetadata: false,
  });
  return token.toJwt();
}

/** The hidden observer that listens for who is speaking: it publishes nothing and is not shown. */
export async function mintObserverToken(
  endpoint: LiveKitEndpoint,
  sessionId: string,
): Promise<string> {
  const token = new AccessToken(endpoint.apiKey, endpoint.apiSecret, {
    identity: `observer:${sessionId}`,
    ttl: 24 * 3600,
  });
  token.addGrant({
    roomJoin: true,
    room: sessionId,
    hidden: true,
    canPublish: false,
    canSubscribe: true,
    canPublishData: false,
  });
  return token.toJwt();
}
