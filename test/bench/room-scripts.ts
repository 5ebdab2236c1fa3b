/**
 * `npm run bench` (this workspace's part): how much JavaScript the room route makes a person
 * download, gzipped, livekit-client excluded, against the room's 120 kB budget (issue "The
 * room"). Measured the way a person meets it: a real Chromium loads the production build from a
 * real server and enters a room; the page's own resource list says which scripts it fetched.
 * The server runs with media off, so the media client is never fetched; its size, from Vite's
 * manifest, is printed apart.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../support/browser.ts';
import { loadedScripts, mediaClientFiles, ROOM_BUDGET_GZIP_BYTES } from '../support/bundle.ts';
import { assertWebBuilt, WEB_BUILD_DIR } from '../support/paths.ts';
import { createSessionByApi, enterRoom, newScreen } from '../support/room.ts';
import { startServer } from '../support/server.ts';

const BUDGET_KB = ROOM_BUDGET_GZIP_BYTES / 1024;
const kB = (bytes: number) => (bytes / 1024).toFixed(1);

assertWebBuilt();
const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-bench-web-'));
const server = await startServer({ DATA_DIR: dataDir });
const browser = await launchBrowser();
try {
  const { facilitatorLink } = await createSessionByApi(server.url, { title: 'Script budget' });
  const page = await (await newScreen(browser, server.url)).newPage();
  await enterRoom(page, facilitatorLink, 'Fay');
  // A fresh load of the room alone: the lobby's scripts are not the room's.
  await page.reload();
  await page.getByTestId('room').waitFor();
  await page.waitForLoadState('networkidle');
  const room = await loadedScripts(page);
  if (room.mediaFiles.length > 0) throw new Error('the room fetched livekit-client with media off');

  let mediaBytes = 0;
  for (const file of mediaClientFiles()) {
    mediaBytes += gzipSync(readFileSync(`${WEB_BUILD_DIR}client${file}`), { level: 9 }).length;
  }
  const verdict = room.gzipBytes <= ROOM_BUDGET_GZIP_BYTES ? 'PASS' : 'MISS';
  console.log(`\nRoom route JavaScript (gzip -9), livekit-client excluded`);
  console.log(`  room: ${kB(room.gzipBytes)} kB in ${room.files.length} files`);
  console.log(`  budget: ${BUDGET_KB} kB -> ${verdict}`);
  console.log(`  livekit-client (loaded after the room, only with media): ${kB(mediaBytes)} kB`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
