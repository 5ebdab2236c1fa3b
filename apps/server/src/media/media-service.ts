import type { MediaConfig } from '../config.ts';
import { REPO_ROOT } from '../config.ts';
import { hasLiveKitBinary, liveKitBinaryPath } from './livekit-binary.ts';
import { startLocalLiveKit, type LiveKitEndpoint } from './livekit-process.ts';

/** Whether the room has audio and video, and if not, a reason a person can act on. */
export type MediaStatus = { available: true; url: string } | { available: false; reason: string };

export interface Media {
  readonly status: MediaStatus;
  readonly endpoint: LiveKitEndpoint | null;
  /**
   * The health probe has had no answer since `downSince`: a local LiveKit still alive is hung
   * and is killed to be restarted. Nothing for an external one (not ours).
   */
  notAnswering(downSince: number): void;
  /**
   * Calls `listener` whenever the local LiveKit dies (its supervisor restarts it); never for
   * an external one. Returns the function that stops listening.
   */
  onExited(listener: () => void): () => void;
  stop(): Promise<void>;
}

const noExits = () => () => undefined;

const none = (reason: string): Media => ({
  status: { available: false, reason },
  endpoint: null,
  notAnswering: () => {},
  onExited: noExits,
  stop: async () => {},
});

/**
 * Brings up media as configured. Never fails the app: without LiveKit the meeting still runs
 * (phases, turns, board) and every participant is told why there is no audio or video.
 */
export async function startMedia(
  config: MediaConfig,
  dataDir: string,
  log: (m: string) => void,
): Promise<Media> {
  if (config.mode === 'off')
    return none('Audio and video are switched off on this server (MEDIA=off).');
  if (config.mode === 'external') {
    const apiUrl = config.url.replace(/^ws/, 'http');
    const endpoint = {
      url: config.url,
      apiUrl,
      apiKey: config.apiKey,
      apiSecret: config.apiSecret,
    };
    // Not ours to restart: the health probe only reports when it stops and starts answering.
    log(`Media: using the LiveKit deployment at ${config.url}`);
    return {
      status: { available: true, url: config.url },
      endpoint,
      notAnswering: () => {},
      onExited: noExits,
      stop: async () => {},
    };
  }
  const binary = config.binary ?? liveKitBinaryPath(process.env, REPO_ROOT);
  if (!hasLiveKitBinary(binary)) {
    const reason = `LiveKit is not built (no ${binary}; run scripts/build-livekit.sh, which needs Go), so there is no audio or video.`;
    log(`Media: ${reason}`);
    return none(
      'This server has no media server, so there is no audio or video; the meeting itself works.',
    );
  }
  return startLocal(config, binary, dataDir, log);
}

/** A LiveKit process of our own, supervised (restarted when it dies). */
async function startLocal(
  config: Extract<MediaConfig, { mode: 'local' }>,
  binary: string,
  dataDir: string,
  log: (m: string) => void,
): Promise<Media> {
  const exits = new Set<() => void>();
  try {
    const local = await startLocalLiveKit({
      binary,
      dataDir,
      port: config.port,
      rtcPort: config.rtcPort,
      nodeIp: config.nodeIp,
      bindAddress: '127.0.0.1',
      // Talk time: LiveKit notices speech ending later than starting, less so with finer
      // updates. In the media tests 3 s of speech counted as 3.37-3.58 s at 200 ms, and as
      // 2.92-3.09 s at 100 ms.
      speakerUpdateMs: 100,
      log,
      onExit: () => exits.forEach((listener) => listener()),
    });
    return {
      status: { available: true, url: local.endpoint.url },
      endpoint: local.endpoint,
      notAnswering: (downSince) => local.notAnswering(downSince),
      onExited: (listener) => {
        exits.add(listener);
        return () => exits.delete(listener);
      },
      stop: () => local.stop(),
    };
  } catch (error) {
    log(`Media: LiveKit did not start: ${error instanceof Error ? error.message : String(error)}`);
    return none(
      'The media server did not start, so there is no audio or video; the meeting itself works.',
    );
  }
}
