import { cardsOf } from '@roundtable/client';
import { BOARD, type ErrorCode } from '@roundtable/wire';
import * as Y from 'yjs';
import { beforeEach, describe, expect, test } from 'vitest';
import { card, craft, renameKey, send } from './crafted.ts';
import { until } from './harness.ts';
import {
  BIG,
  countRelays,
  expectRefused,
  meeting,
  otherTypes,
  sizes,
  withProto,
  type Attack,
  type Meeting,
  type Writer,
} from './structure-attacks.ts';

const cards = (d: Y.Doc) => d.getMap(BOARD.cards);
const verdicts = (d: Y.Doc) => d.getMap(BOARD.verdicts);
/** A card Bo may write now, under the id `id`. */
const bosCard = (m: Meeting, id = 'bos-card-1') => ({
  ...card(m.bo, 'clarifying-questions', 'question'),
  id,
});
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
