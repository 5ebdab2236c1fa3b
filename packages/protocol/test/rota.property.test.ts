import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  BUILT_IN_PROTOCOLS,
  initialState,
  isRejection,
  step,
  type Command,
  type SessionState,
} from '../src/index.ts';
import { T0 } from './fixtures.ts';

const PEOPLE = ['fay', 'dev', 'sam', 'mo', 'ivy'];
const ROTA = { fay: 'facilitator', dev: 'deputy' } as const;
const person = fc.constantFrom(...PEOPLE);

/** Joins with and without rota places (invite sessions have none), leaves, hand-overs, reminders. */
const command = (withRota: boolean): fc.Arbitrary<Command> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: person.map((who): Command => {
        const rota = withRota ? ROTA[who as keyof typeof ROTA] : undefined;
        return rota
          ? { type: 'join', actor: who, name: who, rota }
          : { type: 'join', actor: who, name: who };
      }),
    },
    { weight: 3, arbitrary: person.map((who): Command => ({ type: 'leave', actor: who })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(person, person)
        .map(([actor, to]): Command => ({ type: 'hand-facilitation', actor, to })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(person, fc.integer({ min: -1, max: 6 }))
        .map(([actor, rule]): Command => ({ type: 'raise-rule', actor, rule, ruleCount: 6 })),
    },
  );

const script = fc.tuple(fc.boolean(), fc.boolean()).chain(([withRota, inRound]) =>
  fc.record({
    inRound: fc.constant(inRound),
    moves: fc.array(fc.tuple(command(withRota), fc.integer({ min: 0, max: 30 })), {
      maxLength: 60,
    }),
  }),
);

/** Everyone joins; optionally the first present person starts a round, to have turns to keep. */
function opening(inRound: boolean): SessionState {
  let state = initialState;
  for (const who of PEOPLE.slice(2)) {
    const t = step(state, { type: 'join', actor: who, name: who }, T0);
    if (!isRejection(t)) state = t.state;
  }
  if (!inRound) return state;
  const protocol = BUILT_IN_PROTOCOLS[0];
  if (!protocol || !state.facilitator) return state;
  const t = step(
    state,
    { type: 'start-round', actor: state.facilitator, presenter: 'mo', protocol },
    T0,
  );
  return isRejection(t) ? state : t.state;
}

test('one present facilitator whenever anyone is present; raise-rule moves no turn or phase', () => {
  fc.assert(
    fc.property(script, ({ inRound, moves }) => {
      let state = opening(inRound);
      let now = T0;
      for (const [cmd, seconds] of moves) {
        now += seconds * 1000;
        const result = step(state, cmd, now);
        if (isRejection(result)) continue;
        if (cmd.type === 'raise-rule') {
          expect(result.state.round).toBe(state.round);
          expect(result.state.hands).toBe(state.hands);
          expect(result.state.facilitator).toBe(state.facilitator);
          expect(result.state.participants).toBe(state.participants);
        }
        state = result.state;
        const present = state.participants.filter((p) => p.present).map((p) => p.id);
        if (present.length > 0) expect(present).toContain(state.facilitator);
        expect(state.reminders.length).toBeLessThanOrEqual(5);
      }
    }),
    { numRuns: 300 },
  );
});
