import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';

type ClientIdAndExportQueries = Pick<
  Store,
  'bindClientId' | 'clientIdOwners' | 'putExport' | 'getExport'
>;

/** Per-participant facts within a session: which Yjs clientIDs are theirs, and their exports. */
export function clientIdAndExportQueries(db: Kysely<Database>): ClientIdAndExportQueries {
  return {
    async bindClientId(sessionId, clientId, participantId) {
      // Insert-if-absent then read: whichever insert wins, every caller reads the same owner.
      // Two statements, not one, so PostgreSQL's second one sees a row a racing call committed.
      await db
        .insertInto('client_ids')
        .values({ session_id: sessionId, client_id: clientId, participant_id: participantId })
        .onConflict((oc) => oc.columns(['session_id', 'client_id']).doNothing())
        .execute();
      const row = await db
        .selectFrom('client_ids')
        .select('participant_id')
        .where('session_id', '=', sessionId)
        .where('client_id', '=', clientId)
        .executeTakeFirstOrThrow();
      return row.participant_id;
    },

    async clientIdOwners(sessionId) {
      const rows = await db
        .selectFrom('client_ids')
        .select(['client_id', 'participant_id'])
        .where('session_id', '=', sessionId)
        .execute();
      return new Map(rows.map((row) => [row.client_id, row.participant_id]));
    },

    async putExport(sessionId, participantId, kind, markdown) {
      await db
        .insertInto('exports')
        .values({ session_id: sessionId, participant_id: participantId, kind, markdown })
        .onConflict((oc) =>
          oc
            .columns(['session_id', 'participant_id', 'kind'])
            .doUpdateSet((eb) => ({ markdown: eb.ref('excluded.markdown') })),
        )
        .execute();
    },

    async getExport(sessionId, participantId, kind) {
      const row = await db
        .selectFrom('exports')
        .select('markdown')
        .where('session_id', '=', sessionId)
        .where('participant_id', '=', participantId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      return row?.markdown ?? null;
    },
  };
}
