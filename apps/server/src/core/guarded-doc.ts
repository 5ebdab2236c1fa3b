import type { Refusal, WireError } from '@roundtable/wire';
import * as Y from 'yjs';
import { CheckedUpdateDecoder, ForbiddenKeyError } from './checked-decoder.ts';
import { defineRoots, structureProblem, type DocShape } from './doc-shape.ts';

export type ApplyResult = Refusal | { ok: true; changed: boolean };

function sameClocks(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [client, clock] of a) if (b.get(client) !== clock) return false;
  return true;
}

/** Decides whether what a client's update did to the shadow copy may count. */
export type Inspector = (transaction: Y.Transaction, shadow: Y.Doc) => WireError | null;

/**
 * A document that only changes through checked updates. Each client update is applied first
 * to a shadow copy and inspected there; only if it passes is it applied to the real document.
 * The shadow is rebuilt only after a rejection, so a valid update costs O(update).
 */
export class GuardedDoc {
  readonly doc: Y.Doc;
  private shadow: Y.Doc;
  private readonly shape: DocShape;
  private readonly defineRoots: (doc: Y.Doc) => void;

  /**
   * `shape` names the document's roots, declared here before any update is applied: a root
   * first met inside an update is created as a bare AbstractType, and a later getMap()
   * replaces it with a new object, so identity checks on changed types would fail.
   */
  constructor(doc: Y.Doc, shape: DocShape) {
    this.doc = doc;
    this.shape = shape;
    this.defineRoots = defineRoots(shape);
    this.defineRoots(doc);
    this.shadow = this.cloneDoc();
  }

  /**
   * Applies `update` if it fits the document's shape and `inspect` accepts it. `changed` is
   * false for an update that adds nothing (a sync step 2 with nothing new), which callers need
   * not store or relay.
   */
  tryApply(update: Uint8Array, inspect: Inspector, origin: unknown): ApplyResult {
    let verdict: WireError | null = null;
    let changed = false;
    const onTransaction = (tr: Y.Transaction) => {
      changed ||=
        tr.changed.size > 0 ||
        tr.deleteSet.clients.size > 0 ||
        !sameClocks(tr.beforeState, tr.afterState);
      verdict ??= structureProblem(tr, this.shadow, this.shape) ?? inspect(tr, this.shadow);
    };
    this.shadow.on('afterTransaction', onTransaction);
    try {
      Y.applyUpdateV2(this.shadow, update, origin, CheckedUpdateDecoder);
      verdict ??= pendingProblem(this.shadow);
    } catch (error) {
      verdict =
        error instanceof ForbiddenKeyError
          ? { code: 'unknown-structure', message: `"${error.key}" is not allowed as a key.` }
          : { code: 'invalid-payload', message: 'That is not a Yjs update.' };
    } finally {
      this.shadow.off('afterTransaction', onTransaction);
    }
    if (verdict) {
      this.resetShadow();
      return { ok: false, error: verdict };
    }
    if (changed) Y.applyUpdate(this.doc, update, origin);
    return { ok: true, changed };
  }

  /** A server-side write, applied to both copies; returns the update, or null if nothing changed. */
  write(fn: (doc: Y.Doc) => void, origin: unknown): Uint8Array | null {
    let update: Uint8Array | null = null;
    const capture = (u: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, u]) : u;
    };
    this.doc.on('update', capture);
    try {
      this.doc.transact(() => fn(this.doc), origin);
    } finally {
      this.doc.off('update', capture);
    }
    if (update) Y.applyUpdate(this.shadow, update, origin);
    return update;
  }

  resetShadow(): void {
    this.shadow.destroy();
    this.shadow = this.cloneDoc();
  }

  private cloneDoc(): Y.Doc {
    const copy = new Y.Doc({ gc: this.doc.gc });
    this.defineRoots(copy);
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
    return copy;
  }
}

/** An update that depends on structs the server never saw cannot be checked, so it is refused. */
function pendingProblem(doc: Y.Doc): WireError | null {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  return store.pendingStructs !== null || store.pendingDs !== null
    ? {
        code: 'missing-dependencies',
        message: 'The update depends on changes the server does not have; resync.',
      }
    : null;
}

/** The clientIDs under which an update creates structs. */
export function authoringClients(update: Uint8Array): Set<number> {
  const { structs } = Y.decodeUpdate(update);
  return new Set(structs.map((s) => s.id.client));
}
