import { describe, expect, test } from 'vitest';
import { initialState, type Command, type SessionState } from '../src/index.ts';
import { accept, refuse } from './fixtures.ts';

/** The rota's facilitator, its deputy, and two members off the rota (a stand-in among them). */
const F = 'fay';
const D = 'dev';
const S = 'sam';
const M = 'mo';

type Move = ['join', string] | ['leave', string] | ['hand', string, string];

function joinOf(who: string): Command {
  const rota = who === F ? 'facilitator' : who === D ? 'deputy' : undefined;
  return rota
    ? { type: 'join', actor: who, name: who, rota }
    : { type: 'join', actor: who, name: who };
}

function play(moves: readonly Move[], from: SessionState = initialState): SessionState {
  return moves.reduce((state, move) => {
    if (move[0] === 'join') return accept(state, joinOf(move[1])).state;
    if (move[0] === 'leave') return accept(state, { type: 'leave', actor: move[1] }).state;
    return accept(state, { type: 'hand-facilitation', actor: move[1], to: move[2] }).state;
  }, from);
}

describe('the rota decides who facilitates', () => {
  test.each<[string, Move[], string]>([
    ['the rota facilitator arriving first takes the vacant role', [['join', F]], F],
    [
      'the rota facilitator relieves a stand-in who opened the room',
      [
        ['join', S],
        ['join', F],
      ],
      F,
    ],
    [
      'the rota facilitator does not take the role from the deputy: the deputy decides',
      [
        ['join', D],
        ['join', F],
      ],
      D,
    ],
    [
      'the deputy relieves a stand-in while the facilitator is away',
      [
        ['join', S],
        ['join', D],
      ],
      D,
    ],
    [
      'the deputy does not relieve a stand-in the present facilitator handed the role to',
      [
        ['join', F],
        ['join', S],
        ['hand', F, S],
        ['join', D],
      ],
      S,
    ],
    [
      'the deputy does not take the role from the present facilitator',
      [
        ['join', F],
        ['join', D],
      ],
      F,
    ],
    [
      'when the facilitator leaves, the deputy takes over before longer-present members',
      [
        ['join', S],
        ['join', F],
        ['join', M],
        ['join', D],
        ['leave', F],
      ],
      D,
    ],
    [
      'the facilitator returning while the deputy holds the role leaves it with the deputy',
      [
        ['join', F],
        ['join', D],
        ['leave', F],
        ['join', F],
      ],
      D,
    ],
    [
      'the deputy hands the role back with hand-facilitation',
      [
        ['join', F],
        ['join', D],
        ['leave', F],
        ['join', F],
        ['hand', D, F],
      ],
      F,
    ],
    [
      'without the deputy present, the longest-present member takes over (today’s rule)',
      [
        ['join', S],
        ['join', F],
        ['join', M],
        ['leave', F],
      ],
      S,
    ],
    [
      'when the deputy holding the role leaves, the rota facilitator takes it back',
      [
        ['join', S],
        ['join', F],
        ['join', D],
        ['leave', F],
        ['join', F],
        ['leave', D],
      ],
      F,
    ],
    [
      'a member off the rota arriving never takes the role from the rota',
      [
        ['join', D],
        ['join', M],
      ],
      D,
    ],
  ])('%s', (_name, moves, holder) => {
    expect(play(moves).facilitator).toBe(holder);
  });

  test('each change says why: rota, deputy', () => {
    const fromStandIn = accept(play([['join', S]]), joinOf(F));
    expect(fromStandIn.events).toContainEqual({
      type: 'facilitator-changed',
      from: S,
      to: F,
      reason: 'rota',
    });
    const dropped = accept(
      play([
        ['join', F],
        ['join', D],
      ]),
      { type: 'leave', actor: F },
    );
    expect(dropped.events).toContainEqual({
      type: 'facilitator-changed',
      from: F,
      to: D,
      reason: 'deputy',
    });
  });

  test('the rota remembers who holds each place once they join, and null before', () => {
    expect(play([['join', S]]).rota).toEqual({ facilitator: null, deputy: null });
    expect(
      play([
        ['join', F],
        ['join', D],
        ['leave', F],
      ]).rota,
    ).toEqual({
      facilitator: F,
      deputy: D,
    });
  });

  test('without a rota, a member arriving does not take the role from a present facilitator', () => {
    const state = play([
      ['join', S],
      ['join', M],
    ]);
    expect(state.facilitator).toBe(S);
    expect(state.rota).toEqual({ facilitator: null, deputy: null });
  });

  test.each<[string, Move[], string]>([
    ['the rota facilitator', [['join', F]], F],
    [
      'the deputy standing in',
      [
        ['join', F],
        ['join', D],
        ['leave', F],
      ],
      D,
    ],
    ['(but a stand-in off the rota yields to the link)', [['join', S]], 'lin'],
  ])('a facilitator-link holder arriving does not take the role from %s', (_n, moves, holder) => {
    const state = play(moves);
    const linked = accept(state, { type: 'join', actor: 'lin', name: 'Lin', asFacilitator: true });
    expect(linked.state.facilitator).toBe(holder);
  });

  test('nobody else may hand the role on: the returning facilitator cannot take it back', () => {
    const state = play([
      ['join', F],
      ['join', D],
      ['leave', F],
      ['join', F],
    ]);
    refuse(state, { type: 'hand-facilitation', actor: F, to: F }, 'not-facilitator');
  });
});
