import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { WEB_BUILD_DIR, WEB_MANIFEST } from './paths.ts';

/** The room route's first load, gzipped, livekit-client aside (the issue "The room"). */
export const ROOM_BUDGET_GZIP_BYTES = 120 * 1024;

/** The name vite.config.ts gives livekit-client's chunk (its codeSplitting group). */
const MEDIA_CLIENT_CHUNK = 'livekit-client';

/**
 * The built files of the media client, found by name in Vite's manifest: livekit-client's own
 * chunk and its E2EE worker. Named explicitly, so a room file that merely mentions LiveKit is
 * still counted against the room's budget.
 */
export function mediaClientFiles(): Set<string> {
  if (!existsSync(WEB_MANIFEST)) throw new Error(`No Vite manifest at ${WEB_MANIFEST}`);
  const manifest = JSON.parse(readFileSync(WEB_MANIFEST, 'utf8')) as Record<
    string,
    { file: string; name?: string }
  >;
  const files = Object.values(manifest)
    .filter((chunk) => chunk.name === MEDIA_CLIENT_CHUNK || /livekit-client\./.test(chunk.file))
    .map((chunk) => `/${chunk.file}`);
  if (files.length === 0) throw new Error(`No ${MEDIA_CLIENT_CHUNK} chunk in ${WEB_MANIFEST}`);
  return new Set(files);
}

/**
 * The JavaScript a page has loaded, as gzipped bytes of the built files: what a person on a
 * slow connection waits for. Files of the media client (livekit-client) are counted apart,
 * because the room's budget is for the room itself.
 */
export async function loadedScripts(page: Page): Promise<{
  gzipBytes: number;
  files: string[];
  mediaGzipBytes: number;
  mediaFiles: string[];
}> {
  const paths = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.endsWith('.js')),
  );
  const media = mediaClientFiles();
  let gzipBytes = 0;
  let mediaGzipBytes = 0;
  for (const path of new Set(paths)) {
    const size = gzipSync(readFileSync(`${WEB_BUILD_DIR}client${path}`), { level: 9 }).length;
    if (media.has(path)) mediaGzipBytes += size;
    else gzipBytes += size;
  }
  const mediaFiles = paths.filter((path) => media.has(path));
  return { gzipBytes, files: paths.filter((path) => !media.has(path)), mediaGzipBytes, mediaFiles };
}
