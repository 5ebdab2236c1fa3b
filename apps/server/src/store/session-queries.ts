import type { Kysely } from 'kysely';
import { encodeOptions, toParticipantRecord, toSessionRecord } from './rows.ts';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';

type SessionQueries = Pick<
  Store,
  | 'createSession'
  | 'getSession'
  | 'listActiveSessions'
  | 'markEnded'
  | 'bumpInviteEpoch'
  | 'addParticipant'
  | 'getParticipant'
  | 'listParticipants'
>;

/** Sessions and their participants: plain rows, written once and read often. */
export function sessionQueries(db: Kysely<Database>): SessionQueries {
  return {
    async createSession(session) {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          title: session.title,
          options: encodeOptions(session.options),
          created_at: session.createdAt,
          ended_at: session.endedAt,
          invite_epoch: session.inviteEpoch,
          created_by: session.createdBy,
        })
        .execute();
    },

    async getSession(id) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toSessionRecord(row) : null;
    },

    async listActiveSessions() {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('ended_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toSessionRecord);
    },

    async markEnded(id, at) {
      // The first end time stands, so a retried or repeated end does not move it.
      const result = await db
        .updateTable('sessions')
        .set((eb) => ({ ended_at: eb.fn.coalesce('ended_at', eb.val(at)) }))
        .where('id', '=', id)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) throw new Error(`No session ${id} to end`);
    },

    async bumpInviteEpoch(id) {
      const row = await db
        .updateTable('sessions')
        .set((eb) => ({ invite_epoch: eb('invite_epoch', '+', 1) }))
        .where('id', '=', id)
        .returning('invite_epoch')
        .executeTakeFirst();
      if (!row) throw new Error(`No session ${id} to bump the invite epoch of`);
      return row.invite_epoch;
    },

    async addParticipant(p) {
      await db
        .insertInto('participants')
        .values({
          session_id: p.sessionId,
          id: p.id,
          name: p.name,
          role: p.role,
          joined_at: p.joinedAt,
          rules_accepted_at: p.rulesAcceptedAt,
          person_id: p.personId,
          rota_role: p.rotaRole,
          forgotten_at: p.forgottenAt,
        })
        .execute();
    },

    async getParticipant(sessionId, id) {
      const row = await db
        .selectFrom('participants')
        .selectAll()
        .where('session_id', '=', sessionId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toParticipantRecord(row) : null;
    },

    async listParticipants(sessionId) {
      const rows = await db
        .selectFrom('participants')
        .selectAll()
        .where('session_id', '=', sessionId)
        .orderBy('joined_at')
        .orderBy('id')
        .execute();
      return rows.map(toParticipantRecord);
    },
  };
}
