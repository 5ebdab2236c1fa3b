import { existsSync } from 'node:fs';
import type { LiveClient } from '@roundtable/client';
import {
  readStateValue,
  STATE_ROOT,
  type MediaTokenReply,
  type StateKey,
  type StateValues,
} from '@roundtable/wire';
import { onTestFinished } from 'vitest';
import { REPO_ROOT } from '../../src/config.ts';
import type { App } from '../../src/app.ts';
import { liveKitBinaryPath } from '../../src/media/livekit-binary.ts';
import { startLocalLiveKit, type LocalLiveKit } from '../../src/media/livekit-process.ts';
import { startAppAt, tempDataDir } from '../../test/live/harness.ts';
import { liveKitPorts } from '../../test/live/process.ts';

/** The namespace's media address (scripts/in-test-netns.sh): libwebrtc ignores loopback. */
export const NODE_IP = '10.77.0.1';

/** The LiveKit binary; the media suite fails, never skips, when it is missing. */
export function liveKitBinary(): string {
  const binary = liveKitBinaryPath(process.env, REPO_ROOT);
  if (!existsSync(binary))
    throw new Error(`No LiveKit at ${binary}: run scripts/build-livekit.sh (needs Go).`);
  return binary;
}

/** The app with its own local LiveKit on the namespace's address; both stop when the test ends. */
export async function startMediaApp(extra: Record<string, string> = {}): Promise<App> {
  const dataDir = await tempDataDir();
  const { port, rtcPort } = await liveKitPorts();
  // Without the binary the app would quietly run without media; fail instead.
  const binary = liveKitBinary();
  const app = await startAppAt(dataDir, {
    MEDIA: '',
    LIVEKIT_NODE_IP: NODE_IP,
    LIVEKIT_PORT: String(port),
    LIVEKIT_RTC_PORT: String(rtcPort),
    LIVEKIT_BINARY: binary,
    ROUNDTABLE_LEAVE_GRACE_MS: '100',
    ...extra,
  });
  return app;
}

/** A LiveKit the test owns (to stop and restart it), for an app in external mode. */
export async function startTestLiveKit(
  dataDir: string,
): Promise<LocalLiveKit & { restart(): Promise<LocalLiveKit> }> {
  const options = {
    binary: liveKitBinary(),
    dataDir,
    ...(await liveKitPorts()),
    nodeIp: NODE_IP,
    bindAddress: '127.0.0.1',
    speakerUpdateMs: 100,
    log: () => {},
  };
  let current = await startLocalLiveKit(options);
  onTestFinished(() => current.stop());
  return {
    endpoint: current.endpoint,
    get pid() {
      return current.pid;
    },
    notAnswering: (downSince) => current.notAnswering(downSince),
    stop: () => current.stop(),
    // Same ports and keys (kept in dataDir), so the app's LIVEKIT_URL stays right.
    restart: async () => (current = await startLocalLiveKit(options)),
  };
}

/** A successful media token reply, or the test fails with the server's reason. */
export async function tokenOf(client: LiveClient): Promise<Extract<MediaTokenReply, { ok: true }>> {
  const reply = await client.mediaToken();
  if (!reply.ok) throw new Error(`no media token: ${reply.error.code} ${reply.error.message}`);
  return reply;
}

/** A server-owned key of the state document, as this client sees it. */
export function stateKey<K extends StateKey>(
  client: LiveClient,
  key: K,
): StateValues[K] | undefined {
  return readStateValue(client.docs.state.getMap(STATE_ROOT), key);
}
