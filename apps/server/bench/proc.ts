import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What the kernel says about the server process at one instant. */
export interface ProcSample {
  /** User plus system CPU time since the process started. */
  readonly cpuSeconds: number;
  readonly rssBytes: number;
  /** The peak resident set so far. */
  readonly peakRssBytes: number;
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime and stime from /proc/<pid>/stat (fields 14 and 15), VmRSS and VmHWM from status. */
export function readProc(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; the fields after it are fixed (field 3 is the state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[14 - 3]) + Number(fields[15 - 3]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return {
    cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND,
    rssBytes: kb('VmRSS') * 1024,
    peakRssBytes: kb('VmHWM') * 1024,
  };
}

/** CPU time of the whole machine, all cores, from the first line of /proc/stat. */
export interface MachineSample {
  readonly busySeconds: number;
  readonly totalSeconds: number;
  /** Time the hypervisor ran something else while this machine wanted a core. */
  readonly stealSeconds: number;
}

export function readMachine(): MachineSample {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  // cpu  user nice system idle iowait irq softirq steal ...
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = ticks[3]! + ticks[4]!;
  return {
    busySeconds: (total - idle) / CLOCK_TICKS_PER_SECOND,
    totalSeconds: total / CLOCK_TICKS_PER_SECOND,
    stealSeconds: ticks[7]! / CLOCK_TICKS_PER_SECOND,
  };
}
