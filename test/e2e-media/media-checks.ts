import type { Page } from 'playwright-core';
import { tile, type Person } from '../support/room.ts';

/** Permission changes travel protocol → server → LiveKit → every page: allow some seconds. */
export const MEDIA_MS = 30_000;

export type Mic = 'published' | 'unpublished';

/** Waits until `page` sees `name`'s microphone as LiveKit reports it (data-mic on the tile). */
export async function micOf(page: Page, name: string, expected: Mic): Promise<void> {
  await tile(page, name)
    .and(page.locator(`[data-mic="${expected}"]`))
    .waitFor({ timeout: MEDIA_MS });
}

/**
 * The camera picture of `name` is playing in their tile on `page`. The page is brought to the
 * front and the tile into view first: LiveKit's adaptive streaming pauses pictures nobody sees.
 */
export async function videoPlays(page: Page, name: string): Promise<void> {
  await tile(page, name).locator('[data-media-slot] video').waitFor({ timeout: MEDIA_MS });
  await page.bringToFront();
  // Looked up afresh on every poll: a tile's <video> is replaced when its track is.
  await page.waitForFunction(
    (person) => {
      const tile = [...document.querySelectorAll('[data-testid="person"]')].find((li) =>
        li.querySelector('[data-testid="person-name"]')?.textContent?.trim().startsWith(person),
      );
      const video = tile?.querySelector<HTMLVideoElement>('[data-media-slot] video');
      video?.scrollIntoView({ block: 'nearest' });
      return (video?.videoWidth ?? 0) > 0;
    },
    name,
    { timeout: MEDIA_MS },
  );
}

/** Before a screenshot: every picture on the page playing, so tiles are not blank. */
export async function picturesShow(page: Page, names: readonly string[]): Promise<void> {
  for (const name of names) await videoPlays(page, name);
}

/**
 * Every observer's page sees exactly `open` with a published microphone, everyone else's
 * unpublished. A failure names whose page saw what, to tell the media server's view from one
 * page's.
 */
export async function onlyOpen(
  observers: readonly Person[],
  everyone: readonly Person[],
  open: readonly string[],
): Promise<void> {
  for (const observer of observers) {
    for (const person of everyone) {
      const expected = open.includes(person.name) ? 'published' : 'unpublished';
      await micOf(observer.page, person.name, expected).catch((error: unknown) => {
        throw new Error(
          `${observer.name}'s page never showed ${person.name}'s microphone ${expected}`,
          { cause: error },
        );
      });
    }
  }
}
