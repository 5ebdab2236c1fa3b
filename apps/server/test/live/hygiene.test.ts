import { addCard } from '@roundtable/client';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { expect, onTestFinished, test } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import {
  connect,
  createSession,
  person,
  startAppAt,
  startRound,
  startServer,
  tempDataDir,
  until,
} from './harness.ts';

test('connecting and resyncing store nothing: only real changes reach the log', async () => {
  const dataDir = await tempDataDir();
  const app = await startAppAt(dataDir);
  const session = await createSession(app.url, { protocol: 'good-news-analysis' });
  const fran = await person(app.url, session, 'Fran', 'facilitator');
  const pat = await person(app.url, session, 'Pat');
  await startRound(fran.client, {
    presenter: pat.participantId,
    protocolId: 'good-news-analysis',
    phases: 1,
  });
  addCard(fran.client.docs.board, {
    author: fran.participantId,
    round: 1,
    phase: 'positive-feedback',
    kind: 'positive',
    text: 'one',
    created: 1,
  });
  expect(await fran.client.flush()).toEqual([{ ok: true }]);
  // Three more connections, each with its own sync handshake.
  for (let i = 0; i < 3; i++) (await connect(app.url, pat.resumeToken)).close();

  const store = await openStore({ dataDir });
  onTestFinished(() => store.close());
  expect(await store.loadUpdates(session.sessionId, 'board')).toHaveLength(1);
  expect(await store.loadUpdates(session.sessionId, `notes:${pat.participantId}`)).toHaveLength(0);
});

test('an oversized message is refused with a reason and the sender is told to resync', async () => {
  const app = await startServer();
  const session = await createSession(app.url);
  const fran = await person(app.url, session, 'Fran', 'facilitator');
  const resync = new Promise<string>((resolve) => {
    const off = fran.client.onServer('resync', (_doc, error) => {
      off();
      resolve(error.code);
    });
  });
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, new Uint8Array(70_000));
  const ack = await fran.client.ask('sync', 'board', encoding.toUint8Array(encoder));
  expect(ack).toMatchObject({ ok: false, error: { code: 'too-large' } });
  expect(await resync).toBe('too-large');
  await until(() => fran.client.connected, 'still connected');
});
