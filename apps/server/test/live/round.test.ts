import type { CommandPayload } from '@roundtable/wire';
import { addCard, cardsOf, setVerdict, verdictsOf, type LiveClient } from '@roundtable/client';
import { currentPhase, speakersNow, silentListeners, turnOrder } from '@roundtable/protocol';
import { describe, expect, test } from 'vitest';
import { createSession, person, startServer, until, type BackendName } from './harness.ts';

const phaseOf = (c: LiveClient) => (c.state ? (currentPhase(c.state)?.id ?? null) : null);

/** Sends a command and expects it accepted, then waits until every client shows `check`. */
async function steer(
  from: LiveClient,
  payload: CommandPayload,
  everyone: LiveClient[],
  check: (c: LiveClient) => boolean,
) {
  expect(await from.command(payload)).toEqual({ ok: true });
  for (const c of everyone)
    await until(() => check(c), `${JSON.stringify(payload)} seen by everyone`);
}

describe.each<BackendName>(['sqlite', 'postgres'])(
  'a whole Issue Analysis round over the wire (%s)',
  (backend) => {
    test('facilitator, presenter and four peers', async () => {
      const app = await startServer({ backend });
      const session = await createSession(app.url, { protocol: 'issue-analysis' });
      const fran = await person(app.url, session, 'Fran', 'facilitator');
      const pat = await person(app.url, session, 'Pat');
      const peers = [
        await person(app.url, session, 'Ali'),
        await person(app.url, session, 'Bo'),
        await person(app.url, session, 'Cy'),
        await person(app.url, session, 'Di'),
      ];
      const all = [fran, pat, ...peers].map((p) => p.client);
      await until(
        () => all.every((c) => c.state?.participants.filter((p) => p.present).length === 6),
        'all six present',
      );
      expect(fran.client.state?.facilitator).toBe(fran.participantId);

      await steer(
        fran.client,
        { type: 'start-round', presenter: pat.participantId, protocolId: 'issue-analysis' },
        all,
        (c) => phaseOf(c) === 'presentation',
      );
      expect(speakersNow(pat.client.state!)).toEqual([pat.participantId]);

      await steer(
        fran.client,
        { type: 'next-phase' },
        all,
        (c) => phaseOf(c) === 'clarifying-questions',
      );
      const ali = peers[0]!;
      const question = addCard(ali.client.docs.board, {
        author: ali.participantId,
        round: 1,
        phase: 'clarifying-questions',
        kind: 'question',
        text: 'What happened just before?',
        created: Date.now(),
      });
      expect(await ali.client.flush()).toEqual([{ ok: true }]);
      for (const c of all)
        await until(
          () => cardsOf(c.docs.board).some((card) => card.id === question.id),
          'question card everywhere',
        );

      await steer(fran.client, { type: 'next-phase' }, all, (c) => phaseOf(c) === 'peer-feedback');
      // Fran facilitates and is a peer too, so the round-robin starts with her.
      const order = [fran, ...peers];
      expect(silentListeners(pat.client.state!)).toEqual([pat.participantId]);
      for (const [i, speaker] of order.entries()) {
        await until(
          () => turnOrder(speaker.client.state!)?.holder === speaker.participantId,
          `${speaker.name}'s turn`,
        );
        expect(speakersNow(pat.client.state!)).toEqual([speaker.participantId]);
        if (speaker !== fran) {
          addCard(speaker.client.docs.board, {
            author: speaker.participantId,
            round: 1,
            phase: 'peer-feedback',
            kind: 'experience',
            text: `That reminds me of when I... (${speaker.name})`,
            created: Date.now() + i,
          });
          expect(await speaker.client.flush()).toEqual([{ ok: true }]);
        }
        expect(await speaker.client.command({ type: 'pass-turn' })).toEqual({ ok: true });
      }
      await until(() => turnOrder(fran.client.state!)?.holder === null, 'turns complete');

      // The presenter sifts and sorts while listening in silence.
      const experiences = cardsOf(pat.client.docs.board).filter((c) => c.kind === 'experience');
      expect(experiences).toHaveLength(4);
      setVerdict(pat.client.docs.board, experiences[0]!.id, 'take');
      setVerdict(pat.client.docs.board, experiences[1]!.id, 'leave');
      expect(await pat.client.flush()).toEqual([{ ok: true }, { ok: true }]);
      for (const c of all)
        await until(() => verdictsOf(c.docs.board).size === 2, 'verdicts everywhere');

      await steer(
        fran.client,
        { type: 'next-phase' },
        all,
        (c) => phaseOf(c) === 'positive-feedback',
      );
      await steer(fran.client, { type: 'next-phase' }, all, (c) => phaseOf(c) === 'response');
      await steer(fran.client, { type: 'end-round' }, all, (c) => c.state?.round === null);
      expect(fran.client.state?.history).toMatchObject([
        {
          number: 1,
          presenter: pat.participantId,
          phasesRun: [
            'presentation',
            'clarifying-questions',
            'peer-feedback',
            'positive-feedback',
            'response',
          ],
        },
      ]);

      const takeaways = await fetch(`${app.url}/api/sessions/${session.sessionId}/takeaways.md`, {
        headers: { authorization: `Bearer ${pat.resumeToken}` },
      });
      expect(takeaways.status).toBe(200);
      expect(await takeaways.text()).toContain(experiences[0]!.text);
    });
  },
);

test('two sessions in parallel stay isolated', async () => {
  const app = await startServer();
  const [one, two] = [
    await createSession(app.url, { title: 'One' }),
    await createSession(app.url, { title: 'Two' }),
  ];
  const a = await person(app.url, one, 'A', 'facilitator');
  const a2 = await person(app.url, one, 'A2');
  const b = await person(app.url, two, 'B', 'facilitator');
  const b2 = await person(app.url, two, 'B2');
  expect(
    await a.client.command({
      type: 'start-round',
      presenter: a2.participantId,
      protocolId: 'issue-analysis',
    }),
  ).toEqual({ ok: true });
  await until(() => phaseOf(a2.client) === 'presentation', 'round one');
  // Session two sees none of it, and a command there cannot name session one's people.
  expect(b.client.state?.round).toBeNull();
  expect(b.client.state?.participants.map((p) => p.name).sort()).toEqual(['B', 'B2']);
  expect(
    await b.client.command({
      type: 'start-round',
      presenter: a2.participantId,
      protocolId: 'issue-analysis',
    }),
  ).toMatchObject({ ok: false, error: { code: 'presenter-not-present' } });
  expect(b2.client.info?.title).toBe('Two');
});
