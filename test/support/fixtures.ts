import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { test as base } from 'vitest';
import { launchBrowser } from './browser.ts';
import { assertWebBuilt } from './paths.ts';
import { assembleGroup, type Group } from './room.ts';
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
    // Each file gets its own store, so sessions made by one test file never meet another's.
    const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-e2e-'));
    const server = await startServer({ DATA_DIR: dataDir });
    onCleanup(async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
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

/**
 * Room tests: the four-person group of support/room.ts, assembled through the real Start
 * page and lobby once per file. Tests in a file share it and run in order, like a meeting.
 */
export const roomTest = test.extend(
  'group',
  { scope: 'file' },
  async ({ browser, server }, { onCleanup }): Promise<Group> => {
    const group = await assembleGroup(browser, server.url, {
      title: 'March peer group',
      protocol: 'Good News Analysis',
    });
    onCleanup(async () => {
      await Promise.all(group.everyone.map((person) => person.context.close()));
    });
    return group;
  },
);
