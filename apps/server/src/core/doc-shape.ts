import type { WireError } from '@roundtable/wire';
import * as Y from 'yjs';
import { FORBIDDEN_KEYS } from './checked-decoder.ts';

/**
 * What a root holds: `map` is a Y.Map of plain JSON values (one value per key), `text` a Y.Text
 * of plain characters (no formats, embeds or nested types).
 */
export type RootKind = 'map' | 'text';

/** A document's roots by name. Nothing else may exist in the document. */
export type DocShape = Readonly<Record<string, RootKind>>;

/** Declares a shape's roots on a document, before anything is applied to it. */
export function defineRoots(shape: DocShape): (doc: Y.Doc) => void {
  return (doc) => {
    for (const [name, kind] of Object.entries(shape)) {
      if (kind === 'map') doc.getMap(name);
      else doc.getText(name);
    }
  };
}

const refuse = (message: string): WireError => ({ code: 'unknown-structure', message });
const PLAIN_TEXT =
  'This text holds plain characters only: no formats, embeds, attributes or types.';

/**
 * The structs a transaction added, in clock order per client. Valid until the transaction's
 * cleanup, which garbage-collects deleted content and merges structs: read them in
 * `afterTransaction`, where what the update carried is still there.
 */
export function addedStructs(tr: Y.Transaction): (Y.Item | Y.GC)[] {
  const added: (Y.Item | Y.GC)[] = [];
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after === before) continue;
    const structs = tr.doc.store.clients.get(client)!;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) added.push(structs[i]!);
  }
  return added;
}

/**
 * Whether what an update did fits the document's shape. It looks at what the update's items
 * are (their parent, key and content), not at the type the shadow created for a root name: a
 * Y.Array written under a Y.Map's name arrives as keyless items of that map, invisible to its
 * events but stored and relayed all the same.
 */
export function structureProblem(
  tr: Y.Transaction,
  shadow: Y.Doc,
  shape: DocShape,
): WireError | null {
  const kindOf = (type: unknown): RootKind | undefined => {
    for (const [name, kind] of Object.entries(shape))
      if (shadow.share.get(name) === type) return kind;
    return undefined;
  };
  for (const struct of addedStructs(tr)) {
    if (!(struct instanceof Y.Item))
      return refuse('This document never holds garbage-collected structs.');
    const problem = itemProblem(struct, kindOf(struct.parent));
    if (problem) return problem;
  }
  // Deletions add no struct: check which roots, and which parts of them, they touched.
  for (const [type, keys] of tr.changed) {
    const kind = kindOf(type);
    if (!kind) return refuse(`This document holds only ${Object.keys(shape).join(', ')}.`);
    for (const key of keys) {
      const problem = placeProblem(kind, key);
      if (problem) return problem;
    }
  }
  return null;
}

function itemProblem(item: Y.Item, kind: RootKind | undefined): WireError | null {
  if (!kind) return refuse("Content belongs directly in one of the document's roots.");
  const place = placeProblem(kind, item.parentSub);
  if (place) return place;
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return null;
  if (kind === 'text') return content instanceof Y.ContentString ? null : refuse(PLAIN_TEXT);
  return content instanceof Y.ContentAny && content.getLength() === 1
    ? null
    : refuse('A map holds one plain JSON value per key, no nested types or binary data.');
}

/** A map is written only under keys, a text only in its sequence of characters. */
function placeProblem(kind: RootKind, key: string | null): WireError | null {
  if (kind === 'text') return key === null ? null : refuse(PLAIN_TEXT);
  if (key === null) return refuse('A map root holds keyed values, not a list or text.');
  return FORBIDDEN_KEYS.has(key) ? refuse(`"${key}" is not allowed as a key.`) : null;
}

/**
 * Values a transaction wrote under keys of `map` that are deleted again by its end (set and
 * removed in one update, or overwritten by a later write in it). The map's event never shows
 * them, yet the update carries, stores and relays them, so they are checked like any write.
 * Yjs clients delete in their own document before sending, so theirs arrive without content.
 */
export function transientValues(tr: Y.Transaction, map: Y.Map<unknown>): [string, unknown][] {
  const values: [string, unknown][] = [];
  for (const struct of addedStructs(tr)) {
    if (!(struct instanceof Y.Item) || struct.parent !== map || !struct.deleted) continue;
    if (struct.parentSub !== null && struct.content instanceof Y.ContentAny)
      values.push([struct.parentSub, struct.content.getContent()[0]]);
  }
  return values;
}
