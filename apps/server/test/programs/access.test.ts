import { createApiClient, valueOf, type ApiResult } from '@roundtable/client';
import { PROGRAM_DEFAULTS, startProgramsServer } from './programs-harness.ts';
import { describe, expect, test } from 'vitest';
import { postAs } from '../people/people-harness.ts';

/*
 * Who may use each route: a signed-out visitor (401), a member of the program (404 on the
 * coordinator's routes, as for an unknown id), a member of another program (404), and a page of
 * another site (403 cross-site-request on every write).
 */

const refusal = (result: ApiResult<unknown>) =>
  result.ok ? ['accepted', result.status] : [result.status, result.error.code];

describe.each(['sqlite', 'postgres'] as const)('access (%s)', (backend) => {
  test('each route refuses who may not use it, and changes nothing', async () => {
    const server = await startProgramsServer(backend);
    const program = await server.createProgram();
    const other = await server.createProgram({ name: 'Another program' });
    const [ada, bo, cy] = await server.inviteAndJoin(program.id, [
      'ada@example.org',
      'bo@example.org',
      'cy@example.org',
    ]);
    const [stranger] = await server.inviteAndJoin(other.id, ['stranger@example.org']);
    if (!ada || !bo || !cy || !stranger) throw new Error('four people expected');
    const ids = [ada.person.id, bo.person.id];
    const { group } = valueOf(
      await server.coordinator.createGroup(program.id, { name: 'Pair', memberIds: ids }),
      'group',
    );
    const signedOut = createApiClient({ baseUrl: server.url, headers: { origin: server.url } });

    const calls = (who: typeof ada | typeof signedOut) => ({
      createProgram: () => who.createProgram(PROGRAM_DEFAULTS),
      program: () => who.program(program.id),
      invite: () => who.invite(program.id, { emails: ['new@example.org'] }),
      createGroup: () => who.createGroup(program.id, { name: 'X', memberIds: ids }),
      changeMembers: () => who.changeMembers(group.id, { add: [cy.person.id] }),
    });
    const expected = {
      signedOut: {
        createProgram: [401, 'sign-in-required'],
        program: [401, 'sign-in-required'],
        invite: [401, 'sign-in-required'],
        createGroup: [401, 'sign-in-required'],
        changeMembers: [401, 'sign-in-required'],
      },
      member: {
        createProgram: [403, 'not-coordinator'],
        program: [404, 'not-found'],
        invite: [404, 'not-found'],
        createGroup: [404, 'not-found'],
        changeMembers: [404, 'not-found'],
      },
    };
    const who = { signedOut, groupMember: ada, programMember: cy, stranger };
    for (const [name, client] of Object.entries(who)) {
      const want = name === 'signedOut' ? expected.signedOut : expected.member;
      for (const [route, call] of Object.entries(calls(client)))
        expect([name, route, refusal(await call())]).toEqual([
          name,
          route,
          want[route as keyof typeof want],
        ]);
    }
    expect(refusal(await signedOut.me())).toEqual([401, 'sign-in-required']);
    const accept = await signedOut.acceptInvitation({ token: 'x' });
    expect(refusal(accept)).toEqual([401, 'sign-in-required']);

    const view = valueOf(await server.coordinator.program(program.id), 'view');
    expect(view.invitations.map((i) => i.email)).not.toContain('new@example.org');
    expect(view.groups.map((g) => g.members.length)).toEqual([2]);
    expect(valueOf(await server.coordinator.me(), 'me').programs).toHaveLength(2);
  });

  test('writes from another site are refused', async () => {
    const server = await startProgramsServer(backend);
    const program = await server.createProgram();
    const writes = [
      ['/api/programs', PROGRAM_DEFAULTS],
      [`/api/programs/${program.id}/invitations`, { emails: ['a@example.org'] }],
      [`/api/programs/${program.id}/groups`, { name: 'X', memberIds: ['a', 'b'] }],
      ['/api/invitations/accept', { token: 'x' }],
      ['/api/groups/some-group/members', { add: ['a'] }],
    ] as const;
    for (const [path, body] of writes) {
      const response = await postAs(server.url, path, {
        cookie: server.coordinator.cookie,
        body,
        origin: 'https://evil.example',
      });
      expect([path, response.status]).toEqual([path, 403]);
      expect(await response.json()).toMatchObject({ error: { code: 'cross-site-request' } });
    }
    expect(valueOf(await server.coordinator.me(), 'me').programs).toHaveLength(1);
  });
});
