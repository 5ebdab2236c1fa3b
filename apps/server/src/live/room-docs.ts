import { BOARD, LIMITS, NOTES_TEXT, STATE_ROOT, type WireError } from '@roundtable/wire';
import type * as Y from 'yjs';
import type { Store } from '../store/store.ts';
import { PersistedDoc } from './doc-store.ts';
import { GuardedDoc, type Inspector } from './guarded-doc.ts';

/** A session document as the room holds it: checked in memory, appended to storage. */
export interface LoadedDoc {
  readonly guarded: GuardedDoc;
  readonly persisted: PersistedDoc;
}

/** The root types of each document, declared before anything is applied to it. */
export const ROOTS = {
  state: (doc: Y.Doc) => void doc.getMap(STATE_ROOT),
  board: (doc: Y.Doc) => {
    doc.getMap(BOARD.cards);
    doc.getMap(BOARD.verdicts);
  },
  notes: (doc: Y.Doc) => void doc.getText(NOTES_TEXT),
};

export async function loadGuarded(
  store: Store,
  sessionId: string,
  name: string,
  roots: (doc: Y.Doc) => void,
): Promise<LoadedDoc> {
  const { persisted, doc } = await PersistedDoc.load(store, sessionId, name, roots);
  return { guarded: new GuardedDoc(doc, roots), persisted };
}

export const notesInspector: Inspector = (tr, shadow) => {
  const text = shadow.getText(NOTES_TEXT);
  for (const type of tr.changed.keys()) {
    if (type !== (text as unknown))
      return { code: 'unknown-structure', message: 'Notes hold one text.' };
  }
  return text.length > LIMITS.notesChars
    ? { code: 'too-large', message: `Notes hold at most ${LIMITS.notesChars} characters.` }
    : null;
};

export const READONLY: WireError = {
  code: 'readonly-document',
  message: 'Only the server writes the session state.',
};
