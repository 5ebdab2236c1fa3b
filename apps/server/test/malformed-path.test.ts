import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../src/config.ts';
import { startServer, tempDataDir, startAppAt } from './live/harness.ts';

// A truncated UTF-8 sequence: `%E0%A4` starts a three-byte character, `%A` is no escape at all.
const BAD = '%E0%A4%A';

test.each([
  `/api/sessions/${BAD}/lobby`,
  `/api/${BAD}`,
  `/healthz${BAD}`,
  `/s/${BAD}`,
  `/${BAD}`,
  `/_app/immutable/${BAD}.js`,
])('%s is refused as 400 invalid-path by the built app', async (path) => {
  const dataDir = await tempDataDir();
  const app = await startAppAt(dataDir, { WEB_BUILD_DIR: join(REPO_ROOT, 'apps/web/build') });
  const res = await fetch(`${app.url}${path}`);
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await res.json()).toEqual({
    ok: false,
    error: { code: 'invalid-path', message: 'The path has a malformed percent-encoding.' },
  });
});

test('without a web build, a malformed page path is refused the same way', async () => {
  const app = await startServer();
  const res = await fetch(`${app.url}/s/${BAD}`);
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid-path' } });
});

test('well-formed escapes still reach their route', async () => {
  const app = await startServer();
  // `%C3%A9` is "é": a valid escape, so this is an ordinary unknown session.
  const res = await fetch(`${app.url}/api/sessions/caf%C3%A9/lobby?invite=x`);
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'token-invalid' } });
});
