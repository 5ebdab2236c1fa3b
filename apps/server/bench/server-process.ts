import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerLog } from '../test/people/sign-in-from-log.ts';
import { readProc, type ProcSample } from './proc.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5000;

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  sample(): ProcSample;
  /** The server's last output lines, for a failure report. */
  tail(): string;
  /** Stops the server (SIGTERM, then SIGKILL) and deletes its data directory. */
  stop(): Promise<void>;
}

/** Servers still running, so a crash or a signal in the bench process still kills them. */
const running = new Set<() => void>();

export function killServersNow(): void {
  for (const kill of running) kill();
}

/** The real server as a separate process, with a fresh SQLite database on a free loopback port. */
export async function startServerProcess(options: {
  leaveGraceMs: number;
  /** More environment for the server, e.g. a limit the bench must not hit. */
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-bench-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ROUNDTABLE_SECRET: randomBytes(32).toString('hex'),
    ROUNDTABLE_LEAVE_GRACE_MS: String(options.leaveGraceMs),
    WEB_BUILD_DIR: join(dataDir, 'no-web-build'),
    // The bench measures the session path (state and board); a local LiveKit would compete
    // for the same two cores. BENCH_MEDIA= (empty) keeps the server's default to include it.
    MEDIA: process.env.BENCH_MEDIA ?? 'off',
    // Nothing in the bench sends mail; a Mailpit would only take its ports from a real one.
    MAIL: 'off',
    // One generator process stands for thousands of people at their own addresses: the
    // per-address limits (sessions created, joins, handshakes) would count them as one.
    // Per-participant limits stay on, as in production.
    ROUNDTABLE_RATE_EXEMPT: '127.0.0.1',
    ...options.env,
  };
  delete env.DATABASE_URL;
  // e.g. BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where the server's time goes.
  const flags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...flags, MAIN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  running.add(killNow);
  const lines = outputTail(child);
  const url = `http://127.0.0.1:${port}`;
  // With MAIL=off the sign-in link that lets the bench create sessions is printed (crew.ts).
  registerLog(url, keepOutput(child));
  try {
    await waitForStartLine(child, lines);
  } catch (error) {
    killNow();
    running.delete(killNow);
    throw error;
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    sample: () => readProc(pid),
    tail: () => lines.join('\n'),
    stop: async () => {
      running.delete(killNow);
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Keeps the last lines the server printed; reading them also keeps its pipes from filling.
 * BENCH_SERVER_LOG=<file> appends everything to a file too (with BENCH_SERVER_FLAGS=--trace-gc).
 */
function outputTail(child: ChildProcess, keep = 40): string[] {
  const lines: string[] = [];
  const log = process.env.BENCH_SERVER_LOG;
  const take = (chunk: Buffer) => {
    if (log) appendFileSync(log, chunk);
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - keep));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return lines;
}

/**
 * Everything the server printed, for the sign-in link (sign-in-from-log.ts). The bench signs in
 * right after start; past a megabyte (a long run with --trace-gc) nothing more is kept.
 */
function keepOutput(child: ChildProcess): () => string {
  let printed = '';
  const take = (chunk: Buffer) => {
    if (printed.length < 1_000_000) printed += chunk.toString();
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => printed;
}

function waitForStartLine(child: ChildProcess, lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`server did not start in ${START_TIMEOUT_MS} ms:\n${lines.join('\n')}`)),
      START_TIMEOUT_MS,
    );
    child.stdout?.on('data', () => {
      if (lines.some((l) => l.includes('Roundtable is running at'))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before starting:\n${lines.join('\n')}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
