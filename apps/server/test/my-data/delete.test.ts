import { FORMER_MEMBER } from '@roundtable/protocol';
import { readState } from '@roundtable/wire';
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { OwnData } from '../../src/people/own-data.ts';
import type { Store } from '../../src/store/store.ts';
import { until, type BackendName } from '../live/harness.ts';
import { postAs, requestLink } from '../people/people-harness.ts';
import { ADA, adaAndBo, getAs, type MyDataServer } from './my-data-harness.ts';

const DELETE = '/api/me/delete';
const EXPORT = '/api/me/export.json';

type Ids = Awaited<ReturnType<typeof adaAndBo>>['ids'];

/** Everything a deletion could touch, to compare before and after one that is refused. */
async function everything(store: Store) {
  const { db } = store;
  const all = <T extends 'people' | 'participants' | 'doc_updates' | 'exports'>(table: T) =>
    db.selectFrom(table).selectAll().execute();
  return {
    people: await all('people'),
    participants: await all('participants'),
    docs: (await all('doc_updates')).length,
    exports: await all('exports'),
    members: await db.selectFrom('group_members').selectAll().execute(),
    rules: await db.selectFrom('rule_versions').selectAll().execute(),
    acceptances: await db.selectFrom('rule_acceptances').selectAll().execute(),
    invitations: await db.selectFrom('program_invitations').select('id').execute(),
    signIns: (await sql`select "id" from "sign_ins"`.execute(db)).rows,
  };
}

/** The participants' names in the session's state document as stored. */
async function storedNames(store: Store, sessionId: string): Promise<Record<string, string>> {
  const doc = new Y.Doc();
  for (const { update } of await store.loadUpdates(sessionId, 'state')) Y.applyUpdate(doc, update);
  const state = readState(doc);
  return Object.fromEntries((state?.participants ?? []).map((p) => [p.id, p.name]));
}

async function pendingLinksTo(store: Store, email: string): Promise<number> {
  const rows = await sql<{ value: string }>`select "value" from "verifications"`.execute(store.db);
  return rows.rows.filter((r) => r.value.includes(`"${email}"`)).length;
}

/** What is left of Ada once she deleted her account, and what of the group's history. */
async function expectForgotten(server: MyDataServer, ids: Ids): Promise<void> {
  const { db } = server.store;
  const rows = (table: 'group_members' | 'rule_acceptances' | 'program_members') =>
    db.selectFrom(table).select('person_id').execute();
  expect(await db.selectFrom('people').select('id').where('id', '=', ids.ada).execute()).toEqual(
    [],
  );
  expect(
    await db
      .selectFrom('doc_updates')
      .select('seq')
      .where('doc', '=', `notes:${ids.adaParticipant}`)
      .execute(),
  ).toEqual([]);
  expect(
    await db
      .selectFrom('exports')
      .select('kind')
      .where('participant_id', '=', ids.adaParticipant)
      .execute(),
  ).toEqual([]);
  expect(await db.selectFrom('rule_versions').select(['version', 'proposed_by']).execute()).toEqual(
    [{ version: 1, proposed_by: null }],
  );
  expect(
    await db
      .selectFrom('participants')
      .select(['id', 'name', 'person_id'])
      .orderBy('name')
      .execute(),
  ).toEqual([
    { id: ids.boParticipant, name: 'Bo', person_id: ids.bo },
    { id: ids.adaParticipant, name: FORMER_MEMBER, person_id: null },
  ]);
  expect(
    await db
      .selectFrom('group_meetings')
      .select(['started_by', 'facilitator_id', 'deputy_id'])
      .execute(),
  ).toEqual([{ started_by: null, facilitator_id: null, deputy_id: ids.bo }]);
  for (const table of ['group_members', 'rule_acceptances', 'program_members'] as const)
    expect(await rows(table)).toEqual([{ person_id: ids.bo }]);
  expect(await db.selectFrom('program_invitations').select('id').execute()).toEqual([
    { id: 'inv-cy' },
  ]);
  const signIns = sql`select "id" from "sign_ins" where "userId" = ${ids.ada}`;
  expect((await signIns.execute(db)).rows).toEqual([]);
  expect(await pendingLinksTo(server.store, ADA)).toBe(0);
  expect(await storedNames(server.store, ids.sessionId)).toEqual({
    [ids.adaParticipant]: FORMER_MEMBER,
    [ids.boParticipant]: 'Bo',
  });
}

