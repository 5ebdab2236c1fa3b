import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { assembleGroup, startRound, waitForPhase, type Group } from '../support/room.ts';
import type { RunningServer } from '../support/server.ts';
import { MEDIA_MS, micOf, videoPlays } from './media-checks.ts';
import { launchMediaBrowser, startMediaServer } from './media-server.ts';

// The media server goes away mid-meeting and comes back: the room says so plainly, the meeting
// goes on, and audio and video return by themselves with fresh tokens.
let server: RunningServer;
let browser: Browser;
let group: Group;
let revived: ChildProcess | null = null;

beforeAll(async () => {
  server = await startMediaServer();
  browser = await launchMediaBrowser();
  group = await assembleGroup(browser, server.url, {
    title: 'Outage group',
    protocol: 'Issue Analysis',
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  revived?.kill('SIGTERM');
});

/** The LiveKit process the test's server started, and the command line it was started with. */
function liveKitOf(serverPid: number): { pid: number; argv: string[] } {
  const pid = Number(execFileSync('pgrep', ['-P', String(serverPid)], { encoding: 'utf8' }).trim());
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  return { pid, argv };
}

describe('the media server goes away and comes back', () => {
  test('the room says so, then reconnects on its own', async () => {
    const { fay, ben, everyone } = group;
    await micOf(ben.page, 'Fay', 'published');
    const liveKit = liveKitOf(server.pid);
    process.kill(liveKit.pid, 'SIGKILL');

    // The server notices when it next tells LiveKit who may speak: here, a round starts.
    await fay.page.bringToFront();
    await startRound(fay.page, { protocol: 'Issue Analysis', presenter: 'Pat' });
    for (const person of everyone) await waitForPhase(person.page, 'Presentation');
    for (const page of [fay.page, ben.page]) {
      const notice = page.getByTestId('media-unavailable');
      await notice.waitFor({ timeout: MEDIA_MS });
      expect(await notice.innerText()).toContain('The media server cannot be reached');
    }

    // Same binary, configuration, ports and keys: the server's monitor finds it again.
    const [binary, ...args] = liveKit.argv;
    if (!binary) throw new Error('no LiveKit command line');
    revived = spawn(binary, args, { stdio: 'ignore' });
    for (const page of [fay.page, ben.page]) {
      await page.getByTestId('media-unavailable').waitFor({ state: 'detached', timeout: MEDIA_MS });
    }
    // Everyone is back, with the permission of now: only the presenter's microphone.
    await micOf(ben.page, 'Pat', 'published');
    await micOf(ben.page, 'Fay', 'unpublished');
    await micOf(fay.page, 'Pat', 'published');
    await videoPlays(ben.page, 'Fay');
  });
});
