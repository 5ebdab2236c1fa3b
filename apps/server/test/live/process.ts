import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { registerLog } from '../people/sign-in-from-log.ts';

export const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** A free loopback port, so a restarted server can come back on the same address. */
export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

/** Whether nothing holds `port` on any address, for TCP and for UDP. */
async function portIsFree(port: number): Promise<boolean> {
  const tcp = createServer();
  const udp = createSocket('udp4');
  try {
    tcp.listen(port, '0.0.0.0');
    await once(tcp, 'listening');
    udp.bind(port, '0.0.0.0');
    await once(udp, 'listening');
    return true;
  } catch {
    return false;
  } finally {
    tcp.close();
    udp.close();
  }
}

/**
 * Ports for one LiveKit: signalling (TCP), and media on `rtcPort` (UDP) with its TCP fallback
 * on `rtcPort + 1`. A loopback TCP probe alone is not enough: an ephemeral UDP port a media
 * client still holds, or `rtcPort + 1`, can be taken, and LiveKit then exits at start.
 */
export async function liveKitPorts(): Promise<{ port: number; rtcPort: number }> {
  const port = await freePort();
  for (let tries = 0; tries < 50; tries++) {
    const rtcPort = await freePort();
    if (rtcPort + 1 === port || rtcPort === port + 1 || rtcPort + 1 > 65535) continue;
    if ((await portIsFree(rtcPort)) && (await portIsFree(rtcPort + 1))) return { port, rtcPort };
  }
  throw new Error('No free pair of media ports after 50 tries');
}

/** The real server as a separate process, so it can be killed with SIGKILL. */
export async function spawnServer(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  let registered = false;
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const running = /Roundtable is running at (http:\/\/\S+)/.exec(output)?.[1];
      if (running && !registered) {
        registered = true;
        // Where its sign-in links are printed (MAIL=off), for sign-in-from-log.ts.
        registerLog(running, () => output);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return child;
}

export async function kill9(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
}
