import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import type { MailConfig } from '../../src/mail/mail-config.ts';
import { startMail, type Mail } from '../../src/mail/mail-service.ts';
import { freePort } from '../live/process.ts';
import { mailpitInbox } from './mailpit-inbox.ts';
import { testMailpitBinary, isRunning } from './test-mailpit.ts';

const FROM = 'Roundtable <roundtable@localhost>';

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-mail-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function localConfig(): Promise<MailConfig> {
  const binary = testMailpitBinary();
  return {
    mode: 'local',
    from: FROM,
    binary,
    httpPort: await freePort(),
    smtpPort: await freePort(),
  };
}

async function started(config: MailConfig, dir: string, log: (m: string) => void): Promise<Mail> {
  const mail = await startMail(config, dir, log);
  onTestFinished(() => mail.stop());
  return mail;
}

test('the local Mailpit receives what the mailer sends, and says where its inbox is', async () => {
  const lines: string[] = [];
  const dir = await dataDir();
  const mail = await started(await localConfig(), dir, (line) => lines.push(line));

  expect(mail.inboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(lines).toEqual([
    expect.stringMatching(
      /^Mail: Mailpit is running at http:\/\/127\.0\.0\.1:\d+ \(pid \d+\), receiving all mail$/,
    ),
  ]);
  expect(lines[0]).toContain(mail.inboxUrl);
  await mail.mailer.send({ to: 'ada@example.org', subject: 'Hello', text: 'Hi Ada' });
  const received = await mailpitInbox(mail.inboxUrl ?? '').waitForMailTo('ada@example.org');
  expect(received).toMatchObject({ Subject: 'Hello', From: { Address: 'roundtable@localhost' } });
  // The inbox is kept in the data directory, so it survives a restart.
  expect(existsSync(join(dir, 'mailpit.db'))).toBe(true);
});

test('a Mailpit left running by a killed server is ended by the next start', async () => {
  const dir = await dataDir();
  const config = await localConfig();
  // The first start is not stopped: as if the server had been killed with SIGKILL. (Its
  // stop at the end only tidies up if the test fails before the second start ends it.)
  const first = await startMail(config, dir, () => {});
  onTestFinished(() => first.stop());
  const firstPid = Number(readFileSync(join(dir, 'mailpit.pid'), 'utf8'));
  expect(isRunning(firstPid)).toBe(true);

  const lines: string[] = [];
  const second = await started(config, dir, (line) => lines.push(line));

  expect(lines[0]).toBe(
    `Ended the Mailpit (pid ${firstPid}) that a previous run of this server left running`,
  );
  expect(isRunning(firstPid)).toBe(false);
  expect(second.inboxUrl).toBe(first.inboxUrl);
});

test('without a Mailpit binary, mail is printed to the log, and the log says why', async () => {
  const lines: string[] = [];
  const config = { ...(await localConfig()), binary: '/nonexistent/mailpit' };
  const mail = await started(config, await dataDir(), (line) => lines.push(line));

  expect(mail.inboxUrl).toBeNull();
  expect(lines).toEqual([
    'Mail: Mailpit is not built (no /nonexistent/mailpit; run scripts/build-mailpit.sh, which needs Go), so mail (sign-in links included) is printed to this log instead.',
  ]);
  await mail.mailer.send({ to: 'ada@example.org', subject: 'Sign in', text: 'https://x.test/s' });
  expect(lines[1]).toBe(`Mail from ${FROM} to ada@example.org: Sign in\n  https://x.test/s`);
});

test('MAIL=off prints mail to the log; SMTP_URL sends there without starting Mailpit', async () => {
  const lines: string[] = [];
  const off = await started({ mode: 'off', from: FROM }, await dataDir(), (l) => lines.push(l));
  expect(off.inboxUrl).toBeNull();
  expect(lines[0]).toContain('Mail: MAIL=off, so mail');

  const port = await freePort();
  const smtp = await started(
    { mode: 'smtp', smtpUrl: `smtp://u:pw@127.0.0.1:${port}`, from: FROM },
    await dataDir(),
    (l) => lines.push(l),
  );
  expect(smtp.inboxUrl).toBeNull();
  expect(lines[1]).toBe(
    `Mail: sending through SMTP at smtp://u:***@127.0.0.1:${port}, from ${FROM}`,
  );
});
