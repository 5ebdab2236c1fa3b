import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where scripts/build-livekit.sh puts LiveKit's server: a cache outside the checkout, keyed by
 * the pinned go.mod, so every clone on a machine shares one build. LIVEKIT_BINARY overrides.
 */
export function liveKitBinaryPath(
  env: Record<string, string | undefined>,
  repoRoot: string,
): string {
  if (env.LIVEKIT_BINARY) return env.LIVEKIT_BINARY;
  const goMod = readFileSync(join(repoRoot, 'media/livekit/go.mod'));
  const key = createHash('sha256').update(goMod).digest('hex').slice(0, 12);
  const cache =
    env.ROUNDTABLE_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'roundtable');
  return join(cache, `livekit-${key}`, 'livekit-server');
}

export function hasLiveKitBinary(path: string): boolean {
  return existsSync(path);
}
