import type { Store } from '../../src/store/store.ts';

/** When the fixture's program began: times below are offsets from it. */
export const T = Date.UTC(2027, 0, 11, 17, 0);
const MINUTE = 60_000;

export interface ProgramPeople {
  readonly ada: string;
  readonly bo: string;
  /** The meeting's session, and Ada's and Bo's participants in it. */
  readonly sessionId: string;
  readonly adaParticipant: string;
  readonly boParticipant: string;
}

/**
 * A program with one group (Ada and Bo), a rule version Ada proposed that both accepted, the
 * session as the group's first meeting that Ada started and facilitated by the rota, Ada's 30
 * minutes in its room, and invitations to Ada's address and to someone else's. Inserted
 * directly: the program routes that would write these rows are another part's.
 */
export async function insertProgramRows(store: Store, p: ProgramPeople): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('programs')
      .values({
        id: 'prog-1',
        name: 'Leaders 2027',
        purpose: 'Peer consultation for new team leads',
        starts_on: '2027-01-11',
        ends_on: '2027-12-13',
        cadence: 'monthly',
        protocol_id: 'good-news-analysis',
        created_at: T,
        created_by: null,
      })
      .execute();
    await trx
      .insertInto('program_members')
      .values([
        { program_id: 'prog-1', person_id: p.ada, joined_at: T + MINUTE },
        { program_id: 'prog-1', person_id: p.bo, joined_at: T + 2 * MINUTE },
      ])
      .execute();
    await trx
      .insertInto('program_invitations')
      .values([
        invitation('inv-ada', 'ada@example.org', p.ada),
        invitation('inv-cy', 'cy@example.org', null),
      ])
      .execute();
    await trx
      .insertInto('groups')
      .values({ id: 'grp-1', program_id: 'prog-1', name: 'Circle A', created_at: T + 3 * MINUTE })
      .execute();
    await trx
      .insertInto('group_members')
      .values([
        {
          group_id: 'grp-1',
          person_id: p.ada,
          added_at: T + 4 * MINUTE,
          removed_at: null,
          rota_position: 0,
        },
        {
          group_id: 'grp-1',
          person_id: p.bo,
          added_at: T + 4 * MINUTE,
          removed_at: null,
          rota_position: 1,
        },
      ])
      .execute();
    await trx
      .insertInto('rule_versions')
      .values({
        group_id: 'grp-1',
        version: 1,
        rules: JSON.stringify(['What is said here stays here.']),
        note: 'A first draft',
        created_at: T + 5 * MINUTE,
        proposed_by: p.ada,
      })
      .execute();
    await trx
      .insertInto('rule_acceptances')
      .values([
        { group_id: 'grp-1', version: 1, person_id: p.ada, accepted_at: T + 6 * MINUTE },
        { group_id: 'grp-1', version: 1, person_id: p.bo, accepted_at: T + 7 * MINUTE },
      ])
      .execute();
    await trx
      .insertInto('group_meetings')
      .values({
        session_id: p.sessionId,
        group_id: 'grp-1',
        number: 1,
        started_at: T + 10 * MINUTE,
        started_by: p.ada,
        facilitator_id: p.ada,
        deputy_id: p.bo,
      })
      .execute();
    // Two stretches: Ada's connection dropped once. 20 + 10 minutes present.
    await trx
      .insertInto('attendance')
      .values([
        {
          session_id: p.sessionId,
          participant_id: p.adaParticipant,
          joined_at: T + 10 * MINUTE,
          left_at: T + 30 * MINUTE,
        },
        {
          session_id: p.sessionId,
          participant_id: p.adaParticipant,
          joined_at: T + 32 * MINUTE,
          left_at: T + 42 * MINUTE,
        },
        {
          session_id: p.sessionId,
          participant_id: p.boParticipant,
          joined_at: T + 10 * MINUTE,
          left_at: T + 70 * MINUTE,
        },
      ])
      .execute();
  });
}

function invitation(id: string, email: string, acceptedBy: string | null) {
  return {
    id,
    program_id: 'prog-1',
    email,
    token_hash: `hash-${id}`,
    created_at: T,
    expires_at: T + 14 * 24 * 60 * MINUTE,
    accepted_at: acceptedBy ? T + MINUTE : null,
    mail_state: 'sent',
    invited_by: null,
    accepted_by: acceptedBy,
  };
}
