import { valueOf } from '@roundtable/client';
import { DEFAULT_GROUND_RULES } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import { startProgramsServer, type ProgramsServer } from './programs-harness.ts';

const emails = (n: number) => Array.from({ length: n }, (_, i) => `member${i}@example.org`);

async function rowCounts(server: ProgramsServer) {
  const count = async (table: 'groups' | 'group_members' | 'rule_versions') =>
    Number(
      (
        await server.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? -1,
    );
  return {
    groups: await count('groups'),
    members: await count('group_members'),
    rules: await count('rule_versions'),
  };
}

describe.each(['sqlite', 'postgres'] as const)('groups (%s)', (backend) => {
  test('a coordinator forms a group: its rota in the order given, the default rules as version 1', async () => {
    const server = await startProgramsServer(backend);
    const program = await server.createProgram();
    const people = await server.inviteAndJoin(program.id, emails(3));
    const ids = people.map((p) => p.person.id).reverse();
    const created = await server.coordinator.createGroup(program.id, {
      name: ' Trio ',
      memberIds: ids,
    });
    expect(created.status).toBe(201);
    const { group } = valueOf(created, 'create group');
    expect(group).toMatchObject({
      name: 'Trio',
      programId: program.id,
      programName: program.name,
      liveMeeting: null,
    });
    expect(group.members.map((m) => m.id)).toEqual(ids);

    const rota = await server.db
      .selectFrom('group_members')
      .select(['person_id', 'rota_position', 'removed_at'])
      .where('group_id', '=', group.id)
      .orderBy('rota_position')
      .execute();
    expect(rota).toEqual(
      ids.map((id, i) => ({ person_id: id, rota_position: i, removed_at: null })),
    );
    const rules = await server.db
      .selectFrom('rule_versions')
      .selectAll()
      .where('group_id', '=', group.id)
      .execute();
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ version: 1, note: 'The default rules', proposed_by: null });
    expect(JSON.parse(String(rules[0]?.rules))).toEqual(DEFAULT_GROUND_RULES);

    const view = valueOf(await server.coordinator.program(program.id), 'view');
    expect(view.groups).toEqual([group]);
    expect(view.attendance).toEqual(
      ids.map((id) => ({
        groupId: group.id,
        person: expect.objectContaining({ id }),
        meetings: 0,
        attended: 0,
        minutesPresent: 0,
      })),
    );
    for (const member of people) expect(valueOf(await member.me(), 'me').groups).toEqual([group]);
  });

  test('bad groups list each problem and write nothing', async () => {
    const server = await startProgramsServer(backend);
    const program = await server.createProgram();
    const other = await server.createProgram({ name: 'Another program' });
    const [ada, bo] = await server.inviteAndJoin(program.id, emails(2));
    const [outsider] = await server.inviteAndJoin(other.id, ['outsider@example.org']);
    const ids = [ada, bo, outsider].map((p) => p?.person.id ?? '');
    const before = await rowCounts(server);

    const cases = [
      { body: { name: '', memberIds: ['x'] }, paths: ['memberIds', 'name'] },
      { body: { name: 'Too big', memberIds: emails(9) }, paths: ['memberIds'] },
      { body: { name: 'Twice', memberIds: [ids[0], ids[0]] }, paths: ['memberIds'] },
      {
        body: { name: 'Strangers', memberIds: [ids[0], 'nobody', ids[2]] },
        paths: ['memberIds.1', 'memberIds.2'],
      },
    ];
    for (const { body, paths } of cases) {
      const refused = await server.coordinator.createGroup(
        program.id,
        body as { name: string; memberIds: string[] },
      );
      expect(refused.status).toBe(422);
      expect(refused.ok || refused.error.issues?.map((i) => i.path).sort()).toEqual(paths);
    }
    expect(await rowCounts(server)).toEqual(before);
  });

  test('members come and go: the rota grows at its end, the size stays 2 to 8', async () => {
    const server = await startProgramsServer(backend);
    const program = await server.createProgram();
    const people = await server.inviteAndJoin(program.id, emails(4));
    const [a, b, c, d] = people.map((p) => p.person.id);
    if (!a || !b || !c || !d) throw new Error('four people expected');
    const { group } = valueOf(
      await server.coordinator.createGroup(program.id, { name: 'G', memberIds: [a, b, c] }),
      'create',
    );
    const before = await rowCounts(server);

    const tooSmall = await server.coordinator.changeMembers(group.id, { remove: [a, b] });
    expect(tooSmall.status).toBe(422);
    const strangers = await server.coordinator.changeMembers(group.id, {
      add: [a, 'nobody'],
      remove: [d],
    });
    expect(strangers.ok || strangers.error.issues?.map((i) => i.path)).toEqual(['add.1']);
    const wrong = await server.coordinator.changeMembers(group.id, { add: [a], remove: [d] });
    expect(wrong.ok || wrong.error.issues?.map((i) => i.path)).toEqual(['add.0', 'remove.0']);
    expect(await rowCounts(server)).toEqual(before);

    const changed = valueOf(
      await server.coordinator.changeMembers(group.id, { add: [d], remove: [a] }),
      'change',
    );
    expect(changed.group.members.map((m) => m.id)).toEqual([b, c, d]);
    const removedOne = people[0];
    expect(valueOf(await removedOne!.me(), 'me').groups).toEqual([]);

    const back = valueOf(await server.coordinator.changeMembers(group.id, { add: [a] }), 'back');
    expect(back.group.members.map((m) => m.id)).toEqual([b, c, d, a]);
    expect(valueOf(await removedOne!.me(), 'me').groups.map((g) => g.id)).toEqual([group.id]);
    const rows = await server.db
      .selectFrom('group_members')
      .select(['person_id', 'rota_position'])
      .where('group_id', '=', group.id)
      .orderBy('rota_position')
      .execute();
    expect(rows.map((r) => r.person_id)).toEqual([b, c, d, a]);
  });
});
