import { afterExit, noFailures, RESTART_BACKOFF, type BackoffPolicy } from './restart-backoff.ts';

/** How a process ended: an exit code, or the signal that killed it. */
export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** One running child process, started and ready. */
export interface Run {
  readonly pid: number | undefined;
  /** Settles once the process has exited, for whatever reason. */
  readonly exited: Promise<ExitInfo>;
  /** Ends the process on purpose; resolves once it is gone. */
  stop(): Promise<void>;
  /** Ends it at once (SIGKILL), as a crash: it is hung. */
  kill(): void;
}

/** A LiveKit that has not answered the probe for this long, while running, is hung. */
export const HUNG_AFTER_MS = 10_000;

/**
 * Pure: is the running process hung? Only if it was already running when the probe last
 * stopped getting answers (a process started since has not been asked yet), and that was at
 * least `afterMs` ago.
 */
export function isHung(
  runStartedAt: number,
  downSince: number,
  now: number,
  afterMs = HUNG_AFTER_MS,
): boolean {
  return runStartedAt <= downSince && now - downSince >= afterMs;
}

export interface SupervisorOptions {
  /** For the log: "LiveKit". */
  readonly name: string;
  /** Starts the process and resolves once it is ready; rejects if it never is or `signal` aborts. */
  readonly launch: (signal: AbortSignal) => Promise<Run>;
  readonly log: (message: string) => void;
  readonly now: () => number;
  readonly policy?: BackoffPolicy;
  /** The process died unexpectedly (not through stop()). */
  readonly onExit?: (info: ExitInfo) => void;
}

/**
 * Keeps a child process running: when it exits unexpectedly it is launched again, the same
 * way, after a backoff (restart-backoff.ts), and the log says what happened and what comes
 * next. stop() ends supervision and the process, including a start still under way.
 */
export class Supervisor {
  private current: Run | null = null;
  private startedAt = 0;
  private backoff = noFailures;
  private timer: NodeJS.Timeout | undefined;
  private launching: Promise<void> | undefined;
  /** The run killed as hung, so it is killed once. */
  private killed: Run | null = null;
  private readonly abort = new AbortController();
  private readonly opts: SupervisorOptions;

  constructor(first: Run, opts: SupervisorOptions) {
    this.opts = opts;
    this.watch(first);
  }

  /** The running process's id; undefined between a crash and the restart. */
  get pid(): number | undefined {
    return this.current?.pid;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private watch(run: Run): void {
    this.current = run;
    this.startedAt = this.opts.now();
    void run.exited.then((info) => this.exited(run, info));
  }

  private exited(run: Run, info: ExitInfo): void {
    if (this.stopped || run !== this.current) return;
    this.current = null;
    const upFor = this.opts.now() - this.startedAt;
    this.opts.onExit?.(info);
    this.scheduleRestart(
      upFor,
      `(pid ${run.pid}) exited unexpectedly (${describeExit(info)}) after ${seconds(upFor)}`,
    );
  }

  private scheduleRestart(upForMs: number, what: string): void {
    const next = afterExit(this.backoff, upForMs, this.opts.policy ?? RESTART_BACKOFF);
    this.backoff = next.backoff;
    this.opts.log(
      `${this.opts.name} ${what}; restarting in ${seconds(next.delayMs)} (attempt ${next.attempt})`,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.launching = this.restart(next.attempt);
    }, next.delayMs);
  }

  private async restart(attempt: number): Promise<void> {
    let run: Run;
    try {
      run = await this.opts.launch(this.abort.signal);
    } catch (error) {
      if (this.stopped) return;
      // A start that never became ready counts as a crash at once: the wait keeps doubling.
      this.scheduleRestart(0, `restart attempt ${attempt} failed: ${messageOf(error)}`);
      return;
    }
    if (this.stopped) return run.stop();
    this.opts.log(
      `${this.opts.name} restarted (pid ${run.pid}, attempt ${attempt}) with the same ports, keys and configuration`,
    );
    this.watch(run);
  }

  /**
   * The health probe has had no answer since `downSince`. A process that is still alive then,
   * and was running before that, does not die by itself: it is killed, and restarted with the
   * usual backoff as after a crash.
   */
  notAnswering(downSince: number): void {
    const run = this.current;
    const now = this.opts.now();
    if (!run || this.stopped || this.killed === run || !isHung(this.startedAt, downSince, now))
      return;
    this.killed = run;
    this.opts.log(
      `${this.opts.name} (pid ${run.pid}) has not answered for ${seconds(now - downSince)}; killing it (SIGKILL) to restart it`,
    );
    run.kill();
  }

  /** Ends supervision: no more restarts, the process stopped, a start under way abandoned. */
  async stop(): Promise<void> {
    this.abort.abort();
    clearTimeout(this.timer);
    await this.launching;
    await this.current?.stop();
    this.current = null;
  }
}

function describeExit(info: ExitInfo): string {
  return info.signal ? `signal ${info.signal}` : `exit code ${info.code}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
