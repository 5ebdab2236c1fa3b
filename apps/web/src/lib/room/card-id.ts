/**
 * A card id the board accepts (6-40 of A-Z a-z 0-9 _ -). Made from getRandomValues because
 * crypto.randomUUID exists only in secure contexts, and a group may run Roundtable over
 * plain http on a local network.
 */
export function newCardId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
