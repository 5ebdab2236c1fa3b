import { ABSENT, checkBoardUpdate, isBoardRejection, type BoardChange } from '@roundtable/protocol';
import { BOARD, type WireError } from '@roundtable/wire';
import * as Y from 'yjs';
import type { BoardContext } from './board-context.ts';
import { transientValues } from './doc-shape.ts';
import type { Inspector } from './guarded-doc.ts';

/**
 * The board's rules (packages/protocol's checkBoardUpdate), asked about what an update
 * actually did to the shadow copy. The document's shape (two maps of plain values) is
 * checked before, by the GuardedDoc; this only turns a Yjs transaction into plain changes.
 */
export function boardInspector(ctx: BoardContext): Inspector {
  return (tr, shadow) => {
    const cards = shadow.getMap(BOARD.cards);
    const verdicts = shadow.getMap(BOARD.verdicts);
    const changes: BoardChange[] = [];
    for (const [changed, keys] of tr.changed) {
      // Yjs types the changed set loosely; identity with the roots is what matters.
      const type = changed as unknown;
      if (type === cards) changes.push(...changesTo('cards', cards, tr, keys));
      else if (type === verdicts) changes.push(...changesTo('verdicts', verdicts, tr, keys));
      else
        return { code: 'unknown-structure', message: 'The board holds only cards and verdicts.' };
    }
    // Only a real change is judged: a reconnecting client's empty sync changes nothing.
    const result = checkBoardUpdate(ctx.state, ctx.participantId, { changes, cards });
    if (isBoardRejection(result)) return result satisfies WireError;
    for (const { cardId, author } of result.removals) ctx.onRemoval(cardId, author);
    return null;
  };
}

/**
 * What a transaction did under the touched keys of one map: the event's changes, then the
 * values it wrote and removed again (invisible to the event, yet stored and relayed), then the
 * keys touched only by content that arrived already deleted.
 */
function changesTo(
  root: BoardChange['root'],
  map: Y.Map<unknown>,
  tr: Y.Transaction,
  keys: Set<string | null>,
): BoardChange[] {
  const event = new Y.YMapEvent(map, tr, keys);
  const held = (key: string): unknown => {
    const change = event.changes.keys.get(key);
    if (change) return change.action === 'add' ? ABSENT : change.oldValue;
    return map.has(key) ? map.get(key) : ABSENT;
  };
  const changes: BoardChange[] = [];
  for (const [key, change] of event.changes.keys) {
    const after = change.action === 'delete' ? ABSENT : map.get(key);
    changes.push({ root, key, before: held(key), after });
  }
  const transient = transientValues(tr, map);
  for (const [key, after] of transient) changes.push({ root, key, before: held(key), after });
  for (const key of keys) {
    const seen = key === null || event.changes.keys.has(key) || transient.some(([k]) => k === key);
    if (!seen) changes.push({ root, key, before: ABSENT, after: ABSENT });
  }
  return changes;
}