describe.each<BackendName>(['sqlite', 'postgres'])('deleting my account (%s)', (backend) => {
  test('signed out, from another site, or without my own address: refused, nothing written', async () => {
    const { server, cookies } = await adaAndBo(backend);
    const before = await everything(server.store);
    const refusals: [Parameters<typeof postAs>[2], number, string][] = [
      [{ body: { confirmEmail: ADA } }, 401, 'sign-in-required'],
      [
        { cookie: cookies.ada, body: { confirmEmail: ADA }, origin: 'https://evil.example' },
        403,
        'cross-site-request',
      ],
      [{ cookie: cookies.ada, body: { confirmEmail: 'bo@example.org' } }, 422, 'invalid-request'],
      [{ cookie: cookies.ada, body: {} }, 422, 'invalid-request'],
      [
        { cookie: cookies.ada, body: { confirmEmail: ADA, also: 'everything' } },
        422,
        'invalid-request',
      ],
    ];
    for (const [request, status, code] of refusals) {
      const response = await postAs(server.url, DELETE, request);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ ok: false, error: { code } });
    }
    const wrong = await postAs(server.url, DELETE, {
      cookie: cookies.ada,
      body: { confirmEmail: 'bo@example.org' },
    });
    expect(await wrong.json()).toMatchObject({
      error: { issues: [{ path: 'confirmEmail', message: 'your own email address' }] },
    });
    expect(await everything(server.store)).toEqual(before);
    expect((await getAs(server.url, EXPORT, cookies.ada)).status).toBe(200);
  });

  test.each([
    ['in memory', (s: MyDataServer) => Promise.resolve(s)],
    ['after a restart', (s: MyDataServer) => s.restart()],
  ])(
    'with my address (session %s): personal data goes, history stays with "a former member"',
    async (_, prepare) => {
      const setup = await adaAndBo(backend);
      const { cookies, ids, meeting } = setup;
      const server = await prepare(setup.server);
      expect((await requestLink(server.url, { email: ADA })).status).toBe(200);
      expect(await pendingLinksTo(server.store, ADA)).toBe(1);

      const deleted = await postAs(server.url, DELETE, {
        cookie: cookies.ada,
        body: { confirmEmail: ' Ada@Example.org ' },
      });
      expect(deleted.status).toBe(200);
      expect(await deleted.json()).toEqual({ deleted: true });
      expect(deleted.headers.get('set-cookie')).toMatch(/^roundtable\.session_token=; .*Max-Age=0/);
      const refused = await getAs(server.url, EXPORT, cookies.ada);
      expect(refused.status).toBe(401);
      await expectForgotten(server, ids);
      if (server === setup.server) {
        // Bo, still in the ended session's room, sees her renamed there too.
        const seen = () =>
          meeting.bo.client.state?.participants.find((p) => p.id === ids.adaParticipant)?.name;
        await until(() => seen() === FORMER_MEMBER, 'Bo sees a former member');
      }

      const bos = (await (await getAs(server.url, EXPORT, cookies.bo)).json()) as OwnData;
      expect(bos.groups.map((g) => g.name)).toEqual(['Circle A']);
      expect(bos.sessions.map((s) => s.nameInSession)).toEqual(['Bo']);

      // The same address signs in as a new person, with nothing of the old one.
      const again = (await (
        await getAs(server.url, EXPORT, await server.signIn(ADA))
      ).json()) as OwnData;
      expect(again.profile.email).toBe(ADA);
      expect(again.profile.id).not.toBe(ids.ada);
      expect([again.programs, again.groups, again.rulesProposed, again.rulesAccepted]).toEqual([
        [],
        [],
        [],
        [],
      ]);
      expect([again.meetings, again.sessions]).toEqual([[], []]);
    },
  );
});
