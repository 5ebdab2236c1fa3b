import type { LiveClient } from '@roundtable/client';
import type { SessionEvent } from '@roundtable/protocol';
import { DEFAULT_GROUND_RULES } from '@roundtable/wire';
import { describe, expect, onTestFinished, test } from 'vitest';
import { loadSecret } from '../../src/auth/secret.ts';
import { createTokens } from '../../src/auth/tokens.ts';
import { backends, openForTest } from '../store/backends.ts';
import { participantRecord } from '../store/records.ts';
import { FakeClock } from './fake-clock.ts';
import { SECRET, connect, createSession, startAppAt, tempDataDir, until } from './harness.ts';

const GRACE_MS = 30_000;
const ADVICE = DEFAULT_GROUND_RULES.indexOf('Avoid advice giving.');

/**
 * A group meeting as the group routes leave it: participants stored with their rota places and
 * given resume credentials, each connecting with a real LiveClient. Time is a fake clock, so
 * the leave grace passes when the test says.
 */
async function groupMeeting(backend: (typeof backends)[number]) {
  const db = await backend.create();
  onTestFinished(() => db.dispose());
  const store = await openForTest(db.options);
  const clock = new FakeClock();
  const dataDir = await tempDataDir();
  const app = await startAppAt(
    dataDir,
    { ROUNDTABLE_LEAVE_GRACE_MS: String(GRACE_MS) },
    {
      store,
      clock,
    },
  );
  const { sessionId } = await createSession(app.url);
  // The credentials the server itself would mint, from the secret it was started with.
  const tokens = createTokens(loadSecret(SECRET, dataDir));
  const member = async (name: string, rotaRole: 'facilitator' | 'deputy' | null) => {
    const record = participantRecord(sessionId, { name, rotaRole, joinedAt: clock.now() });
    await store.addParticipant(record);
    const token = await tokens.mintResume({ sid: sessionId, pid: record.id }, 3600);
    return { id: record.id, token };
  };
  /** Connects, and waits until the room counts them present (the welcome comes before). */
  const enter = async (who: { id: string; token: string }) => {
    const client = await connect(app.url, who.token);
    await until(
      () => client.state?.participants.some((p) => p.id === who.id && p.present) ?? false,
      'present',
    );
    return client;
  };
  return { app, clock, member, enter };
}

const holder = (c: LiveClient) => c.state?.facilitator ?? null;
const everyone = (clients: LiveClient[], check: (c: LiveClient) => boolean, what: string) =>
  Promise.all(clients.map((c) => until(() => check(c), what)));

describe.each(backends)('the rota in a live group meeting ($name)', (backend) => {
  test('the deputy takes over when the facilitator drops and keeps the role until handing it back', async () => {
    const { clock, member, enter } = await groupMeeting(backend);
    const [sam, fay, dev] = [
      await member('Sam', null),
      await member('Fay', 'facilitator'),
      await member('Dev', 'deputy'),
    ];
    // Sam opens the room and stands in; Fay, the rota's facilitator, takes over on arrival.
    const samC = await enter(sam);
    // The welcome can come before the join's state update; wait for the room to count Sam in.
    await until(() => holder(samC) === sam.id, 'Sam standing in');
    const fayC = await enter(fay);
    const devC = await enter(dev);
    await everyone([samC, fayC, devC], (c) => holder(c) === fay.id, 'Fay facilitating');
    expect(samC.state?.rota).toEqual({ facilitator: fay.id, deputy: dev.id });

    fayC.close();
    await until(() => clock.nextDue() !== null, 'the leave armed');
    clock.advance(GRACE_MS);
    await everyone([samC, devC], (c) => holder(c) === dev.id, 'Dev deputising');

    // Fay is back: the role stays with Dev, who decides.
    const fayAgain = await enter(fay);
    await everyone(
      [samC, devC, fayAgain],
      (c) => c.state?.participants.find((p) => p.id === fay.id)?.present === true,
      'Fay back',
    );
    expect(holder(fayAgain)).toBe(dev.id);
    expect(await fayAgain.command({ type: 'hand-facilitation', to: fay.id })).toMatchObject({
      ok: false,
      error: { code: 'not-facilitator' },
    });

    expect(await devC.command({ type: 'hand-facilitation', to: fay.id })).toEqual({ ok: true });
    await everyone([samC, devC, fayAgain], (c) => holder(c) === fay.id, 'Fay facilitating again');
  });

  test('a raised rule reaches everyone’s state and events; a repeat and an unknown rule are refused', async () => {
    const { member, enter } = await groupMeeting(backend);
    const clients: LiveClient[] = [];
    const ids: string[] = [];
    for (const [name, role] of [
      ['Fay', 'facilitator'],
      ['Bo', null],
    ] as const) {
      const who = await member(name, role);
      ids.push(who.id);
      clients.push(await enter(who));
    }
    const [fayC, boC] = clients as [LiveClient, LiveClient];
    const heard: SessionEvent[] = [];
    fayC.on('events', (events) => heard.push(...events));

    expect(await boC.command({ type: 'raise-rule', rule: ADVICE })).toEqual({ ok: true });
    await everyone(
      clients,
      (c) => c.state?.reminders.some((r) => r.rule === ADVICE && r.by === ids[1]) ?? false,
      'the reminder shown',
    );
    await until(() => heard.some((e) => e.type === 'rule-raised'), 'rule-raised heard');
    expect(heard).toContainEqual({ type: 'rule-raised', rule: ADVICE, by: ids[1] });

    expect(await boC.command({ type: 'raise-rule', rule: 0 })).toMatchObject({
      ok: false,
      error: { code: 'rule-raised-recently' },
    });
    expect(
      await fayC.command({ type: 'raise-rule', rule: DEFAULT_GROUND_RULES.length }),
    ).toMatchObject({ ok: false, error: { code: 'unknown-rule' } });
    expect(fayC.state?.reminders).toHaveLength(1);
  });
});
