import { DEFAULT_GROUND_RULES } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import { connect } from '../live/harness.ts';
import { FakeClock } from '../live/fake-clock.ts';
import { insertGroup, startGroupServer } from './group-fixture.ts';
import { eventually } from './poll.ts';

const MINUTE = 60_000;

describe.each(['sqlite', 'postgres'] as const)('a group meeting (%s)', (backend) => {
  test('starting twice answers the same live session, with the rota named', async () => {
    const server = await startGroupServer(backend);
    const [ada, bo, cy] = await Promise.all(
      ['ada@example.org', 'bo@example.org', 'cy@example.org'].map((e) => server.signIn(e)),
    );
    const { groupId } = await insertGroup(server.store, { members: [ada!, bo!, cy!] });

    const first = await bo!.api.startMeeting(groupId);
    expect(first).toMatchObject({ ok: true, status: 201, value: { alreadyRunning: false } });
    const again = await cy!.api.startMeeting(groupId);
    expect(again).toMatchObject({ ok: true, status: 200, value: { alreadyRunning: true } });
    if (!first.ok || !again.ok) throw new Error('unreachable');
    expect(again.value.sessionId).toBe(first.value.sessionId);

    const view = await ada!.api.group(groupId);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.group.liveMeeting).toBe(first.value.sessionId);
    expect(view.value.meetings).toHaveLength(1);
    expect(view.value.meetings[0]).toMatchObject({
      number: 1,
      endedAt: null,
      facilitator: { id: ada!.id },
      deputy: { id: bo!.id },
    });
    // One meeting held: the next turn moves on.
    expect(view.value.rota.nextFacilitator?.id).toBe(bo!.id);
    expect(view.value.rota.nextDeputy?.id).toBe(cy!.id);

    const lobby = await ada!.api.meetingLobby(groupId, first.value.sessionId);
    expect(lobby).toMatchObject({
      ok: true,
      value: { title: 'Birches - meeting 1', version: 1, rotaRole: 'facilitator' },
    });
  });

  test('members starting at the same moment get one meeting', async () => {
    const server = await startGroupServer(backend);
    const ada = await server.signIn('ada@example.org');
    const bo = await server.signIn('bo@example.org');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo] });
    const answers = await Promise.all([ada, bo, ada, bo].map((m) => m.api.startMeeting(groupId)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => (a.ok ? a.value.sessionId : a.error.code)));
    expect(ids.size).toBe(1);
    const meetings = await server.store.db
      .selectFrom('group_meetings')
      .select('number')
      .where('group_id', '=', groupId)
      .execute();
    expect(meetings).toEqual([{ number: 1 }]);
  });

  test('lobby and entering: only unaccepted rules, acceptance on entry, the same participant', async () => {
    const server = await startGroupServer(backend);
    const ada = await server.signIn('ada@example.org');
    const bo = await server.signIn('bo@example.org');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo] });
    expect((await ada.api.acceptRules(groupId, { version: 1 })).ok).toBe(true);
    const changed = [...DEFAULT_GROUND_RULES.slice(0, 5), 'Phones face down.'];
    const proposed = await bo.api.proposeRules(groupId, { basedOn: 1, rules: changed, note: '' });
    expect(proposed.status).toBe(201);
    const started = await ada.api.startMeeting(groupId);
    if (!started.ok) throw new Error(started.error.message);
    const { sessionId } = started.value;

    // Ada accepted version 1: only the changed rule is new to her. Bo proposed version 2.
    const adaLobby = await ada.api.meetingLobby(groupId, sessionId);
    expect(adaLobby).toMatchObject({
      ok: true,
      value: { version: 2, rules: changed, toAccept: ['Phones face down.'] },
    });
    const boLobby = await bo.api.meetingLobby(groupId, sessionId);
    expect(boLobby).toMatchObject({ ok: true, value: { toAccept: [], rotaRole: 'deputy' } });

    const refused = await ada.api.enterMeeting(groupId, sessionId);
    expect(refused).toMatchObject({
      ok: false,
      status: 422,
      error: { code: 'rules-not-accepted' },
    });
    const stale = await ada.api.enterMeeting(groupId, sessionId, { acceptVersion: 1 });
    expect(stale).toMatchObject({ ok: false, status: 409, error: { code: 'rules-changed' } });

    const entered = await ada.api.enterMeeting(groupId, sessionId, { acceptVersion: 2 });
    if (!entered.ok) throw new Error(entered.error.message);
    const again = await ada.api.enterMeeting(groupId, sessionId);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.participantId).toBe(entered.value.participantId);
    const participants = await server.store.listParticipants(sessionId);
    expect(participants).toEqual([
      expect.objectContaining({
        id: entered.value.participantId,
        personId: ada.id,
        name: 'ada',
        role: 'facilitator',
        rotaRole: 'facilitator',
      }),
    ]);
    const lobbyAfter = await ada.api.meetingLobby(groupId, sessionId);
    expect(lobbyAfter).toMatchObject({ ok: true, value: { toAccept: [] } });
  });

  test('entered members connect with the resume token; attendance shows joined, left, minutes', async () => {
    const clock = new FakeClock();
    const server = await startGroupServer(backend, { clock });
    const ada = await server.signIn('ada@example.org');
    const bo = await server.signIn('bo@example.org');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo] });
    const started = await bo.api.startMeeting(groupId);
    if (!started.ok) throw new Error(started.error.message);
    const { sessionId } = started.value;
    const entered = await ada.api.enterMeeting(groupId, sessionId, { acceptVersion: 1 });
    if (!entered.ok) throw new Error(entered.error.message);

    const joinedAt = clock.now();
    const client = await connect(server.url, entered.value.resumeToken);
    expect(client.welcome?.participantId).toBe(entered.value.participantId);
    const rows = () =>
      server.store.db
        .selectFrom('attendance')
        .selectAll()
        .where('session_id', '=', sessionId)
        .execute();
    await eventually(rows, (r) => r.length === 1, 'the arrival recorded');

    clock.advance(25 * MINUTE);
    client.close();
    // The leave is final after the grace period, which runs on the app's clock.
    const left = await eventually(
      async () => {
        clock.advance(50);
        return rows();
      },
      (r) => r[0]?.left_at !== null,
      'the leave recorded',
    );
    expect(left).toEqual([
      expect.objectContaining({
        participant_id: entered.value.participantId,
        joined_at: joinedAt,
        left_at: expect.any(Number),
      }),
    ]);

    const view = await bo.api.group(groupId);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.meetings[0]?.attendance).toEqual([
      {
        person: { id: ada.id, name: 'ada' },
        firstJoinedAt: joinedAt,
        lastLeftAt: left[0]?.left_at,
        minutesPresent: 25,
      },
    ]);
    expect(view.value.attendance).toEqual([
      { person: { id: ada.id, name: 'ada' }, meetings: 1, attended: 1, minutesPresent: 25 },
      { person: { id: bo.id, name: 'bo' }, meetings: 1, attended: 0, minutesPresent: 0 },
    ]);
  });
});
