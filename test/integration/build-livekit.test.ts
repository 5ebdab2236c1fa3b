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
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { REPO_ROOT } from '../support/paths.ts';

/**
 * Runs scripts/build-livekit.sh (what `npm start` runs first) with an empty cache and a `go`
 * that only notes it was called and fails, so no test ever builds LiveKit for real.
 */
function runBuildScript(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-build-livekit-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const cache = join(dir, 'cache');
  const bin = join(dir, 'bin');
  const called = join(dir, 'go-was-called');
  for (const path of [cache, bin]) mkdirSync(path);
  writeFileSync(join(bin, 'go'), `#!/bin/sh\ntouch '${called}'\nexit 1\n`);
  chmodSync(join(bin, 'go'), 0o755);
  const result = spawnSync('bash', [join(REPO_ROOT, 'scripts/build-livekit.sh')], {
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
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

test('with MEDIA=off nothing is built, and the script says so', () => {
  const run = runBuildScript({ MEDIA: 'off' });
  expect(run.status).toBe(0);
  expect(run.output).toContain('MEDIA=off, so LiveKit is not built.');
  expect(run.goCalled).toBe(false);
  expect(run.cached).toEqual([]);
});

test('with an external LiveKit (LIVEKIT_URL) nothing is built, and the script says so', () => {
  const run = runBuildScript({ LIVEKIT_URL: 'wss://livekit.example.org' });
  expect(run.status).toBe(0);
  expect(run.output).toContain('LIVEKIT_URL is set, so the local LiveKit is not built.');
  expect(run.goCalled).toBe(false);
});

test('with local media and an empty cache it does build (here the fake go fails)', () => {
  const run = runBuildScript({});
  expect(run.goCalled).toBe(true);
  expect(run.output).toContain('building LiveKit');
  // A failed build still lets `npm start` go on, without media.
  expect(run.status).toBe(0);
  expect(run.output).toContain('the LiveKit build failed');
});
