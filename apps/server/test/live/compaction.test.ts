import { addCard, cardsOf } from '@roundtable/client';
import { expect, test } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import {
  connect,
  createSession,
  person,
  startAppAt,
  startRound,
  tempDataDir,
  until,
} from './harness.ts';

test('a long session compacts its update log and restores intact after a restart', async () => {
  const dataDir = await tempDataDir();
  const first = await startAppAt(dataDir);
  const session = await createSession(first.url, { protocol: 'good-news-analysis' });
  const fran = await person(first.url, session, 'Fran', 'facilitator');
  const pat = await person(first.url, session, 'Pat');
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'good-news-analysis',
    phases: 1,
  });
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

  const second = await startAppAt(dataDir);
  const back = await connect(second.url, fran.resumeToken);
  await until(() => cardsOf(back.docs.board).length === 250, 'all cards restored');
  expect(cardsOf(back.docs.board).map((c) => c.text)).toEqual(
    Array.from({ length: 250 }, (_, i) => `card ${i}`),
  );
  expect(back.state?.round?.phaseIndex).toBe(1);
});
