import { BUILT_IN_PROTOCOLS, PROTOCOL_FORMAT } from '@roundtable/protocol';
import type { Refusal } from '@roundtable/wire';
import { describe, expect, test } from 'vitest';
import { post, startServer } from './support.ts';

/** A small, valid custom protocol, written as a group would: optional fields left out. */
const customProtocol = {
  format: PROTOCOL_FORMAT,
  id: 'quick-check-in',
  title: '  Quick check-in  ',
  summary: 'Everyone says how they are, one at a time.',
  phases: [
    {
      id: 'round',
      title: 'Round',
      guidance: { facilitator: 'Keep it brief.', members: 'Say how you are.' },
      speakers: 'peers-in-turn',
      turns: { rule: 'round-robin', secondsPerTurn: 60 },
      durationSeconds: 300,
    },
  ],
};

describe('GET /api/protocols', () => {
  test('lists the built-in protocols', async () => {
    const base = await startServer();
    const res = await fetch(`${base}/api/protocols`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { protocols: { id: string }[] };
    expect(body.protocols.map((p) => p.id)).toEqual([
      'issue-analysis',
      'good-news-analysis',
      'veridical-report',
    ]);
    expect(body).toEqual({ protocols: JSON.parse(JSON.stringify(BUILT_IN_PROTOCOLS)) });
  });
});

describe('POST /api/protocols/validate', () => {
  const validate = async (body: string, contentType?: string) =>
    post(`${await startServer()}/api/protocols/validate`, body, contentType);

  test('returns a valid protocol normalised', async () => {
    const res = await validate(JSON.stringify(customProtocol));
    expect(res.status).toBe(200);
    const { protocol } = (await res.json()) as { protocol: Record<string, unknown> };
    expect(protocol).toMatchObject({ title: 'Quick check-in', roles: [], minPeers: 1 });
    expect(protocol.phases).toEqual([
      expect.objectContaining({
        silent: 'nobody',
        starters: [],
        cards: [],
        discouragesAdvice: false,
      }),
    ]);
  });

  test('reports every problem of an invalid protocol with its path', async () => {
    const broken = {
      ...customProtocol,
      phases: [{ ...customProtocol.phases[0], turns: { rule: 'round-robin', secondsPerTurn: 1 } }],
    };
    const res = await validate(JSON.stringify(broken));
    expect(res.status).toBe(422);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe('invalid-protocol');
    expect(body.error.issues).toEqual([
      { path: 'phases.0.turns.secondsPerTurn', message: expect.any(String) },
    ]);
  });

  test('accepts a charset parameter on the content type', async () => {
    const res = await validate(JSON.stringify(customProtocol), 'application/json; charset=utf-8');
    expect(res.status).toBe(200);
  });

  test('refuses malformed JSON with a message that says so', async () => {
    const res = await validate('{"format": ');
    expect(res.status).toBe(400);
    const body = (await res.json()) as Refusal;
    expect(body.error.code).toBe('malformed-json');
    expect(body.error.message).toMatch(/^The body is not valid JSON: /);
  });

  test('refuses a body over 64 KiB', async () => {
    const padded = JSON.stringify({ ...customProtocol, summary: 'x'.repeat(64 * 1024) });
    const res = await validate(padded);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'payload-too-large' } });
  });

  test('accepts a body of exactly 64 KiB', async () => {
    const json = JSON.stringify(customProtocol);
    const res = await validate(json.padEnd(64 * 1024, ' '));
    expect(res.status).toBe(200);
  });

  test('refuses an oversized body that declares no length', async () => {
    const base = await startServer();
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 64; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(`${base}/api/protocols/validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    expect(res.status).toBe(413);
  });

  test.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
  ])('refuses %s with 415', async (_name, contentType) => {
    const res = await validate(JSON.stringify(customProtocol), contentType);
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      ok: false,
      error: { code: 'unsupported-media-type' },
    });
  });

  test('refuses GET with 405', async () => {
    const base = await startServer();
    const res = await fetch(`${base}/api/protocols/validate`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

test.each(['/api', '/api/nope', '/api/protocols/issue-analysis/extra'])(
  'unknown API route %s is a JSON 404',
  async (path) => {
    const base = await startServer();
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
  },
);
