import { describe, expect } from 'vitest';
import { loadedScripts, ROOM_BUDGET_GZIP_BYTES } from '../support/bundle.ts';
import { createSessionByApi, enterRoom, joinAs, newScreen } from '../support/room.ts';
import { videoPlays } from './media-checks.ts';
import { mediaTest as test } from './media-fixtures.ts';

describe('the room with media', () => {
  test('loads within its script budget; livekit-client comes after, apart', async ({
    server,
    browser,
  }) => {
    const links = await createSessionByApi(server.url, { title: 'Budget pair' });
    const fay = await (await newScreen(browser, server.url)).newPage();
    await enterRoom(fay, links.facilitatorLink, 'Fay');
    const ben = await joinAs(browser, server.url, links.memberLink, 'Ben');

    // A fresh load of the room alone (the lobby's scripts are not the room's).
    await ben.page.reload();
    await videoPlays(ben.page, 'Fay');
    const scripts = await loadedScripts(ben.page);
    expect(scripts.mediaFiles.length).toBeGreaterThan(0);
    expect(scripts.gzipBytes, scripts.files.join('\n')).toBeLessThan(ROOM_BUDGET_GZIP_BYTES);
    console.info(
      `room JS ${(scripts.gzipBytes / 1024).toFixed(1)} kB gzipped; ` +
        `livekit-client ${(scripts.mediaGzipBytes / 1024).toFixed(1)} kB gzipped, loaded later`,
    );
  });
});
