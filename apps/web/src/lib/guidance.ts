/**
 * Phase guidance for members addresses several people in one text ("Presenter: describe...
 * Peers: listen without interrupting."). In the room each person reads the part meant for
 * them, so a presenter under pressure is not left to find their line in a paragraph.
 */
const PRESENTER_LABELS = ['Presenter', 'Mentee'];
const PEER_LABELS = ['Peers', 'Others'];

export interface Seat {
  readonly isPresenter: boolean;
  /** Titles of the protocol roles this person fills, e.g. ["Mentor"]. */
  readonly roleTitles: readonly string[];
  /** Titles of every role the protocol declares, so they are recognised as addressees. */
  readonly protocolRoleTitles: readonly string[];
}

interface Part {
  readonly label: string | null;
  readonly text: string;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits at known addressees that open a sentence ("... Peers: listen."). */
export function splitGuidance(text: string, labels: readonly string[]): Part[] {
  const pattern = new RegExp(`(?:^|(?<=[.!?]\\s+))(${labels.map(escape).join('|')}):\\s*`, 'g');
  const parts: Part[] = [];
  let label: string | null = null;
  let from = 0;
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(from, match.index).trim();
    if (before) parts.push({ label, text: before });
    label = match[1] ?? null;
    from = match.index + match[0].length;
  }
  const rest = text.slice(from).trim();
  if (rest) parts.push({ label, text: rest });
  return parts;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The part of a guidance text meant for this seat; the whole text when none is marked. */
export function guidanceFor(text: string, seat: Seat): string {
  const labels = [...PRESENTER_LABELS, ...PEER_LABELS, ...seat.protocolRoleTitles];
  const parts = splitGuidance(text, labels);
  if (parts.every((part) => part.label === null)) return text;
  const mine = new Set(seat.isPresenter ? PRESENTER_LABELS : [...PEER_LABELS, ...seat.roleTitles]);
  // Unaddressed text before "Presenter: ..." speaks to everyone else: the peers.
  const chosen = parts.filter((part) =>
    part.label === null ? !seat.isPresenter : mine.has(part.label),
  );
  return chosen.length > 0 ? chosen.map((part) => capitalise(part.text)).join(' ') : text;
}
