import { expect, test } from 'vitest';
import { participantRecord, sessionRecord } from '../records.ts';
import type { ContractContext } from './context.ts';

export function sessionContract({ open }: ContractContext): void {
  test('a created session reads back field for field, options included', async () => {
    const store = await open();
    const session = sessionRecord({ options: { nested: { list: [1, 'two', null] }, on: true } });
    await store.createSession(session);
    expect(await store.getSession(session.id)).toEqual(session);
    expect(await store.getSession('no-such-session')).toBeNull();
  });

  test('creating a session twice is refused', async () => {
    const store = await open();
    const session = sessionRecord();
    await store.createSession(session);
    await expect(store.createSession(session)).rejects.toThrow();
  });

  test('active sessions are the unended ones, oldest first', async () => {
    const store = await open();
    const newer = sessionRecord({ createdAt: 3_000 });
    const older = sessionRecord({ createdAt: 1_000 });
    const ended = sessionRecord({ createdAt: 2_000 });
    for (const session of [newer, older, ended]) await store.createSession(session);
    await store.markEnded(ended.id, 5_000);

    const mine = new Set([newer.id, older.id, ended.id]);
    const active = (await store.listActiveSessions()).filter((s) => mine.has(s.id));
    expect(active.map((s) => s.id)).toEqual([older.id, newer.id]);
  });

  test('ending keeps the first end time', async () => {
    const store = await open();
    const session = sessionRecord();
    await store.createSession(session);
    await store.markEnded(session.id, 5_000);
    await store.markEnded(session.id, 9_000);
    expect((await store.getSession(session.id))?.endedAt).toBe(5_000);
    await expect(store.markEnded('no-such-session', 1)).rejects.toThrow(/no-such-session/);
  });

  test('bumping the invite epoch counts up from the stored one', async () => {
    const store = await open();
    const session = sessionRecord({ inviteEpoch: 4 });
    await store.createSession(session);
    expect(await store.bumpInviteEpoch(session.id)).toBe(5);
    expect(await store.bumpInviteEpoch(session.id)).toBe(6);
    expect((await store.getSession(session.id))?.inviteEpoch).toBe(6);
    await expect(store.bumpInviteEpoch('no-such-session')).rejects.toThrow(/no-such-session/);
  });

  test('participants read back, listed in joining order', async () => {
    const store = await open();
    const session = sessionRecord();
    await store.createSession(session);
    const late = participantRecord(session.id, { name: 'Grace', joinedAt: 2_000 });
    const early = participantRecord(session.id, { role: 'facilitator', joinedAt: 1_000 });
    await store.addParticipant(late);
    await store.addParticipant(early);

    expect(await store.getParticipant(session.id, late.id)).toEqual(late);
    expect(await store.getParticipant(session.id, 'nobody')).toBeNull();
    expect(await store.listParticipants(session.id)).toEqual([early, late]);
    await expect(store.addParticipant(late)).rejects.toThrow();
  });

  test('a participant needs an existing session', async () => {
    const store = await open();
    await expect(store.addParticipant(participantRecord('no-such-session'))).rejects.toThrow();
  });

  test('sessions do not see each other’s participants', async () => {
    const store = await open();
    const [a, b] = [sessionRecord(), sessionRecord()];
    await store.createSession(a);
    await store.createSession(b);
    const ada = participantRecord(a.id);
    await store.addParticipant(ada);
    expect(await store.listParticipants(b.id)).toEqual([]);
    expect(await store.getParticipant(b.id, ada.id)).toBeNull();
  });
}
