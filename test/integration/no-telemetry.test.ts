import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { REPO_ROOT } from '../support/paths.ts';

const WORKSPACES = [
  '.',
  'apps/server',
  'apps/web',
  'packages/client',
  'packages/protocol',
  'packages/wire',
  'test',
];
const scriptsOf = (dir: string) =>
  Object.entries(
    (
      JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as {
        scripts?: Record<string, string>;
      }
    ).scripts ?? {},
  );

// Turborepo sends anonymous usage data unless told not to, and its only project-level switch
// is the environment: `turbo telemetry disable` writes the user's own configuration instead.
test('every npm script that runs turbo switches its telemetry off', () => {
  const runs = WORKSPACES.flatMap((dir) =>
    scriptsOf(dir).flatMap(([name, command]) =>
      command
        .split('&&')
        .filter((step) => /\bturbo\b/.test(step))
        .map((step) => ({ script: `${dir}: ${name}`, step: step.trim() })),
    ),
  );
  expect(runs.length).toBeGreaterThan(0);
  for (const { script, step } of runs)
    expect(step, script).toMatch(/^TURBO_TELEMETRY_DISABLED=1 turbo /);
});

test('on a machine that never ran turbo, npm run build says nothing of telemetry', () => {
  // A fresh user configuration directory stands in for a fresh machine or CI.
  const config = mkdtempSync(join(tmpdir(), 'roundtable-turbo-config-'));
  onTestFinished(() => rmSync(config, { recursive: true, force: true }));
  // --dry plans the build without running it (and without touching the build output).
  // Whatever this shell has set, the script alone must switch telemetry off.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => name !== 'TURBO_TELEMETRY_DISABLED' && name !== 'DO_NOT_TRACK',
    ),
  );
  const run = spawnSync('npm', ['run', '--silent', 'build', '--', '--dry=json'], {
    cwd: REPO_ROOT,
    env: { ...env, TURBO_CONFIG_DIR_PATH: config },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/collects .*telemetry/i);
  // Turbo writes telemetry.json (an id and salt) when it first collects; nothing is written.
  expect(readdirSync(config)).toEqual([]);
});

test('turbo.json turns the update check (a registry call on every run) off', () => {
  const turbo = JSON.parse(readFileSync(join(REPO_ROOT, 'turbo.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  expect(turbo.noUpdateNotifier).toBe(true);
});
