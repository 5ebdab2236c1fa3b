import * as v from 'valibot';
import { CardSchema, VerdictSchema } from './board-card.ts';
import { refuseBoard, type BoardRejection } from './board-rejection.ts';
import { boardSeat, type BoardSeat } from './board-seat.ts';
import { PROTOCOL_LIMITS } from './limits.ts';
import type { ParticipantId, SessionState } from './state.ts';

/** Marks a key that held nothing: a value may itself be `undefined` or `null`. */
export const ABSENT: unique symbol = Symbol('absent');

/**
 * One key an update touched, in one of the board's two maps: what it held before the update
 * and what the update wrote there (`ABSENT` for nothing). A write that the same update
 * removed again still counts, as its own change: it is stored and relayed all the same.
 * Both are `ABSENT` for a key touched only by content that arrived already deleted.
 */
export interface BoardChange {
  readonly root: 'cards' | 'verdicts';
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** The board's cards once the update is applied; a Y.Map or a Map will do. */
export interface CardLookup {
  readonly size: number;
  get(cardId: string): unknown;
}

export interface BoardUpdate {
  /** In the order the update made them; the first refused change decides the answer. */
  readonly changes: readonly BoardChange[];
  readonly cards: CardLookup;
}

/** A card the facilitator removed from someone's hand, to be put on record. */
export interface CardRemoved {
  readonly cardId: string;
  readonly author: string;
}

export interface BoardAccepted {
  readonly removals: readonly CardRemoved[];
}

export function isBoardRejection(result: BoardRejection | BoardAccepted): result is BoardRejection {
  return 'code' in result;
}

/**
 * Whether a participant's update to the board is allowed now. The rules: own cards only,
 * written in the open phase and of a kind it accepts, not while listening in silence;
 * verdicts by the presenter only; any card removed by the facilitator, on record.
 */
export function checkBoardUpdate(
  state: SessionState,
  participantId: ParticipantId,
  update: BoardUpdate,
): BoardRejection | BoardAccepted {
  if (update.changes.length === 0) return { removals: [] };
  const seat = boardSeat(state, participantId);
  if (seat.ended) return refuseBoard('board-closed', 'The session has ended; its board is closed.');
  const removals: CardRemoved[] = [];
  // The roots in the order the update first touched them, as the server always checked them.
  const roots = [...new Set(update.changes.map((c) => c.root))];
  for (const root of roots) {
    const changes = update.changes.filter((c) => c.root === root);
    const problem =
      root === 'cards'
        ? checkCards(seat, changes, update.cards, removals)
        : checkVerdicts(seat, changes, update.cards);
    if (problem) return problem;
  }
  return { removals };
}

const authorOf = (value: unknown): string | undefined => {
  const author: unknown =
    typeof value === 'object' && value !== null && 'author' in value ? value.author : undefined;
  return typeof author === 'string' ? author : undefined;
};

function checkCards(
  seat: BoardSeat,
  changes: readonly BoardChange[],
  cards: CardLookup,
  removals: CardRemoved[],
): BoardRejection | null {
  if (cards.size > PROTOCOL_LIMITS.cards)
    return refuseBoard('too-large', `A board holds at most ${PROTOCOL_LIMITS.cards} cards.`);
  for (const change of changes) {
    const problem =
      change.after !== ABSENT
        ? checkWrite(seat, change)
        : change.before !== ABSENT
          ? checkRemoval(seat, change, removals)
          : null;
    if (problem) return problem;
  }
  return null;
}

/** A removal: the author's own, unless listening in silence; anyone's by the facilitator. */
function checkRemoval(
  seat: BoardSeat,
  { key, before }: BoardChange,
  removals: CardRemoved[],
): BoardRejection | null {
  const author = authorOf(before) ?? '';
  if (author === seat.participantId && !seat.isSilentListener) return null;
  if (seat.isFacilitator) {
    removals.push({ cardId: key, author });
    return null;
  }
  return author === seat.participantId
    ? refuseBoard('silent-listener', 'You are listening in silence in this phase.')
    : refuseBoard('not-your-card', 'Only its author or the facilitator can remove a card.');
}

/** Why this writer may not write cards now at all, or null if they may. */
export function writeRefusal(seat: BoardSeat): BoardRejection | null {
  if (seat.isSilentListener)
    return refuseBoard('silent-listener', 'You are listening in silence in this phase.');
  if (!seat.open || seat.round === null)
    return refuseBoard('board-closed', 'This phase does not take cards.');
  return null;
}

/**
 * A new or edited card: the writer's own, of a kind the current phase accepts. A new card
 * belongs to the current phase; an edit keeps the card where it was written, so an author may
 * edit an older card while the current phase accepts its kind (docs/wire-protocol.md, 7.4).
 */
function checkWrite(seat: BoardSeat, { key, before, after }: BoardChange): BoardRejection | null {
  if (before !== ABSENT && authorOf(before) !== seat.participantId)
    return refuseBoard('not-your-card', 'Only its author can edit a card.');
  const closed = writeRefusal(seat);
  if (closed || !seat.open) return closed;
  // Own properties only: a schema reading `key in value` would also find a prototype's.
  const own = typeof after === 'object' && after !== null ? { ...after } : after;
  const parsed = v.safeParse(CardSchema, own);
  if (!parsed.success)
    return refuseBoard(
      'invalid-card',
      `Invalid card: ${parsed.issues[0]?.message ?? 'unknown problem'}.`,
    );
  const card = parsed.output;
  if (card.id !== key) return refuseBoard('invalid-card', 'A card is stored under its own id.');
  if (card.author !== seat.participantId)
    return refuseBoard('not-your-card', 'You can only write cards as yourself.');
  if (before !== ABSENT && !samePlace(before, card))
    return refuseBoard('invalid-card', 'A card stays in the phase it was written in.');
  if (before === ABSENT && (card.phase !== seat.open.phase || card.round !== seat.round))
    return refuseBoard('board-closed', 'New cards belong to the current phase.');
  if (!seat.open.kinds.includes(card.kind))
    return refuseBoard(
      'kind-not-accepted',
      `This phase takes ${seat.open.kinds.join(', ')} cards.`,
    );
  return null;
}

function samePlace(before: unknown, card: { phase: string; round: number }): boolean {
  if (typeof before !== 'object' || before === null) return false;
  const place = before as { phase?: unknown; round?: unknown };
  return place.phase === card.phase && place.round === card.round;
}

/** Verdicts are the presenter's, on cards of the current round, and "take" or "leave". */
function checkVerdicts(
  seat: BoardSeat,
  changes: readonly BoardChange[],
  cards: CardLookup,
): BoardRejection | null {
  if (!seat.isPresenter) return refuseBoard('not-presenter', 'Only the presenter sifts and sorts.');
  for (const { key, after } of changes) {
    if (after === ABSENT) continue;
    const card = cards.get(key);
    const round: unknown =
      typeof card === 'object' && card !== null && 'round' in card ? card.round : undefined;
    if (round !== seat.round)
      return refuseBoard('invalid-card', 'Verdicts are for cards of the current round.');
    if (!v.is(VerdictSchema, after))
      return refuseBoard('invalid-card', 'A verdict is "take" or "leave".');
  }
  return null;
}
