import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApiClient, valueOf } from '@roundtable/client';
import type { CreatedSession, CreateSessionRequest } from '@roundtable/wire';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { signedInHeaders } from '../../apps/server/test/people/sign-in-from-log.ts';
import { signInContext } from './sign-in.ts';

/** One person at their own screen: a browser context of their own, so storage is theirs. */
export interface Person {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
}

export const SCREENSHOTS = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));

/** A fresh context that may use the clipboard, camera and microphone (Chromium's fake ones). */
export async function newScreen(browser: Browser, origin: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write', 'camera', 'microphone'], {
    origin,
  });
  return context;
}

/** Copies a link with the page's own Copy button and reads it back from the clipboard. */
export async function copyLink(page: Page, what: 'facilitator link' | 'member link') {
  await page.getByRole('button', { name: `Copy ${what}` }).click();
  await page.getByRole('button', { name: `Copied ${what}` }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

/**
 * Creates a session through the Start page, signed in (as the host, once per server), and
 * returns the two invite links.
 */
export async function startSession(
  page: Page,
  origin: string,
  options: { title: string; protocol: string },
): Promise<{ facilitatorLink: string; memberLink: string }> {
  await signInContext(page.context(), origin);
  await page.goto(`${origin}/new`);
  await page.getByLabel('Session title').fill(options.title);
  await page.getByRole('radio', { name: options.protocol }).check();
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.getByRole('heading', { name: `“${options.title}” is ready` }).waitFor();
  return {
    facilitatorLink: await copyLink(page, 'facilitator link'),
    memberLink: await copyLink(page, 'member link'),
  };
}

/**
 * Creates a session through the HTTP API (POST /api/sessions), signed in as the host (once per
 * server), and returns its two links.
 */
export async function createSessionByApi(
  origin: string,
  options: CreateSessionRequest,
): Promise<CreatedSession> {
  const api = createApiClient({ baseUrl: origin, headers: await signedInHeaders(origin) });
  const created = await api.createSession(options);
  return valueOf(created, 'POST /api/sessions');
}

/** Goes through the lobby: accepts the ground rules, gives a name, enters the room. */
export async function enterRoom(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('I accept these ground rules').check();
  await page.getByLabel('Your name in the room').fill(name);
  await page.getByRole('button', { name: 'Enter the room' }).click();
  await page.getByTestId('room').waitFor();
}

export async function joinAs(
  browser: Browser,
  origin: string,
  link: string,
  name: string,
): Promise<Person> {
  const context = await newScreen(browser, origin);
  const page = await context.newPage();
  await enterRoom(page, link, name);
  return { name, context, page };
}

/** Waits until the locator's text is exactly `text` (whitespace trimmed). */
export async function waitForText(locator: Locator, text: string | RegExp, timeout = 10_000) {
  const pattern = typeof text === 'string' ? new RegExp(`^\\s*${escape(text)}\\s*$`) : text;
  await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export async function waitForPhase(page: Page, title: string): Promise<void> {
  await waitForText(page.getByTestId('phase-title'), title);
}

/** A person's tile in the room, found by the name on it. */
export function tile(page: Page, name: string): Locator {
  return page.getByTestId('person').filter({
    has: page.getByTestId('person-name').filter({ hasText: new RegExp(`^\\s*${escape(name)}`) }),
  });
}

export async function voiceOf(page: Page, name: string): Promise<string> {
  return (await tile(page, name).getByTestId('person-voice').innerText()).trim();
}

export function console_(page: Page): Locator {
  return page.getByTestId('facilitator-console');
}

/** Clicks a facilitator console button and waits for the phase it leads to. */
export async function facilitate(page: Page, button: string | RegExp): Promise<void> {
  await console_(page).getByRole('button', { name: button }).click();
}

export async function startRound(
  page: Page,
  options: { protocol: string; presenter: string; roles?: Record<string, string> },
): Promise<void> {
  const panel = console_(page);
  await panel.getByLabel('Protocol').selectOption({ label: options.protocol });
  await panel.getByLabel('Presenter').selectOption({ label: options.presenter });
  for (const [role, who] of Object.entries(options.roles ?? {})) {
    await panel.getByLabel(role).selectOption({ label: who });
  }
  await panel.getByRole('button', { name: 'Start round' }).click();
}

/** Adds a card with the keyboard: type, then Enter. */
export async function addCard(page: Page, text: string, kind?: string): Promise<void> {
  const board = page.getByTestId('board');
  if (kind) await board.getByLabel('Kind').selectOption({ label: kind });
  const field = board.locator('#card-text');
  await field.fill(text);
  await field.press('Enter');
  await card(page, text).waitFor();
}

export function card(page: Page, text: string): Locator {
  return page
    .getByTestId('card')
    .filter({ has: page.getByTestId('card-text').filter({ hasText: text }) });
}

/**
 * Each page's phase clock at the same moment. Pages share the browser's clock, so readings
 * taken a few milliseconds apart are corrected by how far apart they were taken.
 */
export async function phaseClocks(pages: readonly Page[]): Promise<number[]> {
  const readings = await Promise.all(
    pages.map((p) =>
      p.getByTestId('phase-countdown').evaluate((el) => ({
        ms: Number((el as HTMLElement).dataset.remainingMs),
        at: Date.now(),
      })),
    ),
  );
  const first = readings[0]?.at ?? 0;
  return readings.map((r) => r.ms + (r.at - first));
}

/**
 * Full-page screenshots at a phone and a desktop width, checking on the way that the page
 * fits each without sideways scrolling. The page is left at desktop width.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scrollWidth > width) {
      throw new Error(`${name} is ${scrollWidth}px wide on a ${width}px screen`);
    }
    await page.screenshot({ path: `${SCREENSHOTS}${name}-${width}.png`, fullPage: true });
  }
}

/** The group every room test meets with: Fay facilitates, Pat presents, Ben and Cleo are peers. */
export interface Group {
  readonly fay: Person;
  readonly pat: Person;
  readonly ben: Person;
  readonly cleo: Person;
  readonly everyone: readonly Person[];
  readonly memberLink: string;
}

/**
 * Fay sets the session up on the Start page, copies both links and enters with the
 * facilitator's; the others enter with the member link, in order of arrival.
 */
export async function assembleGroup(
  browser: Browser,
  origin: string,
  options: { title: string; protocol: string },
): Promise<Group> {
  const context = await newScreen(browser, origin);
  const page = await context.newPage();
  const links = await startSession(page, origin, options);
  await enterRoom(page, links.facilitatorLink, 'Fay');
  const fay = { name: 'Fay', context, page };
  const pat = await joinAs(browser, origin, links.memberLink, 'Pat');
  const ben = await joinAs(browser, origin, links.memberLink, 'Ben');
  const cleo = await joinAs(browser, origin, links.memberLink, 'Cleo');
  const everyone = [fay, pat, ben, cleo];
  // Everyone sees everyone before the meeting starts.
  for (const person of everyone) await tile(person.page, 'Cleo').waitFor();
  return { fay, pat, ben, cleo, everyone, memberLink: links.memberLink };
}
