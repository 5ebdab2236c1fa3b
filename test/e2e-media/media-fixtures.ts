import type { Browser } from 'playwright-core';
import { test as base } from 'vitest';
import { assembleGroup, type Group } from '../support/room.ts';
import { launchMediaBrowser, startMediaServer, type MediaServer } from './media-server.ts';

/**
 * The four-person group of support/room.ts in a room with real audio and video, in a session
 * of the given title and protocol. Started once per file; tests in a file run in order, like a
 * meeting.
 */
export const mediaTestFor = (session: { title: string; protocol: string }) =>
  base
    // eslint-disable-next-line no-empty-pattern -- required by vitest's fixture parser
    .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<MediaServer> => {
      const server = await startMediaServer();
      onCleanup(() => server.stop().then(() => undefined));
      return server;
    })
    // eslint-disable-next-line no-empty-pattern -- required by vitest's fixture parser
    .extend('browser', { scope: 'file' }, async ({}, { onCleanup }): Promise<Browser> => {
      const browser = await launchMediaBrowser();
      onCleanup(() => browser.close());
      return browser;
    })
    .extend(
      'group',
      { scope: 'file' },
      async ({ browser, server }, { onCleanup }): Promise<Group> => {
        const group = await assembleGroup(browser, server.url, session);
        onCleanup(async () => {
          await Promise.all(group.everyone.map((person) => person.context.close()));
        });
        return group;
      },
    );

export const mediaTest = mediaTestFor({ title: 'April peer group', protocol: 'Issue Analysis' });
