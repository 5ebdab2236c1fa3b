import type { Kysely } from 'kysely';
import { describe, expect, onTestFinished, test } from 'vitest';
import { forgottenSchema } from '../../src/store/migrations/0004-forgotten.ts';
import { backends, openForTest } from '../store/backends.ts';
import { participantRecord, sessionRecord } from '../store/records.ts';

describe.each(backends)('migration 0004-forgotten ($name)', (backend) => {
  test('adds participants.forgotten_at as null to existing rows, and running it again changes nothing', async () => {
    const place = await backend.create();
    onTestFinished(() => place.dispose());
    const store = await openForTest(place.options);
    // The migration sees the database untyped, as the migrator hands it over.
    const db = store.db as unknown as Kysely<unknown>;
    const session = sessionRecord();
    const ada = participantRecord(session.id, { forgottenAt: 1_700_000_000_300 });
    await store.createSession(session);
    await store.addParticipant(ada);
    expect((await store.getParticipant(session.id, ada.id))?.forgottenAt).toBe(1_700_000_000_300);

    // A database from before 0004, with a participant in it.
    await db.schema.alterTable('participants').dropColumn('forgotten_at').execute();
    await forgottenSchema().up(db);
    expect((await store.getParticipant(session.id, ada.id))?.forgottenAt).toBeNull();
    // An interrupted run (SQLite migrates without a transaction) that had added it already.
    await forgottenSchema().up(db);
    await store.db
      .updateTable('participants')
      .set({ forgotten_at: 1_700_000_000_400 })
      .where('id', '=', ada.id)
      .execute();
    expect(await store.getParticipant(session.id, ada.id)).toEqual({
      ...ada,
      forgottenAt: 1_700_000_000_400,
    });
  });
});
