import { existsSync } from 'node:fs';
import { builtBinaryPath } from '../processes/built-binary.ts';

/** Where scripts/build-livekit.sh puts LiveKit's server. LIVEKIT_BINARY overrides. */
export function liveKitBinaryPath(
  env: Record<string, string | undefined>,
  repoRoot: string,
): string {
  if (env.LIVEKIT_BINARY) return env.LIVEKIT_BINARY;
  return builtBinaryPath({
    env,
    repoRoot,
    module: 'media/livekit',
    name: 'livekit',
    file: 'livekit-server',
  });
}

export function hasLiveKitBinary(path: string): boolean {
  return existsSync(path);
}
