import { describe, expect, test } from 'vitest';
import {
  BUILT_IN_PROTOCOLS,
  currentPhase,
  remaining,
  silentListeners,
  speakersNow,
  tick,
  turnOrder,
  type Command,
  type SessionState,
} from '../src/index.ts';
import { T0, accept, builtIn, room } from './fixtures.ts';

/** One row of a scripted round: a command (or a tick) at a time, then what everyone sees. */
interface Row {
  at: number;
  cmd: Command | 'tick';
  phase: string | null;
  speakers: string[];
  silent: string[];
  holder?: string | null;
}

function play(start: SessionState, rows: Row[]): SessionState {
  let state = start;
  for (const row of rows) {
    const now = T0 + row.at * 1000;
    state = row.cmd === 'tick' ? tick(state, now).state : accept(state, row.cmd, now).state;
    const label = row.cmd === 'tick' ? `tick@${row.at}` : row.cmd.type;
    expect(currentPhase(state)?.id ?? null, label).toBe(row.phase);
    expect(speakersNow(state), label).toEqual(row.speakers);
    expect(silentListeners(state), label).toEqual(row.silent);
    if (row.holder !== undefined) expect(turnOrder(state)?.holder ?? null, label).toBe(row.holder);
  }
  return state;
}

const F = 'fran'; // facilitator, also a peer
const P = 'pat'; // presenter
const A = 'ali';
const B = 'bo';

describe('Issue Analysis end to end', () => {
  const protocol = builtIn('issue-analysis');
  const by = (type: Command['type'], actor = F) => ({ type, actor }) as Command;
  test('presentation to response with round-robin feedback', () => {
    const end = play(room(F, P, A, B), [
      {
        at: 0,
        cmd: { type: 'start-round', actor: F, presenter: P, protocol },
        phase: 'presentation',
        speakers: [P],
        silent: [],
      },
      {
        at: 300,
        cmd: by('next-phase'),
        phase: 'clarifying-questions',
        speakers: [F, P, A, B],
        silent: [],
      },
      {
        at: 600,
        cmd: by('next-phase'),
        phase: 'peer-feedback',
        speakers: [F],
        silent: [P],
        holder: F,
      },
      {
        at: 660,
        cmd: by('pass-turn', F),
        phase: 'peer-feedback',
        speakers: [A],
        silent: [P],
        holder: A,
      },
      // Ali's two minutes run out: the turn moves on by itself.
      { at: 780, cmd: 'tick', phase: 'peer-feedback', speakers: [B], silent: [P], holder: B },
      {
        at: 800,
        cmd: by('next-turn'),
        phase: 'peer-feedback',
        speakers: [],
        silent: [P],
        holder: null,
      },
      {
        at: 810,
        cmd: by('next-phase'),
        phase: 'positive-feedback',
        speakers: [F, A, B],
        silent: [P],
      },
      { at: 900, cmd: by('next-phase'), phase: 'response', speakers: [P], silent: [] },
      { at: 1000, cmd: by('end-round'), phase: null, speakers: [F, P, A, B], silent: [] },
    ]);
    expect(end.history).toEqual([
      {
        number: 1,
        protocolId: 'issue-analysis',
        presenter: P,
        phasesRun: [
          'presentation',
          'clarifying-questions',
          'peer-feedback',
          'positive-feedback',
          'response',
        ],
      },
    ]);
  });
});

describe('Good News Analysis end to end', () => {
  test('story, positive feedback in silence, response', () => {
    const protocol = builtIn('good-news-analysis');
    const end = play(room(F, P, A), [
      {
        at: 0,
        cmd: { type: 'start-round', actor: F, presenter: P, protocol },
        phase: 'story',
        speakers: [P],
        silent: [],
      },
      { at: 200, cmd: 'tick', phase: 'story', speakers: [P], silent: [] },
      {
        at: 200,
        cmd: { type: 'next-phase', actor: F },
        phase: 'positive-feedback',
        speakers: [F, A],
        silent: [P],
      },
      {
        at: 500,
        cmd: { type: 'next-phase', actor: F },
        phase: 'response',
        speakers: [P],
        silent: [],
      },
      { at: 700, cmd: { type: 'end-session', actor: F }, phase: null, speakers: [], silent: [] },
    ]);
    expect(end.ended).toBe(true);
    expect(end.history.map((h) => h.phasesRun)).toEqual([
      ['story', 'positive-feedback', 'response'],
    ]);
  });
});

