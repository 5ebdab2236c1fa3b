import type { Store } from '../store/store.ts';
import type { LiveSession } from './live-session.ts';
import { notesMarkdown, takeawaysMarkdown } from './markdown-exports.ts';

/**
 * Keeps take-aways, clears the board unless the group chose to keep it, and only then marks
 * the session ended: until that last step the session counts as active, so a restart reopens
 * it and finishes the end. Each step may run again: stored take-aways are not recomputed
 * (the board they came from may be gone), clearing and marking are idempotent.
 */
export async function finishEnd(store: Store, session: LiveSession, at: number): Promise<void> {
  const { info, engineState } = session;
  const presenters = new Set(engineState.history.map((r) => r.presenter));
  for (const presenter of presenters) {
    if (await store.getExport(info.id, presenter, 'takeaways')) continue;
    const board = session.docs.boardDoc.guarded.doc;
    const markdown = takeawaysMarkdown(info, engineState, board, presenter);
    if (markdown) await store.putExport(info.id, presenter, 'takeaways', markdown);
  }
  if (info.confidentiality === 'clear-board') await session.docs.clearBoard();
  await store.markEnded(info.id, at);
}

/**
 * The end is stored in steps (state, take-aways, board, session record): an ended state with
 * the record still active, or a confidential board still holding cards, has steps to do.
 */
export function endUnfinished(session: LiveSession): boolean {
  if (!session.engineState.ended) return false;
  if (session.record.endedAt === null) return true;
  const board = session.docs.boardDoc.guarded.doc;
  return session.info.confidentiality === 'clear-board' && board.store.clients.size > 0;
}

/** A participant's own notes or take-aways as Markdown; null when they have no take-aways. */
export async function exportFor(
  store: Store,
  session: LiveSession,
  participantId: string,
  kind: 'notes' | 'takeaways',
): Promise<string | null> {
  const stored = await store.getExport(session.id, participantId, kind);
  if (stored) return stored;
  const { info, engineState, docs } = session;
  if (kind === 'notes') return notesMarkdown(info, (await docs.notesOf(participantId)).guarded.doc);
  return takeawaysMarkdown(info, engineState, docs.boardDoc.guarded.doc, participantId);
}
