import { NOTES_TEXT } from '@roundtable/wire';
import * as Y from 'yjs';
import { beforeEach, describe, expect, test } from 'vitest';
import { craft, send } from './crafted.ts';
import { until } from './harness.ts';
import {
  BIG,
  expectRefused,
  meeting,
  sizes,
  withProto,
  type Attack,
  type Meeting,
} from './structure-attacks.ts';

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
