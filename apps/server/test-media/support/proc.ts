import { readdirSync, readFileSync } from 'node:fs';

/**
 * A live process whose command line ends with `args` (and whose parent is `parent`, if
 * given), read from /proc: how tests and the bench find the LiveKit a server runs.
 */
export function processWithArgs(args: readonly string[], parent?: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.slice(-args.length).join('\0') !== args.join('\0')) continue;
      // stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z' && (parent === undefined || Number(ppid) === parent)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

/** The first live child of `parent` running `program` (a path ending), if any. */
export function childRunning(parent: number, program: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv0 = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (!argv0.endsWith(program)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z' && Number(ppid) === parent) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}
