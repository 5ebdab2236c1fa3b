import { randomUUID } from 'node:crypto';
import { createApiClient } from '@roundtable/client';
import { DEFAULT_GROUND_RULES } from '@roundtable/wire';
import { onTestFinished } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import { makeCoordinator, personByEmail } from '../../src/auth/roles.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { Store } from '../../src/store/store.ts';
import { serverEnv, tempDataDir, type BackendName } from '../live/harness.ts';
import { signInFromLog } from '../people/sign-in-from-log.ts';
import { openForTest, postgresBackend } from '../store/backends.ts';

/*
 * TEST SETUP ONLY. A real server on port 0 over a real database (either backend) whose
 * programs, groups and members are written straight into that database with Kysely, as the
 * coordinator's routes (H1's programs.ts) will write them, so the group routes can be tested
 * before those land. Group creation writes rule version 1, the default rules, proposed by
 * nobody; this fixture does the same. People sign in for real, by magic link from the log.
 */

export interface GroupServer {
  readonly app: App;
  readonly url: string;
  readonly store: Store;
  /** Signs `email` in and answers their person id and an API client sending their cookie. */
  signIn(email: string): Promise<Signed>;
}

export interface Signed {
  readonly id: string;
  readonly email: string;
  readonly cookie: string;
  readonly api: ReturnType<typeof createApiClient>;
}

export async function startGroupServer(
  backend: BackendName,
  options: { clock?: Clock } = {},
): Promise<GroupServer> {
  const dataDir = await tempDataDir();
  let databaseUrl: string | undefined;
  if (backend === 'postgres') {
    const db = await postgresBackend.create();
    // Registered first, so it runs after the store and the app have closed (last-in first).
    onTestFinished(() => db.dispose());
    databaseUrl = db.options.databaseUrl;
  }
  const store = await openForTest({ databaseUrl, dataDir });
  let printed = '';
  const app = await startApp({
    env: serverEnv(dataDir, { ROUNDTABLE_LEAVE_GRACE_MS: '50' }),
    store,
    ...(options.clock && { clock: options.clock }),
    log: (message) => void (printed += `${message}\n`),
  });
  onTestFinished(() => app.close());
  const signIn = async (email: string): Promise<Signed> => {
    const cookie = await signInFromLog(app.url, () => printed, email);
    const person = await personByEmail(store.db, email);
    if (!person) throw new Error(`${email} signed in but has no person`);
    const api = createApiClient({ baseUrl: app.url, headers: { cookie, origin: app.url } });
    return { id: person.id, email, cookie, api };
  };
  return { app, url: app.url, store, signIn };
}

/** A program and a group of `members` (in rota order), with rule version 1 the defaults. */
export async function insertGroup(
  store: Store,
  o: { members: readonly Signed[]; name?: string; protocolId?: string },
): Promise<{ programId: string; groupId: string }> {
  const programId = randomUUID();
  const groupId = randomUUID();
  const now = Date.now();
  await store.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('programs')
      .values({
        id: programId,
        name: 'Peer mentoring 2027',
        purpose: 'A year of peer mentoring.',
        starts_on: '2027-01-01',
        ends_on: '2027-12-31',
        cadence: 'monthly',
        protocol_id: o.protocolId ?? 'issue-analysis',
        created_at: now,
        created_by: null,
      })
      .execute();
    await tx
      .insertInto('groups')
      .values({ id: groupId, program_id: programId, name: o.name ?? 'Birches', created_at: now })
      .execute();
    for (const [position, m] of o.members.entries()) {
      await tx
        .insertInto('program_members')
        .values({ program_id: programId, person_id: m.id, joined_at: now })
        .execute();
      await tx
        .insertInto('group_members')
        .values({
          group_id: groupId,
          person_id: m.id,
          added_at: now,
          removed_at: null,
          rota_position: position,
        })
        .execute();
    }
    await tx
      .insertInto('rule_versions')
      .values({
        group_id: groupId,
        version: 1,
        rules: JSON.stringify(DEFAULT_GROUND_RULES),
        note: 'The default rules',
        created_at: now,
        proposed_by: null,
      })
      .execute();
  });
  return { programId, groupId };
}

/** What a coordinator's "remove member" does: the row stays, marked removed. */
export async function removeMember(store: Store, groupId: string, personId: string) {
  await store.db
    .updateTable('group_members')
    .set({ removed_at: Date.now() })
    .where('group_id', '=', groupId)
    .where('person_id', '=', personId)
    .execute();
}

export async function makeCoordinatorOf(store: Store, who: Signed): Promise<void> {
  await makeCoordinator(store.db, who.id);
}
