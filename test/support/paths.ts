import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));
export const WEB_BUILD_DIR = fileURLToPath(new URL('../../apps/web/build/', import.meta.url));
/** Vite's manifest of the client build: which hashed file holds which chunk. */
export const WEB_MANIFEST = fileURLToPath(
  new URL('../../apps/web/.svelte-kit/output/client/.vite/manifest.json', import.meta.url),
);

/**
 * Browser tests drive the production build, which turbo builds before it runs tests. When
 * they are run on their own, say so plainly rather than failing on a placeholder page.
 */
export function assertWebBuilt(): void {
  if (!existsSync(`${WEB_BUILD_DIR}handler.js`)) {
    throw new Error(
      `No web build at ${WEB_BUILD_DIR}. Run \`npx turbo run build\` (or \`npm run build -w @roundtable/web\`) first.`,
    );
  }
}
