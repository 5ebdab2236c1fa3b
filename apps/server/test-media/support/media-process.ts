import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { serverEnv, tempDataDir } from '../../test/live/harness.ts';
import { freePort, liveKitPorts, spawnServer } from '../../test/live/process.ts';
import { liveKitBinary, NODE_IP } from './media-app.ts';
import { processWithArgs } from './proc.ts';

/** The real server as its own process with its own supervised LiveKit, as `npm start` runs it. */
export interface MediaServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly dataDir: string;
  readonly env: Record<string, string>;
  readonly liveKitApiUrl: string;
  /** What the server printed since it started (stdout and stderr). */
  output(): string;
  stderr(): string;
  /** The pid of the LiveKit this server runs now, found from its configuration file. */
  liveKitPid(): number | undefined;
}

/** A new server on a new data directory, or, given `again`, another start of an earlier one. */
export async function startMediaServerProcess(
  again?: Pick<MediaServerProcess, 'dataDir' | 'env'>,
): Promise<MediaServerProcess> {
  const dataDir = again?.dataDir ?? (await tempDataDir());
  const media = await liveKitPorts();
  const env =
    again?.env ??
    serverEnv(dataDir, {
      PORT: String(await freePort()),
      MEDIA: '',
      LIVEKIT_NODE_IP: NODE_IP,
      LIVEKIT_PORT: String(media.port),
      LIVEKIT_RTC_PORT: String(media.rtcPort),
      LIVEKIT_BINARY: liveKitBinary(),
      ROUNDTABLE_LEAVE_GRACE_MS: '100',
    });
  const child = await spawnServer(env);
  let output = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    stderr += chunk.toString();
  });
  const configFile = join(dataDir, 'livekit.yaml');
  const liveKitPid = () => processWithArgs(['--config', configFile], child.pid);
  // Runs before spawnServer's SIGKILL (hooks run last-in first): a server killed outright
  // would leave its LiveKit running, holding its ports.
  onTestFinished(async () => {
    const orphan = liveKitPid();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    if (orphan !== undefined && processWithArgs(['--config', configFile]) === orphan)
      process.kill(orphan, 'SIGKILL');
  });
  return {
    url: `http://127.0.0.1:${env.PORT}`,
    child,
    dataDir,
    env,
    liveKitApiUrl: `http://127.0.0.1:${env.LIVEKIT_PORT}`,
    output: () => output,
    stderr: () => stderr,
    liveKitPid,
  };
}
