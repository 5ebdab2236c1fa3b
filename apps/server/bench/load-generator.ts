import { addCard, cardsOf, setVerdict, verdictsOf } from '@roundtable/client';
import type { SessionState } from '@roundtable/protocol';
import { LOAD, type BenchConfig } from './config.ts';
import { assembleCrew, openRound, phaseIdOf, type Crew, type Member } from './crew.ts';
import { Recorder, SessionWatch } from './observations.ts';
import { runPlan } from './plan-runner.ts';
import { buildSchedule, cycleStart, OPEN_PHASES, type ChangeStep } from './schedule.ts';
import type { ServerProcess } from './server-process.ts';
import { WindowMeter, type Window } from './window-meter.ts';

/** One session's people and the watch timing what they see. */
interface Session {
  readonly crew: Crew;
  readonly watch: SessionWatch;
  /** Which card the presenter judges next, round-robin. */
  judged: number;
}

export interface ScenarioOutcome {
  readonly recorder: Recorder;
  readonly connectedClients: number;
  readonly rampSeconds: number;
  readonly window: Window | null;
  /** Why the scenario stopped early, if it did. */
  readonly failure: string | null;
}

/** What a scenario may add to the honest load (the flood bench uses them). */
export interface ScenarioHooks {
  /** Where session `i`'s observations go; the scenario's recorder by default. */
  readonly recorderOf?: (session: number) => Recorder;
  /** Members who send none of the planned edits (the flooder, and its stand-in at baseline). */
  readonly isQuiet?: (member: Member, session: number) => boolean;
  /** Started with the plan, stopped when the plan has run. */
  readonly alongside?: (crews: readonly Crew[]) => { stop(): void };
}

/** The plan starts this long after the ramp, so the first events are not already late. */
const START_DELAY_MS = 1000;
const CARD_TEXT = {
  experience: 'That reminds me of when I had a similar problem at work.',
  question: 'What happened just before the meeting started, and who was there?',
} as const;

/** Connects S sessions of eight, runs the open-loop plan against them, and disconnects. */
export async function runScenario(
  server: ServerProcess,
  sessionCount: number,
  config: BenchConfig,
  hooks: ScenarioHooks = {},
): Promise<ScenarioOutcome> {
  const recorder = new Recorder();
  const recorderOf = hooks.recorderOf ?? (() => recorder);
  const sessions: Session[] = [];
  const rampStart = performance.now();
  let rampSeconds = 0;
  let window: Window | null = null;
  let failure: string | null = null;
  try {
    await connectAll(server.url, sessionCount, config.connectBatch, recorderOf, sessions);
    rampSeconds = (performance.now() - rampStart) / 1000;
    window = await drive(server, sessions, config, { ...hooks, recorderOf });
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    rampSeconds ||= (performance.now() - rampStart) / 1000;
  } finally {
    for (const s of sessions) for (const m of s?.crew.members ?? []) m.client.close();
  }
  const connectedClients = sessions.filter(Boolean).length * LOAD.clientsPerSession;
  return { recorder, connectedClients, rampSeconds, window, failure };
}

/** Ramps up a batch of sessions at a time, so the server never sees every handshake at once. */
async function connectAll(
  url: string,
  count: number,
  batch: number,
  recorderOf: (session: number) => Recorder,
  into: Session[],
): Promise<void> {
  for (let first = 0; first < count; first += batch) {
    const indexes = Array.from({ length: Math.min(batch, count - first) }, (_, i) => first + i);
    const results = await Promise.allSettled(
      indexes.map(async (i) => {
        const crew = await assembleCrew(url, `Bench ${i}`);
        into[i] = { crew, watch: new SessionWatch(crew, recorderOf(i)), judged: 0 };
        await openRound(crew, cycleStart(i).phase);
      }),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) {
      const ready = into.filter(Boolean).length;
      throw new Error(`ramp stopped at ${ready} of ${count} sessions: ${String(failed.reason)}`);
    }
  }
}

