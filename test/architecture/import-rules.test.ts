import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * The import rules of .dependency-cruiser.cjs, proved both ways: each one fires on a violation
 * planted in a scratch copy of the layout, and the real tree breaks none. A rule whose path
 * pattern drifted from the folders would pass `npm run deps:check` forever; this catches it.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TS_CONFIG = join(ROOT, 'tsconfig.depcruise.json');

/** Files a planted import points at; they exist so that each import resolves as in the repo. */
const TARGETS = [
  'apps/server/src/socket/socket-server.ts',
  'apps/server/src/http/api.ts',
  'apps/server/src/transport-reply.ts',
  'apps/server/src/media/media-bridge.ts',
  'apps/server/src/programs/programs.ts',
  'apps/web/src/lib/room/catalog.ts',
];

/** One forbidden import each: the file that makes it, what it imports, the rule it breaks. */
const PLANTED: readonly (readonly [file: string, specifier: string, rule: string])[] = [
  ['apps/server/src/core/to-socket.ts', '../socket/socket-server.ts', 'core-imports-no-transport'],
  ['apps/server/src/core/to-http.ts', '../http/api.ts', 'core-imports-no-transport'],
  ['apps/server/src/core/to-socket-io.ts', 'socket.io', 'core-imports-no-transport'],
  ['apps/server/src/core/to-node-http.ts', 'node:http', 'core-imports-no-transport'],
  ['apps/server/src/core/to-reply.ts', '../transport-reply.ts', 'core-imports-no-transport'],
  [
    'apps/server/src/core/to-media.ts',
    '../media/media-bridge.ts',
    'core-does-not-import-its-subscribers',
  ],
  [
    'apps/server/src/core/to-programs.ts',
    '../programs/programs.ts',
    'core-does-not-import-its-subscribers',
  ],
  ['apps/server/src/socket/to-http.ts', '../http/api.ts', 'socket-does-not-import-http'],
  [
    'apps/server/src/http/to-socket.ts',
    '../socket/socket-server.ts',
    'http-does-not-import-socket',
  ],
  [
    'packages/protocol/src/to-app.ts',
    '../../../apps/web/src/lib/room/catalog.ts',
    'packages-do-not-import-apps',
  ],
  ['packages/wire/src/to-node-fs.ts', 'node:fs', 'wire-and-client-use-no-node-built-ins'],
  ['packages/client/src/to-bare-fs.ts', 'fs', 'wire-and-client-use-no-node-built-ins'],
  ['packages/client/src/to-svelte.ts', 'svelte', 'wire-and-client-use-no-framework'],
  ['packages/wire/src/to-kit.ts', '@sveltejs/kit', 'wire-and-client-use-no-framework'],
];

/** Imports the rules allow, so a rule that fires on everything fails too. */
const ALLOWED: readonly (readonly [file: string, specifier: string])[] = [
  ['apps/server/src/media/to-core.ts', '../core/room.ts'],
  ['apps/server/src/socket/to-core.ts', '../core/room.ts'],
  // The raw HTTP reply writer both transports use sits beside them, so neither imports the other.
  ['apps/server/src/socket/to-reply.ts', '../transport-reply.ts'],
  ['apps/server/src/http/to-reply.ts', '../transport-reply.ts'],
  ['apps/server/src/core/to-yjs.ts', 'yjs'],
  ['packages/client/src/to-socket-io-client.ts', 'socket.io-client'],
];

let scratch = '';
let options: ICruiseOptions;

async function cruiseFrom(baseDir: string, paths: string[]): Promise<ICruiseResult> {
  const reported = await cruise(
    paths,
    { ...options, baseDir, tsConfig: { fileName: TS_CONFIG } },
    undefined,
    { tsConfig: extractTSConfig(TS_CONFIG) },
  );
  if (typeof reported.output === 'string') throw new Error('expected a cruise result');
  return reported.output;
}

/** Rule names broken by each source file, e.g. { 'apps/server/src/core/x.ts': ['rule'] }. */
function brokenBy(result: ICruiseResult): Record<string, string[]> {
  const broken: Record<string, string[]> = {};
  for (const v of result.summary.violations) (broken[v.from] ??= []).push(v.rule.name);
  return broken;
}

function write(file: string, text: string): void {
  mkdirSync(dirname(join(scratch, file)), { recursive: true });
  writeFileSync(join(scratch, file), text);
}

beforeAll(async () => {
  options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  scratch = mkdtempSync(join(tmpdir(), 'roundtable-import-rules-'));
  // Third-party imports resolve to the repo's own packages, as they do in the real tree.
  symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  write('apps/server/src/core/room.ts', 'export const room = 1;\n');
  for (const target of TARGETS) write(target, 'export const target = 1;\n');
  for (const [file, specifier] of [...PLANTED, ...ALLOWED]) write(file, `import '${specifier}';\n`);
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the import rules', () => {
  test.each(PLANTED)('%s importing %s breaks %s', async (file, _specifier, rule) => {
    const broken = brokenBy(await cruiseFrom(scratch, [file]));
    expect(broken[file]).toContain(rule);
  });

  test.each(ALLOWED)('%s may import %s', async (file) => {
    const broken = brokenBy(await cruiseFrom(scratch, [file]));
    expect(broken[file]).toBeUndefined();
  });

  test('every layer rule of the config is proved by a planted violation', () => {
    const planted = new Set(PLANTED.map(([, , rule]) => rule));
    const layerRules = (options.ruleSet?.forbidden ?? [])
      .map((r) => r.name ?? '')
      .filter((name) => /^(core|socket|http|packages|wire)-/.test(name));
    expect(layerRules.filter((name) => !planted.has(name))).toEqual([]);
  });

  test('the real tree breaks none of them', { timeout: 120_000 }, async () => {
    const result = await cruiseFrom(ROOT, ['apps', 'packages', 'test']);
    // The whole tree was read, not an empty match of the paths.
    expect(result.summary.totalCruised).toBeGreaterThan(300);
    expect(result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});
