import { BOARD, NOTES_TEXT, type Card, type SessionInfo } from '@roundtable/wire';
import type { SessionState } from '@roundtable/protocol';
import type * as Y from 'yjs';

/** The presenter's take-aways: the cards they kept, per round they presented. */
export function takeawaysMarkdown(
  info: SessionInfo,
  state: SessionState,
  board: Y.Doc,
  presenter: string,
): string | null {
  const cards = board.getMap<Card>(BOARD.cards);
  const verdicts = board.getMap<string>(BOARD.verdicts);
  const rounds = state.history.filter((r) => r.presenter === presenter).map((r) => r.number);
  if (state.round?.presenter === presenter) rounds.push(state.round.number);
  if (rounds.length === 0) return null;
  const nameOf = (id: string) => state.participants.find((p) => p.id === id)?.name ?? 'someone';
  const lines = [`# Take-aways: ${info.title}`, ''];
  for (const round of rounds) {
    const kept = [...cards.values()]
      .filter((c) => c.round === round && verdicts.get(c.id) === 'take')
      .sort((a, b) => a.created - b.created);
    lines.push(`## Round ${round}`, '');
    if (kept.length === 0) lines.push('_Nothing kept in this round._');
    for (const c of kept) lines.push(`- **${c.kind}** (${nameOf(c.author)}): ${oneLine(c.text)}`);
    lines.push('');
  }
  return lines.join('\n');
}

export function notesMarkdown(info: SessionInfo, notes: Y.Doc): string {
  const text = notes.getText(NOTES_TEXT).toString().trim();
  return `# My notes: ${info.title}\n\n${text || '_No notes._'}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
