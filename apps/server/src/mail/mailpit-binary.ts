import { builtBinaryPath } from '../processes/built-binary.ts';

/** Where scripts/build-mailpit.sh puts Mailpit. MAILPIT_BINARY overrides. */
export function mailpitBinaryPath(
  env: Record<string, string | undefined>,
  repoRoot: string,
): string {
  if (env.MAILPIT_BINARY) return env.MAILPIT_BINARY;
  return builtBinaryPath({
    env,
    repoRoot,
    module: 'mail/mailpit',
    name: 'mailpit',
    file: 'mailpit',
  });
}
