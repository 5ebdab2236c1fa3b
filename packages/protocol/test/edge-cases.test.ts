import { describe, expect, test } from 'vitest';
import { speakersNow, turnOrder, type SessionState } from '../src/index.ts';
import { T0, accept, builtIn, refuse, room } from './fixtures.ts';

const F = 'fran';
const P = 'pat';
const A = 'ali';
const B = 'bo';

/** Issue Analysis in the peer-feedback phase with Fran holding the first turn. */
function inPeerFeedback(...extra: string[]): SessionState {
  const protocol = builtIn('issue-analysis');
  let state = accept(room(F, P, A, B, ...extra), {
    type: 'start-round',
    actor: F,
    presenter: P,
    protocol,
  }).state;
  state = accept(state, { type: 'next-phase', actor: F }).state;
  return accept(state, { type: 'next-phase', actor: F }).state;
}

describe('people come and go', () => {
  test('the turn holder dropping out passes the turn to the next peer', () => {
    const state = accept(inPeerFeedback(), { type: 'leave', actor: F }).state;
    expect(turnOrder(state)?.holder).toBe(A);
    expect(speakersNow(state)).toEqual([A]);
  });

  test('a member arriving mid-round joins the end of the turn order', () => {
    const state = accept(inPeerFeedback(), { type: 'join', actor: 'cy', name: 'Cy' }).state;
    expect(turnOrder(state)?.upcoming).toEqual([A, B, 'cy']);
  });

  test('someone who left mid-turn comes back at the end of the order', () => {
    let state = accept(inPeerFeedback(), { type: 'leave', actor: A }, T0).state;
    state = accept(state, { type: 'join', actor: A, name: 'Ali' }).state;
    expect(turnOrder(state)).toMatchObject({ holder: F, upcoming: [B, A] });
  });

  test('a latecomer gets a turn even after the turns ran out', () => {
    let state = inPeerFeedback();
    for (const actor of [F, A, B]) state = accept(state, { type: 'pass-turn', actor }).state;
    expect(turnOrder(state)?.holder).toBeNull();
    const joined = accept(state, { type: 'join', actor: 'cy', name: 'Cy' });
    expect(turnOrder(joined.state)?.holder).toBe('cy');
  });

  test('the presenter dropping out pauses the round until the facilitator resumes', () => {
    const left = accept(inPeerFeedback(), { type: 'leave', actor: P }, T0 + 5_000);
    expect(left.events).toContainEqual({ type: 'paused', reason: 'presenter-left' });
    expect(left.state.round?.paused).toBe(true);
    const back = accept(left.state, { type: 'join', actor: P, name: 'Pat' }).state;
    expect(back.round?.presenter).toBe(P);
    expect(speakersNow(back)).toEqual([F]);
  });

  test('when the facilitator leaves, the longest-present member takes over', () => {
    const left = accept(room(F, P, A), { type: 'leave', actor: F });
    expect(left.state.facilitator).toBe(P);
    expect(left.events).toContainEqual({
      type: 'facilitator-changed',
      from: F,
      to: P,
      reason: 'left',
    });
  });

  test('the facilitator link takes the role back on arrival', () => {
    let state = accept(room(F, P, A), { type: 'leave', actor: F }).state;
    state = accept(state, { type: 'join', actor: F, name: 'Fran', asFacilitator: true }).state;
    expect(state.facilitator).toBe(F);
  });

  test('facilitation can be handed to someone present, not to oneself or an absentee', () => {
    let state = room(F, P, A);
    refuse(state, { type: 'hand-facilitation', actor: F, to: F }, 'already-facilitator');
    state = accept(state, { type: 'leave', actor: A }).state;
    refuse(state, { type: 'hand-facilitation', actor: F, to: A }, 'not-present');
    expect(accept(state, { type: 'hand-facilitation', actor: F, to: P }).state.facilitator).toBe(P);
  });

  test('with no peers a round cannot start; with one peer every turn goes to them', () => {
    const protocol = builtIn('issue-analysis');
    refuse(room(P), { type: 'start-round', actor: P, presenter: P, protocol }, 'too-few-peers');
    let state = accept(room(F, P), { type: 'start-round', actor: F, presenter: P, protocol }).state;
    state = accept(state, { type: 'next-phase', actor: F }).state;
    state = accept(state, { type: 'next-phase', actor: F }).state;
    expect(turnOrder(state)).toMatchObject({ holder: F, upcoming: [] });
  });
});

