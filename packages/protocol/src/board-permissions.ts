import type { Card } from './board-card.ts';
import { writeRefusal } from './board-changes.ts';
import { boardSeat } from './board-seat.ts';
import type { CardKind } from './cards.ts';
import { PROTOCOL_LIMITS } from './limits.ts';
import type { ParticipantId, SessionState } from './state.ts';

/**
 * What a participant may do with a card now: the rules checkBoardUpdate enforces, asked in
 * advance, so a client never offers an action the server would refuse.
 */
export interface CardPermissions {
  /** Rewrite their own card, in place, while the current phase takes cards of its kind. */
  readonly edit: boolean;
  /** `own`: the author deletes it; `moderate`: the facilitator removes it, on record. */
  readonly remove: 'own' | 'moderate' | null;
  /** Take or leave: the presenter sifts the cards of their own round. */
  readonly sift: boolean;
}

export const NO_CARD_PERMISSIONS: CardPermissions = { edit: false, remove: null, sift: false };

export function cardPermissions(
  state: SessionState,
  participantId: ParticipantId,
  card: Card,
): CardPermissions {
  const seat = boardSeat(state, participantId);
  if (seat.ended) return NO_CARD_PERMISSIONS;
  const mine = card.author === participantId;
  const open = writeRefusal(seat) === null ? seat.open : null;
  const edit = mine && open !== null && open.kinds.includes(card.kind);
  return {
    edit,
    remove: mine && !seat.isSilentListener ? 'own' : seat.isFacilitator ? 'moderate' : null,
    sift: seat.isPresenter && seat.round !== null && card.round === seat.round,
  };
}

/**
 * The kinds of card a participant may add now, given how many cards the board holds: none
 * while listening in silence, between rounds, in a phase that takes none, or on a full board.
 */
export function addableCardKinds(
  state: SessionState,
  participantId: ParticipantId,
  cardCount: number,
): readonly CardKind[] {
  const seat = boardSeat(state, participantId);
  if (writeRefusal(seat) || !seat.open || cardCount >= PROTOCOL_LIMITS.cards) return [];
  return seat.open.kinds;
}
