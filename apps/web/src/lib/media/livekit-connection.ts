import {
  ConnectionState,
  ExternalE2EEKeyProvider,
  isE2EESupported,
  Room,
  RoomEvent,
  Track,
  VideoPresets,
  type Participant,
  type RemoteTrack,
} from 'livekit-client';
import type { DevicePreferences } from '../lobby/device-preferences.ts';
import type { MediaSnapshot, ParticipantMedia } from './snapshot.ts';

// The only module that imports livekit-client. It is loaded with import() once the room knows
// media is available, so the room's first load never waits for the media client.

export interface LiveKitOptions {
  readonly url: string;
  readonly token: string;
  readonly e2eeKey: string | null;
  readonly devices: DevicePreferences;
  /** Called after every change LiveKit reports, with the whole picture. */
  readonly onChange: (snapshot: MediaSnapshot) => void;
  /** The media server may have changed what this person may publish: try again. */
  readonly onPermissions: () => void;
  /** The connection ended without being asked to (LiveKit gave up reconnecting, or kicked us). */
  readonly onLost: () => void;
}

export interface LiveKitConnection {
  /** Publishes or unmutes (true) or mutes (false) the microphone. */
  setMicrophone(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  /** Whether the media server would accept a microphone from this person now. */
  mayPublishMicrophone(): boolean;
  /** Browsers block sound until the person interacts; call from a click. */
  startAudio(): Promise<void>;
  disconnect(): Promise<void>;
}

/** The facts the room shows about one participant, all read from LiveKit itself. */
function mediaOf(participant: Participant, speaking: ReadonlySet<string>): ParticipantMedia {
  const microphone = participant.getTrackPublication(Track.Source.Microphone);
  const camera = participant.getTrackPublication(Track.Source.Camera);
  return {
    microphone: microphone ? 'published' : 'unpublished',
    microphoneMuted: !microphone || microphone.isMuted,
    // A remote camera shows once subscribed; attaching it tells adaptive streaming its size.
    video: camera && !camera.isMuted ? (camera.videoTrack ?? null) : null,
    speaking: speaking.has(participant.identity),
  };
}

function snapshotOf(room: Room): MediaSnapshot {
  const speaking = new Set(room.activeSpeakers.map((p) => p.identity));
  const people = new Map<string, ParticipantMedia>();
  for (const participant of [room.localParticipant, ...room.remoteParticipants.values()])
    people.set(participant.identity, mediaOf(participant, speaking));
  return {
    reconnecting: room.state === ConnectionState.Reconnecting,
    encrypted: room.isE2EEEnabled,
    canPlayAudio: room.canPlaybackAudio,
    people,
  };
}

async function encryption(e2eeKey: string) {
  if (!isE2EESupported()) {
    throw new Error(
      'This browser cannot encrypt audio and video end to end, which this session requires.',
    );
  }
  const keyProvider = new ExternalE2EEKeyProvider();
  await keyProvider.setKey(e2eeKey);
  const { default: E2EEWorker } = await import('livekit-client/e2ee-worker?worker');
  return { keyProvider, worker: new E2EEWorker() };
}

/** Every LiveKit event that can change what the room shows; each one redraws the snapshot. */
const SNAPSHOT_EVENTS = [
  RoomEvent.ParticipantConnected,
  RoomEvent.ParticipantDisconnected,
  RoomEvent.TrackPublished,
  RoomEvent.TrackUnpublished,
  RoomEvent.TrackMuted,
  RoomEvent.TrackUnmuted,
  RoomEvent.LocalTrackPublished,
  RoomEvent.LocalTrackUnpublished,
  RoomEvent.ActiveSpeakersChanged,
  RoomEvent.ConnectionStateChanged,
  RoomEvent.AudioPlaybackStatusChanged,
  RoomEvent.ParticipantEncryptionStatusChanged,
] as const;

/** The room as this person set it up in the lobby, not yet connected. */
async function createRoom(options: LiveKitOptions): Promise<Room> {
  const { devices } = options;
  return new Room({
    // `ideal`, not `exact`: a device chosen in the lobby that has since gone falls back.
    audioCaptureDefaults: devices.microphoneId ? { deviceId: { ideal: devices.microphoneId } } : {},
    // Tiles are small: 640×360 is sharp enough and spares every laptop in the group.
    videoCaptureDefaults: {
      resolution: VideoPresets.h360.resolution,
      ...(devices.cameraId ? { deviceId: { ideal: devices.cameraId } } : {}),
    },
    adaptiveStream: true,
    dynacast: true,
    ...(options.e2eeKey ? { encryption: await encryption(options.e2eeKey) } : {}),
  });
}

/**
 * Turns LiveKit's events into snapshots, remote sound and the caller's callbacks. `isLeaving`
 * tells a disconnect this person asked for from one that happened to them.
 */
function wireRoomEvents(wiring: {
  room: Room;
  speakers: HTMLElement;
  options: LiveKitOptions;
  changed: () => void;
  isLeaving: () => boolean;
}): void {
  const { room, speakers, options, changed, isLeaving } = wiring;
  const attachAudio = (track: RemoteTrack) => {
    if (track.kind === Track.Kind.Audio) speakers.append(track.attach());
    changed();
  };
  const detach = (track: RemoteTrack) => {
    for (const element of track.detach()) element.remove();
    changed();
  };
  room
    .on(RoomEvent.TrackSubscribed, attachAudio)
    .on(RoomEvent.TrackUnsubscribed, detach)
    .on(RoomEvent.ParticipantPermissionsChanged, () => {
      changed();
      options.onPermissions();
    })
    .on(RoomEvent.Disconnected, () => {
      speakers.remove();
      if (!isLeaving()) options.onLost();
    });
  for (const event of SNAPSHOT_EVENTS) room.on(event, changed);
}

/** What the room page may do with a connected room; every change is followed by a snapshot. */
function controlsOf(
  room: Room,
  changed: () => void,
  disconnect: () => Promise<void>,
): LiveKitConnection {
  const local = room.localParticipant;
  return {
    async setMicrophone(on) {
      await local.setMicrophoneEnabled(on);
      changed();
    },
    async setCamera(on) {
      await local.setCameraEnabled(on);
      changed();
    },
    mayPublishMicrophone() {
      const permission = local.permissions;
      if (!permission?.canPublish) return false;
      const sources = permission.canPublishSources.map((s) => Track.sourceFromProto(s));
      return sources.length === 0 || sources.includes(Track.Source.Microphone);
    },
    async startAudio() {
      await room.startAudio();
      changed();
    },
    disconnect,
  };
}

/** Joins the LiveKit room with this person's token; the camera and microphone come after. */
export async function connectLiveKit(options: LiveKitOptions): Promise<LiveKitConnection> {
  const room = await createRoom(options);
  // Remote sound plays through audio elements of its own, out of sight.
  const speakers = document.createElement('div');
  speakers.hidden = true;
  document.body.append(speakers);
  let leaving = false;

  const changed = () => options.onChange(snapshotOf(room));
  wireRoomEvents({ room, speakers, options, changed, isLeaving: () => leaving });

  try {
    if (options.e2eeKey) await room.setE2EEEnabled(true);
    await room.connect(options.url, options.token);
  } catch (error) {
    leaving = true;
    speakers.remove();
    await room.disconnect();
    throw error;
  }
  changed();

  return controlsOf(room, changed, async () => {
    leaving = true;
    await room.disconnect();
    speakers.remove();
  });
}
