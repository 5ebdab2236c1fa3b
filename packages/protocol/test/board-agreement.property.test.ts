import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  ABSENT,
  BUILT_IN_PROTOCOLS,
  CARD_KINDS,
  PROTOCOL_LIMITS,
  addableCardKinds,
  cardPermissions,
  checkBoardUpdate,
  currentPhase,
  isBoardRejection,
  isRejection,
  parseProtocol,
  step,
  type BoardChange,
  type Card,
  type Command,
  type Protocol,
  type SessionState,
} from '../src/index.ts';
import { boardOf } from './board-fixtures.ts';
import { room } from './fixtures.ts';

const PEOPLE = ['fay', 'pat', 'ben', 'ali'] as const;

const phase = (id: string, cards: string[], speakers: string, silent: string) => ({
  id,
  title: id,
  guidance: { facilitator: 'Go on.', members: 'Go on.' },
  speakers,
  silent,
  durationSeconds: 60,
  cards,
});
/** Two phases taking the same kinds, so a card's phase, not only its kind, decides. */
const parsed = parseProtocol({
  format: 'roundtable.protocol/v1',
  id: 'same-kinds',
  title: 'Same kinds',
  summary: 'Two phases that take questions.',
  phases: [
    phase('first', ['question', 'positive'], 'everyone', 'nobody'),
    phase('second', ['question', 'action'], 'peers', 'presenter'),
  ],
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const PROTOCOLS: readonly Protocol[] = [...BUILT_IN_PROTOCOLS, parsed.protocol];

/** Applies a command if the engine takes it: a script need not know which ones it will. */
const tryStep = (state: SessionState, command: Command): SessionState => {
  const next = step(state, command, 0);
  return isRejection(next) ? state : next.state;
};

/**
 * A session somewhere in its life: some rounds of a built-in protocol with any presenter (and
 * Ali as mentor where the protocol has that role), some phases in, maybe between rounds or ended.
 */
const sessions = fc
  .record({
    protocol: fc.constantFrom(...PROTOCOLS),
    presenter: fc.constantFrom(...PEOPLE),
    rounds: fc.integer({ min: 0, max: 2 }),
    phases: fc.integer({ min: 0, max: 5 }),
    after: fc.constantFrom('running', 'round-ended', 'session-ended'),
  })
  .map(({ protocol, presenter, rounds, phases, after }) => {
    const roles = Object.fromEntries(protocol.roles.map((r) => [r.id, 'ali']));
    let state = room(...PEOPLE);
    for (let r = 0; r < rounds; r++) {
      if (r > 0) state = tryStep(state, { type: 'end-round', actor: 'fay' });
      const start = { type: 'start-round', actor: 'fay', presenter, protocol, roles } as const;
      state = tryStep(state, start);
    }
    for (let p = 0; p < phases; p++) state = tryStep(state, { type: 'next-phase', actor: 'fay' });
    if (after === 'round-ended') state = tryStep(state, { type: 'end-round', actor: 'fay' });
    if (after === 'session-ended') state = tryStep(state, { type: 'end-session', actor: 'fay' });
    return state;
  });

const phaseIds = [...new Set(PROTOCOLS.flatMap((p) => p.phases.map((ph) => ph.id)))];

/**
 * A card already on the board: anyone's, from any round and phase, of any kind, but often of
 * the moment (this round, this phase, a kind it takes), where the rules have most to decide.
 */
const cardsIn = (state: SessionState): fc.Arbitrary<Card> => {
  const now = currentPhase(state);
  const often = <T>(usual: readonly T[], any: fc.Arbitrary<T>) =>
    usual.length > 0 ? fc.oneof(fc.constantFrom(...usual), any) : any;
  return fc.record({
    id: fc.constantFrom('card-aaaa', 'card-bbbb'),
    author: fc.constantFrom(...PEOPLE),
    round: often(state.round ? [state.round.number] : [], fc.integer({ min: 1, max: 3 })),
    phase: often(now ? [now.id] : [], fc.constantFrom(...phaseIds)),
    kind: often(now?.cards ?? [], fc.constantFrom(...CARD_KINDS)),
    text: fc.constantFrom('A thought', 'x'.repeat(PROTOCOL_LIMITS.cardText)),
    created: fc.nat(),
  });
};
const scenes = sessions.chain((state) => fc.tuple(fc.constant(state), cardsIn(state)));

const accepts = (
  state: SessionState,
  who: string,
  change: BoardChange,
  on: Card[],
  size?: number,
) =>
  !isBoardRejection(checkBoardUpdate(state, who, { changes: [change], cards: boardOf(on, size) }));

const who = fc.constantFrom(...PEOPLE, 'stranger');

test('what cardPermissions offers, checkBoardUpdate accepts, and what it withholds is refused', () => {
  fc.assert(
    fc.property(scenes, who, fc.constantFrom('take', 'leave'), ([state, card], me, sift) => {
      const may = cardPermissions(state, me, card);
      const edited = { ...card, text: 'Edited' };
      const editChange: BoardChange = { root: 'cards', key: card.id, before: card, after: edited };
      expect(accepts(state, me, editChange, [edited])).toBe(may.edit);

      const removal: BoardChange = { root: 'cards', key: card.id, before: card, after: ABSENT };
      const removed = checkBoardUpdate(state, me, { changes: [removal], cards: boardOf([]) });
      expect(isBoardRejection(removed)).toBe(may.remove === null);
      // Only a facilitator's removal is put on record; an author's own deletion is not.
      if (!isBoardRejection(removed))
        expect(removed.removals.length).toBe(may.remove === 'moderate' ? 1 : 0);

      const verdict: BoardChange = { root: 'verdicts', key: card.id, before: ABSENT, after: sift };
      expect(accepts(state, me, verdict, [card])).toBe(may.sift);
    }),
    { numRuns: 400 },
  );
});

test('the kinds addableCardKinds offers are exactly those a new card may have', () => {
  const counts = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(PROTOCOL_LIMITS.cards));
  fc.assert(
    fc.property(sessions, who, fc.constantFrom(...CARD_KINDS), counts, (state, me, kind, count) => {
      const phase = currentPhase(state);
      const card: Card = {
        id: 'card-new1',
        author: me,
        round: state.round?.number ?? 1,
        phase: phase?.id ?? 'presentation',
        kind,
        text: 'A new thought',
        created: 0,
      };
      const change: BoardChange = { root: 'cards', key: card.id, before: ABSENT, after: card };
      const offered = addableCardKinds(state, me, count).includes(kind);
      expect(accepts(state, me, change, [card], count + 1)).toBe(offered);
    }),
    { numRuns: 400 },
  );
});
