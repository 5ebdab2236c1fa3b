import {
  AudioFrame,
  AudioSource,
  AudioStream,
  LocalAudioTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  type LocalTrackPublication,
  type RemoteTrack,
} from '@livekit/rtc-node';

/*
 * LiveKit participants driven by code (rtc-node): a Bot publishes a microphone, a Listener
 * counts what it receives. No test framework here, so the media benchmark uses them too; the
 * tests close them through support/media.ts.
 */

const RATE = 48_000;
/** 10 ms frames, WebRTC's own unit. */
const FRAME = RATE / 100;
/**
 * How far ahead the microphone is fed: a second, so a busy event loop (the app runs in the
 * same process) cannot starve it and cut words short. Speech starts that much after asked.
 */
const QUEUE_MS = 1000;
/** Louder than any silence or comfort noise a decoder produces, well below clipping. */
const AUDIBLE_RMS = 500;

/** One media token reply's worth of what a bot needs to join LiveKit. */
export interface Ticket {
  readonly url: string;
  readonly token: string;
}

/** Frames of a 440 Hz tone starting at sample `offset`. */
function tone(offset: number, samples: number): Int16Array {
  const data = new Int16Array(samples);
  for (let i = 0; i < samples; i++)
    data[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (offset + i)) / RATE));
  return data;
}

/** Joins LiveKit as the ticket's participant; a room that failed to connect is closed again. */
async function joinRoom(ticket: Ticket, autoSubscribe: boolean): Promise<Room> {
  const room = new Room();
  try {
    await room.connect(ticket.url, ticket.token, { autoSubscribe, dynacast: false });
  } catch (error) {
    await room.disconnect().catch(() => undefined);
    throw error;
  }
  return room;
}

/**
 * A participant's stand-in: joins with their media token and publishes a microphone that, like
 * a real one, streams silence until the bot speaks. Audio is counted in samples, never by
 * wall-clock: AudioSource queues a little and plays out in real time.
 *
 * rtc-node 1.1 emits no LocalTrackUnpublished when the server takes a track away, so a
 * Listener is what sees that; the bot only learns it when publishing or unpublishing fails.
 */
export class Bot {
  readonly room: Room;
  readonly identity: string;
  /** The token it joined with, to try again with later. */
  readonly ticket: Ticket;
  private mic: { source: AudioSource; sid: string } | null = null;
  private readonly sources: AudioSource[] = [];
  private humming = false;
  private speech: { frames: number; done: (playedOutAt: number) => void } | null = null;

  private constructor(room: Room, ticket: Ticket) {
    this.room = room;
    this.ticket = ticket;
    this.identity = room.localParticipant?.identity ?? '';
  }

  /** `listen` also subscribes to everyone (one identity holds one LiveKit connection). */
  static async join(ticket: Ticket, options: { listen?: boolean } = {}): Promise<Bot> {
    return new Bot(await joinRoom(ticket, options.listen ?? false), ticket);
  }

  /** Publishes a microphone track; rejects when LiveKit refuses it. */
  publishMic(): Promise<LocalTrackPublication> {
    return this.publishAudio(TrackSource.SOURCE_MICROPHONE);
  }

  /**
   * Publishes the bot's microphone under any source a modified client could claim (CAMERA,
   * SCREEN_SHARE, ...). A track LiveKit refuses may never settle (rtc-node waits for an
   * answer that does not come) and holds the connection's publishing lock until it closes:
   * use a fresh bot for the next attempt.
   */
  async publishAudio(claimed: TrackSource): Promise<LocalTrackPublication> {
    const source = new AudioSource(RATE, 1, QUEUE_MS);
    this.sources.push(source);
    const track = LocalAudioTrack.createAudioTrack('microphone', source);
    const options = new TrackPublishOptions({ source: claimed });
    const participant = this.room.localParticipant;
    if (!participant) throw new Error('the bot is not connected');
    try {
      const publication = await participant.publishTrack(track, options);
      const mic = { source, sid: publication.sid ?? '' };
      this.mic = mic;
      void this.stream(mic).catch(() => undefined);
      return publication;
    } catch (error) {
      await source.close();
      throw error;
    }
  }

  /** Feeds the microphone 10 ms at a time, paced by the source's queue, until it goes. */
  private async stream(mic: { source: AudioSource }): Promise<void> {
    const silence = new Int16Array(FRAME);
    for (let n = 0; this.mic === mic; n += FRAME) {
      const speech = this.speech;
      const loud = this.humming || speech !== null;
      await mic.source.captureFrame(
        new AudioFrame(loud ? tone(n, FRAME) : silence, RATE, 1, FRAME),
      );
      if (speech && --speech.frames === 0) {
        this.speech = null;
        speech.done(Date.now() + mic.source.queuedDuration);
      }
    }
  }

