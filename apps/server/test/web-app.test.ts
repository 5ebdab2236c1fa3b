import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { loadWebApp } from '../src/web-app.ts';
import { startServer } from './support.ts';

/** A throwaway directory standing in for apps/web/build, removed after the test. */
async function fakeBuildDir(handlerSource?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-web-build-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  if (handlerSource !== undefined) await writeFile(join(dir, 'handler.js'), handlerSource);
  return dir;
}

test('hands every non-API path to the web app', async () => {
  const base = await startServer();
  for (const path of ['/', '/rooms/abc?x=1', '/apiary', '/healthz-not']) {
    const res = await fetch(`${base}${path}`);
    expect(await res.text()).toBe(`web app: ${path}`);
  }
});

test('without a build the server still starts and says how to build', async () => {
  const web = await loadWebApp(await fakeBuildDir());
  expect(web.ready).toBe(false);
  const base = await startServer(web.handler);

  const page = await fetch(`${base}/`);
  expect(page.status).toBe(503);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  expect(await page.text()).toContain('npm run build');

  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
});

test('loads the handler an adapter-node build exports', async () => {
  const dir = await fakeBuildDir(
    "export const handler = (req, res) => res.end('built app at ' + req.url);\n",
  );
  const web = await loadWebApp(dir);
  expect(web.ready).toBe(true);
  const base = await startServer(web.handler);
  expect(await (await fetch(`${base}/about`)).text()).toBe('built app at /about');
});

test('a build without a handler export is a bug, reported loudly', async () => {
  const dir = await fakeBuildDir('export const nothing = 1;\n');
  await expect(loadWebApp(dir)).rejects.toThrow(/does not export a handler/);
});

test('a web app that declines a request gets a plain 404', async () => {
  const base = await startServer((_req, _res, next) => next());
  const res = await fetch(`${base}/missing`);
  expect(res.status).toBe(404);
});
