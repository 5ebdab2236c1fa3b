import { CARD_KINDS } from '@roundtable/protocol';
import { BOARD, CardSchema, ERROR_CODES, VerdictSchema } from '@roundtable/wire';
import fc from 'fast-check';
import * as v from 'valibot';
import * as Y from 'yjs';
import { expect, test } from 'vitest';
import { card, craft, send, type Person } from './crafted.ts';
import { until } from './harness.ts';
import { meeting } from './structure-attacks.ts';

type As = 'map' | 'array' | 'text' | 'xmltext' | 'xmlfragment';

/** A value to write, as data: Yjs types are made fresh each time, since fast-check replays. */
type Value =
  | {
      kind: 'card';
      text: string;
      cardKind: string;
      own: boolean;
      phase: string;
      extra: string | undefined;
    }
  | { kind: 'hidden-text' }
  | { kind: 'verdict'; verdict: string }
  | { kind: 'json'; json: unknown }
  | { kind: 'type'; type: 'map' | 'text' | 'array' }
  | { kind: 'binary' };

interface Op {
  root: string;
  as: As;
  key: string;
  value: Value;
  thenDelete: boolean;
}

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

const valueArb: fc.Arbitrary<Value> = fc.oneof(
  fc.record({
    kind: fc.constant('card' as const),
    text: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constant('t'.repeat(1001))),
    cardKind: fc.constantFrom(...CARD_KINDS, 'rumour'),
    own: fc.boolean(),
    phase: fc.constantFrom('clarifying-questions', 'peer-feedback'),
    extra: fc.option(fc.constantFrom('note', ...FORBIDDEN), { nil: undefined }),
  }),
  fc.constant({ kind: 'hidden-text' as const }),
  fc.record({
    kind: fc.constant('verdict' as const),
    verdict: fc.constantFrom('take', 'leave', 'maybe'),
  }),
  fc.record({ kind: fc.constant('json' as const), json: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    kind: fc.constant('type' as const),
    type: fc.constantFrom('map' as const, 'text' as const, 'array' as const),
  }),
  fc.constant({ kind: 'binary' as const }),
);

/** Anything at all, mostly wrong. */
function anyOp(ids: string[]): fc.Arbitrary<Op> {
  return fc.record({
    root: fc.constantFrom(BOARD.cards, BOARD.cards, BOARD.verdicts, 'extra'),
    as: fc.constantFrom<As>('map', 'map', 'map', 'array', 'text', 'xmltext', 'xmlfragment'),
    key: fc.oneof(fc.constantFrom(...ids, ...FORBIDDEN), fc.stringMatching(/^[a-z0-9]{6,10}$/)),
    value: valueArb,
    thenDelete: fc.boolean(),
  });
}

/** What an honest member writes now: a question under its own id, or the presenter's verdict. */
function honestOp(cardId: string): fc.Arbitrary<Op> {
  const question = fc.record({
    root: fc.constant(BOARD.cards),
    as: fc.constant<As>('map'),
    key: fc.stringMatching(/^[a-z0-9]{8,12}$/),
    value: fc.record({
      kind: fc.constant('card' as const),
      text: fc.string({ minLength: 1, maxLength: 20 }),
      cardKind: fc.constant('question'),
      own: fc.constant(true),
      phase: fc.constant('clarifying-questions'),
      extra: fc.constant(undefined),
    }),
    thenDelete: fc.boolean(),
  });
  const verdict = fc.record({
    root: fc.constant(BOARD.verdicts),
    as: fc.constant<As>('map'),
    key: fc.constant(cardId),
    value: fc.record({
      kind: fc.constant('verdict' as const),
      verdict: fc.constantFrom('take', 'leave'),
    }),
    thenDelete: fc.boolean(),
  });
  return fc.oneof(question, verdict);
}

/** Turns a value into what Yjs writes: plain data, a fresh Yjs type, or bytes. */
function materialize(value: Value, key: string, author: Person, other: Person): unknown {
  switch (value.kind) {
    case 'card': {
      const base = {
        ...card(value.own ? author : other, value.phase, value.cardKind as 'question', value.text),
        kind: value.cardKind,
        id: key,
      };
      return value.extra === undefined
        ? base
        : Object.assign(JSON.parse(`{${JSON.stringify(value.extra)}: 1}`) as object, base);
    }
    case 'hidden-text': {
      const { text, ...rest } = { ...card(author, 'clarifying-questions', 'question'), id: key };
      return Object.assign(
        JSON.parse(`{"__proto__": ${JSON.stringify({ text })}}`) as object,
        rest,
      );
    }
    case 'verdict':
      return value.verdict;
    case 'json':
      return value.json;
    case 'type':
      return value.type === 'map'
        ? new Y.Map()
        : value.type === 'text'
          ? new Y.Text('x')
          : new Y.Array();
    case 'binary':
      return new Uint8Array(16);
  }
}