  /**
   * Speaks for exactly `seconds` (whole 10 ms frames) of audio, then the microphone carries
   * silence again. Resolves with the time (Date.now()) the last sample played out.
   */
  async speak(seconds: number): Promise<number> {
    if (!this.mic) throw new Error('the bot has no microphone');
    if (this.speech) throw new Error('the bot is already speaking');
    const playedOutAt = await new Promise<number>((done) => {
      this.speech = { frames: Math.round(seconds * 100), done };
    });
    await new Promise((r) => setTimeout(r, Math.max(0, playedOutAt - Date.now())));
    return playedOutAt;
  }

  /** A tone for as long as the microphone stays published (or until `quiet()`). */
  hum(): void {
    this.humming = true;
  }

  quiet(): void {
    this.humming = false;
  }

  /** Unpublishes the microphone (or lets go of one LiveKit already took away). */
  async unpublishMic(): Promise<void> {
    const mic = this.mic;
    if (!mic) return;
    this.humming = false;
    this.mic = null;
    try {
      await this.room.localParticipant?.unpublishTrack(mic.sid);
    } finally {
      await mic.source.close();
    }
  }

  async close(): Promise<void> {
    this.humming = false;
    this.mic = null;
    await this.room.disconnect();
    await Promise.all(this.sources.map((s) => s.close()));
  }
}

/** What a listener heard from one participant. */
export interface Heard {
  frames: number;
  /** Frames carrying the tone, not silence. */
  audible: number;
  firstAudibleAt: number;
  lastAudibleAt: number;
}

/**
 * A participant who subscribes to everyone's audio and counts what actually arrives, per
 * identity, and when each remote microphone was published and unpublished.
 */
export class Listener {
  readonly room: Room;
  private readonly heard = new Map<string, Heard>();
  /** Remote audio unpublications: who, which source it claimed, and when (Date.now()). */
  readonly unpublished: { identity: string; source: TrackSource; at: number }[] = [];
  readonly published: { identity: string; source: TrackSource; at: number }[] = [];

  private constructor(room: Room) {
    this.room = room;
    for (const participant of room.remoteParticipants.values())
      for (const publication of participant.trackPublications.values())
        if (publication.track?.kind === TrackKind.KIND_AUDIO)
          void this.count(participant.identity, publication.track);
    room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
      if (track.kind === TrackKind.KIND_AUDIO) void this.count(participant.identity, track);
    });
    room.on(RoomEvent.TrackPublished, (publication, participant) => {
      if (publication.kind === TrackKind.KIND_AUDIO)
        this.published.push({
          identity: participant.identity,
          source: publication.source ?? TrackSource.SOURCE_UNKNOWN,
          at: Date.now(),
        });
    });
    room.on(RoomEvent.TrackUnpublished, (publication, participant) => {
      if (publication.kind === TrackKind.KIND_AUDIO)
        this.unpublished.push({
          identity: participant.identity,
          source: publication.source ?? TrackSource.SOURCE_UNKNOWN,
          at: Date.now(),
        });
    });
  }

  static async join(ticket: Ticket): Promise<Listener> {
    return new Listener(await joinRoom(ticket, true));
  }

  /** Listens through a bot's own connection (joined with `listen: true`). */
  static of(bot: Bot): Listener {
    return new Listener(bot.room);
  }

  private async count(identity: string, track: RemoteTrack): Promise<void> {
    const heard = this.heardFrom(identity);
    try {
      for await (const frame of new AudioStream(track, RATE, 1)) {
        heard.frames += 1;
        if (rms(frame.data) > AUDIBLE_RMS) {
          heard.audible += 1;
          heard.firstAudibleAt ||= Date.now();
          heard.lastAudibleAt = Date.now();
        }
      }
    } catch {
      // The track went away (unpublished, or LiveKit restarted) before or while reading it.
    }
  }

  /** Running totals for one identity (zeros if nothing arrived). */
  heardFrom(identity: string): Heard {
    let heard = this.heard.get(identity);
    if (!heard) {
      heard = { frames: 0, audible: 0, firstAudibleAt: 0, lastAudibleAt: 0 };
      this.heard.set(identity, heard);
    }
    return heard;
  }

  /** When a remote audio track claiming `source` (the microphone unless said) went. */
  unpublishedSince(
    identity: string,
    since: number,
    source = TrackSource.SOURCE_MICROPHONE,
  ): number | undefined {
    return this.unpublished.find(
      (u) => u.identity === identity && u.source === source && u.at >= since,
    )?.at;
  }

  publishedSince(
    identity: string,
    since: number,
    source = TrackSource.SOURCE_MICROPHONE,
  ): number | undefined {
    return this.published.find(
      (p) => p.identity === identity && p.source === source && p.at >= since,
    )?.at;
  }

  close(): Promise<void> {
    return this.room.disconnect();
  }
}

function rms(data: Int16Array): number {
  let sum = 0;
  for (const x of data) sum += x * x;
  return Math.sqrt(sum / Math.max(1, data.length));
}
