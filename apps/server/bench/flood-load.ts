/**
 * `npm run bench`, second part: does one member flooding at its rate limits slow everyone
 * else down? The honest load of live-load.ts runs three times, each on a fresh server: as a
 * baseline, with one peer of session 0 sending commands and board updates as fast as the
 * limits allow, and as a baseline again. The others' edit p99 with the flood is compared with
 * both baselines' (goal: at most 2x).
 */
import { readBenchConfig } from './config.ts';
import { FloodCounts, FLOOD_PACE, FLOODER_INDEX, startFlood } from './flooder.ts';
import { runScenario, type ScenarioHooks } from './load-generator.ts';
import { Recorder } from './observations.ts';
import { probeCpuMs } from './cpu-probe.ts';
import { figuresOf } from './report.ts';
import { startServerProcess } from './server-process.ts';
import { runBench } from './run-bench.ts';
import { summarize, type Summary } from './stats.ts';

const LEAVE_GRACE_MS = 3_600_000;
const GOAL_RATIO = 2;

interface Run {
  readonly ownSession: Recorder;
  readonly otherSessions: Recorder;
  readonly counts: FloodCounts | null;
  readonly failure: string | null;
  /** What else the machine did meanwhile, to judge how far the run's p99 is the server's. */
  readonly context: string;
}

async function run(sessions: number, flood: boolean): Promise<Run> {
  const config = readBenchConfig(process.env);
  const ownSession = new Recorder();
  const otherSessions = new Recorder();
  const counts = flood ? new FloodCounts() : null;
  const hooks: ScenarioHooks = {
    recorderOf: (i) => (i === 0 ? ownSession : otherSessions),
    // At baseline the flooder-to-be is idle too, so both runs measure the same people.
    isQuiet: (member, i) => i === 0 && member.index === FLOODER_INDEX,
    ...(counts ? { alongside: (crews) => startFlood(crews[0]!, counts) } : {}),
  };
  const cpuProbeMs = probeCpuMs();
  const server = await startServerProcess({ leaveGraceMs: LEAVE_GRACE_MS });
  try {
    const idle = server.sample();
    const outcome = await runScenario(server, sessions, config, hooks);
    if (outcome.failure) console.error(`\nServer output before the failure:\n${server.tail()}`);
    const f = figuresOf(sessions, outcome, idle, cpuProbeMs);
    const pct = (x: number | null) => (x === null ? 'n/a' : `${x.toFixed(0)} %`);
    const context =
      `other sessions' edit p99 ${ms(summarize(otherSessions.editLatency), 'p99')};` +
      ` server CPU ${pct(f.serverCpuPercent)}, generator ${pct(f.generatorCpuPercent)},` +
      ` other work ${pct(f.othersCpuPercent)} of a core; steal ${pct(f.stealPercent)};` +
      ` generator loop delay p99 ${outcome.window?.generatorLoopDelayP99Ms.toFixed(0) ?? 'n/a'} ms;` +
      ` CPU probe ${cpuProbeMs.toFixed(1)} ms`;
    return { ownSession, otherSessions, counts, failure: outcome.failure, context };
  } finally {
    await server.stop();
  }
}

/** Both baselines' samples as one run. */
function joined(a: Run, b: Run): Run {
  const merge = (x: Recorder, y: Recorder) => {
    const into = new Recorder();
    into.editLatency.push(...x.editLatency, ...y.editLatency);
    into.changeLatency.push(...x.changeLatency, ...y.changeLatency);
    for (const [what, n] of [...x.errors.entries(), ...y.errors.entries()])
      for (let i = 0; i < n; i++) into.errors.add(what);
    return into;
  };
  return {
    ownSession: merge(a.ownSession, b.ownSession),
    otherSessions: merge(a.otherSessions, b.otherSessions),
    counts: null,
    failure: null,
    context: '',
  };
}

