import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { registerLog } from '../../apps/server/test/people/sign-in-from-log.ts';
import { SERVER_MAIN } from './paths.ts';

export interface RunningServer {
  /** Base URL such as `http://127.0.0.1:41234`. */
  url: string;
  /** The server process's id, to find what it started (its LiveKit). */
  pid: number;
  /** Everything the process printed so far, for failure messages. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code; kills the process if it hangs. */
  stop(): Promise<number | null>;
}

const LISTENING = /Roundtable is running at (http:\/\/\S+)/;
const STOP_GRACE_MS = 5_000;

/**
 * Starts `apps/server/src/main.ts` as its own Node process, exactly as `npm run serve` does,
 * on a port the OS picks (PORT=0; the server prints the port it got). Resolves once the
 * server has announced itself and answers /healthz.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    // Media and mail have their own tests; a LiveKit or Mailpit per server would collide on ports.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MEDIA: 'off', MAIL: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const record = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', record);
  child.stderr.on('data', record);

  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = LISTENING.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', check);
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening:\n${output}`)),
    );
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = once(child, 'exit') as Promise<[number | null]>;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    const [code] = await exited;
    clearTimeout(timer);
    return code;
  };

  const health = await fetch(`${url}/healthz`).catch((error: unknown) => error);
  if (!(health instanceof Response) || !health.ok) {
    await stop();
    throw new Error(`server at ${url} is not healthy: ${String(health)}\n${output}`);
  }
  // With MAIL=off its sign-in links are printed: tests sign in with them (support/sign-in.ts).
  registerLog(url, () => output);
  return { url, pid: child.pid ?? 0, output: () => output, stop };
}
