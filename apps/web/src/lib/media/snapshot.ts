/**
 * What the room shows about audio and video, as LiveKit reports it. Plain data (and LiveKit's
 * own track objects behind a two-method interface), so components never import livekit-client.
 */

/** A camera track that can show itself in a <video> element (LiveKit's VideoTrack is one). */
export interface AttachableVideo {
  attach(element: HTMLMediaElement): HTMLMediaElement;
  detach(element: HTMLMediaElement): HTMLMediaElement;
}

export interface ParticipantMedia {
  /** Whether LiveKit has a microphone track of this person: the media server's word. */
  readonly microphone: 'published' | 'unpublished';
  readonly microphoneMuted: boolean;
  readonly video: AttachableVideo | null;
  /** LiveKit's active-speaker detection: sound is coming from this person now. */
  readonly speaking: boolean;
}

export interface MediaSnapshot {
  readonly reconnecting: boolean;
  /** Whether what I send is encrypted end to end (sessions created with e2ee). */
  readonly encrypted: boolean;
  /** False while the browser blocks sound until the person clicks something. */
  readonly canPlayAudio: boolean;
  /** By participant id (LiveKit identity). */
  readonly people: ReadonlyMap<string, ParticipantMedia>;
}

export const NO_MEDIA: MediaSnapshot = {
  reconnecting: false,
  encrypted: false,
  canPlayAudio: true,
  people: new Map(),
};
