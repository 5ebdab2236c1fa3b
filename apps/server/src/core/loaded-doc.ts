import { BOARD, LIMITS, NOTES_TEXT, STATE_ROOT, type WireError } from '@roundtable/wire';
import type { Store } from '../store/store.ts';
import { PersistedDoc } from './doc-store.ts';
import { defineRoots, type DocShape } from './doc-shape.ts';
import { GuardedDoc, type Inspector } from './guarded-doc.ts';

/** A session document as a live session holds it: checked in memory, appended to storage. */
export interface LoadedDoc {
  readonly guarded: GuardedDoc;
  readonly persisted: PersistedDoc;
}

/** The roots of each document; nothing a client sends outside them is accepted. */
export const SHAPES = {
  state: { [STATE_ROOT]: 'map' },
  board: { [BOARD.cards]: 'map', [BOARD.verdicts]: 'map' },
  notes: { [NOTES_TEXT]: 'text' },
} as const satisfies Record<string, DocShape>;

/** Declares each document's root types, before anything is applied to it. */
export const ROOTS = {
  state: defineRoots(SHAPES.state),
  board: defineRoots(SHAPES.board),
  notes: defineRoots(SHAPES.notes),
};

export async function loadGuarded(
  store: Store,
  sessionId: string,
  name: string,
  shape: DocShape,
): Promise<LoadedDoc> {
  const { persisted, doc } = await PersistedDoc.load(store, sessionId, name, defineRoots(shape));
  return { guarded: new GuardedDoc(doc, shape), persisted };
}

/** The notes' shape (plain text only) is checked by the GuardedDoc; this adds the size limit. */
export const notesInspector: Inspector = (_tr, shadow) => {
  const text = shadow.getText(NOTES_TEXT);
  return text.length > LIMITS.notesChars
    ? { code: 'too-large', message: `Notes hold at most ${LIMITS.notesChars} characters.` }
    : null;
};

export const READONLY: WireError = {
  code: 'readonly-document',
  message: 'Only the server writes the session state.',
};
