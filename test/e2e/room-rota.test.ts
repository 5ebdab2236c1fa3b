import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, onTestFinished } from 'vitest';
import { loadSecret } from '../../apps/server/src/auth/secret.ts';
import { createTokens } from '../../apps/server/src/auth/tokens.ts';
import { SECRET, createSession, startAppAt } from '../../apps/server/test/live/harness.ts';
import { openForTest, sqliteBackend } from '../../apps/server/test/store/backends.ts';
import { participantRecord } from '../../apps/server/test/store/records.ts';
import { blockingViolations, describeViolations } from '../support/accessibility.ts';
import { test } from '../support/fixtures.ts';
import { assertWebBuilt, WEB_BUILD_DIR } from '../support/paths.ts';
import { newScreen, tile } from '../support/room.ts';

const STEP = { timeout: 60_000 };

/**
 * A group meeting as the group routes leave it, on a server in this process so the test can
 * store participants with their rota places: each person's browser holds the credential the
 * group page would have saved, and opens the room directly.
 */
async function groupMeeting(browser: Browser) {
  assertWebBuilt();
  const db = await sqliteBackend.create();
  // Registered first so it runs last, after the app and the store have closed.
  onTestFinished(() => db.dispose());
  const store = await openForTest(db.options);
  const { dataDir } = db.options;
  const app = await startAppAt(
    dataDir,
    { WEB_BUILD_DIR, ROUNDTABLE_LEAVE_GRACE_MS: '300' },
    { store },
  );
  const { sessionId } = await createSession(app.url);
  const tokens = createTokens(loadSecret(SECRET, dataDir));
  const contexts: BrowserContext[] = [];
  const screen = async (name: string, rotaRole: 'facilitator' | 'deputy' | null) => {
    const record = participantRecord(sessionId, { name, rotaRole, joinedAt: Date.now() });
    await store.addParticipant(record);
    const resumeToken = await tokens.mintResume({ sid: sessionId, pid: record.id }, 3600);
    const context = await newScreen(browser, app.url);
    contexts.push(context);
    const credential = JSON.stringify({ participantId: record.id, resumeToken, name });
    await context.addInitScript(
      ([key, value]) => localStorage.setItem(key as string, value as string),
      [`roundtable:session:${sessionId}`, credential],
    );
    return context;
  };
  const enter = async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${app.url}/s/${sessionId}/room`);
    await page.getByTestId('room').waitFor();
    return page;
  };
  // Each screen closes as the test ends, before the app does (hooks run last-in first).
  onTestFinished(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });
  return { screen, enter };
}

const badges = (page: Page, name: string) =>
  tile(page, name).getByRole('list', { name: `Roles of ${name}` });

test(
  'the deputy steers while the facilitator is away and is asked to hand the role back',
  STEP,
  async ({ browser }) => {
    const meeting = await groupMeeting(browser);
    const fayScreen = await meeting.screen('Fay', 'facilitator');
    const devScreen = await meeting.screen('Dev', 'deputy');
    let fay = await meeting.enter(fayScreen);
    const dev = await meeting.enter(devScreen);
    await badges(dev, 'Fay').getByText('Rota facilitator').waitFor();
    await badges(dev, 'Dev').getByText('Deputy').waitFor();
    await badges(dev, 'Fay').getByText('Facilitator', { exact: true }).waitFor();

    // Fay drops: after the leave grace Dev, the deputy, facilitates.
    await fay.close();
    await badges(dev, 'Dev').getByText('Facilitator', { exact: true }).waitFor();

    // Fay is back: the role stays with Dev, who is asked and may say not now.
    fay = await meeting.enter(fayScreen);
    const offer = dev.getByTestId('hand-back');
    await offer.getByText('Fay is back: hand facilitation back?').waitFor();
    const violations = await blockingViolations(dev);
    expect(violations, describeViolations(violations)).toEqual([]);
    await offer.getByRole('button', { name: 'Not now' }).click();
    await offer.waitFor({ state: 'detached' });
    expect(await badges(fay, 'Dev').getByText('Facilitator', { exact: true }).count()).toBe(1);

    // She drops and returns once more: asked again, Dev hands the role back.
    await fay.close();
    await tile(dev, 'Fay').waitFor({ state: 'detached' });
    fay = await meeting.enter(fayScreen);
    await dev.getByRole('button', { name: 'Hand back to Fay' }).click();
    await badges(fay, 'Fay').getByText('Facilitator', { exact: true }).waitFor();
    await offer.waitFor({ state: 'detached' });
  },
);