describe('Veridical Report end to end', () => {
  test('only the mentor speaks while the mentee listens in silence', () => {
    const protocol = builtIn('veridical-report');
    const start = {
      type: 'start-round',
      actor: F,
      presenter: P,
      protocol,
      roles: { mentor: A },
    } as const;
    play(room(F, P, A), [
      { at: 0, cmd: start, phase: 'incident', speakers: [P], silent: [] },
      {
        at: 300,
        cmd: { type: 'next-phase', actor: F },
        phase: 'mentor-story',
        speakers: [A],
        silent: [P],
      },
      {
        at: 720,
        cmd: { type: 'next-phase', actor: F },
        phase: 'reflection',
        speakers: [P],
        silent: [],
      },
    ]);
  });
});

describe('timing', () => {
  test('phase time running out is announced once and never goes negative', () => {
    const protocol = builtIn('good-news-analysis');
    let state = accept(room(F, P, A), {
      type: 'start-round',
      actor: F,
      presenter: P,
      protocol,
    }).state;
    const first = tick(state, T0 + 181_000);
    expect(first.events).toEqual([{ type: 'phase-time-up', phaseId: 'story' }]);
    state = first.state;
    expect(tick(state, T0 + 200_000).events).toEqual([]);
    expect(remaining(state, T0 + 500_000).phaseMs).toBe(0);
    expect(currentPhase(state)?.id).toBe('story');
  });

  test('a late tick starts the next turn at the deadline, so nobody loses time', () => {
    const protocol = builtIn('issue-analysis');
    let state = accept(room(F, P, A, B), {
      type: 'start-round',
      actor: F,
      presenter: P,
      protocol,
    }).state;
    state = accept(state, { type: 'next-phase', actor: F }).state;
    state = accept(state, { type: 'next-phase', actor: F }).state;
    // Fran's turn ends at +120 s; the tick arrives 30 s late.
    const late = tick(state, T0 + 150_000);
    expect(turnOrder(late.state)?.holder).toBe(A);
    expect(remaining(late.state, T0 + 150_000).turnMs).toBe(90_000);
  });

  test('pausing freezes phase and turn clocks', () => {
    const protocol = builtIn('issue-analysis');
    let state = accept(room(F, P, A), {
      type: 'start-round',
      actor: F,
      presenter: P,
      protocol,
    }).state;
    state = accept(state, { type: 'next-phase', actor: F }).state;
    state = accept(state, { type: 'next-phase', actor: F }, T0).state;
    state = accept(state, { type: 'pause', actor: F }, T0 + 10_000).state;
    expect(remaining(state, T0 + 500_000)).toEqual({ phaseMs: 890_000, turnMs: 110_000 });
    expect(tick(state, T0 + 500_000).events).toEqual([]);
    state = accept(state, { type: 'resume', actor: F }, T0 + 500_000).state;
    expect(remaining(state, T0 + 510_000)).toEqual({ phaseMs: 880_000, turnMs: 100_000 });
  });

  test('extending a clock that ran out gives exactly the extension from now', () => {
    const protocol = builtIn('good-news-analysis');
    let state = accept(room(F, P, A), {
      type: 'start-round',
      actor: F,
      presenter: P,
      protocol,
    }).state;
    state = tick(state, T0 + 200_000).state;
    const extended = accept(state, { type: 'extend-phase', actor: F, seconds: 60 }, T0 + 200_000);
    expect(remaining(extended.state, T0 + 200_000).phaseMs).toBe(60_000);
    expect(tick(extended.state, T0 + 261_000).events).toEqual([
      { type: 'phase-time-up', phaseId: 'story' },
    ]);
  });
});

test('every built-in protocol is valid, unique and silences only the presenter', () => {
  expect(new Set(BUILT_IN_PROTOCOLS.map((p) => p.id)).size).toBe(3);
  for (const protocol of BUILT_IN_PROTOCOLS) {
    for (const phase of protocol.phases) expect(['presenter', 'nobody']).toContain(phase.silent);
  }
});
