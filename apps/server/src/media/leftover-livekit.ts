import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/*
 * A server killed outright (SIGKILL, OOM, a power cut of the container's init) cannot stop its
 * LiveKit child, which then holds the ports, so the next start would run without media. The
 * server keeps the pid of the LiveKit it runs in the data directory; on start, a LiveKit still
 * running from that file with this data directory's configuration is ended first. The command
 * line is checked, so a pid that was reused by another program is never touched.
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

function isLiveKitWith(pid: number, configFile: string): boolean {
  const argv = commandLine(pid);
  return !!argv && argv.at(-2) === '--config' && argv.at(-1) === configFile;
}

export function rememberLiveKit(pidFile: string, pid: number | undefined): void {
  if (pid !== undefined) writeFileSync(pidFile, `${pid}\n`, { mode: 0o600 });
}

export function forgetLiveKit(pidFile: string): void {
  rmSync(pidFile, { force: true });
}

/**
 * Ends the LiveKit a previous run of the server left behind, if any: SIGTERM, then SIGKILL
 * after `graceMs`. Resolves with its pid once it is gone, or undefined if there was none.
 */
export async function endLeftoverLiveKit(o: {
  pidFile: string;
  configFile: string;
  graceMs?: number;
}): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(o.pidFile, 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !isLiveKitWith(pid, o.configFile)) {
    forgetLiveKit(o.pidFile);
    return undefined;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + (o.graceMs ?? 3000);
  while (isLiveKitWith(pid, o.configFile)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 50));
  }
  forgetLiveKit(o.pidFile);
  return pid;
}
