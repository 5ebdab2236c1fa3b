import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { REPO_ROOT } from '../../src/config.ts';
import { mailpitBinaryPath } from '../../src/mail/mailpit-binary.ts';
import { startMailpit, type LocalMailpit } from '../../src/mail/mailpit-process.ts';
import { freePort } from '../live/process.ts';
import { mailpitInbox, type MailpitInbox } from './mailpit-inbox.ts';

/**
 * The Mailpit binary the tests run. Missing is a failure, never a skip: the test setup
 * (scripts/ensure-test-env.sh, run by `npm test`) builds it.
 */
export function testMailpitBinary(): string {
  const binary = mailpitBinaryPath(process.env, REPO_ROOT);
  if (!existsSync(binary))
    throw new Error(
      `Mailpit is not built (no ${binary}): run scripts/build-mailpit.sh (it needs Go), or npm test, whose setup builds it`,
    );
  return binary;
}

/** A real Mailpit on loopback ports of its own, with an empty inbox, stopped when the test ends. */
export async function startTestMailpit(): Promise<LocalMailpit & { inbox: MailpitInbox }> {
  // Its own database file, removed with the test even if Mailpit had to be killed.
  const dir = await mkdtemp(join(tmpdir(), 'roundtable-mailpit-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const mailpit = await startMailpit({
    database: join(dir, 'mailpit.db'),
    binary: testMailpitBinary(),
    host: '127.0.0.1',
    httpPort: await freePort(),
    smtpPort: await freePort(),
  });
  onTestFinished(() => mailpit.stop());
  return { ...mailpit, inbox: mailpitInbox(mailpit.inboxUrl) };
}

/** Whether a process is still alive (signal 0 checks without sending anything). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
