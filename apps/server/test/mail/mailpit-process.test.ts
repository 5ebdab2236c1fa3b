import { createServer } from 'node:net';
import { once } from 'node:events';
import { expect, onTestFinished, test } from 'vitest';
import { mailpitArgs, startMailpit } from '../../src/mail/mailpit-process.ts';
import { freePort } from '../live/process.ts';
import { startTestMailpit, testMailpitBinary, isRunning } from './test-mailpit.ts';

test('Mailpit starts on loopback, answers its API, and stops cleanly', async () => {
  const mailpit = await startTestMailpit();
  const info = (await (await fetch(`${mailpit.inboxUrl}/api/v1/info`)).json()) as {
    Version: string;
    LatestVersion: string;
  };
  // The pinned build, and no release check (it would call GitHub's API).
  expect(info).toMatchObject({ Version: 'v1.33.1', LatestVersion: 'disabled' });
  expect(mailpit.inboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(mailpit.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);

  await mailpit.stop();
  expect(isRunning(mailpit.pid ?? 0)).toBe(false);
  await expect(fetch(`${mailpit.inboxUrl}/readyz`)).rejects.toThrow();
});

test('the command line keeps Mailpit from calling out', () => {
  const args = mailpitArgs({ binary: 'mailpit', host: '127.0.0.1', httpPort: 1, smtpPort: 2 });
  expect(args).toEqual(
    expect.arrayContaining([
      '--disable-version-check',
      '--smtp-disable-rdns',
      '--block-remote-css-and-fonts',
    ]),
  );
  expect(args.join(' ')).not.toMatch(/relay|pop3|webhook/);
});

test('a taken port fails the start with what Mailpit said', async () => {
  const blocker = createServer().listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  onTestFinished(() => {
    blocker.close();
  });
  const { port } = blocker.address() as { port: number };
  const starting = startMailpit({
    binary: testMailpitBinary(),
    host: '127.0.0.1',
    httpPort: await freePort(),
    smtpPort: port,
  });
  await expect(starting).rejects.toThrow(
    /Mailpit exited with code \d+[\s\S]*address already in use/,
  );
});

test('a missing binary fails the start at once, naming the file', async () => {
  const starting = startMailpit({
    binary: '/nonexistent/mailpit',
    host: '127.0.0.1',
    httpPort: await freePort(),
    smtpPort: await freePort(),
  });
  await expect(starting).rejects.toThrow(
    /^Could not start \/nonexistent\/mailpit: spawn \/nonexistent\/mailpit ENOENT$/,
  );
});
