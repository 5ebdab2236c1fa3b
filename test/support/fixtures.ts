import type { Browser, Page } from 'playwright-core';
import { test as base } from 'vitest';
import { launchBrowser } from './browser.ts';
import { assertWebBuilt } from './paths.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * Tests that drive the built app in a browser. The server process and the browser are
 * started once per file and stopped by the fixtures themselves; each test gets a fresh page.
 */
export const test = base
  // Vitest reads a fixture's dependencies from its destructured first argument, so fixtures
  // that need none must still destructure an empty object.
  // eslint-disable-next-line no-empty-pattern -- required by vitest's fixture parser
  .extend('server', { scope: 'file' }, async ({}, { onCleanup }): Promise<RunningServer> => {
    assertWebBuilt();
    const server = await startServer();
    onCleanup(async () => {
      await server.stop();
    });
    return server;
  })
  // eslint-disable-next-line no-empty-pattern -- required by vitest's fixture parser
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }): Promise<Browser> => {
    const browser = await launchBrowser();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('page', async ({ browser }, { onCleanup }): Promise<Page> => {
    const page = await browser.newPage();
    onCleanup(() => page.close());
    return page;
  });
