import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, onTestFinished, test } from 'vitest';
import { REPO_ROOT } from '../support/paths.ts';

/** The PATH without any directory that holds a Go toolchain, as on a machine without Go. */
const PATH_WITHOUT_GO = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir && !existsSync(join(dir, 'go')))
  .join(delimiter);

/**
 * Runs scripts/build-mailpit.sh (what `npm start` and the test setup run) with an empty cache
 * and, unless `withoutGo`, a `go` that only notes it was called and fails, so no test ever
 * builds Mailpit for real.
 */
function runBuildScript(env: Record<string, string>, withoutGo = false) {
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-build-mailpit-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const cache = join(dir, 'cache');
  const bin = join(dir, 'bin');
  const called = join(dir, 'go-was-called');
  for (const path of [cache, bin]) mkdirSync(path);
  if (!withoutGo) {
    writeFileSync(join(bin, 'go'), `#!/bin/sh\ntouch '${called}'\nexit 1\n`);
    chmodSync(join(bin, 'go'), 0o755);
  }
  const result = spawnSync('bash', [join(REPO_ROOT, 'scripts/build-mailpit.sh')], {
    env: {
      PATH: `${bin}${delimiter}${PATH_WITHOUT_GO}`,
      HOME: dir,
      ROUNDTABLE_CACHE: cache,
      ...env,
    },
    encoding: 'utf8',
  });
  return {
    status: result.status,
    output: result.stdout + result.stderr,
    goCalled: existsSync(called),
    cached: readdirSync(cache),
  };
}

test('with MAIL=off nothing is built, and the script says so', () => {
  const run = runBuildScript({ MAIL: 'off' });
  expect(run.status).toBe(0);
  expect(run.output).toContain('MAIL=off, so Mailpit is not built.');
  expect(run.goCalled).toBe(false);
  expect(run.cached).toEqual([]);
});

test('with a real mail server (SMTP_URL) nothing is built, and the script says so', () => {
  const run = runBuildScript({ SMTP_URL: 'smtp://smtp.example.org' });
  expect(run.status).toBe(0);
  expect(run.output).toContain('SMTP_URL is set, so the local Mailpit is not built.');
  expect(run.goCalled).toBe(false);
});

test('with an empty cache it does build (here the fake go fails), and a failure is no stop', () => {
  const run = runBuildScript({});
  expect(run.goCalled).toBe(true);
  expect(run.output).toContain('building Mailpit');
  expect(run.status).toBe(0);
  expect(run.output).toContain('the Mailpit build failed');
});

test('without Go it says mail goes to the log instead', () => {
  const run = runBuildScript({}, true);
  expect(run.status).toBe(0);
  expect(run.output).toContain(
    'mail: no Go toolchain, so Mailpit is not built; Roundtable will print its mail (sign-in links) to the log.',
  );
  expect(run.cached).toEqual([]);
});
