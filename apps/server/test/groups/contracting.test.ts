import { DEFAULT_GROUND_RULES } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { insertGroup, startGroupServer } from './group-fixture.ts';

async function counts(store: Store, groupId: string) {
  const versions = await store.db
    .selectFrom('rule_versions')
    .select('version')
    .where('group_id', '=', groupId)
    .execute();
  const acceptances = await store.db
    .selectFrom('rule_acceptances')
    .select('person_id')
    .where('group_id', '=', groupId)
    .execute();
  return { versions: versions.length, acceptances: acceptances.length };
}

describe.each(['sqlite', 'postgres'] as const)('contracting and the rota (%s)', (backend) => {
  test('propose on the current version, accept it; a stale or bad proposal writes nothing', async () => {
    const server = await startGroupServer(backend);
    const ada = await server.signIn('ada@example.org');
    const bo = await server.signIn('bo@example.org');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo] });
    const rules = [...DEFAULT_GROUND_RULES, 'Start on time.'];

    const proposed = await ada.api.proposeRules(groupId, { basedOn: 1, rules, note: 'Time.' });
    expect(proposed).toMatchObject({
      ok: true,
      status: 201,
      value: { version: { version: 2, rules, note: 'Time.', proposedBy: { id: ada.id } } },
    });
    const stale = await bo.api.proposeRules(groupId, { basedOn: 1, rules: ['Other.'], note: '' });
    expect(stale).toMatchObject({ ok: false, status: 409, error: { code: 'rules-changed' } });
    const bad = await bo.api.proposeRules(groupId, {
      basedOn: 2,
      rules: ['  ', 'x'.repeat(301)],
      note: 'n'.repeat(501),
    });
    expect(bad).toMatchObject({ ok: false, status: 422, error: { code: 'invalid-request' } });
    if (bad.ok) throw new Error('unreachable');
    const paths = (bad.error.issues ?? []).map((i) => i.path);
    expect(paths).toEqual(['rules.0', 'rules.1', 'note']);
    // Only Ada's version and her own acceptance of it.
    expect(await counts(server.store, groupId)).toEqual({ versions: 2, acceptances: 1 });

    expect(await bo.api.acceptRules(groupId, { version: 1 })).toMatchObject({
      ok: false,
      status: 409,
      error: { code: 'rules-changed' },
    });
    expect(await bo.api.acceptRules(groupId, { version: 2 })).toMatchObject({
      ok: true,
      status: 200,
      value: { accepted: 2 },
    });
    expect(await bo.api.acceptRules(groupId, { version: 2 })).toMatchObject({ ok: true });
    expect(await counts(server.store, groupId)).toEqual({ versions: 2, acceptances: 2 });

    const view = await bo.api.group(groupId);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.ruleVersions.map((r) => [r.version, r.proposedBy?.id ?? null])).toEqual([
      [1, null],
      [2, ada.id],
    ]);
    expect(view.value.ruleVersions[0]?.rules).toEqual(DEFAULT_GROUND_RULES);
    expect(view.value.acceptances.map((a) => [a.person?.id, a.version])).toEqual([
      [ada.id, 2],
      [bo.id, 2],
    ]);
  });

  test('two proposals racing on the same version: one wins, the other is told', async () => {
    const server = await startGroupServer(backend);
    const ada = await server.signIn('ada@example.org');
    const bo = await server.signIn('bo@example.org');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo] });
    const answers = await Promise.all(
      [ada, bo, ada, bo].map((who, i) =>
        who.api.proposeRules(groupId, { basedOn: 1, rules: [`Rule ${i}.`], note: '' }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await counts(server.store, groupId)).toEqual({ versions: 2, acceptances: 1 });
  });

  test('the rota: a new order moves the next turns; a wrong order lists each problem', async () => {
    const server = await startGroupServer(backend);
    const people = await Promise.all(
      ['ada', 'bo', 'cy'].map((n) => server.signIn(`${n}@example.org`)),
    );
    const [ada, bo, cy] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    const { groupId } = await insertGroup(server.store, { members: [ada, bo, cy] });
    const before = await ada.api.group(groupId);
    if (!before.ok) throw new Error(before.error.message);
    expect(before.value.rota).toEqual({
      order: [
        { id: ada.id, name: 'ada' },
        { id: bo.id, name: 'bo' },
        { id: cy.id, name: 'cy' },
      ],
      nextFacilitator: { id: ada.id, name: 'ada' },
      nextDeputy: { id: bo.id, name: 'bo' },
    });

    const wrong = await bo.api.setRota(groupId, { order: [cy.id, cy.id, 'stranger'] });
    expect(wrong).toMatchObject({ ok: false, status: 422, error: { code: 'invalid-request' } });
    if (wrong.ok) throw new Error('unreachable');
    expect(wrong.error.issues).toEqual([
      { path: 'order.1', message: `${cy.id} appears more than once` },
      { path: 'order.2', message: 'stranger is not a member of this group' },
      { path: 'order', message: `member ${ada.id} is missing` },
      { path: 'order', message: `member ${bo.id} is missing` },
    ]);

    const swapped = await bo.api.setRota(groupId, { order: [cy.id, ada.id, bo.id] });
    expect(swapped).toMatchObject({
      ok: true,
      value: { rota: { nextFacilitator: { id: cy.id }, nextDeputy: { id: ada.id } } },
    });
    const after = await cy.api.group(groupId);
    expect(after.ok && after.value.rota.order.map((p) => p.id)).toEqual([cy.id, ada.id, bo.id]);
  });
});
