import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { valueOf } from '@roundtable/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAccessibleAtBothWidths } from '../support/accessibility.ts';
import { launchBrowser } from '../support/browser.ts';
import { assertWebBuilt } from '../support/paths.ts';
import {
  firstCoordinator,
  invitedMember,
  pageAs,
  type SignedInPerson,
} from '../support/programs.ts';
import { startServer, type RunningServer } from '../support/server.ts';

/*
 * A group's members on their pages: contracting (accepting, proposing, a version that changed
 * meanwhile), the rota, and the way from the group page through the lobby into the room. The
 * program and group are set up through the API by the people themselves (support/programs.ts).
 */

let server: RunningServer;
let browser: Browser;
let dataDir: string;
let groupId: string;
let coordinator: SignedInPerson;
const people: Record<'ann' | 'bo' | 'cy', SignedInPerson> = {} as never;

beforeAll(async () => {
  assertWebBuilt();
  dataDir = mkdtempSync(join(tmpdir(), 'roundtable-e2e-group-'));
  [server, browser] = await Promise.all([startServer({ DATA_DIR: dataDir }), launchBrowser()]);
  const cora = await firstCoordinator(server, 'cora@example.org');
  const { program } = valueOf(
    await cora.client.createProgram({
      name: 'Mentoring 2027',
      purpose: '',
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      cadence: 'monthly',
      protocolId: 'good-news-analysis',
    }),
    'create a program',
  );
  for (const name of ['ann', 'bo', 'cy'] as const)
    people[name] = await invitedMember(server, cora, {
      programId: program.id,
      email: `${name}@example.org`,
    });
  const view = valueOf(await cora.client.program(program.id), 'the program page');
  const { group } = valueOf(
    await cora.client.createGroup(program.id, {
      name: 'Trio',
      memberIds: view.members.map((member) => member.id),
    }),
    'form a group',
  );
  groupId = group.id;
  coordinator = cora;
  // In the program, not in the group: the coordinator adds her later.
  await invitedMember(server, cora, { programId: program.id, email: 'dee@example.org' });
}, 60_000);

afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const main = (page: Page) => page.getByRole('main');

async function groupPage(who: SignedInPerson): Promise<Page> {
  const { page } = await pageAs(browser, server, who);
  await page.goto(`${server.url}/groups/${groupId}`);
  await page.getByRole('heading', { level: 1, name: 'Trio' }).waitFor();
  return page;
}

describe('a group page', () => {
  test('accepting the rules, proposing a change, and a version that changed meanwhile', async () => {
    const ann = await groupPage(people.ann);
    await main(ann).getByRole('heading', { name: 'Version 1' }).waitFor();
    await expectAccessibleAtBothWidths(ann, 'the group page');
    await main(ann).getByRole('button', { name: 'Accept these rules' }).click();
    await ann.getByRole('status').getByText('You accepted version 1 of the rules.').waitFor();
    expect(await main(ann).getByRole('button', { name: 'Accept these rules' }).count()).toBe(0);

    await main(ann).getByRole('button', { name: 'Propose a change' }).click();
    await main(ann).getByRole('button', { name: 'Add a rule' }).click();
    // Adding a rule puts the keyboard in its field.
    await ann.keyboard.type('Phones on silent');
    await ann.getByLabel('Why (a note for the group)').fill('We agreed at the first meeting');
    await main(ann).getByRole('button', { name: 'Propose this version' }).click();
    await ann.getByRole('status').getByText('Version 2 proposed').waitFor();
    const current = main(ann).getByRole('list', { name: 'Rules of version 2' });
    expect(await current.getByText('Phones on silent').count()).toBe(1);
    await ann.getByText('Earlier versions (1)').click();
    await main(ann).getByRole('list', { name: 'Rules of version 1' }).waitFor();

    // Bo reads version 2; Cy proposes version 3 meanwhile; Bo's acceptance is refused and the
    // page shows the new version to accept.
    const bo = await groupPage(people.bo);
    await main(bo).getByRole('heading', { name: 'Version 2' }).waitFor();
    const v2 = valueOf(await people.cy.client.group(groupId), 'group').ruleVersions.at(-1);
    valueOf(
      await people.cy.client.proposeRules(groupId, {
        basedOn: v2?.version ?? 0,
        rules: [...(v2?.rules ?? []), 'Start on time'],
        note: '',
      }),
      'propose version 3',
    );
    await main(bo).getByRole('button', { name: 'Accept these rules' }).click();
    await bo.getByRole('status').getByText('The rules changed while you were reading').waitFor();
    await main(bo).getByRole('heading', { name: 'Version 3' }).waitFor();
    await main(bo).getByRole('button', { name: 'Accept these rules' }).click();
    await bo.getByRole('status').getByText('You accepted version 3 of the rules.').waitFor();
  });

  test('the rota moves with the keyboard, and the server keeps the new order', async () => {
    const ann = await groupPage(people.ann);
    const rota = main(ann).getByRole('list', { name: 'Rota order' });
    const before = await rota.getByTestId('rota-name').allInnerTexts();
    const first = before[0] ?? '';
    await rota.getByRole('button', { name: `Down: ${first} later` }).focus();
    await ann.keyboard.press('Enter');
    await ann.getByRole('status').getByText(`${first} is now number 2 in the rota.`).waitFor();
    const saved = valueOf(await people.ann.client.group(groupId), 'group').rota.order;
    expect(saved.map((person) => person.name)).toEqual([before[1], before[0], before[2]]);
    // No meeting was held yet: the first in the new order facilitates next, the second deputises.
    await main(ann).getByText(`Next facilitator: ${before[1]}; deputy: ${before[0]}.`).waitFor();
    // The keyboard stays with the person who moved.
    const focused = await ann.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(focused).toContain(first);
  });

  test('a member starts the meeting, accepts only the new rule in its lobby, and enters the room', async () => {
    const ann = await groupPage(people.ann);
    await main(ann).getByRole('button', { name: 'Start the meeting' }).click();
    await ann.getByText('New since you last accepted the rules').waitFor();
    const toAccept = main(ann).getByRole('group', {
      name: 'New since you last accepted the rules',
    });
    expect((await toAccept.getByRole('listitem').allInnerTexts()).map((t) => t.trim())).toEqual([
      'Start on time',
    ]);
    const enter = main(ann).getByRole('button', { name: 'Enter the room' });
    expect(await enter.isDisabled()).toBe(true);
    await expectAccessibleAtBothWidths(ann, 'the meeting lobby');
    await ann.getByLabel('I accept this rule').check();
    await enter.click();
    await ann.getByTestId('room').waitFor();
    expect(new URL(ann.url()).pathname).toMatch(/^\/s\/[^/]+\/room$/);

    // Bo accepted the current rules: the group page leads into the running meeting, and its
    // lobby asks nothing.
    const bo = await groupPage(people.bo);
    await main(bo).getByRole('link', { name: 'Enter the meeting' }).click();
    await bo.getByText('You have accepted these rules.').waitFor();
    await main(bo).getByRole('button', { name: 'Enter the room' }).click();
    await bo.getByTestId('room').waitFor();
    expect(new URL(bo.url()).pathname).toBe(new URL(ann.url()).pathname);

    // The group page shows the running meeting and who is in it, from their presence.
    const cy = await groupPage(people.cy);
    await main(cy).getByRole('heading', { name: 'Meeting 1 (running now)' }).waitFor();
    const came = main(cy).getByRole('list', { name: 'Who came to meeting 1' });
    for (let tries = 0; (await came.getByRole('listitem').count()) < 2; tries++) {
      if (tries > 50) throw new Error('attendance never showed two people');
      await cy.reload();
      await came.or(main(cy).getByText('Nobody came in.')).first().waitFor();
    }
    const who = (await came.getByRole('listitem').allInnerTexts()).map((t) => t.split(':')[0]);
    expect(who.sort()).toEqual(['ann', 'bo']);
    await main(cy).getByRole('link', { name: 'Enter the meeting' }).waitFor();
  });
});

