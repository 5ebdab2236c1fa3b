import { addCard, cardsOf } from '@roundtable/client';
import { currentPhase, turnOrder } from '@roundtable/protocol';
import { expect, onTestFinished, test } from 'vitest';
import { postgresBackend } from '../store/backends.ts';
import {
  connect,
  createSession,
  person,
  serverEnv,
  startAppAt,
  goodNewsAtFeedback,
  startRound,
  startServer,
  tempDataDir,
  until,
  type BackendName,
} from './harness.ts';
import { freePort, kill9, spawnServer } from './process.ts';

// Two server starts and socket.io-client's randomised reconnect backoff (up to 5 s) on a busy
// two-core machine: generous bounds; the assertions do not depend on them.
const RECONNECT_MS = 30_000;

test.each<BackendName>(['sqlite', 'postgres'])(
  'killing the server mid-round loses no acknowledged card or command, and clients resync (%s)',
  async (backend) => {
    const port = await freePort();
    const env = serverEnv(await tempDataDir(), {
      PORT: String(port),
      ROUNDTABLE_LEAVE_GRACE_MS: '200',
    });
    if (backend === 'postgres') {
      const db = await postgresBackend.create();
      // Registered first, so it runs after the server process is gone (hooks run last-in first).
      onTestFinished(() => db.dispose());
      env.DATABASE_URL = db.options.databaseUrl ?? '';
    }
    const url = `http://127.0.0.1:${port}`;
    const server = await spawnServer(env);

    const session = await createSession(url, { protocol: 'issue-analysis' });
    const fran = await person(url, session, 'Fran', 'facilitator');
    const pat = await person(url, session, 'Pat');
    const ali = await person(url, session, 'Ali');
    const bo = await person(url, session, 'Bo');
    const everyone = [fran, pat, ali, bo];
    await startRound(fran.client, {
      presenter: pat.participantId,
      protocolId: 'issue-analysis',
      phases: 1,
    });
    for (const text of ['one', 'two', 'three']) {
      addCard(ali.client.docs.board, {
        author: ali.participantId,
        round: 1,
        phase: 'clarifying-questions',
        kind: 'question',
        text,
        created: Date.now(),
      });
    }
    expect(await ali.client.flush()).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await fran.client.command({ type: 'next-phase' })).toEqual({ ok: true });
    expect(await fran.client.command({ type: 'pass-turn' })).toEqual({ ok: true });

    await kill9(server);
    // While the server is down, Bo keeps writing: the edit must arrive once it is back.
    await until(() => !bo.client.connected, 'Bo notices the outage');
    addCard(bo.client.docs.board, {
      author: bo.participantId,
      round: 1,
      phase: 'peer-feedback',
      kind: 'experience',
      text: 'written offline',
      created: Date.now(),
    });
    await spawnServer(env);

    for (const p of everyone) {
      await until(() => p.client.connected, `${p.name} reconnects`, RECONNECT_MS);
    }
    for (const p of everyone) {
      await until(
        () => p.client.state?.participants.filter((x) => x.present).length === 4,
        `${p.name} sees everyone back`,
        RECONNECT_MS,
      );
      await until(
        () => cardsOf(p.client.docs.board).length === 4,
        `${p.name} has all four cards`,
        RECONNECT_MS,
      );
      expect(currentPhase(p.client.state!)?.id).toBe('peer-feedback');
      // Fran passed before the crash, so Ali holds the turn: the acknowledged pass survived.
      expect(turnOrder(p.client.state!)?.holder).toBe(ali.participantId);
    }
    // A newcomer reads the state from the restarted server alone, with nothing duplicated.
    const cy = await person(url, session, 'Cy');
    await until(() => cardsOf(cy.client.docs.board).length === 4, 'newcomer sees the board');
    expect(
      cardsOf(cy.client.docs.board)
        .map((c) => c.text)
        .sort(),
    ).toEqual(['one', 'three', 'two', 'written offline']);
    expect(cy.client.state?.participants).toHaveLength(5);
    expect(cy.client.state?.facilitator).toBe(fran.participantId);
  },
  120_000,
);

test('a client that goes offline keeps writing, and everyone converges when it returns', async () => {
  const app = await startServer();
  const { fran, pat, ali } = await goodNewsAtFeedback(app.url);

  ali.client.disconnect();
  const offline = ['offline one', 'offline two'].map((text) =>
    addCard(ali.client.docs.board, {
      author: ali.participantId,
      round: 1,
      phase: 'positive-feedback',
      kind: 'positive',
      text,
      created: Date.now(),
    }),
  );
  // Meanwhile Fran writes online.
  addCard(fran.client.docs.board, {
    author: fran.participantId,
    round: 1,
    phase: 'positive-feedback',
    kind: 'positive',
    text: 'online',
    created: Date.now(),
  });
  expect(await fran.client.flush()).toEqual([{ ok: true }]);
  ali.client.connect();

  for (const c of [fran.client, pat.client, ali.client]) {
    await until(() => cardsOf(c.docs.board).length === 3, 'three cards everywhere');
  }
  const texts = (c: typeof ali.client) =>
    cardsOf(c.docs.board)
      .map((card) => card.text)
      .sort();
  expect(texts(pat.client)).toEqual(['offline one', 'offline two', 'online']);
  expect(texts(ali.client)).toEqual(texts(fran.client));
  expect(
    cardsOf(pat.client.docs.board).filter((c) => offline.some((o) => o.id === c.id)),
  ).toHaveLength(2);
  // Reconnecting with the same credential makes Ali the same participant, not a new one.
  const again = await connect(app.url, (await Promise.resolve(ali)).resumeToken);
  expect(again.participantId).toBe(ali.participantId);
});

test('a restart reopens every session still running before anyone reconnects', async () => {
  const dataDir = await tempDataDir();
  const first = await startAppAt(dataDir);
  // Two sessions nobody has joined yet, and one that ended.
  await createSession(first.url);
  await createSession(first.url);
  const ended = await createSession(first.url);
  const fran = await person(first.url, ended, 'Fran', 'facilitator');
  expect(await fran.client.command({ type: 'end-session' })).toEqual({ ok: true });
  fran.client.close();
  await first.close();

  const second = await startAppAt(dataDir);
  // Their deadlines and restart grace run from the start, not from someone's return.
  expect(second.liveSessions()).toBe(2);
});
