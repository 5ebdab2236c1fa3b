import { PROTOCOL_LIMITS } from '@roundtable/protocol';
import { apiPath } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import { connect } from '../live/harness.ts';
import { insertGroup, startGroupServer, type GroupServer, type Signed } from './group-fixture.ts';

/*
 * better-auth creates a person signed in by magic link with an empty name: the server names
 * them by their address's local part until they set a name with POST /api/me/profile.
 */

async function roomNameOf(server: GroupServer, member: Signed, groupId: string) {
  const started = await member.api.startMeeting(groupId);
  if (!started.ok) throw new Error(started.error.message);
  const entered = await member.api.enterMeeting(groupId, started.value.sessionId, {
    acceptVersion: 1,
  });
  if (!entered.ok) throw new Error(entered.error.message);
  const client = await connect(server.url, entered.value.resumeToken);
  const me = client.state?.participants.find((p) => p.id === entered.value.participantId);
  client.close();
  return me?.name;
}

const post = (server: GroupServer, who: Signed, body: unknown, origin = server.url) =>
  fetch(new URL(apiPath('updateProfile'), server.url), {
    method: 'POST',
    headers: { cookie: who.cookie, origin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.each(['sqlite', 'postgres'] as const)('names (%s)', (backend) => {
  test('signed in without a name: the local part in /api/me, the group page and the room', async () => {
    const server = await startGroupServer(backend);
    const ada = await server.signIn('ada.lovelace@example.org');
    const bo = await server.signIn('bo@example.org');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo] });
    const stored = await server.store.db
      .selectFrom('people')
      .select('name')
      .where('id', '=', ada.id)
      .executeTakeFirstOrThrow();
    expect(stored.name).toBe('');

    const me = await ada.api.me();
    expect(me).toMatchObject({ ok: true, value: { person: { name: 'ada.lovelace' } } });
    if (!me.ok) throw new Error('unreachable');
    expect(me.value.groups[0]?.members).toEqual([
      { id: ada.id, name: 'ada.lovelace' },
      { id: bo.id, name: 'bo' },
    ]);
    const view = await bo.api.group(groupId);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.group.members.map((m) => m.name)).toEqual(['ada.lovelace', 'bo']);
    expect(view.value.rota.nextFacilitator).toEqual({ id: ada.id, name: 'ada.lovelace' });
    expect(await roomNameOf(server, ada, groupId)).toBe('ada.lovelace');
  });

  test('POST /api/me/profile sets the name, trimmed, and every page shows it', async () => {
    const server = await startGroupServer(backend);
    const ada = await server.signIn('ada@example.org');
    const bo = await server.signIn('bo@example.org');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo] });

    const set = await ada.api.updateProfile({ name: '  Ada Lovelace ' });
    expect(set).toMatchObject({
      ok: true,
      status: 200,
      value: { person: { id: ada.id, email: 'ada@example.org', name: 'Ada Lovelace' } },
    });
    expect(await ada.api.me()).toMatchObject({ value: { person: { name: 'Ada Lovelace' } } });
    const view = await bo.api.group(groupId);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.group.members[0]).toEqual({ id: ada.id, name: 'Ada Lovelace' });
    expect(await roomNameOf(server, ada, groupId)).toBe('Ada Lovelace');
  });

  test('a name of 1 to 60 characters, same-origin and signed in only; nothing written else', async () => {
    const server = await startGroupServer(backend);
    const ada = await server.signIn('ada@example.org');
    const long = 'x'.repeat(PROTOCOL_LIMITS.nameChars + 1);
    for (const body of [{ name: '   ' }, { name: long }, { name: 7 }, {}, { name: 'A', x: 1 }]) {
      const response = await post(server, ada, body);
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid-request' } });
    }
    const fine = 'y'.repeat(PROTOCOL_LIMITS.nameChars);
    expect(await ada.api.updateProfile({ name: fine })).toMatchObject({ status: 200 });

    const crossSite = await post(server, ada, { name: 'Mallory' }, 'https://elsewhere.example');
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'cross-site-request' } });
    const signedOut = await fetch(new URL(apiPath('updateProfile'), server.url), {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nobody' }),
    });
    expect(signedOut.status).toBe(401);
    expect(await ada.api.me()).toMatchObject({ value: { person: { name: fine } } });
  });
});
