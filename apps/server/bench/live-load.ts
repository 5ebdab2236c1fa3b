/**
 * `npm run bench`: the live server under S sessions of eight clients each, measured from the
 * generator's clock. The server is a separate process; the generator is this one.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { readBenchConfig, TARGETS } from './config.ts';
import { probeCpuMs } from './cpu-probe.ts';
import { runScenario } from './load-generator.ts';
import {
  figuresOf,
  scenarioBlock,
  summaryTable,
  targetLines,
  type ScenarioFigures,
} from './report.ts';
import { startServerProcess } from './server-process.ts';
import { runBench } from './run-bench.ts';

/** Nobody leaves during the run: a dropped socket must not turn into a leave command. */
const LEAVE_GRACE_MS = 3_600_000;

async function main(): Promise<void> {
  const started = performance.now();
  const config = readBenchConfig(process.env);
  const hardStop = setTimeout(() => {
    console.error(`\nHard timeout after ${config.hardTimeoutMs / 1000} s: stopping everything.`);
    process.exit(2);
  }, config.hardTimeoutMs);
  hardStop.unref();
  console.log(machineLine());
  console.log(
    `Plan: ${config.sessionCounts.join(', ')} sessions; per session 1 facilitator, 1 presenter, 6 peers;` +
      ` every client edits at 0.25/s (7 write cards, the presenter takes or leaves them),` +
      ` one phase or turn change every 10 s;` +
      ` ${config.warmupMs / 1000} s warm-up, ${config.measureMs / 1000} s measured.` +
      ` Times are performance.now() in this process.`,
  );

  const all: ScenarioFigures[] = [];
  for (const sessions of config.sessionCounts) {
    const cpuProbeMs = probeCpuMs();
    const server = await startServerProcess({ leaveGraceMs: LEAVE_GRACE_MS });
    try {
      const idle = server.sample();
      const outcome = await runScenario(server, sessions, config);
      if (outcome.failure) console.error(`\nServer output before the failure:\n${server.tail()}`);
      all.push(figuresOf(sessions, outcome, idle, cpuProbeMs));
      console.log(scenarioBlock(all.at(-1)!, config));
    } finally {
      await server.stop();
    }
  }

  console.log(`\n${summaryTable(all)}\n`);
  console.log(targetLines(all));
  console.log(
    `(Targets are goals to compare against, p99 at ${TARGETS.atSessions} sessions; a miss does not fail the run.)`,
  );
  console.log(`Total runtime ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function machineLine(): string {
  const cores = cpus();
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return (
    `Machine: ${cores.length} x ${cores[0]?.model.trim() ?? 'unknown CPU'}, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load average ${load}.` +
    ` Server and generator share these cores.`
  );
}

runBench(main);