const ms = (s: Summary | null, key: 'p50' | 'p99') => (s ? `${s[key].toFixed(1)} ms` : 'n/a');
const ratio = (a: Summary | null, b: Summary | null) =>
  a && b && a.p99 > 0 ? b.p99 / a.p99 : null;

function row(what: string, base: number[], flood: number[]): string {
  const a = summarize(base);
  const b = summarize(flood);
  const r = ratio(a, b);
  const verdict = r === null ? '' : r <= GOAL_RATIO ? ' (within 2x)' : ' (OVER 2x)';
  return (
    `  ${what.padEnd(34)} p99 ${ms(a, 'p99').padStart(9)} -> ${ms(b, 'p99').padStart(9)}` +
    `   ratio ${r === null ? 'n/a' : r.toFixed(2)}${verdict}` +
    `   (p50 ${ms(a, 'p50')} -> ${ms(b, 'p50')}; n ${a?.count ?? 0} / ${b?.count ?? 0})`
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const config = readBenchConfig(process.env);
  const sessions = Number(process.env.BENCH_FLOOD_SESSIONS ?? '25');
  if (!Number.isInteger(sessions) || sessions < 2)
    throw new Error(`BENCH_FLOOD_SESSIONS must be a whole number of at least 2`);
  const hardStop = setTimeout(
    () => {
      console.error('\nFlood bench: hard timeout, stopping everything.');
      process.exit(2);
    },
    3 * (120_000 + config.warmupMs + config.measureMs + config.drainMs + sessions * 500),
  );
  hardStop.unref();
  console.log(
    `\nFlood bench: ${sessions} sessions of eight with the honest load, three times on a fresh server;` +
      ` in the second run one peer of session 0 floods at its limits: a command every` +
      ` ${FLOOD_PACE.commandMs.toFixed(0)} ms, and a board update rewriting ${FLOOD_PACE.cardsPerEdit}` +
      ` cards of 1,000 characters every ${FLOOD_PACE.editMs.toFixed(1)} ms. ${config.warmupMs / 1000} s warm-up,` +
      ` ${config.measureMs / 1000} s measured; the flooder's own planned edits are left out of both runs.`,
  );
  // Baseline, flood, baseline: the two baselines together cancel out whatever drifts over the
  // run (the generator's JIT warming up, other work on the machine).
  const first = await run(sessions, false);
  const flood = await run(sessions, true);
  const last = await run(sessions, false);
  for (const [name, r] of [
    ['first baseline', first],
    ['flood', flood],
    ['last baseline', last],
  ] as const)
    if (r.failure) throw new Error(`${name} run failed: ${r.failure}`);
  const base = joined(first, last);
  for (const [name, r] of [
    ['first baseline', first],
    ['flood', flood],
    ['last baseline', last],
  ] as const)
    console.log(`  ${name.padEnd(15)} ${r.context}`);

  console.log(`Edit latency (sent to seen by all seven others), both baselines -> flood:`);
  console.log(
    row('other sessions', base.otherSessions.editLatency, flood.otherSessions.editLatency),
  );
  console.log(
    row("the flooder's session, others", base.ownSession.editLatency, flood.ownSession.editLatency),
  );
  console.log(
    row(
      'other sessions, phase/turn changes',
      base.otherSessions.changeLatency,
      flood.otherSessions.changeLatency,
    ),
  );
  console.log(
    row(
      "flooder's session, changes",
      base.ownSession.changeLatency,
      flood.ownSession.changeLatency,
    ),
  );
  console.log(
    `Flooder: commands ${flood.counts!.line('commands')}; board edits ${flood.counts!.line('edits')}.`,
  );
  for (const [name, r] of [
    ['baseline', base],
    ['flood', flood],
  ] as const) {
    const errors = [...r.ownSession.errors.entries(), ...r.otherSessions.errors.entries()];
    if (errors.length > 0)
      console.log(
        `Honest errors (${name}): ${errors.map(([what, n]) => `${what} ${n}`).join(', ')}`,
      );
  }
  console.log(`Flood bench runtime ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

runBench(main);
