import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

export interface MailpitOptions {
  readonly binary: string;
  /** Loopback unless a person asks otherwise: the inbox has no sign-in of its own. */
  readonly host: string;
  readonly httpPort: number;
  readonly smtpPort: number;
  /** A file to keep the inbox in across restarts; a temporary one Mailpit removes otherwise. */
  readonly database?: string;
  readonly startTimeoutMs?: number;
}

export interface LocalMailpit {
  /** The web inbox a person opens; its HTTP API is under /api/v1. */
  readonly inboxUrl: string;
  /** What the mailer sends to. */
  readonly smtpUrl: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Mailpit's command line. The flags keep it from reaching out of the machine: no check of
 * GitHub for a newer release, no reverse DNS of SMTP clients, and no remote CSS or fonts
 * loaded when a person views a message. No relay is configured, so nothing is ever sent on.
 */
export function mailpitArgs(o: MailpitOptions): string[] {
  return [
    '--listen',
    `${o.host}:${o.httpPort}`,
    '--smtp',
    `${o.host}:${o.smtpPort}`,
    '--disable-version-check',
    '--smtp-disable-rdns',
    '--block-remote-css-and-fonts',
    ...(o.database ? ['--database', o.database] : []),
  ];
}

/** Mailpit reads MP_* variables as flags; none from this shell may add a relay or a listener. */
function withoutMailpitSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('MP_')));
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Whether Mailpit itself greets on this port, not some other program that holds it. */
function mailpitGreets(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (greeted: boolean) => {
      socket.destroy();
      resolve(greeted);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (greeting) => done(/^220 .*Mailpit/.test(greeting.toString())));
  });
}

/**
 * Ready means both listeners are Mailpit's: it serves HTTP before it binds SMTP, and exits
 * a moment later when the SMTP port is taken.
 */
async function waitUntilReady(o: MailpitOptions, child: ChildProcess, timeoutMs: number) {
  const url = `http://${o.host}:${o.httpPort}`;
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (hasExited(child))
      throw new Error(`Mailpit exited with ${child.signalCode ?? `code ${child.exitCode}`}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok && (await mailpitGreets(o.host, o.smtpPort, 500)))
        return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Mailpit did not answer at ${url} within ${timeoutMs} ms`);
}

/** Starts Mailpit and resolves once its HTTP API answers; rejects with what it printed. */
export async function startMailpit(o: MailpitOptions): Promise<LocalMailpit> {
  const child = spawn(o.binary, mailpitArgs(o), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withoutMailpitSettings(process.env),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    // A binary that cannot run (no such file, not executable) fails here, not by a timeout.
    await new Promise((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (error) {
    throw new Error(`Could not start ${o.binary}: ${(error as Error).message}`, { cause: error });
  }
  try {
    await waitUntilReady(o, child, o.startTimeoutMs ?? 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${(error as Error).message}\n${output}`.trimEnd(), { cause: error });
  }
  // Its log is for a person debugging Mailpit; the inbox shows everything it received.
  child.stdout?.off('data', keep);
  child.stdout?.resume();
  const stop = async () => {
    if (hasExited(child)) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(force);
  };
  const inboxUrl = `http://${o.host}:${o.httpPort}`;
  return { inboxUrl, smtpUrl: `smtp://${o.host}:${o.smtpPort}`, pid: child.pid, stop };
}
