import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCard, cardsOf } from '@roundtable/client';
import { expect, onTestFinished, test } from 'vitest';
import { startApp } from '../../src/app.ts';
import { openStore } from '../../src/store/open-store.ts';
import { connect, createSession, person, SECRET, until } from './harness.ts';

test('a long session compacts its update log and restores intact after a restart', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'roundtable-compact-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const env = {
    PORT: '0',
    DATA_DIR: dataDir,
    ROUNDTABLE_SECRET: SECRET,
    WEB_BUILD_DIR: join(dataDir, 'none'),
    MEDIA: 'off',
  };
  const first = await startApp({ env, quiet: true });
  const session = await createSession(first.url, { protocol: 'good-news-analysis' });
  const fran = await person(first.url, session, 'Fran', 'facilitator');
  const pat = await person(first.url, session, 'Pat');
  expect(
    await fran.client.command({
      type: 'start-round',
      presenter: pat.participantId,
      protocolId: 'good-news-analysis',
    }),
  ).toEqual({ ok: true });
  expect(await fran.client.command({ type: 'next-phase' })).toEqual({ ok: true });
  await until(() => fran.client.state?.round?.phaseIndex === 1, 'positive feedback');
  // 250 acknowledged edits: more than the 200 after which the board's log is compacted.
  for (let i = 0; i < 250; i++) {
    addCard(fran.client.docs.board, {
      author: fran.participantId,
      round: 1,
      phase: 'positive-feedback',
      kind: 'positive',
      text: `card ${i}`,
      created: i,
    });
    if (i % 50 === 49) expect((await fran.client.flush()).every((a) => a.ok)).toBe(true);
  }
  fran.client.close();
  pat.client.close();
  await first.close();

  const store = await openStore({ dataDir });
  const stored = await store.loadUpdates(session.sessionId, 'board');
  await store.close();
  expect(stored.length).toBeLessThan(100);

  const second = await startApp({ env, quiet: true });
  onTestFinished(() => second.close());
  const back = await connect(second.url, fran.resumeToken);
  await until(() => cardsOf(back.docs.board).length === 250, 'all cards restored');
  expect(cardsOf(back.docs.board).map((c) => c.text)).toEqual(
    Array.from({ length: 250 }, (_, i) => `card ${i}`),
  );
  expect(back.state?.round?.phaseIndex).toBe(1);
});
