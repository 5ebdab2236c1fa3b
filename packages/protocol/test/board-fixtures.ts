import {
  ABSENT,
  type BoardChange,
  type Card,
  type CardLookup,
  type SessionState,
} from '../src/index.ts';
import { accept, builtIn, room } from './fixtures.ts';

/** Fay facilitates; `presenter` presents Issue Analysis, moved on `phases` phases from the start. */
export function issueAnalysis(presenter: string, phases: number): SessionState {
  const protocol = builtIn('issue-analysis');
  let state = accept(room('fay', 'pat', 'ben', 'ali'), {
    type: 'start-round',
    actor: 'fay',
    presenter,
    protocol,
  }).state;
  for (let i = 0; i < phases; i++)
    state = accept(state, { type: 'next-phase', actor: 'fay' }).state;
  return state;
}

/** Pat presents; the phases of round 1 by the cards they take. */
export const between = room('fay', 'pat', 'ben', 'ali');
export const presentation = issueAnalysis('pat', 0);
export const questions = issueAnalysis('pat', 1);
/** Peer feedback: the presenter listens in silence. */
export const feedback = issueAnalysis('pat', 2);
export const ended = accept(questions, { type: 'end-session', actor: 'fay' }).state;

/** A valid card: by default Ben's question in round 1's clarifying questions. */
export const card = (overrides: Partial<Card> = {}): Card => ({
  id: 'card-ben-1',
  author: 'ben',
  round: 1,
  phase: 'clarifying-questions',
  kind: 'question',
  text: 'What did you try first?',
  created: 0,
  ...overrides,
});

export const add = (after: unknown, key = card().id): BoardChange => ({
  root: 'cards',
  key,
  before: ABSENT,
  after,
});
export const edit = (before: Card, after: unknown): BoardChange => ({
  root: 'cards',
  key: before.id,
  before,
  after,
});
export const remove = (before: Card): BoardChange => ({
  root: 'cards',
  key: before.id,
  before,
  after: ABSENT,
});
export const verdict = (key: string, after: unknown, before: unknown = ABSENT): BoardChange => ({
  root: 'verdicts',
  key,
  before,
  after,
});
/** A key touched only by content that arrived already deleted. */
export const touched = (root: BoardChange['root'], key = card().id): BoardChange => ({
  root,
  key,
  before: ABSENT,
  after: ABSENT,
});

/** The board after an update, holding these cards (and `size`, for a crowded board). */
export function boardOf(cards: readonly Card[], size = cards.length): CardLookup {
  const byId = new Map(cards.map((c) => [c.id, c]));
  return { size, get: (id) => byId.get(id) };
}
