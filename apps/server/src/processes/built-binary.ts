import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where a scripts/build-*.sh puts a program built from a pinned Go wrapper module: a cache
 * outside the checkout, keyed by that module's go.mod, so every clone on a machine shares one
 * build and a new pin builds anew. The scripts compute the same path; keep them in step.
 */
export function builtBinaryPath(o: {
  env: Record<string, string | undefined>;
  repoRoot: string;
  /** The wrapper module's folder in the repo, e.g. `media/livekit`. */
  module: string;
  /** The cache folder's prefix and the executable's name. */
  name: string;
  file: string;
}): string {
  const goMod = readFileSync(join(o.repoRoot, o.module, 'go.mod'));
  const key = createHash('sha256').update(goMod).digest('hex').slice(0, 12);
  const cache =
    o.env.ROUNDTABLE_CACHE ?? join(o.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'roundtable');
  return join(cache, `${o.name}-${key}`, o.file);
}
