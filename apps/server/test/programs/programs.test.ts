import { describe, expect, test } from 'vitest';
import { valueOf } from '@roundtable/client';
import { PROGRAM_DEFAULTS, startProgramsServer } from './programs-harness.ts';

describe.each(['sqlite', 'postgres'] as const)('programs (%s)', (backend) => {
  test('a coordinator creates a program and sees it on its page and at /api/me', async () => {
    const server = await startProgramsServer(backend);
    const created = await server.coordinator.createProgram({
      ...PROGRAM_DEFAULTS,
      name: '  Pairs pilot  ',
    });
    expect(created.status).toBe(201);
    const program = valueOf(created, 'create').program;
    expect(program).toMatchObject({ ...PROGRAM_DEFAULTS, name: 'Pairs pilot' });

    const view = valueOf(await server.coordinator.program(program.id), 'view');
    expect(view).toEqual({ program, members: [], invitations: [], groups: [], attendance: [] });
    const me = valueOf(await server.coordinator.me(), 'me');
    expect(me.person).toMatchObject({ email: 'coordinator@test.example', role: 'coordinator' });
    expect(me.programs).toEqual([
      { id: program.id, name: 'Pairs pilot', startsOn: '2027-01-01', endsOn: '2027-12-31' },
    ]);
    expect(me.groups).toEqual([]);
  });

  test('bad input lists each problem and creates nothing', async () => {
    const server = await startProgramsServer(backend);
    const refused = await server.coordinator.createProgram({
      name: '',
      purpose: 'x'.repeat(2001),
      startsOn: '2027-02-30',
      endsOn: '2026-13-01',
      cadence: 'daily' as 'weekly',
      protocolId: 'no-such-protocol',
    });
    expect(refused.status).toBe(422);
    if (refused.ok) throw new Error('accepted');
    expect(refused.error.code).toBe('invalid-request');
    const paths = refused.error.issues?.map((i) => i.path).sort();
    expect(paths).toEqual(['cadence', 'endsOn', 'name', 'protocolId', 'purpose', 'startsOn']);

    const backwards = await server.coordinator.createProgram({
      ...PROGRAM_DEFAULTS,
      startsOn: '2027-06-01',
      endsOn: '2027-05-31',
    });
    expect(backwards.ok || backwards.error.issues).toEqual([
      { path: 'endsOn', message: 'an end date on or after the start date' },
    ]);
    expect(valueOf(await server.coordinator.me(), 'me').programs).toEqual([]);
  });

  test('a member cannot create a program, and does not see the program page', async () => {
    const server = await startProgramsServer(backend);
    const program = await server.createProgram();
    const [ada] = await server.inviteAndJoin(program.id, ['ada@example.org']);
    if (!ada) throw new Error('nobody joined');
    const refused = await ada.createProgram(PROGRAM_DEFAULTS);
    expect(refused.ok || [refused.status, refused.error.code]).toEqual([403, 'not-coordinator']);
    const page = await ada.program(program.id);
    expect(page.ok || [page.status, page.error.code]).toEqual([404, 'not-found']);
    const unknown = await server.coordinator.program('no-such-program');
    expect(unknown.ok || [unknown.status, unknown.error.code]).toEqual([404, 'not-found']);
    expect(valueOf(await ada.me(), 'me').programs.map((p) => p.id)).toEqual([program.id]);
    expect(valueOf(await server.coordinator.me(), 'me').programs).toHaveLength(1);
  });
});
