import { FORMER_MEMBER } from '@roundtable/protocol';
import { describe, expect, test } from 'vitest';
import { makeCoordinator } from '../../src/auth/roles.ts';
import { connect } from '../live/harness.ts';
import { FakeClock } from '../live/fake-clock.ts';
import { insertGroup, startGroupServer, type GroupServer, type Signed } from './group-fixture.ts';
import { eventually } from './poll.ts';

/*
 * A member who deleted their account (migration 0004: their participants keep forgotten_at,
 * person_id null) stays in the group page's and the program page's attendance as
 * `person: null`, "a former member". A guest (no person, never forgotten) is no group member
 * and is left out of both.
 */

const MINUTE = 60_000;

async function attend(
  server: GroupServer,
  clock: FakeClock,
  o: { who: Signed; groupId: string; sessionId: string; minutes: number },
) {
  const entered = await o.who.api.enterMeeting(o.groupId, o.sessionId, { acceptVersion: 1 });
  if (!entered.ok) throw new Error(entered.error.message);
  const client = await connect(server.url, entered.value.resumeToken);
  const stretch = () =>
    server.store.db
      .selectFrom('attendance')
      .selectAll()
      .where('participant_id', '=', entered.value.participantId)
      .execute();
  await eventually(stretch, (r) => r.length === 1, 'the arrival recorded');
  clock.advance(o.minutes * MINUTE);
  client.close();
  await eventually(
    async () => {
      clock.advance(50);
      return stretch();
    },
    (r) => r[0]?.left_at !== null,
    'the leave recorded',
  );
}

/** A guest's participant (an invite link, no person) present for `minutes`. */
async function guest(server: GroupServer, o: { sessionId: string; at: number; minutes: number }) {
  await server.store.db
    .insertInto('participants')
    .values({
      session_id: o.sessionId,
      id: 'guest-1',
      name: 'Guest',
      role: 'member',
      joined_at: o.at,
      rules_accepted_at: o.at,
      person_id: null,
      rota_role: null,
      forgotten_at: null,
    })
    .execute();
  await server.store.db
    .insertInto('attendance')
    .values({
      session_id: o.sessionId,
      participant_id: 'guest-1',
      joined_at: o.at,
      left_at: o.at + o.minutes * MINUTE,
    })
    .execute();
}

describe.each(['sqlite', 'postgres'] as const)('former members in attendance (%s)', (backend) => {
  test('a deleted account shows as person null on the group and program pages; a guest not at all', async () => {
    const clock = new FakeClock();
    const server = await startGroupServer(backend, { clock });
    const [ada, bo, cy] = await Promise.all(
      ['ada@example.org', 'bo@example.org', 'cy@example.org'].map((e) => server.signIn(e)),
    );
    if (!ada || !bo || !cy) throw new Error('three people expected');
    const { programId, groupId } = await insertGroup(server.store, { members: [ada, bo, cy] });
    const started = await bo.api.startMeeting(groupId);
    if (!started.ok) throw new Error(started.error.message);
    const { sessionId } = started.value;
    await attend(server, clock, { who: ada, groupId, sessionId, minutes: 20 });
    await attend(server, clock, { who: bo, groupId, sessionId, minutes: 10 });
    await guest(server, { sessionId, at: clock.now(), minutes: 30 });
    expect(await ada.api.deleteMe({ confirmEmail: ada.email })).toMatchObject({ ok: true });
    const forgotten = await server.store.db
      .selectFrom('participants')
      .select(['name', 'person_id', 'forgotten_at'])
      .where('session_id', '=', sessionId)
      .where('forgotten_at', 'is not', null)
      .execute();
    expect(forgotten).toEqual([
      { name: FORMER_MEMBER, person_id: null, forgotten_at: expect.any(Number) },
    ]);

    const view = await bo.api.group(groupId);
    if (!view.ok) throw new Error(view.error.message);
    expect(
      view.value.meetings[0]?.attendance.map((a) => [a.person?.id ?? null, a.minutesPresent]),
    ).toEqual([
      [null, 20],
      [bo.id, 10],
    ]);
    expect(view.value.attendance).toEqual([
      { person: { id: bo.id, name: 'bo' }, meetings: 1, attended: 1, minutesPresent: 10 },
      { person: { id: cy.id, name: 'cy' }, meetings: 1, attended: 0, minutesPresent: 0 },
      { person: null, meetings: 1, attended: 1, minutesPresent: 20 },
    ]);

    await makeCoordinator(server.store.db, cy.id);
    const page = await cy.api.program(programId);
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.attendance).toEqual([
      { groupId, person: { id: bo.id, name: 'bo' }, meetings: 1, attended: 1, minutesPresent: 10 },
      { groupId, person: { id: cy.id, name: 'cy' }, meetings: 1, attended: 0, minutesPresent: 0 },
      { groupId, person: null, meetings: 1, attended: 1, minutesPresent: 20 },
    ]);
  });
});
