import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/*
 * A server killed outright (SIGKILL, OOM) cannot stop its Mailpit child, which then holds the
 * inbox's ports, so the next start would find them taken. The server keeps the pid of the
 * Mailpit it runs in the data directory; on start, a Mailpit still running from that file
 * with this data directory's database is ended first. The command line is checked, so a pid
 * reused by another program is never touched (the same scheme as media/leftover-livekit.ts).
 */

function isMailpitWith(pid: number, database: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const at = argv.indexOf('--database');
    return at >= 0 && argv[at + 1] === database;
  } catch {
    return false;
  }
}

export function rememberMailpit(pidFile: string, pid: number | undefined): void {
  if (pid !== undefined) writeFileSync(pidFile, `${pid}\n`, { mode: 0o600 });
}

export function forgetMailpit(pidFile: string): void {
  rmSync(pidFile, { force: true });
}

/** Ends the Mailpit a previous run left behind; resolves with its pid, or undefined if none. */
export async function endLeftoverMailpit(o: {
  pidFile: string;
  database: string;
}): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(o.pidFile, 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !isMailpitWith(pid, o.database)) {
    forgetMailpit(o.pidFile);
    return undefined;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 3000;
  while (isMailpitWith(pid, o.database)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
  forgetMailpit(o.pidFile);
  return pid;
}
