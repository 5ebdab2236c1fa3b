import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { isHung, Supervisor, type ExitInfo, type Run } from '../../src/media/supervisor.ts';

/** A process stand-in whose exit the test decides, so the timing is the test's to control. */
function fakeRun(pid: number) {
  let exit!: (info: ExitInfo) => void;
  const exited = new Promise<ExitInfo>((resolve) => (exit = resolve));
  const run: Run & { stopped: boolean; killed: number } = {
    pid,
    exited,
    stopped: false,
    stop: async () => {
      run.stopped = true;
      exit({ code: 0, signal: null });
    },
    kill: () => {
      run.killed += 1;
      exit({ code: null, signal: 'SIGKILL' });
    },
    killed: 0,
  };
  return { run, crash: (signal: NodeJS.Signals = 'SIGKILL') => exit({ code: null, signal }) };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function supervised(opts: { failStarts?: number } = {}) {
  const runs = [fakeRun(1)];
  const log: string[] = [];
  const exits: ExitInfo[] = [];
  let failures = opts.failStarts ?? 0;
  const launches: number[] = [];
  const supervisor = new Supervisor(runs[0]!.run, {
    name: 'LiveKit',
    log: (m) => log.push(m),
    now: () => Date.now(),
    onExit: (info) => exits.push(info),
    launch: async () => {
      launches.push(Date.now());
      if (failures-- > 0) throw new Error('port taken\nmore detail');
      const next = fakeRun(runs.length + 1);
      runs.push(next);
      return next.run;
    },
  });
  return { supervisor, runs, log, exits, launches };
}

test('a crash is restarted after 0.5 s, said in the log with the signal and the next attempt', async () => {
  const { supervisor, runs, log, exits, launches } = supervised();
  await vi.advanceTimersByTimeAsync(3000);
  runs[0]!.crash();
  await vi.advanceTimersByTimeAsync(0);
  expect(supervisor.pid).toBeUndefined();
  expect(exits).toEqual([{ code: null, signal: 'SIGKILL' }]);
  expect(log).toEqual([
    'LiveKit (pid 1) exited unexpectedly (signal SIGKILL) after 3.0 s; restarting in 0.5 s (attempt 1)',
  ]);
  await vi.advanceTimersByTimeAsync(499);
  expect(launches).toHaveLength(0);
  await vi.advanceTimersByTimeAsync(1);
  expect(launches).toHaveLength(1);
  expect(supervisor.pid).toBe(2);
  expect(log[1]).toBe(
    'LiveKit restarted (pid 2, attempt 1) with the same ports, keys and configuration',
  );
});

test('crashing again soon doubles the wait; failed starts count as crashes; a long run resets it', async () => {
  const { runs, log, launches } = supervised({ failStarts: 2 });
  const start = Date.now();
  runs[0]!.crash();
  // Attempt 1 at 0.5 s fails, attempt 2 after 1 s more fails, attempt 3 after 2 s more starts.
  await vi.advanceTimersByTimeAsync(3500);
  expect(launches.map((t) => t - start)).toEqual([500, 1500, 3500]);
  expect(log[1]).toBe(
    'LiveKit restart attempt 1 failed: port taken; restarting in 1.0 s (attempt 2)',
  );
  runs[1]!.crash();
  await vi.advanceTimersByTimeAsync(0);
  expect(log.at(-1)).toMatch(/restarting in 4\.0 s \(attempt 4\)$/);
  await vi.advanceTimersByTimeAsync(4000);
  // Up for a minute: healthy. The next crash is a first crash again.
  await vi.advanceTimersByTimeAsync(60_000);
  runs[2]!.crash('SIGSEGV');
  await vi.advanceTimersByTimeAsync(0);
  expect(log.at(-1)).toBe(
    'LiveKit (pid 3) exited unexpectedly (signal SIGSEGV) after 60.0 s; restarting in 0.5 s (attempt 1)',
  );
});

test('stop() ends the process and supervision: no restart follows', async () => {
  const { supervisor, runs, launches, exits } = supervised();
  await supervisor.stop();
  expect(runs[0]!.run.stopped).toBe(true);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(launches).toHaveLength(0);
  expect(exits).toHaveLength(0);
});

test('stop() during the wait before a restart cancels it', async () => {
  const { supervisor, runs, launches } = supervised();
  runs[0]!.crash();
  await vi.advanceTimersByTimeAsync(100);
  await supervisor.stop();
  await vi.advanceTimersByTimeAsync(60_000);
  expect(launches).toHaveLength(0);
  expect(supervisor.pid).toBeUndefined();
});

describe('a LiveKit that is alive but does not answer', () => {
  test.each([
    ['running before the probe went down, down 10 s', 0, 1000, 11_000, true],
    ['down 9.9 s: not yet', 0, 1000, 10_900, false],
    ['started after the probe went down (a restart not asked yet)', 2000, 1000, 20_000, false],
  ])('%s: hung %s', (_what, startedAt, downSince, now, hung) => {
    expect(isHung(startedAt, downSince, now)).toBe(hung);
  });

  test('is killed once, said in the log, and restarted with the usual backoff', async () => {
    const { supervisor, runs, log, exits, launches } = supervised();
    await vi.advanceTimersByTimeAsync(5000);
    const downSince = Date.now();
    await vi.advanceTimersByTimeAsync(9_999);
    supervisor.notAnswering(downSince);
    expect(runs[0]!.run.killed).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    supervisor.notAnswering(downSince);
    supervisor.notAnswering(downSince);
    expect(runs[0]!.run.killed).toBe(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([{ code: null, signal: 'SIGKILL' }]);
    expect(log).toEqual([
      'LiveKit (pid 1) has not answered for 10.0 s; killing it (SIGKILL) to restart it',
      'LiveKit (pid 1) exited unexpectedly (signal SIGKILL) after 15.0 s; restarting in 0.5 s (attempt 1)',
    ]);
    await vi.advanceTimersByTimeAsync(500);
    expect(launches).toHaveLength(1);
    expect(supervisor.pid).toBe(2);
    // The new run was not running when the probe went down: not hung, however long ago that was.
    supervisor.notAnswering(downSince);
    expect(runs[1]!.run.killed).toBe(0);
    await supervisor.stop();
  });
});
