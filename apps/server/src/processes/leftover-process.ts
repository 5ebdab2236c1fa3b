import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/*
 * A server killed outright (SIGKILL, OOM, a power cut of the container's init) cannot stop the
 * children it runs (LiveKit, Mailpit), which then hold their ports, so the next start would
 * find them taken. The server keeps each child's pid in the data directory; on start, a child
 * still running from that file is ended first. Its command line is checked (`isOurs`), so a
 * pid that was reused by another program is never touched.
 */

/** The command line of a live process, or undefined (gone, a zombie, or no /proc here). */
function commandLine(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

export function rememberPid(pidFile: string, pid: number | undefined): void {
  if (pid !== undefined) writeFileSync(pidFile, `${pid}\n`, { mode: 0o600 });
}

export function forgetPid(pidFile: string): void {
  rmSync(pidFile, { force: true });
}

/**
 * Ends the child a previous run left behind, if any: SIGTERM, then SIGKILL after `graceMs`.
 * Resolves with its pid once it is gone, or undefined if there was none.
 */
export async function endLeftover(o: {
  pidFile: string;
  /** Whether a command line is the child this pid file was written for. */
  isOurs: (argv: readonly string[]) => boolean;
  graceMs?: number | undefined;
}): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(o.pidFile, 'utf8'), 10);
  } catch {
    return undefined;
  }
  const alive = () => {
    const argv = commandLine(pid);
    return argv !== undefined && o.isOurs(argv);
  };
  if (!Number.isInteger(pid) || pid <= 1 || !alive()) {
    forgetPid(o.pidFile);
    return undefined;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + (o.graceMs ?? 3000);
  while (alive()) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
  forgetPid(o.pidFile);
  return pid;
}
