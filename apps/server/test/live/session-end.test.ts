import { addCard, cardsOf, removeCard, setVerdict, type LiveClient } from '@roundtable/client';
import type { ClientDocName, CommandPayload, WireError } from '@roundtable/wire';
import { NOTES_TEXT } from '@roundtable/wire';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, onTestFinished, test } from 'vitest';
import { step, isRejection } from '@roundtable/protocol';
import { readState, writeState } from '@roundtable/wire';
import type { App } from '../../src/app.ts';
import { PersistedDoc } from '../../src/core/doc-store.ts';
import { ROOTS } from '../../src/core/loaded-doc.ts';
import { openStore, type OpenStoreOptions } from '../../src/store/open-store.ts';
import { postgresBackend } from '../store/backends.ts';
import {
  connect,
  createSession,
  person,
  startAppAt,
  tempDataDir,
  until,
  type BackendName,
  type Created,
} from './harness.ts';

type Person = Awaited<ReturnType<typeof person>>;

/**
 * A server on a database the test owns (SQLite in a data directory, or a PostgreSQL database),
 * so it can be restarted on the same data.
 */
async function restartableServer(backend: BackendName) {
  const dataDir = await tempDataDir();
  const extra: Record<string, string> = {};
  if (backend === 'postgres') {
    const db = await postgresBackend.create();
    // Registered before the app, so it runs after the app has closed (hooks run last-in first).
    onTestFinished(() => db.dispose());
    extra.DATABASE_URL = db.options.databaseUrl ?? '';
  }
  const storeOptions = { dataDir, databaseUrl: extra.DATABASE_URL };
  let app: App = await startAppAt(dataDir, extra);
  return {
    url: () => app.url,
    /** Stops the server, lets `meanwhile` open its store, and starts it again. */
    async restart(meanwhile?: (store: OpenStoreOptions) => Promise<void>): Promise<string> {
      await app.close();
      await meanwhile?.(storeOptions);
      app = await startAppAt(dataDir, extra);
      return app.url;
    },
  };
}

/** Asks the server for all of `doc` it has; its answer arrives before the ack does. */
async function synced(client: LiveClient, doc: ClientDocName): Promise<void> {
  const e = encoding.createEncoder();
  syncProtocol.writeSyncStep1(e, client.docs[doc]);
  expect(await client.ask('sync', doc, encoding.toUint8Array(e))).toEqual({ ok: true });
}

const download = (url: string, session: Created, p: Person, file: string) =>
  fetch(`${url}/api/sessions/${session.sessionId}/${file}`, {
    headers: { authorization: `Bearer ${p.resumeToken}` },
  });

/**
 * A Good News round at positive feedback: Ali and Bo write cards, Pat keeps one of Ali's and
 * leaves the other, and Ali and Bo each keep private notes.
 */
async function meeting(url: string, session: Created) {
  const fran = await person(url, session, 'Fran', 'facilitator');
  const pat = await person(url, session, 'Pat');
  const ali = await person(url, session, 'Ali');
  const bo = await person(url, session, 'Bo');
  const everyone = [fran, pat, ali, bo];
  const start: CommandPayload = {
    type: 'start-round',
    presenter: pat.participantId,
    protocolId: 'good-news-analysis',
  };
  expect(await fran.client.command(start)).toEqual({ ok: true });
  expect(await fran.client.command({ type: 'next-phase' })).toEqual({ ok: true });
  await until(() => everyone.every((p) => p.client.state?.round?.phaseIndex === 1), 'feedback');
  const card = (p: Person, text: string) =>
    addCard(p.client.docs.board, {
      author: p.participantId,
      round: 1,
      phase: 'positive-feedback',
      kind: 'positive',
      text,
      created: Date.now(),
    });
  const kept = card(ali, 'You asked the team before deciding.');
  const left = card(ali, 'Your slides were tidy.');
  expect(await ali.client.flush()).toEqual([{ ok: true }, { ok: true }]);
  card(bo, 'You stayed calm.');
  expect(await bo.client.flush()).toEqual([{ ok: true }]);
  await until(() => cardsOf(pat.client.docs.board).length === 3, 'cards reach Pat');
  setVerdict(pat.client.docs.board, kept.id, 'take');
  setVerdict(pat.client.docs.board, left.id, 'leave');
  expect(await pat.client.flush()).toEqual([{ ok: true }, { ok: true }]);
  ali.client.docs.notes.getText(NOTES_TEXT).insert(0, 'Ask Pat how the team took it.');
  bo.client.docs.notes.getText(NOTES_TEXT).insert(0, 'Try the calm voice myself.');
  expect(await ali.client.flush()).toEqual([{ ok: true }]);
  expect(await bo.client.flush()).toEqual([{ ok: true }]);
  const boardResyncs = new Map<Person, WireError[]>(everyone.map((p) => [p, []]));
  for (const p of everyone)
    p.client.on('rejected', (doc, error) => doc === 'board' && boardResyncs.get(p)!.push(error));
  return { fran, pat, ali, bo, everyone, kept, left, boardResyncs };
}

