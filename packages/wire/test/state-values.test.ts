import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { initialState } from '@roundtable/protocol';
import { readState, readStateValue, STATE_KEYS, STATE_ROOT, writeState } from '../src/index.ts';
import type { MediaState } from '../src/index.ts';

test('readStateValue reads a key of the state map, or undefined before it is written', () => {
  const doc = new Y.Doc();
  const map = doc.getMap(STATE_ROOT);
  expect(readStateValue(map, 'media')).toBeUndefined();
  const media: MediaState = { available: false, reason: 'down' };
  map.set(STATE_KEYS.media, media);
  expect(readStateValue(map, 'media')).toEqual(media);
});

test('readStateValue takes a reader function as the server holds one', () => {
  const values = new Map<string, unknown>([[STATE_KEYS.talkTimeHistory, []]]);
  expect(readStateValue((key) => values.get(key), 'talkTimeHistory')).toEqual([]);
  expect(readStateValue((key) => values.get(key), 'talkTime')).toBeUndefined();
});

test('every STATE_KEYS entry is spelt as its name, so the typed keys are the stored ones', () => {
  for (const [name, key] of Object.entries(STATE_KEYS)) expect(key).toBe(name);
});

test('readState still reads back what writeState wrote', () => {
  const doc = new Y.Doc();
  writeState(doc, null, initialState);
  expect(readState(doc)).toEqual(initialState);
});

test('rota and reminders round-trip through the state document, each under its own key', () => {
  const doc = new Y.Doc();
  const state = {
    ...initialState,
    rota: { facilitator: 'fay', deputy: null },
    reminders: [{ rule: 4, by: 'bo', at: 5 }],
  };
  writeState(doc, null, state);
  const map = doc.getMap(STATE_ROOT);
  expect(readStateValue(map, 'rota')).toEqual(state.rota);
  expect(readStateValue(map, 'reminders')).toEqual(state.reminders);
  expect(readState(doc)).toEqual(state);
});

test('a document written before the rota existed reads as no rota and no reminders', () => {
  const doc = new Y.Doc();
  writeState(doc, null, initialState);
  const map = doc.getMap(STATE_ROOT);
  map.delete(STATE_KEYS.rota);
  map.delete(STATE_KEYS.reminders);
  expect(readState(doc)).toEqual(initialState);
});