/** Applies `ops` to a copy of the board; an op Yjs itself refuses to encode is left out. */
function apply(d: Y.Doc, ops: Op[], author: Person, other: Person): void {
  const types = new Map<string, As>();
  for (const op of ops) {
    const as = types.get(op.root) ?? op.as;
    types.set(op.root, as);
    const value = materialize(op.value, op.key, author, other);
    try {
      if (as === 'map') {
        d.getMap(op.root).set(op.key, value);
        if (op.thenDelete) d.getMap(op.root).delete(op.key);
      } else if (as === 'array') {
        d.getArray(op.root).insert(0, [value]);
        if (op.thenDelete) d.getArray(op.root).delete(0, 1);
      } else if (as === 'xmlfragment') {
        d.getXmlFragment(op.root).insert(0, [new Y.XmlText(JSON.stringify(op.value))]);
      } else {
        const text = as === 'text' ? d.getText(op.root) : d.get(op.root, Y.XmlText);
        text.insert(0, JSON.stringify(op.value) ?? '');
        if (as === 'xmltext') (text as Y.XmlText).setAttribute(op.key, JSON.stringify(op.value));
      }
    } catch {
      // e.g. an object with its own `constructor` key: Yjs cannot tell its content type.
    }
  }
}

/** Every key of a plain value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value !== 'object' || value === null) return [];
  return Object.keys(value).flatMap((k) => [k, ...keysOf((value as Record<string, unknown>)[k])]);
}

/** What the card schema and the wire doc promise about a board, checked on a copy of it. */
function expectWellFormed(update: Uint8Array): void {
  const doc = new Y.Doc();
  const cards = doc.getMap(BOARD.cards);
  const verdicts = doc.getMap(BOARD.verdicts);
  Y.applyUpdate(doc, update);
  expect([...doc.share.keys()].sort()).toEqual([BOARD.cards, BOARD.verdicts]);
  // Keyless items (a list or text written under a map's name) would hang off `_start`.
  expect(cards._start).toBeNull();
  expect(verdicts._start).toBeNull();
  for (const [key, value] of cards.entries()) {
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(v.is(CardSchema, { ...(value as object) }), JSON.stringify(value)).toBe(true);
    expect((value as { id: string }).id).toBe(key);
    expect(keysOf(value).filter((k) => FORBIDDEN.includes(k))).toEqual([]);
  }
  for (const value of verdicts.values()) expect(v.is(VerdictSchema, value)).toBe(true);
}

test('random structures written into the board are accepted as valid cards or refused with a code', async () => {
  const { store, sessionId, fran, pat, ali, bo, aliCardId } = await meeting();
  const storedBoard = async () =>
    Y.mergeUpdates((await store.loadUpdates(sessionId, 'board')).map((u) => u.update));

  const outcomes = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('bo' as const, 'pat' as const),
      fc.array(
        fc.oneof(
          { arbitrary: honestOp(aliCardId), weight: 2 },
          { arbitrary: anyOp([aliCardId, 'bos-card-1']), weight: 1 },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      async (who, ops) => {
        const writer = who === 'bo' ? bo : pat;
        const update = craft(writer.client, 'board', (d) => apply(d, ops, writer, ali), {
          gc: false,
        });
        const ack = await send(writer.client, 'board', update);
        const outcome = ack.ok ? 'accepted' : ack.error.code;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (!ack.ok) expect(ERROR_CODES).toContain(ack.error.code);
        // Stored before the ack: what every later client downloads.
        expectWellFormed(await storedBoard());
      },
    ),
    { numRuns: 80 },
  );
  // Both outcomes were met, so the property says something about each.
  expect(outcomes.get('accepted')).toBeGreaterThan(0);
  expect(outcomes.get('unknown-structure')).toBeGreaterThan(0);
  const stored = Y.encodeStateVectorFromUpdate(await storedBoard()).toString();
  await until(
    () => Y.encodeStateVector(fran.client.docs.board).toString() === stored,
    'Fran has what the server stored',
  );
  expectWellFormed(Y.encodeStateAsUpdate(fran.client.docs.board));
});
