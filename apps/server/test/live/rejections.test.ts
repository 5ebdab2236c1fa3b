import type { CommandPayload } from '@roundtable/wire';
import { REJECTION_CODES } from '@roundtable/protocol';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { createSession, person, startServer, until } from './harness.ts';
import { cases, NOT_REACHABLE_BY_COMMAND, type Group, type Person } from './rejection-cases.ts';

async function group(): Promise<Group> {
  const app = await startServer();
  const session = await createSession(app.url);
  const fran = await person(app.url, session, 'Fran', 'facilitator');
  const pat = await person(app.url, session, 'Pat');
  const ali = await person(app.url, session, 'Ali');
  return { url: app.url, session, fran, pat, ali, extra: [] };
}

const connected = (g: Group) =>
  [g.fran, g.pat, g.ali, ...g.extra].filter((p) => p.client.connected);
const stateVector = (p: Person) => Y.encodeStateVector(p.client.docs.state).toString();

describe('engine rejections reach the client as command acks', () => {
  test.each(cases)('$code: $situation', async ({ code, arrange, by, payload }) => {
    const g = await group();
    await arrange?.(g);
    await until(
      () => new Set(connected(g).map(stateVector)).size === 1,
      'everyone has the same state',
    );
    const before = stateVector(g.fran);

    const ack = await by(g).client.command(payload(g));
    expect(ack).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    if (!ack.ok) expect(ack.error.message.length).toBeGreaterThan(10);
    // The refusal wrote nothing: a change would have been sent before any later reply.
    for (const p of connected(g)) {
      await p.client.ask('clock', Date.now());
      expect(stateVector(p)).toBe(before);
    }
  });

  test('every engine code has a wire case, except exactly those listed as unreachable', () => {
    const exercised = new Set(cases.map((c) => c.code));
    const untested = REJECTION_CODES.filter((code) => !exercised.has(code));
    expect(untested.sort()).toEqual(Object.keys(NOT_REACHABLE_BY_COMMAND).sort());
  });
});

describe('the server refuses commands the engine never sees', () => {
  const malformed: [string, (g: Group) => unknown][] = [
    ['an unknown type', () => ({ type: 'launch-rockets' })],
    ['no type', () => ({ seconds: 60 })],
    ['not an object', () => 'next-phase'],
    ['null', () => null],
    ['an actor of its own choosing', (g) => ({ type: 'next-phase', actor: g.fran.participantId })],
    ['seconds as a string', () => ({ type: 'extend-phase', seconds: '60' })],
    [
      'seconds the engine would call invalid-duration',
      () => ({ type: 'extend-phase', seconds: 0 }),
    ],
    ['a fractional turn extension', () => ({ type: 'extend-turn', seconds: 1.5 })],
    ['a number where an id belongs', () => ({ type: 'grant-floor', to: 42 })],
    [
      'a role holder that is not an id',
      (g) => ({
        type: 'start-round',
        presenter: g.pat.participantId,
        protocolId: 'veridical-report',
        roles: { mentor: 7 },
      }),
    ],
    ['join, which follows the connection', () => ({ type: 'join', name: 'Mallory' })],
    ['leave, which follows the connection', () => ({ type: 'leave' })],
  ];

  test.each(malformed)('invalid-payload: %s', async (_what, payload) => {
    const g = await group();
    // With a round running, only the wire schema stands between these and the engine.
    const start: CommandPayload = {
      type: 'start-round',
      presenter: g.pat.participantId,
      protocolId: 'issue-analysis',
    };
    expect(await g.fran.client.command(start)).toEqual({ ok: true });
    const before = stateVector(g.fran);
    expect(await g.fran.client.emitUnchecked('command', payload(g))).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload', message: expect.any(String) },
    });
    expect(stateVector(g.fran)).toBe(before);
  });

  test("unknown-protocol: a protocol this session does not have, even another session's own", async () => {
    const g = await group();
    const custom = {
      format: 'roundtable.protocol/v1',
      id: 'quick-check',
      title: 'Quick check',
      summary: 'One round of what is on your mind.',
      phases: [
        {
          id: 'check-in',
          title: 'Check-in',
          guidance: { facilitator: 'Keep it short.', members: 'Say how you are.' },
          speakers: 'everyone',
          durationSeconds: 60,
        },
      ],
    };
    await createSession(g.url, { protocol: custom });
    for (const protocolId of ['no-such-protocol', 'quick-check'])
      expect(
        await g.fran.client.command({
          type: 'start-round',
          presenter: g.pat.participantId,
          protocolId,
        }),
      ).toMatchObject({ ok: false, error: { code: 'unknown-protocol' } });
    expect(g.fran.client.state?.round).toBeNull();
  });
});
