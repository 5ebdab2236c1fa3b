import { describe, expect } from 'vitest';
import { roomTest as test } from '../support/fixtures.ts';
import { screenshots, tile, waitForText } from '../support/room.ts';

// The server in support/fixtures.ts runs with MEDIA=off: the meeting works, without sound or
// pictures, and everyone is told why rather than left waiting for a camera.
describe('a room without media', () => {
  test('says plainly that there is no audio or video, and why', async ({ group }) => {
    const { fay, ben } = group;
    for (const person of [fay, ben]) {
      const notice = person.page.getByTestId('media-unavailable');
      await notice.waitFor();
      expect(await notice.innerText()).toContain('No audio or video right now.');
      expect(await notice.innerText()).toContain('switched off on this server');
    }
    // No buttons that could not work, and the tiles show initials instead of pictures.
    expect(await ben.page.getByTestId('mic-button').count()).toBe(0);
    expect(await tile(ben.page, 'Pat').locator('video').count()).toBe(0);
    await waitForText(
      fay.page.getByTestId('talk-time').locator('p'),
      'Measured while audio and video work.',
    );
    await screenshots(ben.page, 'media-unavailable');
  });
});