type Meeting = Awaited<ReturnType<typeof meeting>>;

/** After the end nothing moves: commands and board writes are refused. */
async function expectClosed(m: Meeting): Promise<void> {
  for (const [p, payload] of [
    [m.fran, { type: 'next-phase' }],
    [m.fran, { type: 'start-round', presenter: m.ali.participantId, protocolId: 'issue-analysis' }],
    [m.ali, { type: 'raise-hand' }],
  ] as const)
    expect(await p.client.command(payload)).toMatchObject({
      ok: false,
      error: { code: 'session-ended' },
    });
  addCard(m.bo.client.docs.board, {
    author: m.bo.participantId,
    round: 1,
    phase: 'positive-feedback',
    kind: 'positive',
    text: 'One more thing',
    created: Date.now(),
  });
  expect(await m.bo.client.flush()).toMatchObject([{ ok: false, error: { code: 'board-closed' } }]);
}

describe.each<BackendName>(['sqlite', 'postgres'])(
  'the facilitator ends the session (%s)',
  (backend) => {
    test('by default the board is cleared for everyone and for good', async () => {
      const server = await restartableServer(backend);
      const session = await createSession(server.url());
      const m = await meeting(server.url(), session);

      expect(await m.fran.client.command({ type: 'end-session' })).toEqual({ ok: true });
      for (const p of m.everyone) {
        await until(() => m.boardResyncs.get(p)!.length === 1, `${p.name} told to drop the board`);
        await synced(p.client, 'board');
        expect(cardsOf(p.client.docs.board)).toEqual([]);
        expect(p.client.docs.board.getMap('verdicts').size).toBe(0);
        expect(p.client.state?.ended).toBe(true);
      }
      expect(m.boardResyncs.get(m.ali)![0]!.code).toBe('board-closed');
      await expectClosed(m);

      const url = await server.restart();
      const fresh = await connect(url, m.ali.resumeToken);
      await synced(fresh, 'board');
      expect(cardsOf(fresh.docs.board)).toEqual([]);
      expect(fresh.state?.ended).toBe(true);
      // The presenter's take-aways were kept before the board went.
      const takeaways = await download(url, session, m.pat, 'takeaways.md');
      expect(takeaways.status).toBe(200);
      expect(await takeaways.text()).toContain(m.kept.text);
    });

    test("with 'keep-board' the board stays, but nobody can change it", async () => {
      const server = await restartableServer(backend);
      const session = await createSession(server.url(), { confidentiality: 'keep-board' });
      const m = await meeting(server.url(), session);

      expect(await m.fran.client.command({ type: 'end-session' })).toEqual({ ok: true });
      for (const p of m.everyone) {
        await until(() => p.client.state?.ended === true, `${p.name} sees the end`);
        await synced(p.client, 'board');
        expect(m.boardResyncs.get(p)).toEqual([]);
        expect(cardsOf(p.client.docs.board)).toHaveLength(3);
      }
      await expectClosed(m);
      removeCard(m.ali.client.docs.board, m.left.id);
      expect(await m.ali.client.flush()).toMatchObject([
        { ok: false, error: { code: 'board-closed' } },
      ]);
      // What a reconnecting client sends back when it has nothing new is not a change, though.
      const board = m.bo.client.docs.board;
      const e = encoding.createEncoder();
      syncProtocol.writeSyncStep2(e, board, Y.encodeStateVector(board));
      expect(await m.bo.client.ask('sync', 'board', encoding.toUint8Array(e))).toEqual({
        ok: true,
      });

      const url = await server.restart();
      const fresh = await connect(url, m.bo.resumeToken);
      await synced(fresh, 'board');
      expect(
        cardsOf(fresh.docs.board)
          .map((c) => c.text)
          .sort(),
      ).toEqual([m.kept.text, m.left.text, 'You stayed calm.'].sort());
    });

    test('each member downloads their own notes, the presenter their take-aways', async () => {
      const server = await restartableServer(backend);
      const session = await createSession(server.url());
      const m = await meeting(server.url(), session);
      expect(await m.fran.client.command({ type: 'end-session' })).toEqual({ ok: true });
      const url = server.url();

      const aliNotes = await download(url, session, m.ali, 'notes.md');
      expect(aliNotes.status).toBe(200);
      expect(aliNotes.headers.get('content-type')).toMatch(/^text\/markdown/);
      const aliText = await aliNotes.text();
      expect(aliText).toContain('Ask Pat how the team took it.');
      expect(aliText).not.toContain('calm voice');
      const boText = await (await download(url, session, m.bo, 'notes.md')).text();
      expect(boText).toContain('Try the calm voice myself.');
      expect(boText).not.toContain('Ask Pat');

      const takeaways = await download(url, session, m.pat, 'takeaways.md');
      expect(takeaways.status).toBe(200);
      const kept = await takeaways.text();
      expect(kept).toContain(m.kept.text);
      expect(kept).not.toContain(m.left.text);
      expect(kept).not.toContain('You stayed calm.');
      for (const other of [m.ali, m.fran])
        expect((await download(url, session, other, 'takeaways.md')).status).toBe(404);
    });

    test('a crash right after the end was stored: the restart finishes the end', async () => {
      const server = await restartableServer(backend);
      const session = await createSession(server.url());
      const m = await meeting(server.url(), session);
      for (const p of m.everyone) p.client.close();

      // What the server stores first when the facilitator ends the session is the ended state.
      // Store exactly that, offline, and nothing after it: as if the process died right there.
      const url = await server.restart(async (where) => {
        const store = await openStore(where);
        try {
          const { doc } = await PersistedDoc.load(store, session.sessionId, 'state', ROOTS.state);
          const before = readState(doc)!;
          const ended = step(
            before,
            { type: 'end-session', actor: m.fran.participantId },
            Date.now(),
          );
          if (isRejection(ended)) throw new Error(ended.message);
          const updates: Uint8Array[] = [];
          doc.on('update', (u: Uint8Array) => updates.push(u));
          doc.transact(() => writeState(doc, before, ended.state));
          await store.appendUpdate(session.sessionId, 'state', Y.mergeUpdates(updates));
          expect((await store.getSession(session.sessionId))?.endedAt).toBeNull();
          expect(await store.loadUpdates(session.sessionId, 'board')).not.toEqual([]);
        } finally {
          await store.close();
        }
      });

      // The lobby is closed, the board is gone from the server, the take-aways were kept first.
      const lobby = await fetch(
        `${url}/api/sessions/${session.sessionId}/lobby?invite=${session.memberInvite}`,
      );
      expect(lobby.status).toBe(410);
      const fresh = await connect(url, m.ali.resumeToken);
      await synced(fresh, 'board');
      expect(fresh.state?.ended).toBe(true);
      expect(cardsOf(fresh.docs.board)).toEqual([]);
      const takeaways = await download(url, session, m.pat, 'takeaways.md');
      expect(takeaways.status).toBe(200);
      const text = await takeaways.text();
      expect(text).toContain(m.kept.text);
      expect(text).not.toContain(m.left.text);
    });

    test("notes are private: nobody else's client ever receives them", async () => {
      const server = await restartableServer(backend);
      const session = await createSession(server.url());
      const m = await meeting(server.url(), session);
      // Ali's second tab is the control: notes do travel, to their author.
      const aliTab = await connect(server.url(), m.ali.resumeToken);
      const text = (c: LiveClient) => c.docs.notes.getText(NOTES_TEXT).toString();
      await until(() => text(aliTab) === 'Ask Pat how the team took it.', "Ali's notes in her tab");
      m.ali.client.docs.notes.getText(NOTES_TEXT).insert(0, 'Later: ');
      expect(await m.ali.client.flush()).toEqual([{ ok: true }]);
      await until(() => text(aliTab).startsWith('Later: '), 'the edit reaches her other tab');

      for (const p of [m.fran, m.pat, m.bo]) {
        await synced(p.client, 'notes');
        expect(text(p.client)).not.toContain('Ask Pat');
      }
      expect(text(m.fran.client)).toBe('');
      expect(text(m.pat.client)).toBe('');
      expect(text(m.bo.client)).toBe('Try the calm voice myself.');
    });
  },
);
