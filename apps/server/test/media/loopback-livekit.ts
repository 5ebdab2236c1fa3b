import { liveKitPorts } from '../live/process.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { REPO_ROOT } from '../../src/config.ts';
import { liveKitBinaryPath } from '../../src/media/livekit-binary.ts';
import type { LocalLiveKitOptions } from '../../src/media/livekit-process.ts';

/**
 * Options for a real LiveKit on loopback with a data directory of its own (removed when the
 * test ends): its RoomService is plain HTTP, which is all these tests use, so no namespace.
 */
export async function loopbackLiveKitOptions(
  overrides: Partial<LocalLiveKitOptions> = {},
): Promise<LocalLiveKitOptions> {
  const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-livekit-'));
  const { port, rtcPort } = await liveKitPorts();
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  return {
    binary: liveKitBinaryPath(process.env, REPO_ROOT),
    dataDir,
    port,
    nodeIp: '127.0.0.1',
    bindAddress: '127.0.0.1',
    rtcPort,
    speakerUpdateMs: 100,
    log: () => {},
    ...overrides,
  };
}