/** Runs warm-up and measurement window from one plan, then waits for the stragglers. */
async function drive(
  server: ServerProcess,
  sessions: Session[],
  config: BenchConfig,
  hooks: ScenarioHooks & { recorderOf: (session: number) => Recorder },
): Promise<Window> {
  const recorder = hooks.recorderOf(0);
  const plan = buildSchedule({
    sessions: sessions.length,
    // Every client edits: the card writers, and the presenter with verdicts.
    writersPerSession: sessions[0]!.crew.writers.length + 1,
    editIntervalMs: LOAD.editIntervalMs,
    changeIntervalMs: LOAD.changeIntervalMs,
    warmupMs: config.warmupMs,
    measureMs: config.measureMs,
  });
  const inWindow = (at: number) => at >= config.warmupMs && at < config.warmupMs + config.measureMs;
  const meter = new WindowMeter(server, recorder, sessions[0]!.crew.members[0]!.client);
  let window: Window | null = null;

  const extra = hooks.alongside?.(sessions.map((s) => s.crew));
  await runPlan(plan, performance.now() + START_DELAY_MS, (event, lateByMs) => {
    if (event.kind === 'window-start') return meter.open();
    if (event.kind === 'window-end') {
      window = meter.close();
      return;
    }
    const measured = inWindow(event.at);
    const session = sessions[event.session]!;
    const into = hooks.recorderOf(event.session);
    if (event.kind === 'edit') {
      const writer = session.crew.writers[event.writer] ?? session.crew.presenter;
      if (hooks.isQuiet?.(writer, event.session)) return;
      if (measured) into.sendLag.push(lateByMs);
      sendEdit(session, event.writer, event.phase, measured, into);
    } else {
      if (measured) into.sendLag.push(lateByMs);
      sendChange(session, event.step, measured, into);
    }
  });
  extra?.stop();
  await drain(sessions, config.drainMs);
  if (!window) throw new Error('the plan ended without closing its measurement window');
  return window;
}

/**
 * A card from one writer, through the real Yjs path: the client's doc update becomes a sync.
 * The last writer index is the presenter, whose edit is a verdict.
 */
function sendEdit(
  session: Session,
  writerIndex: number,
  phase: keyof typeof OPEN_PHASES,
  measured: boolean,
  recorder: Recorder,
): void {
  const writer = session.crew.writers[writerIndex];
  if (!writer) return sendVerdict(session, measured, recorder);
  const { id, kind } = OPEN_PHASES[phase];
  const sentAt = performance.now();
  const card = addCard(writer.client.docs.board, {
    author: writer.participantId,
    round: 1,
    phase: id,
    kind,
    text: CARD_TEXT[kind],
    created: Date.now(),
  });
  session.watch.expectCard(card.id, writer, sentAt, measured);
  acknowledged(writer, sentAt, measured, recorder);
}

/** The presenter takes or leaves the next card of the round, flipping its verdict. */
function sendVerdict(session: Session, measured: boolean, recorder: Recorder): void {
  const presenter = session.crew.presenter;
  const board = presenter.client.docs.board;
  const cards = cardsOf(board);
  if (cards.length === 0) {
    // Only in the first seconds of the warm-up, before any card is written.
    if (measured) recorder.errors.add('no card to judge');
    return;
  }
  const card = cards[session.judged++ % cards.length]!;
  const verdict = verdictsOf(board).get(card.id) === 'take' ? 'leave' : 'take';
  const sentAt = performance.now();
  setVerdict(board, card.id, verdict);
  session.watch.expectVerdict(card.id, verdict, presenter, sentAt, measured);
  acknowledged(presenter, sentAt, measured, recorder);
}

/** Times the sender's ack of the board update it just queued, the last one flush() waits for. */
function acknowledged(sender: Member, sentAt: number, measured: boolean, recorder: Recorder) {
  void sender.client.flush().then((acks) => {
    if (measured) recorder.editAck.push(performance.now() - sentAt);
    const ack = acks.at(-1);
    if (ack && !ack.ok) recorder.errors.add(`edit refused (${ack.error.code})`);
  });
}

/** A phase or turn change, through the facilitator's command like a person clicking. */
function sendChange(
  session: Session,
  step: ChangeStep,
  measured: boolean,
  recorder: Recorder,
): void {
  const facilitator = session.crew.members[0]!;
  const check = expectedAfter(step, facilitator.client.state);
  if (!check) recorder.errors.add(`${step} impossible from the facilitator's view`);
  const sentAt = performance.now();
  if (check) session.watch.expectState(check, facilitator, sentAt, measured);
  void facilitator.client.command({ type: step }).then((ack) => {
    if (measured) recorder.changeAck.push(performance.now() - sentAt);
    if (!ack.ok) recorder.errors.add(`${step} refused (${ack.error.code})`);
  });
}

/** What a client's state must show once `step` has happened, judged from the state before. */
function expectedAfter(
  step: ChangeStep,
  before: SessionState | null,
): ((state: SessionState | null) => boolean) | null {
  switch (step) {
    case 'next-turn': {
      const next = before?.round?.turns?.upcoming[0];
      if (!next || phaseIdOf(before) !== OPEN_PHASES.feedback.id) return null;
      return (s) => s?.round?.turns?.holder === next;
    }
    case 'previous-phase':
      return (s) => phaseIdOf(s) === OPEN_PHASES.questions.id;
    case 'next-phase':
      return (s) => phaseIdOf(s) === OPEN_PHASES.feedback.id;
  }
}

/** Waits for what the window sent to arrive everywhere; whatever does not is counted lost. */
async function drain(sessions: Session[], drainMs: number): Promise<void> {
  const deadline = performance.now() + drainMs;
  const outstanding = () => sessions.reduce((n, s) => n + s.watch.outstanding, 0);
  while (outstanding() > 0 && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  for (const s of sessions) s.watch.abandon();
}
