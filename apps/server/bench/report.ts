import { loadavg } from 'node:os';
import { TARGETS, type BenchConfig } from './config.ts';
import type { ScenarioOutcome } from './load-generator.ts';
import type { ProcSample } from './proc.ts';
import { p99BySlice, summarize, type Summary } from './stats.ts';

/** One scenario's figures, reduced from its outcome. */
export interface ScenarioFigures {
  readonly sessions: number;
  readonly outcome: ScenarioOutcome;
  readonly idle: ProcSample;
  readonly edit: Summary | null;
  readonly change: Summary | null;
  readonly editAck: Summary | null;
  readonly changeAck: Summary | null;
  readonly sendLag: Summary | null;
  readonly ping: Summary | null;
  /** Edit latency p99 over consecutive 5 s slices of the window: a trend means a queue. */
  readonly editP99Trend: number[];
  readonly serverCpuPercent: number | null;
  /** Server CPU over the window divided by the edits and changes sent in it. */
  readonly serverCpuMsPerSend: number | null;
  readonly generatorCpuPercent: number | null;
  /** CPU that neither the server nor the generator used, in % of one core: other work. */
  readonly othersCpuPercent: number | null;
  readonly machineBusyPercent: number | null;
  /** Steal time over the window, in % of one core: the host taking the CPU away. */
  readonly stealPercent: number | null;
  /** How long a fixed piece of work took just before the scenario (cpu-probe.ts). */
  readonly cpuProbeMs: number;
}

export function figuresOf(
  sessions: number,
  outcome: ScenarioOutcome,
  idle: ProcSample,
  cpuProbeMs: number,
) {
  const r = outcome.recorder;
  const w = outcome.window;
  const cpu = w ? w.server.after.cpuSeconds - w.server.before.cpuSeconds : null;
  return {
    sessions,
    outcome,
    idle,
    edit: summarize(r.editLatency),
    change: summarize(r.changeLatency),
    editAck: summarize(r.editAck),
    changeAck: summarize(r.changeAck),
    sendLag: summarize(r.sendLag),
    ping: summarize(r.pingRtt),
    editP99Trend: w ? p99BySlice(r.editSentAt, r.editLatency, w.startedAt, 5000) : [],
    serverCpuPercent: w && cpu !== null ? (100 * cpu) / w.seconds : null,
    serverCpuMsPerSend:
      cpu !== null && r.sendLag.length > 0 ? (1000 * cpu) / r.sendLag.length : null,
    generatorCpuPercent: w ? (100 * w.generatorCpuSeconds) / w.seconds : null,
    ...machineShare(outcome, cpu),
    cpuProbeMs,
  } satisfies ScenarioFigures;
}

function machineShare(outcome: ScenarioOutcome, serverCpuSeconds: number | null) {
  const w = outcome.window;
  if (!w || serverCpuSeconds === null)
    return { othersCpuPercent: null, machineBusyPercent: null, stealPercent: null };
  const busy = w.machine.after.busySeconds - w.machine.before.busySeconds;
  const total = w.machine.after.totalSeconds - w.machine.before.totalSeconds;
  const others = busy - serverCpuSeconds - w.generatorCpuSeconds;
  return {
    othersCpuPercent: Math.max(0, (100 * others) / w.seconds),
    machineBusyPercent: total > 0 ? (100 * busy) / total : null,
    stealPercent:
      (100 * (w.machine.after.stealSeconds - w.machine.before.stealSeconds)) / w.seconds,
  };
}

const ms = (x: number | undefined) => (x === undefined ? '-' : `${x.toFixed(1)} ms`);
const pair = (s: Summary | null) => (s ? `${ms(s.p50)} / ${ms(s.p99)}` : '-');
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const kb = (bytes: number) => (bytes / 2 ** 10).toFixed(0);
const num = (x: number | null | undefined, digits = 0) => (x == null ? '-' : x.toFixed(digits));

function verdict(s: Summary | null, targetMs: number): string {
  if (!s) return 'no data';
  const over = s.p99 - targetMs;
  return over <= 0 ? 'PASS' : `MISS by ${over.toFixed(1)} ms`;
}

type Row = [label: string, value: string];

/** The detailed block printed after each scenario. */
export function scenarioBlock(f: ScenarioFigures, config: BenchConfig): string {
  const rows = [...latencyRows(f, config), ...resourceRows(f), ...diagnosticRows(f)];
  if (f.outcome.failure) rows.push(['FAILED', f.outcome.failure]);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const title = `${f.sessions} sessions x 8 clients`;
  return [`\n== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`]
    .concat(rows.map(([k, v]) => `${k.padEnd(width)}${v}`))
    .join('\n');
}

