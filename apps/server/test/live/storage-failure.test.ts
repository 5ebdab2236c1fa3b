import { addCard, cardsOf } from '@roundtable/client';
import pg from 'pg';
import { expect, test } from 'vitest';
import { createSession, person, startRound, startServer, until } from './harness.ts';

/** Runs SQL against the server's own PostgreSQL database, as an operator (or an outage) would. */
async function onDatabase(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

test('storage failing mid-round: the change is refused as internal, nothing half-done, and the room comes back', async () => {
  const app = await startServer({ backend: 'postgres' });
  const databaseUrl = app.config.databaseUrl!;
  const session = await createSession(app.url, { protocol: 'issue-analysis' });
  const fran = await person(app.url, session, 'Fran', 'facilitator');
  const pat = await person(app.url, session, 'Pat');
  const ali = await person(app.url, session, 'Ali');
  const bo = await person(app.url, session, 'Bo');
  const everyone = [fran, pat, ali, bo].map((p) => p.client);
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
    phases: 1,
    watchers: everyone,
  });
  addCard(ali.client.docs.board, {
    author: ali.participantId,
    round: 1,
    phase: 'clarifying-questions',
    kind: 'question',
    text: 'stored before the outage',
    created: Date.now(),
  });
  expect(await ali.client.flush()).toEqual([{ ok: true }]);
  const dropped = everyone.map(() => 0);
  const reasons = new Set<string>();
  everyone.forEach((c, i) =>
    c.on('connection', (up, reason) => {
      if (up) return;
      dropped[i]!++;
      reasons.add(reason ?? '');
    }),
  );

  await onDatabase(databaseUrl, 'ALTER TABLE doc_updates RENAME TO doc_updates_away');
  expect(await fran.client.command({ type: 'next-phase' })).toMatchObject({
    ok: false,
    error: { code: 'internal' },
  });
  // The room may now be ahead of storage, so the server drops everyone and reloads it; while
  // storage is away, reconnecting fails with a retryable `internal`, not the database's words.
  await until(() => dropped.every((n) => n >= 2), 'everyone dropped and refused once', 15_000);
  expect(everyone.every((c) => !c.connected)).toBe(true);
  expect(reasons).toContain('internal');
  expect([...reasons].join(' ')).not.toMatch(/doc_updates|relation/);

  await onDatabase(databaseUrl, 'ALTER TABLE doc_updates_away RENAME TO doc_updates');
  for (const c of everyone)
    await until(() => c.connected && c.state !== null, 'back by themselves', 30_000);
  // The refused change never happened; the acknowledged card is there; the meeting goes on.
  for (const c of everyone) {
    await until(() => cardsOf(c.docs.board).length === 1, 'the card after the reload');
    expect(c.state?.round?.phaseIndex).toBe(1);
  }
  expect(await fran.client.command({ type: 'next-phase' })).toEqual({ ok: true });
  for (const c of everyone) await until(() => c.state?.round?.phaseIndex === 2, 'moving on');
}, 60_000);