describe('a group one may not see', () => {
  test('reads "Not found" for a member, and asks a signed-out visitor to sign in', async () => {
    const { page } = await pageAs(browser, server, people.ann);
    await page.goto(`${server.url}/groups/no-such-group`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    await page.getByRole('alert').getByText('There is no group here that you can see.').waitFor();

    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${server.url}/groups/${groupId}`);
    await stranger.getByRole('heading', { level: 1, name: 'Sign in to see group' }).waitFor();
    const signIn = main(stranger).getByRole('link', { name: 'Sign in' });
    const back = new URL((await signIn.getAttribute('href')) ?? '', server.url).searchParams.get(
      'return',
    );
    expect(back).toBe(`/groups/${groupId}`);
    await expectAccessibleAtBothWidths(stranger, 'a group page, signed out');
  });
});

describe('my data', () => {
  test('downloads what is kept, then deletes the account; the group names a former member', async () => {
    const { page } = await pageAs(browser, server, people.cy);
    await page.goto(`${server.url}/me`);
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    expect(await main(page).getByText('cy@example.org').count()).toBeGreaterThan(0);
    await expectAccessibleAtBothWidths(page, 'my data');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      main(page).getByRole('link', { name: 'Download as JSON' }).click(),
    ]);
    const saved = await download.path();
    expect(readFileSync(saved, 'utf8')).toContain('cy@example.org');
    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      main(page).getByRole('link', { name: 'Download as Markdown' }).click(),
    ]);
    const text = readFileSync(await markdown.path(), 'utf8');
    expect(text).toContain('# My data in Roundtable');
    expect(text).toContain('- Email: cy@example.org');

    const remove = main(page).getByRole('button', { name: 'Delete my account' });
    await page.getByLabel('Type your email address').fill('someone@example.org');
    expect(await remove.isDisabled()).toBe(true);
    await page.getByLabel('Type your email address').fill('cy@example.org');
    await remove.click();
    // Signed out, at home.
    await page.getByRole('heading', { level: 1, name: 'Roundtable' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();

    // Cy proposed version 3: the group keeps it, naming a former member.
    const ann = await groupPage(people.ann);
    await main(ann).getByText('proposed by a former member').first().waitFor();
    expect(await main(ann).getByText('cy', { exact: true }).count()).toBe(0);
  });
});

describe("a coordinator on the group's page", () => {
  test('adds a program member to the group and takes her out again', async () => {
    const page = await groupPage(coordinator);
    await page.getByText('You are looking as a coordinator').waitFor();
    expect(await main(page).getByRole('button', { name: 'Start the meeting' }).count()).toBe(0);
    const form = main(page).getByRole('form', { name: 'Members of the group' });
    await form.getByLabel('dee@example.org').check();
    await form.getByRole('button', { name: 'Change the members' }).click();
    await page.getByRole('status').getByText('The group has 3 members now.').waitFor();
    const members = valueOf(await coordinator.client.group(groupId), 'group').group.members;
    expect(members.map((m) => m.name)).toContain('dee');
    await expectAccessibleAtBothWidths(page, 'the group page of a coordinator');

    await form.getByLabel('dee@example.org').uncheck();
    await form.getByRole('button', { name: 'Change the members' }).click();
    await page.getByRole('status').getByText('The group has 2 members now.').waitFor();
    const after = valueOf(await coordinator.client.group(groupId), 'group').group.members;
    expect(after.map((m) => m.name)).not.toContain('dee');
  });
});
