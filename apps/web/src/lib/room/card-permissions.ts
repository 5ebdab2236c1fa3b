import { currentPhase, type SessionState } from '@roundtable/protocol';
import type { Card } from '@roundtable/wire';
import type { MySeat } from './people.ts';

/**
 * What this person may do with a card: the board rules the server enforces, asked in
 * advance so the room never offers an action that would be refused.
 */
export interface CardPermissions {
  readonly edit: boolean;
  /** `own`: the author deletes it; `moderate`: the facilitator removes someone's card. */
  readonly remove: 'own' | 'moderate' | null;
  /** Take or leave: the presenter sifts the cards of their own round. */
  readonly sift: boolean;
}

const NOTHING: CardPermissions = { edit: false, remove: null, sift: false };

export function cardPermissions(
  card: Card,
  state: SessionState,
  me: string,
  seat: MySeat,
): CardPermissions {
  if (state.ended) return NOTHING;
  const round = state.round;
  const phase = currentPhase(state);
  const mine = card.author === me;
  const listening = seat.voice === 'silent';
  const inThisPhase =
    round !== null && card.round === round.number && phase !== null && card.phase === phase.id;
  return {
    edit: mine && !listening && inThisPhase && phase.cards.includes(card.kind),
    remove: mine && !listening ? 'own' : seat.isFacilitator ? 'moderate' : null,
    sift: seat.isPresenter && round !== null && card.round === round.number,
  };
}
