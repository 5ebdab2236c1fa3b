import type { Kysely } from 'kysely';
import { toBytes } from './rows.ts';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';

type DocQueries = Pick<
  Store,
  'appendUpdate' | 'appendUpdates' | 'loadUpdates' | 'listDocs' | 'compact' | 'deleteDoc'
>;

/**
 * Yjs documents as their append-only update logs. `now` stamps `created_at`, which is kept for
 * diagnosing and pruning, never for ordering: `seq` orders.
 */
export function docQueries(db: Kysely<Database>, now: () => number): DocQueries {
  return {
    appendUpdate: (sessionId, doc, update) => insertUpdate(db, sessionId, doc, update, now()),

    appendUpdates(sessionId, updates) {
      return db.transaction().execute(async (trx) => {
        const seqs: number[] = [];
        for (const { doc, update } of updates)
          seqs.push(await insertUpdate(trx, sessionId, doc, update, now()));
        return seqs;
      });
    },

    async loadUpdates(sessionId, doc) {
      const rows = await db
        .selectFrom('doc_updates')
        .select(['seq', 'update'])
        .where('session_id', '=', sessionId)
        .where('doc', '=', doc)
        .orderBy('seq')
        .execute();
      return rows.map((row) => ({ seq: row.seq, update: toBytes(row.update) }));
    },

    async listDocs(sessionId) {
      const rows = await db
        .selectFrom('doc_updates')
        .select('doc')
        .distinct()
        .where('session_id', '=', sessionId)
        .orderBy('doc')
        .execute();
      return rows.map((row) => row.doc);
    },

    async compact(sessionId, doc, merged, upToSeq) {
      await db.transaction().execute(async (trx) => {
        // The merged update takes the seq of the last update it replaces, so it still sorts
        // before every later one and never collides with a number yet to be handed out.
        const last = await trx
          .selectFrom('doc_updates')
          .select((eb) => eb.fn.max<number | null>('seq').as('seq'))
          .where('session_id', '=', sessionId)
          .where('doc', '=', doc)
          .where('seq', '<=', upToSeq)
          .executeTakeFirst();
        // Nothing left to replace (the doc was deleted meanwhile): the merge describes nothing.
        if (last?.seq == null) return;
        await trx
          .deleteFrom('doc_updates')
          .where('session_id', '=', sessionId)
          .where('doc', '=', doc)
          .where('seq', '<=', last.seq)
          .execute();
        await trx
          .insertInto('doc_updates')
          .values({ seq: last.seq, session_id: sessionId, doc, update: merged, created_at: now() })
          .execute();
      });
    },

    async deleteDoc(sessionId, doc) {
      await db
        .deleteFrom('doc_updates')
        .where('session_id', '=', sessionId)
        .where('doc', '=', doc)
        .execute();
    },
  };
}

async function insertUpdate(
  db: Kysely<Database>,
  sessionId: string,
  doc: string,
  update: Uint8Array,
  createdAt: number,
): Promise<number> {
  const row = await db
    .insertInto('doc_updates')
    .values({ session_id: sessionId, doc, update, created_at: createdAt })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return row.seq;
}
