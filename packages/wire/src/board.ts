import { PROTOCOL_LIMITS } from '@roundtable/protocol';

/** Root names in the board document. Nothing else may exist there. */
export const BOARD = {
  /** Y.Map<cardId, Card>: each card is one plain JSON value, replaced whole on edit. */
  cards: 'cards',
  /** Y.Map<cardId, Verdict>: the presenter's sift and sort. */
  verdicts: 'verdicts',
} as const;

/** The one root in a participant's private notes document: Y.Text. */
export const NOTES_TEXT = 'text';

/**
 * The rules' limits (name, extension, card text and count) are the protocol's, defined there
 * once; the rest bound what the transport carries.
 */
export const LIMITS = {
  ...PROTOCOL_LIMITS,
  /** One live update. */
  updateBytes: 64 * 1024,
  /** A sync step 2: everything a client wrote while offline. */
  syncBytes: 1024 * 1024,
  notesChars: 50_000,
  /** One awareness update (cursors, typing hints), relayed unread. */
  awarenessBytes: 16 * 1024,
} as const;

// The card and verdict shapes belong to the board rules, in the protocol; the wire names them.
export { CardSchema, VerdictSchema, type Card, type Verdict } from '@roundtable/protocol';
