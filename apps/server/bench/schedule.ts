/**
 * The open-loop plan: every edit and every phase or turn change of every session, timed in
 * advance from one start instant, so a slow server cannot slow down the load it is given.
 */

/** The two Issue Analysis phases the sessions move between; both take cards from every peer. */
export const OPEN_PHASES = {
  feedback: { id: 'peer-feedback', kind: 'experience' },
  questions: { id: 'clarifying-questions', kind: 'question' },
} as const;
export type OpenPhase = keyof typeof OPEN_PHASES;

export type ChangeStep = 'next-turn' | 'previous-phase' | 'next-phase';

/**
 * Each session's facilitator repeats this cycle: two turn changes in peer feedback, back to
 * clarifying questions, forward to peer feedback (which opens the round-robin afresh). With
 * seven peers the turns never run out, and no phase lasts long enough for a deadline to fire.
 */
export const CHANGE_CYCLE: readonly ChangeStep[] = [
  'next-turn',
  'next-turn',
  'previous-phase',
  'next-phase',
];

export function phaseAfter(step: ChangeStep, before: OpenPhase): OpenPhase {
  if (step === 'previous-phase') return 'questions';
  if (step === 'next-phase') return 'feedback';
  return before;
}

export type ScheduledEvent =
  | { kind: 'edit'; at: number; session: number; writer: number; phase: OpenPhase }
  | { kind: 'change'; at: number; session: number; step: ChangeStep }
  | { kind: 'window-start'; at: number }
  | { kind: 'window-end'; at: number };

export interface ScheduleOptions {
  readonly sessions: number;
  readonly writersPerSession: number;
  readonly editIntervalMs: number;
  readonly changeIntervalMs: number;
  readonly warmupMs: number;
  readonly measureMs: number;
}

/**
 * A card names the phase it is written in, so an edit that crosses a phase change on the
 * wire is refused. Edits keep this far from their session's changes: the change reaches the
 * server first and the edit lands clearly inside one phase.
 */
export const EDIT_GUARD = { afterChangeMs: 600, beforeChangeMs: 400 } as const;

/** Where session `s` starts in the cycle, and so which phase its round must be in first. */
export function cycleStart(session: number): { position: number; phase: OpenPhase } {
  const position = session % CHANGE_CYCLE.length;
  return { position, phase: CHANGE_CYCLE[position] === 'next-phase' ? 'questions' : 'feedback' };
}

export function buildSchedule(options: ScheduleOptions): ScheduledEvent[] {
  const end = options.warmupMs + options.measureMs;
  const events: ScheduledEvent[] = [
    { kind: 'window-start', at: options.warmupMs },
    { kind: 'window-end', at: end },
  ];
  for (let session = 0; session < options.sessions; session++)
    events.push(...sessionEvents(options, session, end));
  return events.sort((a, b) => a.at - b.at);
}

function sessionEvents(options: ScheduleOptions, session: number, end: number): ScheduledEvent[] {
  const { editIntervalMs: every, changeIntervalMs: period } = options;
  // Sessions are spread evenly over one change period so the server sees a steady load.
  const offset = (session * period) / options.sessions;
  const start = cycleStart(session);
  const changes: { at: number; step: ChangeStep }[] = [];
  for (let k = 0, at = offset; at < end; k++, at += period)
    changes.push({ at, step: CHANGE_CYCLE[(start.position + k) % CHANGE_CYCLE.length]! });

  const events: ScheduledEvent[] = changes.map((c) => ({ kind: 'change', session, ...c }));
  for (let writer = 0; writer < options.writersPerSession; writer++) {
    for (let at = offset + editOffset(options, writer); at < end; at += every) {
      const phase = changes
        .filter((c) => c.at < at)
        .reduce((p, c) => phaseAfter(c.step, p), start.phase);
      events.push({ kind: 'edit', at, session, writer, phase });
    }
  }
  return events;
}

/**
 * Edits repeat every 4 s and changes every 10 s, so an edit's distance to any change is its
 * offset modulo gcd(4 s, 10 s) = 2 s. Writers get offsets inside the guarded band of that
 * 2 s, alternating between the two halves of the 4 s period to spread the load.
 */
function editOffset(options: ScheduleOptions, writer: number): number {
  const gcd = greatestCommonDivisor(options.editIntervalMs, options.changeIntervalMs);
  const band = gcd - EDIT_GUARD.afterChangeMs - EDIT_GUARD.beforeChangeMs;
  if (band <= 0) throw new Error('edit and change intervals leave no room for the guard');
  const inBand = ((writer + 0.5) * band) / options.writersPerSession;
  const half = (writer % (options.editIntervalMs / gcd)) * gcd;
  return EDIT_GUARD.afterChangeMs + inBand + half;
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}
