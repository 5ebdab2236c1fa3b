import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where scripts/build-mailpit.sh puts Mailpit: a cache outside the checkout, keyed by the
 * pinned go.mod, so every clone on a machine shares one build. MAILPIT_BINARY overrides.
 */
export function mailpitBinaryPath(
  env: Record<string, string | undefined>,
  repoRoot: string,
): string {
  if (env.MAILPIT_BINARY) return env.MAILPIT_BINARY;
  const goMod = readFileSync(join(repoRoot, 'mail/mailpit/go.mod'));
  const key = createHash('sha256').update(goMod).digest('hex').slice(0, 12);
  const cache =
    env.ROUNDTABLE_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'roundtable');
  return join(cache, `mailpit-${key}`, 'mailpit');
}
