import type { SessionState } from '@roundtable/protocol';
import {
  readStateValue,
  STATE_KEYS,
  STATE_ROOT,
  type Ack,
  type CardRemoval,
} from '@roundtable/wire';
import type * as Y from 'yjs';
import { boardContext } from './board-context.ts';
import { boardInspector } from './board-rules.ts';
import type { ClientIds } from './client-ids.ts';
import { PersistedDoc } from './doc-store.ts';
import type { SessionDocs } from './session-docs.ts';

export interface BoardUpdate {
  readonly docs: SessionDocs;
  readonly clientIds: ClientIds;
  /** The engine state the board rules read (phase, roles, who may write what). */
  readonly engineState: SessionState;
  readonly participantId: string;
  readonly origin: string;
  readonly update: Uint8Array;
  readonly now: number;
}

/**
 * A board update from a participant: its clientIDs, the board rules, then durable. New
 * clientIDs are bound only once the update is accepted, so a refused one changes nothing.
 */
export async function applyBoardUpdate(input: BoardUpdate): Promise<Ack> {
  const { docs, clientIds, participantId, origin, update } = input;
  const claim = clientIds.check(participantId, update);
  if (!claim.ok) return claim;
  const removals: CardRemoval[] = [];
  const ctx = boardContext(input.engineState, participantId, (cardId, author) =>
    removals.push({ cardId, author, by: participantId, at: input.now }),
  );
  const applied = docs.boardDoc.guarded.tryApply(update, boardInspector(ctx), origin);
  if (!applied.ok || !applied.changed) return applied.ok ? { ok: true } : applied;
  await clientIds.bind(participantId, claim.unbound);
  if (removals.length === 0) {
    await docs.boardDoc.persisted.append(update, docs.boardDoc.guarded.doc);
    docs.announce('board', update, origin);
    return { ok: true };
  }
  // The facilitator removed cards: the removal and its record are stored together. Adding
  // to the log always changes the state, so there is always an update to store.
  const { boardDoc, stateDoc } = docs;
  const record = stateDoc.guarded.write((doc) => appendRemovals(doc, removals), 'server')!;
  await PersistedDoc.appendTogether([
    { persisted: boardDoc.persisted, update, doc: boardDoc.guarded.doc },
    { persisted: stateDoc.persisted, update: record, doc: stateDoc.guarded.doc },
  ]);
  docs.announce('board', update, origin);
  docs.announce('state', record, null);
  return { ok: true };
}

/** Adds card removals to the state document's log of them. */
function appendRemovals(doc: Y.Doc, removals: readonly CardRemoval[]): void {
  const map = doc.getMap(STATE_ROOT);
  const log = readStateValue(map, 'removals') ?? [];
  map.set(STATE_KEYS.removals, [...log, ...removals]);
}
