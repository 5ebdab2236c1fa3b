import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import type { StoreKind } from '../schema.ts';

/*
 * Programs, their groups and what a group keeps over its year (docs/data-model.md): people
 * invited to a program, groups of 2-8, the versions of a group's rules and who accepted which,
 * the facilitator rota, the meetings a group held and who was present when.
 *
 * Deleting a person (better-auth's `people` row) removes what was theirs (memberships,
 * acceptances, their place in the rota) and keeps the group's shared history: a rule version
 * they proposed or a meeting they facilitated stays, its person set to null ("a former
 * member"). Times are epoch milliseconds; program dates are `YYYY-MM-DD` text.
 */

const MILLIS = 'bigint';

type Table = CreateTableBuilder<string, never>;

/** A person column that becomes null when the person is deleted. */
const formerPerson = (t: Table, name: string) =>
  t.addColumn(name, 'text', (c) => c.references('people.id').onDelete('set null'));

/** A person column whose rows go when the person is deleted. */
const ownPerson = (t: Table, name: string) =>
  t.addColumn(name, 'text', (c) => c.notNull().references('people.id').onDelete('cascade'));

async function programTables(db: Kysely<unknown>): Promise<void> {
  await formerPerson(
    db.schema
      .createTable('programs')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('starts_on', 'text', (c) => c.notNull())
      .addColumn('ends_on', 'text', (c) => c.notNull())
      .addColumn('cadence', 'text', (c) => c.notNull())
      .addColumn('protocol_id', 'text', (c) => c.notNull())
      .addColumn('created_at', MILLIS, (c) => c.notNull()),
    'created_by',
  ).execute();

  await ownPerson(
    db.schema
      .createTable('program_members')
      .ifNotExists()
      .addColumn('program_id', 'text', (c) =>
        c.notNull().references('programs.id').onDelete('cascade'),
      )
      .addColumn('joined_at', MILLIS, (c) => c.notNull()),
    'person_id',
  )
    .addPrimaryKeyConstraint('program_members_pk', ['program_id', 'person_id'])
    .execute();
}

async function invitationTable(db: Kysely<unknown>): Promise<void> {
  // One invitation per address and program; inviting again replaces its token.
  await formerPerson(
    formerPerson(
      db.schema
        .createTable('program_invitations')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('program_id', 'text', (c) =>
          c.notNull().references('programs.id').onDelete('cascade'),
        )
        // Lower-cased, as people are looked up by address (auth/roles.ts).
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', MILLIS, (c) => c.notNull())
        .addColumn('expires_at', MILLIS, (c) => c.notNull())
        .addColumn('accepted_at', MILLIS)
        // 'queued', 'sent' or 'failed': what became of the mail.
        .addColumn('mail_state', 'text', (c) => c.notNull())
        .addUniqueConstraint('program_invitations_address', ['program_id', 'email']),
      'invited_by',
    ),
    'accepted_by',
  ).execute();
}

async function groupTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('groups')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('program_id', 'text', (c) =>
      c.notNull().references('programs.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', MILLIS, (c) => c.notNull())
    .execute();

  // A removed member keeps their row with `removed_at`, so past meetings still name them.
  await ownPerson(
    db.schema
      .createTable('group_members')
      .ifNotExists()
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('added_at', MILLIS, (c) => c.notNull())
      .addColumn('removed_at', MILLIS)
      // Place in the facilitator rota: 0 facilitates first.
      .addColumn('rota_position', 'integer', (c) => c.notNull()),
    'person_id',
  )
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'person_id'])
    .execute();
}

async function ruleTables(db: Kysely<unknown>, json: 'jsonb' | 'text'): Promise<void> {
  await formerPerson(
    db.schema
      .createTable('rule_versions')
      .ifNotExists()
      .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('rules', json, (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_at', MILLIS, (c) => c.notNull()),
    'proposed_by',
  )
    .addPrimaryKeyConstraint('rule_versions_pk', ['group_id', 'version'])
    .execute();

  await ownPerson(
    db.schema
      .createTable('rule_acceptances')
      .ifNotExists()
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('accepted_at', MILLIS, (c) => c.notNull())
      .addForeignKeyConstraint(
        'rule_acceptances_version',
        ['group_id', 'version'],
        'rule_versions',
        ['group_id', 'version'],
        (c) => c.onDelete('cascade'),
      ),
    'person_id',
  )
    .addPrimaryKeyConstraint('rule_acceptances_pk', ['group_id', 'version', 'person_id'])
    .execute();
}

async function meetingTables(db: Kysely<unknown>): Promise<void> {
  // `facilitator_id` and `deputy_id` are who the rota named when the meeting started.
  await formerPerson(
    formerPerson(
      formerPerson(
        db.schema
          .createTable('group_meetings')
          .ifNotExists()
          .addColumn('session_id', 'text', (c) =>
            c.primaryKey().references('sessions.id').onDelete('cascade'),
          )
          .addColumn('group_id', 'text', (c) =>
            c.notNull().references('groups.id').onDelete('cascade'),
          )
          .addColumn('number', 'integer', (c) => c.notNull())
          .addColumn('started_at', MILLIS, (c) => c.notNull()),
        'started_by',
      ),
      'facilitator_id',
    ),
    'deputy_id',
  )
    .addUniqueConstraint('group_meetings_number', ['group_id', 'number'])
    .execute();

  // One row per stretch of presence in a session's room: joined, and left (null while there).
  await db.schema
    .createTable('attendance')
    .ifNotExists()
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('sessions.id').onDelete('cascade'),
    )
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('joined_at', MILLIS, (c) => c.notNull())
    .addColumn('left_at', MILLIS)
    .addPrimaryKeyConstraint('attendance_pk', ['session_id', 'participant_id', 'joined_at'])
    .execute();
}

/** Adds a column unless an interrupted earlier run already did (SQLite runs without a transaction). */
async function addColumnOnce(
  db: Kysely<unknown>,
  table: string,
  column: string,
  person: boolean,
): Promise<void> {
  const tables = await db.introspection.getTables();
  const columns = tables.find((t) => t.name === table)?.columns ?? [];
  if (columns.some((c) => c.name === column)) return;
  await db.schema
    .alterTable(table)
    .addColumn(column, 'text', (c) => (person ? c.references('people.id').onDelete('set null') : c))
    .execute();
}

/** Existing tables learn who a participant is and who started a session, when signed in. */
async function personColumns(db: Kysely<unknown>): Promise<void> {
  await addColumnOnce(db, 'participants', 'person_id', true);
  // 'facilitator' or 'deputy' when the group's rota named this participant for the meeting.
  await addColumnOnce(db, 'participants', 'rota_role', false);
  await addColumnOnce(db, 'sessions', 'created_by', true);
}

export function programsSchema(kind: StoreKind): Migration {
  const json = kind === 'postgres' ? 'jsonb' : 'text';
  return {
    async up(db: Kysely<unknown>) {
      await programTables(db);
      await invitationTable(db);
      await groupTables(db);
      await ruleTables(db, json);
      await meetingTables(db);
      await personColumns(db);
      await db.schema
        .createIndex('group_members_by_person')
        .ifNotExists()
        .on('group_members')
        .column('person_id')
        .execute();
      await db.schema
        .createIndex('participants_by_person')
        .ifNotExists()
        .on('participants')
        .column('person_id')
        .execute();
    },
  };
}
