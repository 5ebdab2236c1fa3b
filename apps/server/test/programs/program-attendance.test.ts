import { valueOf } from '@roundtable/client';
import { describe, expect, test } from 'vitest';
import { FakeClock } from '../live/fake-clock.ts';
import { startProgramsServer, type ProgramsServer } from './programs-harness.ts';

/*
 * The program page's live meeting and attendance, read from meeting rows as the group
 * meetings write them (a session, its group_meetings row, participants with their person, and
 * stretches of presence).
 */

const MIN = 60_000;

async function meeting(
  server: ProgramsServer,
  o: {
    groupId: string;
    sessionId: string;
    number: number;
    startedAt: number;
    endedAt: number | null;
  },
) {
  await server.db
    .insertInto('sessions')
    .values({
      id: o.sessionId,
      title: `Meeting ${o.number}`,
      options: '{}',
      created_at: o.startedAt,
      ended_at: o.endedAt,
      created_by: null,
    })
    .execute();
  await server.db
    .insertInto('group_meetings')
    .values({
      session_id: o.sessionId,
      group_id: o.groupId,
      number: o.number,
      started_at: o.startedAt,
      started_by: null,
      facilitator_id: null,
      deputy_id: null,
    })
    .execute();
}

async function presence(
  server: ProgramsServer,
  o: { sessionId: string; personId: string; stretches: [number, number | null][] },
) {
  const participantId = `${o.sessionId}-${o.personId}`;
  await server.db
    .insertInto('participants')
    .values({
      session_id: o.sessionId,
      id: participantId,
      name: 'someone',
      role: 'member',
      joined_at: o.stretches[0]?.[0] ?? 0,
      rules_accepted_at: 0,
      person_id: o.personId,
      rota_role: null,
    })
    .execute();
  for (const [joined, left] of o.stretches)
    await server.db
      .insertInto('attendance')
      .values({
        session_id: o.sessionId,
        participant_id: participantId,
        joined_at: joined,
        left_at: left,
      })
      .execute();
}

describe.each(['sqlite', 'postgres'] as const)('program attendance (%s)', (backend) => {
  test('minutes present per member per group, and the meeting running now', async () => {
    const start = Date.UTC(2027, 0, 10, 18);
    const clock = new FakeClock(start);
    const server = await startProgramsServer(backend, { clock });
    const program = await server.createProgram();
    const [ada, bo, cy] = await server.inviteAndJoin(program.id, [
      'ada@example.org',
      'bo@example.org',
      'cy@example.org',
    ]);
    if (!ada || !bo || !cy) throw new Error('three people expected');
    const [a, b, c] = [ada.person.id, bo.person.id, cy.person.id];
    const { group } = valueOf(
      await server.coordinator.createGroup(program.id, { name: 'G', memberIds: [a, b, c] }),
      'group',
    );

    const t = start - 40 * 24 * 60 * MIN;
    await meeting(server, {
      groupId: group.id,
      sessionId: 's1',
      number: 1,
      startedAt: t,
      endedAt: t + 90 * MIN,
    });
    await presence(server, {
      sessionId: 's1',
      personId: a,
      stretches: [
        [t, t + 30 * MIN],
        [t + 40 * MIN, null],
      ],
    });
    await presence(server, {
      sessionId: 's1',
      personId: b,
      stretches: [[t + 60 * MIN, t + 75 * MIN]],
    });
    // The second meeting runs now: an open stretch counts until now.
    await meeting(server, {
      groupId: group.id,
      sessionId: 's2',
      number: 2,
      startedAt: start - 20 * MIN,
      endedAt: null,
    });
    await presence(server, { sessionId: 's2', personId: a, stretches: [[start - 20 * MIN, null]] });

    const view = valueOf(await server.coordinator.program(program.id), 'view');
    expect(view.groups[0]?.liveMeeting).toBe('s2');
    const byPerson = Object.fromEntries(
      view.attendance.map((r) => [r.person?.id, [r.meetings, r.attended, r.minutesPresent]]),
    );
    expect(byPerson).toEqual({ [a]: [2, 2, 30 + 50 + 20], [b]: [2, 1, 15], [c]: [2, 0, 0] });
    expect(valueOf(await cy.me(), 'me').groups[0]?.liveMeeting).toBe('s2');

    await server.db
      .updateTable('sessions')
      .set({ ended_at: start })
      .where('id', '=', 's2')
      .execute();
    clock.advance(30 * MIN);
    const later = valueOf(await server.coordinator.program(program.id), 'view');
    expect(later.groups[0]?.liveMeeting).toBeNull();
    expect(later.attendance.find((r) => r.person?.id === a)?.minutesPresent).toBe(100);
  });
});
