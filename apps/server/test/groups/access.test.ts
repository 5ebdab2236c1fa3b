import { describe, expect, test } from 'vitest';
import { insertGroup, makeCoordinatorOf, removeMember, startGroupServer } from './group-fixture.ts';

interface RouteCase {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: (groupId: string, sessionId: string) => string;
  readonly body?: unknown;
}

const ROUTES: readonly RouteCase[] = [
  { name: 'group', method: 'GET', path: (g) => `/api/groups/${g}` },
  {
    name: 'proposeRules',
    method: 'POST',
    path: (g) => `/api/groups/${g}/rules`,
    body: { basedOn: 1, rules: ['Be kind.'], note: '' },
  },
  {
    name: 'acceptRules',
    method: 'POST',
    path: (g) => `/api/groups/${g}/rules/accept`,
    body: { version: 1 },
  },
  { name: 'setRota', method: 'POST', path: (g) => `/api/groups/${g}/rota`, body: { order: [] } },
  { name: 'startMeeting', method: 'POST', path: (g) => `/api/groups/${g}/meetings` },
  {
    name: 'meetingLobby',
    method: 'GET',
    path: (g, s) => `/api/groups/${g}/meetings/${s}/lobby`,
  },
  {
    name: 'enterMeeting',
    method: 'POST',
    path: (g, s) => `/api/groups/${g}/meetings/${s}/enter`,
    body: { acceptVersion: 1 },
  },
];

/** Who asks, and what each route answers them: the coordinator may only look. */
const CALLERS = [
  { who: 'signed out', status: () => 401 },
  { who: 'a member of another group', status: () => 404 },
  { who: 'a removed member', status: () => 404 },
  {
    who: 'a coordinator who is not a member',
    status: (r: RouteCase) => (r.name === 'group' ? 200 : 404),
  },
] as const;

describe.each(['sqlite', 'postgres'] as const)('who may use the group routes (%s)', (backend) => {
  test('each route, each caller: 401 signed out, 404 for whoever may not see or take part', async () => {
    const server = await startGroupServer(backend);
    const [ada, bo, cy, dee, eve, coord] = await Promise.all(
      ['ada', 'bo', 'cy', 'dee', 'eve', 'coord'].map((n) => server.signIn(`${n}@example.org`)),
    );
    if (!ada || !bo || !cy || !dee || !eve || !coord) throw new Error('unreachable');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo, cy] });
    await insertGroup(server.store, { members: [dee, eve], name: 'Rowans' });
    await removeMember(server.store, groupId, cy.id);
    await makeCoordinatorOf(server.store, coord);
    const started = await ada.api.startMeeting(groupId);
    if (!started.ok) throw new Error(started.error.message);
    const { sessionId } = started.value;

    const cookies: Record<(typeof CALLERS)[number]['who'], string | null> = {
      'signed out': null,
      'a member of another group': dee.cookie,
      'a removed member': cy.cookie,
      'a coordinator who is not a member': coord.cookie,
    };
    const seen: string[] = [];
    const wanted: string[] = [];
    for (const route of ROUTES) {
      for (const caller of CALLERS) {
        const headers: Record<string, string> = { origin: server.url };
        const cookie = cookies[caller.who];
        if (cookie) headers.cookie = cookie;
        if (route.body !== undefined) headers['content-type'] = 'application/json';
        const response = await fetch(`${server.url}${route.path(groupId, sessionId)}`, {
          method: route.method,
          headers,
          ...(route.body !== undefined && { body: JSON.stringify(route.body) }),
        });
        const body = (await response.json()) as { error?: { code: string } };
        seen.push(`${route.name} / ${caller.who}: ${response.status} ${body.error?.code ?? ''}`);
        const status = caller.status(route);
        const code = { 200: '', 401: 'sign-in-required', 404: 'not-found' }[status] ?? '';
        wanted.push(`${route.name} / ${caller.who}: ${status} ${code}`);
      }
    }
    expect(seen).toEqual(wanted);

    // Nothing the refused callers sent was written.
    const versions = await server.store.db
      .selectFrom('rule_versions')
      .select('version')
      .where('group_id', '=', groupId)
      .execute();
    expect(versions).toEqual([{ version: 1 }]);
    expect(await server.store.listParticipants(sessionId)).toEqual([]);
    const coordView = await coord.api.group(groupId);
    expect(coordView).toMatchObject({ ok: true, value: { isMember: false } });
  });

  test('writes from another site are refused; a meeting of another group is not found', async () => {
    const server = await startGroupServer(backend);
    const [ada, bo, dee, eve] = await Promise.all(
      ['ada', 'bo', 'dee', 'eve'].map((n) => server.signIn(`${n}@example.org`)),
    );
    if (!ada || !bo || !dee || !eve) throw new Error('unreachable');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo] });
    const other = await insertGroup(server.store, { members: [dee, eve], name: 'Rowans' });
    const crossSite = await fetch(`${server.url}/api/groups/${groupId}/meetings`, {
      method: 'POST',
      headers: { cookie: ada.cookie, origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'cross-site-request' } });

    const theirs = await dee.api.startMeeting(other.groupId);
    if (!theirs.ok) throw new Error(theirs.error.message);
    // Ada is a member of her group, but that session is not one of its meetings.
    const lobby = await ada.api.meetingLobby(groupId, theirs.value.sessionId);
    expect(lobby).toMatchObject({ ok: false, status: 404, error: { code: 'not-found' } });
    const enter = await ada.api.enterMeeting(groupId, theirs.value.sessionId, { acceptVersion: 1 });
    expect(enter).toMatchObject({ ok: false, status: 404, error: { code: 'not-found' } });
  });
});
