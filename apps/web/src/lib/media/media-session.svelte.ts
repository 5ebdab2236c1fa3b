import type { SessionState } from '@roundtable/protocol';
import type { MediaTokenReply } from '@roundtable/wire';
import { untrack } from 'svelte';
import { loadDevicePreferences } from '../lobby/device-preferences.ts';
import type { MediaAvailability } from './availability.ts';
import type { LiveKitConnection } from './livekit-connection.ts';
import { microphoneGate, type MicrophoneGate } from './microphone-gate.ts';
import { NO_MEDIA, type MediaSnapshot, type ParticipantMedia } from './snapshot.ts';

/** What the media session needs from the room: who I am, the protocol, and the server's word. */
export interface MediaRoom {
  readonly me: string;
  readonly connection: 'connecting' | 'online' | 'reconnecting' | 'refused';
  readonly state: SessionState | null;
  readonly mediaAvailability: MediaAvailability | null;
  mediaToken(): Promise<MediaTokenReply>;
  onMediaPermission(listener: (permission: { microphone: boolean }) => void): () => void;
}

export type MediaPhase = 'waiting' | 'connecting' | 'connected' | 'unavailable' | 'failed';

const CLOSED: MicrophoneGate = { allowed: false, reason: 'Not your turn' };
const RETRY_MS = [1_000, 2_000, 4_000, 8_000];

/**
 * This person's audio and video: one LiveKit connection while the room has media, the camera
 * and microphone they chose in the lobby, and the microphone opened only when the protocol
 * lets them speak. The media server enforces the protocol; this follows it, and re-opens the
 * microphone when the server says it may. Create it in the browser only.
 */
export class MediaSession {
  phase = $state<MediaPhase>('waiting');
  /** Why media is not working, in words for the person. */
  problem = $state<string | null>(null);
  snapshot = $state.raw<MediaSnapshot>(NO_MEDIA);
  /** What the person wants; the protocol may keep the microphone closed regardless. */
  wantMicrophone = $state(true);
  wantCamera = $state(true);

  readonly gate: MicrophoneGate;
  readonly mine: ParticipantMedia | undefined;

  readonly #room: MediaRoom;
  /** Booleans, so the effects below run when the answer changes, not on every state update. */
  readonly #wanted: boolean;
  readonly #microphoneAllowed: boolean;
  #connection: LiveKitConnection | null = null;
  /** Bumped on every connect and disconnect, so a late answer from an old attempt is dropped. */
  #attempt = 0;
  #retries = 0;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #syncing: Promise<void> | null = null;
  #syncAgain = false;

  constructor(room: MediaRoom) {
    this.#room = room;
    this.gate = $derived(room.state ? microphoneGate(room.state, room.me) : CLOSED);
    this.mine = $derived(this.snapshot.people.get(room.me));
    this.#wanted = $derived(this.#shouldConnect());
    this.#microphoneAllowed = $derived(this.gate.allowed);
  }

  /** Follows the room (availability, presence, protocol) until the returned function is called. */
  start(): () => void {
    const stopEffects = $effect.root(() => {
      $effect(() => {
        const wanted = this.#wanted;
        untrack(() => (wanted ? this.#connect() : this.#disconnect()));
      });
      $effect(() => {
        void this.#microphoneAllowed;
        untrack(() => this.#sync());
      });
    });
    const stopPermission = this.#room.onMediaPermission(({ microphone }) => {
      if (microphone) this.#sync();
    });
    return () => {
      stopEffects();
      stopPermission();
      this.#disconnect();
    };
  }

  toggleMicrophone(): void {
    this.wantMicrophone = !this.wantMicrophone;
    this.#sync();
  }

  toggleCamera(): void {
    this.wantCamera = !this.wantCamera;
    this.#sync();
  }

  /** From a click: browsers keep sound off until the person has interacted with the page. */
  startAudio(): void {
    void this.#connection?.startAudio();
  }

  #shouldConnect(): boolean {
    const room = this.#room;
    const state = room.state;
    const available = room.mediaAvailability;
    if (available && !available.available) return false;
    const present = state?.participants.some((p) => p.id === room.me && p.present) ?? false;
    // The room's socket is needed for a token; once connected, LiveKit keeps its own line, so a
    // blip in the room's connection does not cut anyone's sound.
    const reachable = room.connection === 'online' || this.phase === 'connected';
    return reachable && !!available && present && !state?.ended;
  }

