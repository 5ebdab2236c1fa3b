import { BOARD, type Card, type Verdict } from '@roundtable/wire';
import type * as Y from 'yjs';

/** Writes a member makes to the board. The server checks each one; these only shape them. */
export function addCard(board: Y.Doc, card: Omit<Card, 'id'> & { id?: string }): Card {
  const full: Card = { ...card, id: card.id ?? newCardId() };
  board.getMap<Card>(BOARD.cards).set(full.id, full);
  return full;
}

export function editCard(board: Y.Doc, id: string, text: string): void {
  const cards = board.getMap<Card>(BOARD.cards);
  const card = cards.get(id);
  if (card) cards.set(id, { ...card, text });
}

export function removeCard(board: Y.Doc, id: string): void {
  board.getMap<Card>(BOARD.cards).delete(id);
}

export function setVerdict(board: Y.Doc, cardId: string, verdict: Verdict | null): void {
  const verdicts = board.getMap<Verdict>(BOARD.verdicts);
  if (verdict) verdicts.set(cardId, verdict);
  else verdicts.delete(cardId);
}

export function cardsOf(board: Y.Doc): Card[] {
  return [...board.getMap<Card>(BOARD.cards).values()].sort(
    (a, b) => a.created - b.created || a.id.localeCompare(b.id),
  );
}

export function verdictsOf(board: Y.Doc): Map<string, Verdict> {
  return new Map(board.getMap<Verdict>(BOARD.verdicts).entries());
}

/** 20 hex characters. getRandomValues, unlike randomUUID, also works on plain-http pages. */
function newCardId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
