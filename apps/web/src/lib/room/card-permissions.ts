import {
  addableCardKinds,
  cardPermissions,
  NO_CARD_PERMISSIONS,
  type CardKind,
  type CardPermissions,
  type SessionState,
} from '@roundtable/protocol';
import type { Card } from '@roundtable/wire';

export type { CardPermissions };

/**
 * What this person may do with a card: the protocol's board rules, the very functions the
 * server enforces, asked in advance so the room never offers an action that would be refused.
 * Nothing before the state has arrived.
 */
export function cardPermissionsFor(
  card: Card,
  state: SessionState | null,
  me: string,
): CardPermissions {
  return state ? cardPermissions(state, me, card) : NO_CARD_PERMISSIONS;
}

/** The kinds of card this person may add now; none before the state has arrived. */
export function addableKindsFor(
  state: SessionState | null,
  me: string,
  cards: readonly Card[],
): readonly CardKind[] {
  return state ? addableCardKinds(state, me, cards.length) : [];
}
