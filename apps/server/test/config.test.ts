import { join } from 'node:path';
import { expect, test } from 'vitest';
import { readConfig, REPO_ROOT } from '../src/config.ts';

test('defaults to localhost:3000 with paths inside the repository', () => {
  expect(readConfig({}, '/somewhere/else')).toEqual({
    ok: true,
    config: {
      port: 3000,
      host: '127.0.0.1',
      dataDir: join(REPO_ROOT, 'data'),
      webBuildDir: join(REPO_ROOT, 'apps/web/build'),
    },
  });
});

test('the repository root is the one holding apps/server', () => {
  expect(join(REPO_ROOT, 'apps/server/src/config.ts')).toBe(
    new URL('../src/config.ts', import.meta.url).pathname,
  );
});

test('reads overrides, resolving relative paths from the working directory', () => {
  const result = readConfig(
    { PORT: '0', HOST: '0.0.0.0', DATA_DIR: 'state', WEB_BUILD_DIR: '/srv/web' },
    '/opt/roundtable',
  );
  expect(result).toEqual({
    ok: true,
    config: { port: 0, host: '0.0.0.0', dataDir: '/opt/roundtable/state', webBuildDir: '/srv/web' },
  });
});

test.each(['abc', '-1', '70000', '3.5'])('refuses PORT=%s', (port) => {
  const result = readConfig({ PORT: port }, '/');
  expect(result).toEqual({ ok: false, problems: [expect.stringContaining(`"${port}"`)] });
});
