import { addCard, cardsOf } from '@roundtable/client';
import { BOARD, NOTES_TEXT, readStateValue, STATE_ROOT } from '@roundtable/wire';
import * as Y from 'yjs';
import { beforeEach, describe, expect, test } from 'vitest';
import { card, craft, send, updateMessage, type Person } from './crafted.ts';
import { createSession, person, startServer, until } from './harness.ts';

describe('a malicious client cannot', () => {
  let fran: Person, pat: Person, ali: Person, bo: Person;
  let before: string;

  beforeEach(async () => {
    const app = await startServer();
    const session = await createSession(app.url);
    fran = await person(app.url, session, 'Fran', 'facilitator');
    pat = await person(app.url, session, 'Pat');
    ali = await person(app.url, session, 'Ali');
    bo = await person(app.url, session, 'Bo');
    expect(
      await fran.client.command({
        type: 'start-round',
        presenter: pat.participantId,
        protocolId: 'issue-analysis',
      }),
    ).toEqual({ ok: true });
    expect(await fran.client.command({ type: 'next-phase' })).toEqual({ ok: true });
    addCard(ali.client.docs.board, {
      ...card(ali, 'clarifying-questions', 'question', 'Ali asks'),
      kind: 'question',
    });
    expect(await ali.client.flush()).toEqual([{ ok: true }]);
    await until(
      () =>
        cardsOf(bo.client.docs.board).length === 1 && cardsOf(fran.client.docs.board).length === 1,
      'card synced',
    );
    before = JSON.stringify(Y.encodeStateVector(fran.client.docs.board));
  });

  /** After a refusal nothing changed for anyone else. */
  const unchanged = () =>
    expect(JSON.stringify(Y.encodeStateVector(fran.client.docs.board))).toBe(before);

  test('write the server-owned state', async () => {
    const update = craft(bo.client, 'state', (d) =>
      d.getMap(STATE_ROOT).set('facilitator', bo.participantId),
    );
    expect(await send(bo.client, 'state', update)).toMatchObject({
      ok: false,
      error: { code: 'readonly-document' },
    });
    expect(fran.client.state?.facilitator).toBe(fran.participantId);
  });

  test('forge a command as someone else', async () => {
    expect(
      await bo.client.emitUnchecked('command', { type: 'next-phase', actor: fran.participantId }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    expect(await bo.client.command({ type: 'next-phase' })).toMatchObject({
      ok: false,
      error: { code: 'not-facilitator' },
    });
  });

  test("write under another member's Yjs clientID", async () => {
    const update = craft(
      bo.client,
      'board',
      (d) => addCard(d, { ...card(bo, 'clarifying-questions', 'question'), kind: 'question' }),
      { clientId: ali.client.docs.board.clientID },
    );
    expect(await send(bo.client, 'board', update)).toMatchObject({
      ok: false,
      error: { code: 'foreign-client-id' },
    });
    unchanged();
  });

  test('leave a trace with a refused update: its clientID stays unbound', async () => {
    const fresh = 4_000_000_001;
    // Clarifying questions take questions, not experiences: refused, so nothing is bound.
    const refused = craft(
      bo.client,
      'board',
      (d) => addCard(d, { ...card(bo, 'clarifying-questions', 'experience'), kind: 'experience' }),
      { clientId: fresh },
    );
    expect(await send(bo.client, 'board', refused)).toMatchObject({
      ok: false,
      error: { code: 'kind-not-accepted' },
    });
    unchanged();
    // The same clientID is then free for the first accepted update, here Ali's.
    const accepted = craft(
      ali.client,
      'board',
      (d) => addCard(d, { ...card(ali, 'clarifying-questions', 'question'), kind: 'question' }),
      { clientId: fresh },
    );
    expect(await send(ali.client, 'board', accepted)).toEqual({ ok: true });
    const again = craft(
      bo.client,
      'board',
      (d) => addCard(d, { ...card(bo, 'clarifying-questions', 'question'), kind: 'question' }),
      { clientId: fresh },
    );
    expect(await send(bo.client, 'board', again)).toMatchObject({
      ok: false,
      error: { code: 'foreign-client-id' },
    });
  });

  test("forge another member's card", async () => {
    const update = craft(bo.client, 'board', (d) =>
      addCard(d, {
        ...card(ali, 'clarifying-questions', 'question', 'I give up'),
        kind: 'question',
      }),
    );
    expect(await send(bo.client, 'board', update)).toMatchObject({
      ok: false,
      error: { code: 'not-your-card' },
    });
    unchanged();
  });

  test("edit or delete another member's card", async () => {
    const id = cardsOf(bo.client.docs.board)[0]!.id;
    // Both crafted up front: the first refusal makes Bo's client drop its board and resync.
    const edit = craft(bo.client, 'board', (d) =>
      d.getMap(BOARD.cards).set(id, { ...cardsOf(d)[0], text: 'changed' }),
    );
    const removal = craft(bo.client, 'board', (d) => d.getMap(BOARD.cards).delete(id));
    expect(await send(bo.client, 'board', edit)).toMatchObject({
      ok: false,
      error: { code: 'not-your-card' },
    });
    expect(await send(bo.client, 'board', removal)).toMatchObject({
      ok: false,
      error: { code: 'not-your-card' },
    });
    unchanged();
  });

  test('write a kind the phase does not accept, or into another phase', async () => {
    const wrongKind = craft(bo.client, 'board', (d) =>
      addCard(d, { ...card(bo, 'clarifying-questions', 'action'), kind: 'action' }),
    );
    expect(await send(bo.client, 'board', wrongKind)).toMatchObject({
      ok: false,
      error: { code: 'kind-not-accepted' },
    });
    const wrongPhase = craft(bo.client, 'board', (d) =>
      addCard(d, { ...card(bo, 'peer-feedback', 'question'), kind: 'question' }),
    );
    expect(await send(bo.client, 'board', wrongPhase)).toMatchObject({
      ok: false,
      error: { code: 'board-closed' },
    });
    unchanged();
  });

  test('write while listening in silence, or in a phase that takes no cards', async () => {
    expect(await fran.client.command({ type: 'next-phase' })).toEqual({ ok: true });
    await until(() => pat.client.state?.round?.phaseIndex === 2, 'peer feedback');
    const silent = craft(pat.client, 'board', (d) =>
      addCard(d, { ...card(pat, 'peer-feedback', 'experience'), kind: 'experience' }),
    );
    expect(await send(pat.client, 'board', silent)).toMatchObject({
      ok: false,
      error: { code: 'silent-listener' },
    });
    expect(await fran.client.command({ type: 'previous-phase' })).toEqual({ ok: true });
    expect(await fran.client.command({ type: 'previous-phase' })).toEqual({ ok: true });
    await until(() => bo.client.state?.round?.phaseIndex === 0, 'presentation');
    const closed = craft(bo.client, 'board', (d) =>
      addCard(d, { ...card(bo, 'presentation', 'question'), kind: 'question' }),
    );
    expect(await send(bo.client, 'board', closed)).toMatchObject({
      ok: false,
      error: { code: 'board-closed' },
    });
  });

  test('set verdicts without being the presenter', async () => {
    const id = cardsOf(bo.client.docs.board)[0]!.id;
    const update = craft(bo.client, 'board', (d) => d.getMap(BOARD.verdicts).set(id, 'take'));
    expect(await send(bo.client, 'board', update)).toMatchObject({
      ok: false,
      error: { code: 'not-presenter' },
    });
    unchanged();
  });

  test('create structures the board does not have', async () => {
    const update = craft(bo.client, 'board', (d) => d.getMap('evil').set('x', 1));
    expect(await send(bo.client, 'board', update)).toMatchObject({
      ok: false,
      error: { code: 'unknown-structure' },
    });
    const nested = craft(bo.client, 'board', (d) =>
      d.getMap(BOARD.cards).set('abcdefgh', new Y.Map()),
    );
    expect(await send(bo.client, 'board', nested)).toMatchObject({
      ok: false,
      error: { code: 'unknown-structure' },
    });
    unchanged();
  });

  test('send an update that depends on structs the server never saw', async () => {
    const source = new Y.Doc();
    source.clientID = bo.client.docs.board.clientID + 1;
    source.getMap(BOARD.cards).set('first-card', { nothing: true });
    const sv = Y.encodeStateVector(source);
    addCard(source, { ...card(bo, 'clarifying-questions', 'question'), kind: 'question' });
    const dependent = Y.encodeStateAsUpdate(source, sv);
    expect(await send(bo.client, 'board', dependent)).toMatchObject({
      ok: false,
      error: { code: 'missing-dependencies' },
    });
    unchanged();
  });

  test('send oversized or garbled updates', async () => {
    const big = craft(bo.client, 'board', (d) =>
      addCard(d, {
        ...card(bo, 'clarifying-questions', 'question', 'x'.repeat(70_000)),
        kind: 'question',
      }),
    );
    expect(await send(bo.client, 'board', big)).toMatchObject({
      ok: false,
      error: { code: 'too-large' },
    });
    const long = craft(bo.client, 'board', (d) =>
      addCard(d, {
        ...card(bo, 'clarifying-questions', 'question', 'x'.repeat(1001)),
        kind: 'question',
      }),
    );
    expect(await send(bo.client, 'board', long)).toMatchObject({
      ok: false,
      error: { code: 'invalid-card' },
    });
    expect(await bo.client.ask('sync', 'board', new Uint8Array([2, 200, 1]))).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(
      await bo.client.ask('sync', 'secrets' as 'board', updateMessage(new Uint8Array([0, 0]))),
    ).toMatchObject({ ok: false, error: { code: 'unknown-document' } });
    unchanged();
  });

  test('and a refused client is told to resync, then works again', async () => {
    const rejected = new Promise<string>((resolve) =>
      bo.client.on('rejected', (_doc, error) => resolve(error.code)),
    );
    const id = cardsOf(bo.client.docs.board)[0]!.id;
    bo.client.docs.board.getMap(BOARD.cards).delete(id);
    expect(await rejected).toBe('not-your-card');
    await until(() => cardsOf(bo.client.docs.board).length === 1, 'board restored after resync');
    addCard(bo.client.docs.board, {
      ...card(bo, 'clarifying-questions', 'question', 'Bo asks'),
      kind: 'question',
    });
    expect(await bo.client.flush()).toEqual([{ ok: true }]);
    await until(() => cardsOf(ali.client.docs.board).length === 2, 'new card reaches Ali');
  });

  test('but the facilitator may remove a card, and the removal is recorded', async () => {
    const id = cardsOf(fran.client.docs.board)[0]!.id;
    fran.client.docs.board.getMap(BOARD.cards).delete(id);
    expect(await fran.client.flush()).toEqual([{ ok: true }]);
    await until(() => cardsOf(ali.client.docs.board).length === 0, 'removal reaches Ali');
    await until(
      () => readStateValue(ali.client.docs.state.getMap(STATE_ROOT), 'removals')?.length === 1,
      'removal recorded',
    );
    expect(ali.client.docs.state.getMap(STATE_ROOT).get('removals')).toMatchObject([
      { cardId: id, author: ali.participantId, by: fran.participantId },
    ]);
  });
  test('store a card under another key, move a card, or judge what is not a card', async () => {
    const cards = (d: Y.Doc) => d.getMap(BOARD.cards);
    const elsewhere = craft(bo.client, 'board', (d) =>
      cards(d).set('not-its-id', {
        ...card(bo, 'clarifying-questions', 'question'),
        id: 'its-id',
      }),
    );
    const aliCard = cardsOf(ali.client.docs.board)[0]!;
    const moved = craft(ali.client, 'board', (d) =>
      cards(d).set(aliCard.id, { ...aliCard, phase: 'peer-feedback', kind: 'experience' }),
    );
    const judgeNothing = craft(pat.client, 'board', (d) =>
      d.getMap(BOARD.verdicts).set('no-such-card', 'take'),
    );
    const judgeBadly = craft(pat.client, 'board', (d) =>
      d.getMap(BOARD.verdicts).set(aliCard.id, 'maybe'),
    );
    for (const [who, update] of [
      [bo, elsewhere],
      [ali, moved],
      [pat, judgeNothing],
      [pat, judgeBadly],
    ] as const)
      expect(await send(who.client, 'board', update)).toMatchObject({
        ok: false,
        error: { code: 'invalid-card' },
      });
    unchanged();
    // The control: the presenter may judge a real card with a real verdict.
    const judged = craft(pat.client, 'board', (d) =>
      d.getMap(BOARD.verdicts).set(aliCard.id, 'take'),
    );
    expect(await send(pat.client, 'board', judged)).toEqual({ ok: true });
  });

  test('put more than 1,000 cards on a board', async () => {
    // 999 more in four updates, each under the message limit: the board is then full.
    for (const batch of [250, 250, 250, 249]) {
      bo.client.docs.board.transact(() => {
        for (let i = 0; i < batch; i++)
          addCard(bo.client.docs.board, {
            ...card(bo, 'clarifying-questions', 'question', `q${i}`),
            kind: 'question',
          });
      });
      expect(await bo.client.flush()).toEqual([{ ok: true }]);
    }
    await until(() => cardsOf(fran.client.docs.board).length === 1000, 'a full board');
    const more = craft(bo.client, 'board', (d) =>
      addCard(d, {
        ...card(bo, 'clarifying-questions', 'question', 'one too many'),
        kind: 'question',
      }),
    );
    expect(await send(bo.client, 'board', more)).toMatchObject({
      ok: false,
      error: { code: 'too-large' },
    });
    expect(cardsOf(fran.client.docs.board)).toHaveLength(1000);
  });

  test('put anything but text in their notes, or too much of it', async () => {
    const structure = craft(bo.client, 'notes', (d) => d.getMap('hidden').set('x', 1));
    expect(await send(bo.client, 'notes', structure)).toMatchObject({
      ok: false,
      error: { code: 'unknown-structure' },
    });
    const tooLong = craft(bo.client, 'notes', (d) =>
      d.getText(NOTES_TEXT).insert(0, 'n'.repeat(50_001)),
    );
    expect(await send(bo.client, 'notes', tooLong)).toMatchObject({
      ok: false,
      error: { code: 'too-large' },
    });
    const fits = craft(bo.client, 'notes', (d) =>
      d.getText(NOTES_TEXT).insert(0, 'n'.repeat(50_000)),
    );
    expect(await send(bo.client, 'notes', fits)).toEqual({ ok: true });
  });
});