function latencyRows(f: ScenarioFigures, config: BenchConfig): Row[] {
  const o = f.outcome;
  const w = o.window;
  return [
    ['clients connected', `${o.connectedClients} (ramp ${o.rampSeconds.toFixed(1)} s)`],
    ['window', w ? `${w.seconds.toFixed(1)} s after ${config.warmupMs / 1000} s warm-up` : '-'],
    ['edits measured', `${f.edit?.count ?? 0} (sender ack p50 / p99 ${pair(f.editAck)})`],
    [
      'edit latency p50 / p99',
      `${pair(f.edit)}   max ${ms(f.edit?.max)}   target p99 <= ${TARGETS.editP99Ms} ms: ${verdict(f.edit, TARGETS.editP99Ms)}`,
    ],
    ['edit p99 per 5 s', `${f.editP99Trend.map((x) => x.toFixed(0)).join(', ')} ms`],
    [
      'changes measured',
      `${f.change?.count ?? 0} (facilitator ack p50 / p99 ${pair(f.changeAck)})`,
    ],
    [
      'change latency p50 / p99',
      `${pair(f.change)}   max ${ms(f.change?.max)}   target p99 <= ${TARGETS.changeP99Ms} ms: ${verdict(f.change, TARGETS.changeP99Ms)}`,
    ],
  ];
}

function resourceRows(f: ScenarioFigures): Row[] {
  const r = f.outcome.recorder;
  const after = f.outcome.window?.server.after;
  const rss = after?.rssBytes;
  return [
    [
      'server CPU',
      `${num(f.serverCpuPercent)} % of one core, ${num(f.serverCpuMsPerSend, 2)} ms per edit or change sent`,
    ],
    [
      'server RSS',
      rss && after
        ? `${mb(rss)} MB (idle before sessions ${mb(f.idle.rssBytes)} MB, peak ${mb(after.peakRssBytes)} MB)`
        : '-',
    ],
    [
      'RSS per session',
      rss
        ? `${kb(rss / f.sessions)} KB (above idle ${kb((rss - f.idle.rssBytes) / f.sessions)} KB)`
        : '-',
    ],
    ['bytes per board update', `${num(r.updateBytes.board.mean)} B (Yjs update payload)`],
    ['bytes per state update', `${num(r.updateBytes.state.mean)} B (Yjs update payload)`],
    ['errors', `${r.errors.total}`],
    ...r.errors.entries().map(([what, n]): Row => [`  ${what}`, String(n)]),
  ];
}

/** What else was going on: the server's responsiveness, the generator, the rest of the machine. */
function diagnosticRows(f: ScenarioFigures): Row[] {
  const w = f.outcome.window;
  return [
    [
      'server clock ping p50 / p99',
      `${pair(f.ping)}   max ${ms(f.ping?.max)} (a bare request every 100 ms)`,
    ],
    [
      'generator',
      `CPU ${num(f.generatorCpuPercent)} % of one core, event-loop delay p99 ${ms(w?.generatorLoopDelayP99Ms)} max ${ms(w?.generatorLoopDelayMaxMs)}, send lag p99 ${ms(f.sendLag?.p99)}`,
    ],
    [
      'machine',
      `${num(f.machineBusyPercent)} % busy over all cores; other processes used ${num(f.othersCpuPercent)} % of one core; steal ${num(f.stealPercent, 1)} %; load average ${loadavg()[0]!.toFixed(2)}`,
    ],
    ['CPU probe', `${f.cpuProbeMs.toFixed(1)} ms for a fixed piece of work before the scenario`],
  ];
}

/** One row per scenario, as a Markdown table that can go straight into the docs. */
export function summaryTable(all: readonly ScenarioFigures[]): string {
  const head = [
    'sessions',
    'clients',
    'edits',
    'edit p50 ms',
    'edit p99 ms',
    'changes',
    'change p50 ms',
    'change p99 ms',
    'server CPU %',
    'RSS MB',
    'RSS/session KB',
    'B/board update',
    'B/state update',
    'errors',
    'CPU probe ms',
  ];
  const rows = all.map((f) => {
    const rss = f.outcome.window?.server.after.rssBytes;
    const r = f.outcome.recorder;
    return [
      String(f.sessions),
      String(f.outcome.connectedClients),
      String(f.edit?.count ?? 0),
      num(f.edit?.p50, 1),
      num(f.edit?.p99, 1),
      String(f.change?.count ?? 0),
      num(f.change?.p50, 1),
      num(f.change?.p99, 1),
      num(f.serverCpuPercent),
      rss ? mb(rss) : '-',
      rss ? kb(rss / f.sessions) : '-',
      num(r.updateBytes.board.mean),
      num(r.updateBytes.state.mean),
      f.outcome.failure ? `${r.errors.total} + failed` : String(r.errors.total),
      num(f.cpuProbeMs, 1),
    ];
  });
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** PASS or MISS against the targets, for the scenario the targets are set at. */
export function targetLines(all: readonly ScenarioFigures[]): string {
  const at = all.find((f) => f.sessions === TARGETS.atSessions);
  if (!at)
    return `Targets are set at ${TARGETS.atSessions} sessions, which this run did not include.`;
  return [
    `Targets at ${TARGETS.atSessions} sessions:`,
    `  phase/turn change p99 <= ${TARGETS.changeP99Ms} ms: ${verdict(at.change, TARGETS.changeP99Ms)} (${ms(at.change?.p99)})`,
    `  board edit p99 <= ${TARGETS.editP99Ms} ms:        ${verdict(at.edit, TARGETS.editP99Ms)} (${ms(at.edit?.p99)})`,
  ].join('\n');
}