describe('permissions belong to the engine', () => {
  test.each([
    ['a peer cannot steer', { type: 'next-phase', actor: A }, 'not-facilitator'],
    ['a stranger cannot act', { type: 'raise-hand', actor: 'zed' }, 'unknown-participant'],
    ['only the holder passes', { type: 'pass-turn', actor: A }, 'not-your-turn'],
    ['a peer cannot grant the floor', { type: 'grant-floor', actor: A, to: A }, 'not-facilitator'],
    [
      'the presenter cannot be granted the floor in silence',
      { type: 'grant-floor', actor: F, to: P },
      'not-eligible',
    ],
    [
      'a peer cannot lower another hand',
      { type: 'lower-hand', actor: A, who: B },
      'not-facilitator',
    ],
    [
      'a bad extension is refused',
      { type: 'extend-turn', actor: F, seconds: -5 },
      'invalid-duration',
    ],
    [
      'extensions are whole seconds',
      { type: 'extend-phase', actor: F, seconds: 1.5 },
      'invalid-duration',
    ],
    [
      'one round at a time',
      { type: 'start-round', actor: F, presenter: A, protocol: builtIn('issue-analysis') },
      'round-in-progress',
    ],
    ['resume needs a pause', { type: 'resume', actor: F }, 'not-paused'],
  ] as const)('%s', (_name, cmd, code) => {
    refuse(inPeerFeedback(), cmd, code);
  });

  test.each([
    ['first-phase', { type: 'previous-phase', actor: F }],
    ['no-turns-in-phase', { type: 'next-turn', actor: F }],
    ['hand-not-raised', { type: 'lower-hand', actor: A }],
    ['invalid-name', { type: 'join', actor: 'x', name: '   ' }],
  ] as const)('%s at the start of a round', (code, cmd) => {
    const start = {
      type: 'start-round',
      actor: F,
      presenter: P,
      protocol: builtIn('good-news-analysis'),
    } as const;
    refuse(accept(room(F, P, A), start).state, cmd, code);
  });

  test('nothing but leaving works after the session ends', () => {
    const ended = accept(room(F, A), { type: 'end-session', actor: F }).state;
    refuse(ended, { type: 'join', actor: 'cy', name: 'Cy' }, 'session-ended');
    refuse(ended, { type: 'raise-hand', actor: A }, 'session-ended');
    expect(
      accept(ended, { type: 'leave', actor: A }).state.participants.find((p) => p.id === A)
        ?.present,
    ).toBe(false);
  });

  test('Veridical Report needs its mentor filled by a peer', () => {
    const protocol = builtIn('veridical-report');
    const state = room(F, P, A);
    refuse(state, { type: 'start-round', actor: F, presenter: P, protocol }, 'invalid-roles');
    refuse(
      state,
      { type: 'start-round', actor: F, presenter: P, protocol, roles: { mentor: P } },
      'invalid-roles',
    );
    refuse(
      state,
      { type: 'start-round', actor: F, presenter: P, protocol, roles: { mentor: A, x: F } },
      'invalid-roles',
    );
  });
});

describe('raise-hand queues', () => {
  test('hands queue in order; the facilitator grants the floor and next-turn takes the oldest hand', () => {
    const protocol = builtIn('issue-analysis');
    const custom = {
      ...protocol,
      phases: protocol.phases.map((p) =>
        p.id === 'peer-feedback'
          ? { ...p, turns: { rule: 'raise-hand' as const, secondsPerTurn: 60 } }
          : p,
      ),
    };
    let state = accept(room(F, P, A, B), {
      type: 'start-round',
      actor: F,
      presenter: P,
      protocol: custom,
    }).state;
    state = accept(state, { type: 'next-phase', actor: F }).state;
    state = accept(state, { type: 'next-phase', actor: F }).state;
    expect(speakersNow(state)).toEqual([]);
    for (const actor of [B, A, P]) state = accept(state, { type: 'raise-hand', actor }).state;
    // The presenter listens in silence, so their hand does not enter the speaking order.
    expect(turnOrder(state)).toMatchObject({ holder: null, upcoming: [B, A] });
    state = accept(state, { type: 'grant-floor', actor: F, to: A }).state;
    expect(speakersNow(state)).toEqual([A]);
    expect(state.hands).toEqual([B, P]);
    state = accept(state, { type: 'next-turn', actor: F }).state;
    expect(turnOrder(state)).toMatchObject({ holder: B, done: [A] });
  });
});
