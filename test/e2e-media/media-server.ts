import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { assertWebBuilt } from '../support/paths.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { liveKitPorts } from '../../apps/server/test/live/process.ts';

/** The namespace's media address (scripts/in-test-netns.sh): libwebrtc ignores loopback. */
export const NODE_IP = '10.77.0.1';

/** Chromium with ICE host candidates as real addresses, not mDNS names LiveKit cannot resolve. */
export function launchMediaBrowser(): Promise<Browser> {
  return launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
}

/** Media traffic may only flow inside the test's own namespace: refuse to run anywhere else. */
function assertInTestNamespace(): void {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  if (!addresses.some((a) => a.address === NODE_IP)) {
    throw new Error(
      `No ${NODE_IP} here: run the media browser tests through scripts/in-test-netns.sh.`,
    );
  }
}

/** The app with its own LiveKit, and the data directory that holds LiveKit's keys. */
export type MediaServer = RunningServer & { dataDir: string };

/** The app with its own LiveKit on the namespace's address; stopped by the caller. */
export async function startMediaServer(env: Record<string, string> = {}): Promise<MediaServer> {
  assertWebBuilt();
  assertInTestNamespace();
  const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-e2e-media-'));
  const media = await liveKitPorts();
  const server = await startServer({
    DATA_DIR: dataDir,
    MEDIA: '',
    LIVEKIT_NODE_IP: NODE_IP,
    LIVEKIT_PORT: String(media.port),
    LIVEKIT_RTC_PORT: String(media.rtcPort),
    ...env,
  });
  if (!/LiveKit is running/.test(server.output())) {
    await server.stop();
    throw new Error(`The server started without LiveKit:\n${server.output()}`);
  }
  return {
    ...server,
    dataDir,
    stop: async () => {
      const code = await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
