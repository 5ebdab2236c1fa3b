import { describe, expect, test } from 'vitest';
import { connect, until } from '../live/harness.ts';
import { insertGroup, startGroupServer } from './group-fixture.ts';
import { eventually } from './poll.ts';

describe.each(['sqlite', 'postgres'] as const)('when a group meeting ends (%s)', (backend) => {
  test("the rota's facilitator ends it: attendance closes, the lobby answers 410, the next meeting is new", async () => {
    const server = await startGroupServer(backend);
    const ada = await server.signIn('ada@example.org');
    const bo = await server.signIn('bo@example.org');
    const { groupId } = await insertGroup(server.store, { members: [ada, bo] });
    const started = await bo.api.startMeeting(groupId);
    if (!started.ok) throw new Error(started.error.message);
    const { sessionId } = started.value;
    const [adaIn, boIn] = await Promise.all(
      [ada, bo].map(async (who) => {
        const entered = await who.api.enterMeeting(groupId, sessionId, { acceptVersion: 1 });
        if (!entered.ok) throw new Error(entered.error.message);
        return { ...entered.value, client: await connect(server.url, entered.value.resumeToken) };
      }),
    );
    if (!adaIn || !boIn) throw new Error('unreachable');
    // Ada is first in the rota: she facilitates, entering without any invite link.
    await until(() => adaIn.client.state?.facilitator === adaIn.participantId, 'Ada facilitates');
    const rows = () =>
      server.store.db
        .selectFrom('attendance')
        .select(['participant_id', 'left_at'])
        .where('session_id', '=', sessionId)
        .execute();
    await eventually(rows, (r) => r.length === 2, 'both arrivals recorded');

    expect(await adaIn.client.command({ type: 'end-session' })).toEqual({ ok: true });
    const closed = await eventually(
      rows,
      (r) => r.every((row) => row.left_at !== null),
      'every stretch closed',
    );
    expect(closed.map((r) => r.participant_id).sort()).toEqual(
      [adaIn.participantId, boIn.participantId].sort(),
    );

    const ended = await eventually(
      () => ada.api.meetingLobby(groupId, sessionId),
      (r) => r.status === 410,
      'the meeting stored as ended',
    );
    expect(ended).toMatchObject({ ok: false, error: { code: 'session-ended' } });
    const enter = await bo.api.enterMeeting(groupId, sessionId);
    expect(enter).toMatchObject({ ok: false, status: 410, error: { code: 'session-ended' } });

    const next = await bo.api.startMeeting(groupId);
    expect(next).toMatchObject({ ok: true, status: 201, value: { alreadyRunning: false } });
    const view = await bo.api.group(groupId);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.meetings.map((m) => [m.number, m.facilitator?.id])).toEqual([
      [2, bo.id],
      [1, ada.id],
    ]);
    expect(view.value.attendance.map((a) => [a.person?.id, a.meetings, a.attended])).toEqual([
      [ada.id, 2, 1],
      [bo.id, 2, 1],
    ]);
  });
});
