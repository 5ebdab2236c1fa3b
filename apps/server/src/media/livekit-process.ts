import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forgetPid, rememberPid } from '../processes/leftover-process.ts';
import { endLeftoverLiveKit } from './leftover-livekit.ts';
import { Supervisor, type ExitInfo, type Run } from './supervisor.ts';

/** Where and how to reach a LiveKit deployment, with the keys to mint tokens for it. */
export interface LiveKitEndpoint {
  /** For browsers and bots: ws://127.0.0.1:7880 locally, wss://... in production. */
  readonly url: string;
  /** For the server's RPCs (RoomService): the same host over http(s). */
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
}

export interface LocalLiveKitOptions {
  readonly binary: string;
  readonly dataDir: string;
  readonly port: number;
  /** The address media flows to; 127.0.0.1 on one machine, a LAN or public address otherwise. */
  readonly nodeIp: string;
  readonly bindAddress: string;
  readonly rtcPort: number;
  /** Speaker updates interval (ms); lower means finer talk-time. */
  readonly speakerUpdateMs: number;
  readonly log: (message: string) => void;
  /** LiveKit died unexpectedly; the supervisor is about to start it again. */
  readonly onExit?: (info: ExitInfo) => void;
}

export interface LocalLiveKit {
  readonly endpoint: LiveKitEndpoint;
  /** The running LiveKit process; undefined while it is being restarted. */
  readonly pid: number | undefined;
  /** The health probe has had no answer since then: if LiveKit is alive, it is hung. */
  notAnswering(downSince: number): void;
  /** Ends supervision and LiveKit. */
  stop(): Promise<void>;
}

/** API keys kept in the data directory, generated on first start (readable by the owner only). */
function loadKeys(dataDir: string): { apiKey: string; apiSecret: string } {
  const file = join(dataDir, 'livekit-keys.json');
  if (existsSync(file))
    return JSON.parse(readFileSync(file, 'utf8')) as { apiKey: string; apiSecret: string };
  mkdirSync(dataDir, { recursive: true });
  const keys = {
    apiKey: `rt${randomBytes(6).toString('hex')}`,
    apiSecret: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

/**
 * LiveKit's configuration for a machine without internet: bound to one address, no external-IP
 * discovery (it would try public STUN and fail), and a STUN list that is not empty so clients
 * are not told to use Google's. Unknown keys stop LiveKit from starting, so keep this minimal.
 */
export function liveKitConfig(
  o: Omit<LocalLiveKitOptions, 'binary' | 'log' | 'dataDir' | 'onExit'>,
  keys: { apiKey: string; apiSecret: string },
): string {
  return [
    `port: ${o.port}`,
    `bind_addresses: ["${o.bindAddress}"]`,
    'rtc:',
    `  udp_port: ${o.rtcPort}`,
    `  tcp_port: ${o.rtcPort + 1}`,
    '  use_external_ip: false',
    `  node_ip: ${o.nodeIp}`,
    '  enable_loopback_candidate: true',
    // Media only on the advertised address. LiveKit rewrites every host candidate to node_ip,
    // so with a UDP socket on each local address it sometimes answers ICE checks from one
    // that is not node_ip, and the client drops the answers (about one start in ten failed
    // to connect anyone, in the test namespace with two local addresses).
    '  ips:',
    `    includes: ["${o.nodeIp}/32"]`,
    `  stun_servers: ["${o.nodeIp}:${o.rtcPort}"]`,
    'audio:',
    `  update_interval: ${o.speakerUpdateMs}`,
    // One interval of smoothing: talk time should end when speech ends, not a second later.
    '  smooth_intervals: 1',
    // Rooms exist only when the server creates them (a generation per LiveKit lifetime), so a
    // token from before a restart names a room that is gone instead of making a new one.
    'room:',
    '  auto_create: false',
    'keys:',
    `  ${keys.apiKey}: ${keys.apiSecret}`,
    'logging:',
    '  level: warn',
    '',
  ].join('\n');
}

async function waitUntilReady(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    signal.throwIfAborted();
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`LiveKit exited with ${child.signalCode ?? `code ${child.exitCode}`}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`LiveKit did not answer at ${url} within ${timeoutMs} ms`);
}

/** Spawns LiveKit once with the written configuration and resolves once it answers. */
async function launchLiveKit(
  o: { binary: string; configFile: string; pidFile: string; apiUrl: string },
  signal: AbortSignal,
): Promise<Run> {
  const child = spawn(o.binary, ['--config', o.configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Whatever becomes of this server, its next start can find and end this LiveKit.
  rememberPid(o.pidFile, child.pid);
  const exited = new Promise<ExitInfo>((resolve) =>
    child.once('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  // LiveKit logs to stdout and, when it cannot start (a port taken, say), says why there and
  // exits with code 0; the tail of both streams goes into the error.
  let output = '';
  const keepTail = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keepTail);
  child.stderr?.on('data', keepTail);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(force);
  };
  try {
    await waitUntilReady(o.apiUrl, child, 20_000, signal);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  return { pid: child.pid, exited, stop, kill: () => child.kill('SIGKILL') };
}

/**
 * Starts the cached LiveKit binary and resolves once it answers. From then on it is
 * supervised: if it dies it is started again with the same ports, keys and configuration,
 * after a backoff, until stop().
 */
export async function startLocalLiveKit(o: LocalLiveKitOptions): Promise<LocalLiveKit> {
  const keys = loadKeys(o.dataDir);
  const configFile = join(o.dataDir, 'livekit.yaml');
  writeFileSync(configFile, liveKitConfig(o, keys), { mode: 0o600 });
  const apiUrl = `http://${o.bindAddress}:${o.port}`;
  const pidFile = join(o.dataDir, 'livekit.pid');
  const leftover = await endLeftoverLiveKit({ pidFile, configFile });
  if (leftover !== undefined)
    o.log(`Ended the LiveKit (pid ${leftover}) that a previous run of this server left running`);
  const launch = (signal: AbortSignal) =>
    launchLiveKit({ binary: o.binary, configFile, pidFile, apiUrl }, signal);
  const first = await launch(new AbortController().signal);
  o.log(
    `LiveKit is running at ws://${o.bindAddress}:${o.port} (pid ${first.pid}, media on ${o.nodeIp}, UDP ${o.rtcPort})`,
  );
  const supervisor = new Supervisor(first, {
    name: 'LiveKit',
    launch,
    log: o.log,
    now: Date.now,
    ...(o.onExit && { onExit: o.onExit }),
  });
  return {
    endpoint: { url: `ws://${o.bindAddress}:${o.port}`, apiUrl, ...keys },
    get pid() {
      return supervisor.pid;
    },
    notAnswering: (downSince) => supervisor.notAnswering(downSince),
    stop: async () => {
      await supervisor.stop();
      forgetPid(pidFile);
    },
  };
}
