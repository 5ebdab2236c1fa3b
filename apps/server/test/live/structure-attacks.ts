/** A meeting to attack, and what a refusal must mean, for the structure tests. */
import { addCard, cardsOf, type LiveClient } from '@roundtable/client';
import {
  NOTES_TEXT,
  type ClientDocName,
  type CommandPayload,
  type ErrorCode,
} from '@roundtable/wire';
import * as Y from 'yjs';
import { expect, onTestFinished } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { card, craft, send, type Person } from './crafted.ts';
import { connect, createSession, person, startAppAt, tempDataDir, until } from './harness.ts';

/** Fran facilitates, Pat presents, Ali wrote a card, Bo may write one now. */
export interface Meeting {
  store: Store;
  sessionId: string;
  fran: Person;
  pat: Person;
  ali: Person;
  bo: Person;
  /** Bo's second connection: the only other socket Bo's notes are relayed to. */
  boElsewhere: LiveClient;
  aliCardId: string;
}

export async function meeting(): Promise<Meeting> {
  const dataDir = await tempDataDir();
  const app = await startAppAt(dataDir);
  const session = await createSession(app.url);
  const fran = await person(app.url, session, 'Fran', 'facilitator');
  const pat = await person(app.url, session, 'Pat');
  const ali = await person(app.url, session, 'Ali');
  const bo = await person(app.url, session, 'Bo');
  const boElsewhere = await connect(app.url, bo.resumeToken);
  const start: CommandPayload = {
    type: 'start-round',
    presenter: pat.participantId,
    protocolId: 'issue-analysis',
  };
  expect(await fran.client.command(start)).toEqual({ ok: true });
  expect(await fran.client.command({ type: 'next-phase' })).toEqual({ ok: true });
  const written = addCard(ali.client.docs.board, card(ali, 'clarifying-questions', 'question'));
  expect(await ali.client.flush()).toEqual([{ ok: true }]);
  for (const p of [fran, pat, bo])
    await until(() => cardsOf(p.client.docs.board).length === 1, `${p.name} has the card`);
  // Read while the server runs: SQLite in WAL mode has room for a second reader.
  const store = await openStore({ dataDir });
  onTestFinished(() => store.close());
  return {
    store,
    sessionId: session.sessionId,
    fran,
    pat,
    ali,
    bo,
    boElsewhere,
    aliCardId: written.id,
  };
}

/** Over 60 kB, under the 64 KiB update limit: what the attack wrote, forty times. */
export const BIG = 'x'.repeat(60_000);

export type Writer = 'bo' | 'pat';
export type Attack = [what: string, writer: Writer, change: (d: Y.Doc, m: Meeting) => void];

/** How many `sync` messages for `doc` reach a client from now on. */
export function countRelays(client: LiveClient, doc: ClientDocName): () => number {
  let count = 0;
  const listener = (name: ClientDocName) => void (name === doc && count++);
  const off = client.onServer('sync', listener);
  onTestFinished(off);
  return () => count;
}

export const sizes = async (m: Meeting, doc: string) =>
  (await m.store.loadUpdates(m.sessionId, doc)).map((u) => u.update.length);

/**
 * Sends a crafted update that must be refused with `code`, then checks what a refusal means:
 * the sender is told to resync and gets back in step, nothing was stored, and nobody received
 * it. An accepted update sent afterwards is the first thing the watcher receives: had the
 * refused one been relayed, it would have arrived before.
 */
export async function expectRefused(
  m: Meeting,
  writer: Person,
  doc: 'board' | 'notes',
  update: Uint8Array,
  code: ErrorCode,
): Promise<void> {
  const storedAs = doc === 'notes' ? `notes:${writer.participantId}` : 'board';
  const watcher = doc === 'notes' ? m.boElsewhere : m.fran.client;
  const stored = await sizes(m, storedAs);
  const relays = countRelays(watcher, doc);
  const told = new Promise<[string, string]>((resolve) => {
    const stop = writer.client.on('rejected', (name, error) => {
      stop();
      resolve([name, error.code]);
    });
  });

  expect(await send(writer.client, doc, update)).toMatchObject({ ok: false, error: { code } });
  expect(await told).toEqual([doc, code]);
  expect(await sizes(m, storedAs)).toEqual(stored);
  // The writer's client dropped its copy; the fresh one it synced is the server's again.
  const same = (c: LiveClient) => Y.encodeStateVector(c.docs[doc]).toString();
  await until(() => same(writer.client) === same(watcher), 'the refused writer resynced');

  if (doc === 'board') {
    const control = addCard(
      m.ali.client.docs.board,
      card(m.ali, 'clarifying-questions', 'question', 'after it'),
    );
    expect(await m.ali.client.flush()).toEqual([{ ok: true }]);
    await until(() => cardsOf(watcher.docs.board).some((c) => c.id === control.id), 'control');
  } else {
    const control = craft(watcher, 'notes', (d) => d.getText(NOTES_TEXT).insert(0, 'after it'));
    expect(await send(writer.client, 'notes', control)).toEqual({ ok: true });
    await until(
      () => watcher.docs.notes.getText(NOTES_TEXT).toString().includes('after it'),
      'control',
    );
  }
  expect(relays()).toBe(1);
  expect(await sizes(m, storedAs)).toHaveLength(stored.length + 1);
}

/** Another type under a root's name: Yjs stores it as items of the root whatever the server's root is. */
export const otherTypes = (root: string, writer: Writer): Attack[] => [
  [`a Y.Array under ${root}`, writer, (d) => d.getArray(root).insert(0, [BIG])],
  [`a Y.XmlText under ${root}`, writer, (d) => d.get(root, Y.XmlText).insert(0, BIG)],
  [
    `a Y.XmlFragment under ${root}`,
    writer,
    (d) => d.getXmlFragment(root).insert(0, [new Y.XmlText(BIG)]),
  ],
  [`a Y.Text under ${root}`, writer, (d) => d.getText(root).insert(0, BIG)],
];

/** An object with its own `__proto__` key, as JSON.parse makes it and lib0 encodes it. */
export const withProto = (proto: unknown, rest: object) =>
  Object.assign(JSON.parse(`{"__proto__": ${JSON.stringify(proto)}}`) as object, rest);
