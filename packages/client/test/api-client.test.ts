import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { createApiClient, valueOf } from '../src/index.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (seen: Seen, res: ServerResponse) => void;

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A real HTTP server that records each request and answers as the test says. */
async function serve(answer: Answer): Promise<{ baseUrl: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      answer(request, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('requests', () => {
  test('a POST sends its JSON body with the content type, to the route path', async () => {
    const { baseUrl, seen } = await serve((_, res) => json(res, 201, { participantId: 'p' }));
    const api = createApiClient({ baseUrl });
    const joined = await api.join('s 1/é', { invite: 'i', name: 'Ali', acceptRules: true });
    expect(joined).toEqual({ ok: true, status: 201, value: { participantId: 'p' } });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/sessions/s%201%2F%C3%A9/join',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(seen[0]!.body)).toEqual({ invite: 'i', name: 'Ali', acceptRules: true });
  });

  test('the lobby sends the invite as a query parameter, and no body', async () => {
    const { baseUrl, seen } = await serve((_, res) => json(res, 200, { title: 'T' }));
    await createApiClient({ baseUrl }).lobby('abc', 'a+b&c');
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/api/sessions/abc/lobby?invite=a%2Bb%26c',
    });
    expect(seen[0]!.headers['content-type']).toBeUndefined();
  });

  test('authenticated routes send the credential as a bearer; renewing sends no body', async () => {
    const { baseUrl, seen } = await serve((_, res) => json(res, 200, {}));
    await createApiClient({ baseUrl }).rotateInvites('abc', 'tok');
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/sessions/abc/invites',
      headers: { authorization: 'Bearer tok' },
      body: '',
    });
  });

  test('a download answers the Markdown as text', async () => {
    const { baseUrl, seen } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'text/markdown' });
      res.end('# My notes');
    });
    const notes = await createApiClient({ baseUrl }).download('abc', 'takeaways', 'tok');
    expect(notes).toEqual({ ok: true, status: 200, value: '# My notes' });
    expect(seen[0]!.url).toBe('/api/sessions/abc/takeaways.md');
  });
});

describe('failures come back as values', () => {
  test('a refusal body is read as it is, with its status', async () => {
    const error = {
      code: 'invalid-join',
      message: 'Bad.',
      issues: [{ path: 'name', message: 'x' }],
    };
    const { baseUrl } = await serve((_, res) => json(res, 422, { ok: false, error }));
    const joined = await createApiClient({ baseUrl }).join('s', {
      invite: 'i',
      name: '',
      acceptRules: true,
    });
    expect(joined).toEqual({ ok: false, status: 422, error });
  });

  test('an answer that is not a refusal is internal, naming the status', async () => {
    const { baseUrl } = await serve((_, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<p>Starting</p>');
    });
    expect(await createApiClient({ baseUrl }).health()).toEqual({
      ok: false,
      status: 503,
      error: { code: 'internal', message: 'The server answered 503.' },
    });
  });

  test('a server out of reach is status 0, internal', async () => {
    const { baseUrl } = await serve(() => undefined);
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    expect(await createApiClient({ baseUrl }).protocols()).toEqual({
      ok: false,
      status: 0,
      error: { code: 'internal', message: 'The server could not be reached.' },
    });
  });

  test('valueOf gives the value, or throws with status, code and message', async () => {
    expect(valueOf({ ok: true, status: 200, value: 7 }, 'seven')).toBe(7);
    const refused = {
      ok: false,
      status: 404,
      error: { code: 'not-found', message: 'No.' },
    } as const;
    expect(() => valueOf(refused, 'download')).toThrow('download: 404 not-found: No.');
  });
});