  #connect(): void {
    if (this.#connection || this.phase === 'connecting') return;
    const attempt = ++this.#attempt;
    clearTimeout(this.#retry);
    this.phase = 'connecting';
    void this.#open(attempt).catch((error: unknown) => {
      if (attempt !== this.#attempt) return;
      this.#fail(error instanceof Error ? error.message : String(error));
    });
  }

  /** A fresh token on every (re)connect: its grant carries the protocol's permission of now. */
  async #open(attempt: number): Promise<void> {
    const reply = await this.#room.mediaToken();
    if (attempt !== this.#attempt) return;
    // Cut off for disguised audio: asking again cannot help, so say why and stop.
    if (!reply.ok && reply.error.code === 'media-cut-off') {
      this.problem = reply.error.message;
      this.phase = 'failed';
      return;
    }
    // Asked a moment before the server counted me in: not worth a message, just ask again.
    if (!reply.ok)
      return this.#fail(reply.error.code === 'not-present' ? null : reply.error.message);
    const { connectLiveKit } = await import('./livekit-connection.ts');
    const connection = await connectLiveKit({
      url: reply.url,
      token: reply.token,
      e2eeKey: reply.e2eeKey,
      devices: loadDevicePreferences(),
      onChange: (snapshot) => {
        if (attempt === this.#attempt) this.snapshot = snapshot;
      },
      onPermissions: () => this.#sync(),
      onLost: () => {
        if (attempt !== this.#attempt) return;
        this.#connection = null;
        this.#fail('The audio and video connection was lost; reconnecting…');
      },
    });
    if (attempt !== this.#attempt) return void connection.disconnect();
    this.#connection = connection;
    this.#retries = 0;
    this.problem = null;
    this.phase = 'connected';
    this.#sync();
  }

  /** Shows why (if it is worth saying), and tries again with a growing pause. */
  #fail(message: string | null): void {
    this.problem = message;
    this.phase = message ? 'failed' : 'connecting';
    this.snapshot = NO_MEDIA;
    const delay = RETRY_MS[Math.min(this.#retries++, RETRY_MS.length - 1)];
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      this.phase = 'waiting';
      if (this.#shouldConnect()) this.#connect();
    }, delay);
  }

  #disconnect(): void {
    this.#attempt++;
    clearTimeout(this.#retry);
    const connection = this.#connection;
    this.#connection = null;
    this.snapshot = NO_MEDIA;
    this.problem = null;
    this.phase = this.#room.mediaAvailability?.available === false ? 'unavailable' : 'waiting';
    void connection?.disconnect();
  }

  /** Brings the camera and microphone in line with the wishes and the protocol, one at a time. */
  #sync(): void {
    if (this.#syncing) {
      this.#syncAgain = true;
      return;
    }
    this.#syncing = this.#applyDevices().finally(() => {
      this.#syncing = null;
      if (this.#syncAgain) {
        this.#syncAgain = false;
        this.#sync();
      }
    });
  }

  async #applyDevices(): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    const mine = this.snapshot.people.get(this.#room.me);
    const cameraOn = !!mine?.video;
    try {
      if (this.wantCamera !== cameraOn) await connection.setCamera(this.wantCamera);
    } catch (error) {
      this.wantCamera = false;
      this.problem = deviceProblem('camera', error);
    }
    const microphoneLive = mine?.microphone === 'published' && !mine.microphoneMuted;
    try {
      if (!this.wantMicrophone) {
        if (microphoneLive) await connection.setMicrophone(false);
      } else if (!microphoneLive && this.gate.allowed && connection.mayPublishMicrophone()) {
        await connection.setMicrophone(true);
      }
    } catch (error) {
      // The media server refusing a microphone it has just closed is expected: the protocol
      // moved on. It says so with media-permission when the microphone may open again.
      if (!(error instanceof DOMException)) return;
      this.wantMicrophone = false;
      this.problem = deviceProblem('microphone', error);
    }
  }
}

function deviceProblem(device: 'camera' | 'microphone', error: unknown): string {
  const blocked = error instanceof DOMException && error.name === 'NotAllowedError';
  return blocked
    ? `Your ${device} is blocked for this site. Allow it in the browser’s address bar, then turn it on again.`
    : `Your ${device} could not be started. Check that no other app is using it, then turn it on again.`;
}
