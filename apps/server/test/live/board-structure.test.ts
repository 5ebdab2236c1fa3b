import { addCard, cardsOf, type LiveClient } from '@roundtable/client';
import { BOARD, NOTES_TEXT, type ClientDocName, type ErrorCode } from '@roundtable/wire';
import * as Y from 'yjs';
import { beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { card, craft, renameKey, send, type Person } from './crafted.ts';
import { connect, createSession, person, startAppAt, tempDataDir, until } from './harness.ts';

/** Fran facilitates, Pat presents, Ali wrote a card, Bo may write one now. */
interface Meeting {
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

async function meeting(): Promise<Meeting> {
  const dataDir = await tempDataDir();
  const app = await startAppAt(dataDir);
  const session = await createSession(app.url);
  const fran = await person(app.url, session, 'Fran', 'facilitator');
  const pat = await person(app.url, session, 'Pat');
  const ali = await person(app.url, session, 'Ali');
  const bo = await person(app.url, session, 'Bo');
  const boElsewhere = await connect(app.url, bo.resumeToken);
  const start = { type: 'start-round', presenter: pat.participantId, protocolId: 'issue-analysis' };
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
const BIG = 'x'.repeat(60_000);

type Writer = 'bo' | 'pat';
type Attack = [what: string, writer: Writer, change: (d: Y.Doc, m: Meeting) => void];

/** How many `sync` messages for `doc` reach a client from now on. */
function countRelays(client: LiveClient, doc: ClientDocName): () => number {
  let count = 0;
  const listener = (name: ClientDocName) => void (name === doc && count++);
  client.socket.on('sync', listener);
  onTestFinished(() => void client.socket.off('sync', listener));
  return () => count;
}

const sizes = async (m: Meeting, doc: string) =>
  (await m.store.loadUpdates(m.sessionId, doc)).map((u) => u.update.length);

/**
 * Sends a crafted update that must be refused with `code`, then checks what a refusal means:
 * the sender is told to resync and gets back in step, nothing was stored, and nobody received
 * it. An accepted update sent afterwards is the first thing the watcher receives: had the
 * refused one been relayed, it would have arrived before.
 */
async function expectRefused(
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
const otherTypes = (root: string, writer: Writer): Attack[] => [
  [`a Y.Array under ${root}`, writer, (d) => d.getArray(root).insert(0, [BIG])],
  [`a Y.XmlText under ${root}`, writer, (d) => d.get(root, Y.XmlText).insert(0, BIG)],
  [
    `a Y.XmlFragment under ${root}`,
    writer,
    (d) => d.getXmlFragment(root).insert(0, [new Y.XmlText(BIG)]),
  ],
  [`a Y.Text under ${root}`, writer, (d) => d.getText(root).insert(0, BIG)],
];

const cards = (d: Y.Doc) => d.getMap(BOARD.cards);
const verdicts = (d: Y.Doc) => d.getMap(BOARD.verdicts);
/** A card Bo may write now, under the id `id`. */
const bosCard = (m: Meeting, id = 'bos-card-1') => ({
  ...card(m.bo, 'clarifying-questions', 'question'),
  id,
});
/** An object with its own `__proto__` key, as JSON.parse makes it and lib0 encodes it. */
const withProto = (proto: unknown, rest: object) =>
  Object.assign(JSON.parse(`{"__proto__": ${JSON.stringify(proto)}}`) as object, rest);

describe('the board takes only cards and verdicts', () => {
  let m: Meeting;
  beforeEach(async () => {
    m = await meeting();
  });

  const structures: Attack[] = [
    ...otherTypes(BOARD.cards, 'bo'),
    ...otherTypes(BOARD.verdicts, 'pat'),
    ['a root the board does not define', 'bo', (d) => d.getArray('extra').insert(0, [BIG])],
    ['a map root the board does not define', 'bo', (d) => d.getMap('extra').set('k', 1)],
    ['a nested Y.Map as a card', 'bo', (d) => cards(d).set('bos-card-1', new Y.Map())],
    ['binary data as a card', 'bo', (d) => cards(d).set('bos-card-1', new Uint8Array(60_000))],
    ['a subdocument as a card', 'bo', (d) => cards(d).set('bos-card-1', new Y.Doc())],
    ['a Y.Text as a verdict', 'pat', (d, m) => verdicts(d).set(m.aliCardId, new Y.Text('take'))],
    ['a Y.Map as a verdict', 'pat', (d, m) => verdicts(d).set(m.aliCardId, new Y.Map())],
  ];

  test.each(structures)('unknown-structure: %s', async (_what, writer, change) => {
    const update = craft(m[writer].client, 'board', (d) => change(d, m));
    await expectRefused(m, m[writer], 'board', update, 'unknown-structure');
  });

  /** Each makes the update as a raw client would; most need no more than Yjs's own API. */
  const forbiddenKeys: [string, Writer, (d: Y.Doc, m: Meeting) => void, rename?: string][] = [
    [
      'a card whose text is only on its prototype',
      'bo',
      (d, m) => {
        const { text, ...rest } = bosCard(m);
        cards(d).set('bos-card-1', withProto({ text }, rest));
      },
    ],
    [
      '__proto__ holding a string',
      'bo',
      (d, m) => cards(d).set('bos-card-1', withProto('x', bosCard(m))),
    ],
    [
      'constructor in a card',
      'bo',
      (d, m) => cards(d).set('bos-card-1', { ...bosCard(m), constructoR: 'x' }),
      'constructor',
    ],
    [
      'prototype in a card',
      'bo',
      (d, m) => cards(d).set('bos-card-1', { ...bosCard(m), prototype: 1 }),
    ],
    [
      '__proto__ nested in a card',
      'bo',
      (d, m) => cards(d).set('bos-card-1', { ...bosCard(m), extra: { a: withProto({}, {}) } }),
    ],
    [
      'constructor nested in an array in a card',
      'bo',
      (d, m) => cards(d).set('bos-card-1', { ...bosCard(m), extra: [{ constructor: 1 }] }),
    ],
    [
      'a card under the key constructor',
      'bo',
      (d, m) => cards(d).set('constructor', bosCard(m, 'constructor')),
    ],
    [
      'a card under the key __proto__',
      'bo',
      (d, m) => cards(d).set('__proto__', bosCard(m, '__proto__')),
    ],
    ['a verdict under the key prototype', 'pat', (d) => verdicts(d).set('prototype', 'take')],
    [
      'a __proto__ key in a verdict',
      'pat',
      (d, m) => verdicts(d).set(m.aliCardId, withProto({}, {})),
    ],
  ];

  test.each(forbiddenKeys)('unknown-structure: %s', async (_what, writer, change, rename) => {
    const written = craft(m[writer].client, 'board', (d) => change(d, m));
    const update = rename ? renameKey(written, 'constructoR', rename) : written;
    await expectRefused(m, m[writer], 'board', update, 'unknown-structure');
  });

  /** Written and deleted (or overwritten) in one update: the map never shows it, the update carries it. */
  const transient: [string, Writer, (d: Y.Doc, m: Meeting) => void, ErrorCode][] = [
    [
      'a 60 kB card set and deleted',
      'bo',
      (d, m) => {
        cards(d).set('bos-card-1', { ...bosCard(m), text: BIG });
        cards(d).delete('bos-card-1');
      },
      'invalid-card',
    ],
    [
      'a 60 kB version of her own card, overwritten at once',
      'bo',
      (d, m) => {
        cards(d).set('bos-card-1', { ...bosCard(m), text: BIG });
        cards(d).set('bos-card-1', bosCard(m));
      },
      'invalid-card',
    ],
    [
      'a card for another phase, set and deleted',
      'bo',
      (d, m) => {
        cards(d).set('bos-card-1', { ...bosCard(m), phase: 'peer-feedback' });
        cards(d).delete('bos-card-1');
      },
      'board-closed',
    ],
    [
      'a 60 kB verdict set and deleted',
      'pat',
      (d, m) => {
        verdicts(d).set(m.aliCardId, BIG);
        verdicts(d).delete(m.aliCardId);
      },
      'invalid-card',
    ],
  ];

  test.each(transient)('%s: %s', async (_what, writer, change, code) => {
    const update = craft(m[writer].client, 'board', (d) => change(d, m), { gc: false });
    await expectRefused(m, m[writer], 'board', update, code);
  });

  test('between rounds, where cards are refused, none of it is stored or relayed', async () => {
    expect(await m.fran.client.command({ type: 'end-round' })).toEqual({ ok: true });
    await until(() => m.bo.client.state?.round === null, 'the round is over');
    const relays = countRelays(m.fran.client, 'board');
    const stored = await sizes(m, 'board');
    const setAndDeleted = () =>
      craft(
        m.bo.client,
        'board',
        (d) => {
          cards(d).set('bos-card-1', bosCard(m));
          cards(d).delete('bos-card-1');
        },
        { gc: false },
      );
    // The attack wrote forty; five show that each one is refused.
    for (let i = 0; i < 5; i++) {
      const update = craft(m.bo.client, 'board', (d) => d.getArray(BOARD.cards).insert(0, [BIG]));
      expect(await send(m.bo.client, 'board', update)).toMatchObject({
        ok: false,
        error: { code: 'unknown-structure' },
      });
      expect(await send(m.bo.client, 'board', setAndDeleted())).toMatchObject({
        ok: false,
        error: { code: 'board-closed' },
      });
    }
    expect(await sizes(m, 'board')).toEqual(stored);
    // The control, which may happen between rounds: Ali removes her own card.
    m.ali.client.docs.board.getMap(BOARD.cards).delete(m.aliCardId);
    expect(await m.ali.client.flush()).toEqual([{ ok: true }]);
    await until(() => cardsOf(m.fran.client.docs.board).length === 0, 'the removal reaches Fran');
    expect(relays()).toBe(1);
    expect(await sizes(m, 'board')).toHaveLength(stored.length + 1);
  });

  const accepted: [string, Writer, (d: Y.Doc, m: Meeting) => void][] = [
    ['a card', 'bo', (d, m) => cards(d).set('bos-card-1', bosCard(m))],
    [
      'a card whose text names the forbidden keys',
      'bo',
      (d, m) =>
        cards(d).set('bos-card-1', { ...bosCard(m), text: '__proto__ constructor prototype' }),
    ],
    [
      'a card set and deleted in one update',
      'bo',
      (d, m) => {
        cards(d).set('bos-card-1', bosCard(m));
        cards(d).delete('bos-card-1');
      },
    ],
    ['a verdict by the presenter', 'pat', (d, m) => verdicts(d).set(m.aliCardId, 'take')],
  ];

  test.each(accepted)(
    'the control: %s is accepted, stored and relayed',
    async (_w, writer, change) => {
      const stored = await sizes(m, 'board');
      const relays = countRelays(m.fran.client, 'board');
      const update = craft(m[writer].client, 'board', (d) => change(d, m), { gc: false });
      expect(await send(m[writer].client, 'board', update)).toEqual({ ok: true });
      expect(await sizes(m, 'board')).toHaveLength(stored.length + 1);
      const expected = Y.encodeStateVectorFromUpdate(
        Y.mergeUpdates([Y.encodeStateAsUpdate(m[writer].client.docs.board), update]),
      ).toString();
      await until(
        () => Y.encodeStateVector(m.fran.client.docs.board).toString() === expected,
        'Fran has it',
      );
      expect(relays()).toBe(1);
    },
  );
});

describe('the notes take only plain text', () => {
  let m: Meeting;
  beforeEach(async () => {
    m = await meeting();
  });

  const attacks: Attack[] = [
    ['a Y.Array under the text root', 'bo', (d) => d.getArray(NOTES_TEXT).insert(0, [BIG])],
    [
      'a Y.XmlFragment under the text root',
      'bo',
      (d) => d.getXmlFragment(NOTES_TEXT).insert(0, [new Y.XmlText(BIG)]),
    ],
    ['a Y.Map under the text root', 'bo', (d) => d.getMap(NOTES_TEXT).set('k', BIG)],
    ['an attribute on the text', 'bo', (d) => d.get(NOTES_TEXT, Y.XmlText).setAttribute('k', BIG)],
    ['formatted text', 'bo', (d) => d.getText(NOTES_TEXT).insert(0, 'bold', { bold: true })],
    ['an embed', 'bo', (d) => d.getText(NOTES_TEXT).insertEmbed(0, { image: BIG })],
    ['a nested type', 'bo', (d) => d.getText(NOTES_TEXT).insertEmbed(0, new Y.Map())],
    ['a root the notes do not define', 'bo', (d) => d.getText('other').insert(0, BIG)],
    ['a __proto__ key', 'bo', (d) => d.getArray('other').insert(0, [withProto({}, {})])],
    ['a constructor key', 'bo', (d) => d.getMap('other').set('k', { a: { constructor: BIG } })],
  ];

  test.each(attacks)('unknown-structure: %s', async (_what, _writer, change) => {
    const update = craft(m.bo.client, 'notes', (d) => change(d, m));
    await expectRefused(m, m.bo, 'notes', update, 'unknown-structure');
  });

  const accepted: [string, (d: Y.Doc) => void][] = [
    ['plain text', (d) => d.getText(NOTES_TEXT).insert(0, 'my notes')],
    // The same characters: which type the writer believed the root to be does not show.
    [
      'plain text written as a Y.XmlText',
      (d) => d.get(NOTES_TEXT, Y.XmlText).insert(0, 'my notes'),
    ],
  ];

  test.each(accepted)('the control: %s is accepted, stored and relayed', async (_what, change) => {
    const stored = await sizes(m, `notes:${m.bo.participantId}`);
    const update = craft(m.bo.client, 'notes', change);
    expect(await send(m.bo.client, 'notes', update)).toEqual({ ok: true });
    expect(await sizes(m, `notes:${m.bo.participantId}`)).toHaveLength(stored.length + 1);
    await until(
      () => m.boElsewhere.docs.notes.getText(NOTES_TEXT).toString() === 'my notes',
      'relayed',
    );
  });
});
