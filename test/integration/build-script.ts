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
import { onTestFinished } from 'vitest';
import { REPO_ROOT } from '../support/paths.ts';

/** The PATH without any directory that holds a Go toolchain, as on a machine without Go. */
const PATH_WITHOUT_GO = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir && !existsSync(join(dir, 'go')))
  .join(delimiter);

/**
 * Runs one of the Go build scripts (scripts/build-livekit.sh, build-mailpit.sh: what `npm
 * start` and the test setup run) with an empty cache and, unless `withoutGo`, a `go` that only
 * notes it was called and fails, so no test ever builds the program for real.
 */
export function runBuildScript(script: string, env: Record<string, string>, withoutGo = false) {
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-build-script-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const cache = join(dir, 'cache');
  const bin = join(dir, 'bin');
  const called = join(dir, 'go-was-called');
  for (const path of [cache, bin]) mkdirSync(path);
  if (!withoutGo) {
    writeFileSync(join(bin, 'go'), `#!/bin/sh\ntouch '${called}'\nexit 1\n`);
    chmodSync(join(bin, 'go'), 0o755);
  }
  const result = spawnSync('bash', [join(REPO_ROOT, 'scripts', script)], {
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
