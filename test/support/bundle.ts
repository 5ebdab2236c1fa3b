import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { WEB_BUILD_DIR } from './paths.ts';

/**
 * The JavaScript a page has loaded, as gzipped bytes of the built files: what a person on a
 * slow connection waits for. Files of the media client (livekit-client) are counted apart,
 * because the room's budget is for the room itself.
 */
export async function loadedScripts(
  page: Page,
): Promise<{ gzipBytes: number; files: string[]; mediaGzipBytes: number }> {
  const paths = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith('.js')),
  );
  let gzipBytes = 0;
  let mediaGzipBytes = 0;
  for (const path of paths) {
    const source = readFileSync(`${WEB_BUILD_DIR}client${path}`);
    const size = gzipSync(source, { level: 9 }).length;
    if (source.includes('livekit')) mediaGzipBytes += size;
    else gzipBytes += size;
  }
  return { gzipBytes, files: paths, mediaGzipBytes };
}
