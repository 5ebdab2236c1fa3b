import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreKind } from '../schema.ts';

/**
 * The first schema. Written once for both backends: the only differences are the byte, JSON and
 * auto-numbered key types. `ifNotExists` everywhere because Kysely cannot wrap SQLite migrations
 * in a transaction, so a run interrupted halfway must be able to simply run again.
 */
export function initialSchema(kind: StoreKind): Migration {
  const bytes = kind === 'postgres' ? 'bytea' : 'blob';
  const json = kind === 'postgres' ? 'jsonb' : 'text';
  // `bigint` is a 64-bit integer in PostgreSQL and has INTEGER affinity in SQLite.
  const millis = 'bigint';

  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('sessions')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('options', json, (c) => c.notNull())
        .addColumn('created_at', millis, (c) => c.notNull())
        .addColumn('ended_at', millis)
        .addColumn('invite_epoch', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('sessions_active')
        .ifNotExists()
        .on('sessions')
        .columns(['ended_at', 'created_at'])
        .execute();

      await db.schema
        .createTable('participants')
        .ifNotExists()
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('sessions.id').onDelete('cascade'),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('joined_at', millis, (c) => c.notNull())
        .addColumn('rules_accepted_at', millis, (c) => c.notNull())
        .addPrimaryKeyConstraint('participants_pk', ['session_id', 'id'])
        .addCheckConstraint('participants_role', sql`role in ('facilitator', 'member')`)
        .execute();

      await db.schema
        .createTable('doc_updates')
        .ifNotExists()
        .addColumn('seq', kind === 'postgres' ? 'bigint' : 'integer', (c) =>
          // SQLite's AUTOINCREMENT, like an identity, never reuses a number after deletes, so
          // a seq the caller remembers cannot come to mean a different update.
          kind === 'postgres'
            ? c.primaryKey().generatedByDefaultAsIdentity()
            : c.primaryKey().autoIncrement(),
        )
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('sessions.id').onDelete('cascade'),
        )
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('update', bytes, (c) => c.notNull())
        .addColumn('created_at', millis, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('doc_updates_by_doc')
        .ifNotExists()
        .on('doc_updates')
        .columns(['session_id', 'doc', 'seq'])
        .execute();

      await db.schema
        .createTable('client_ids')
        .ifNotExists()
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('sessions.id').onDelete('cascade'),
        )
        // Yjs clientIDs are unsigned 32-bit, beyond PostgreSQL's signed `integer`.
        .addColumn('client_id', 'bigint', (c) => c.notNull())
        .addColumn('participant_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('client_ids_pk', ['session_id', 'client_id'])
        .execute();

      await db.schema
        .createTable('exports')
        .ifNotExists()
        .addColumn('session_id', 'text', (c) =>
          c.notNull().references('sessions.id').onDelete('cascade'),
        )
        .addColumn('participant_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('markdown', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('exports_pk', ['session_id', 'participant_id', 'kind'])
        .execute();
    },
  };
}
