import { BUILT_IN_PROTOCOLS } from '@roundtable/protocol';
import { expect, onTestFinished, test } from 'vitest';
import { assertWebBuilt } from '../support/paths.ts';
import { startServer } from '../support/server.ts';

/** The whole server process as it runs in production: API and built web app on one port. */
async function runningServer() {
  const server = await startServer();
  onTestFinished(async () => {
    await server.stop();
  });
  return server;
}

test('serves the API and the server-rendered web app from one process', async () => {
  assertWebBuilt();
  const { url } = await runningServer();

  const api = await fetch(`${url}/api/protocols`);
  const { protocols } = (await api.json()) as { protocols: { title: string }[] };
  expect(protocols.map((p) => p.title)).toEqual(BUILT_IN_PROTOCOLS.map((p) => p.title));

  const page = await fetch(`${url}/protocols`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await page.text();
  expect(html).toContain('<html lang="en">');
  for (const protocol of BUILT_IN_PROTOCOLS) expect(html).toContain(protocol.title);
});

test('without a web build it still starts, answers /healthz and explains itself', async () => {
  const server = await startServer({ WEB_BUILD_DIR: '/nonexistent/roundtable-build' });
  onTestFinished(async () => {
    await server.stop();
  });
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const page = await fetch(`${server.url}/`);
  expect(page.status).toBe(503);
  expect(await page.text()).toContain('npm run build');
});

test('stops cleanly with exit code 0 on SIGTERM', async () => {
  const server = await startServer({ WEB_BUILD_DIR: '/nonexistent/roundtable-build' });
  expect(await server.stop()).toBe(0);
  expect(server.output()).toContain('SIGTERM received, shutting down');
});
