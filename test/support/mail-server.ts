import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mailpitBinaryPath } from '../../apps/server/src/mail/mailpit-binary.ts';
import { startMailpit } from '../../apps/server/src/mail/mailpit-process.ts';
import { mailpitInbox, type MailpitInbox } from '../../apps/server/test/mail/mailpit-inbox.ts';
import { REPO_ROOT, assertWebBuilt } from './paths.ts';
import { startServer, type RunningServer } from './server.ts';
import { freePort } from './free-port.ts';

/** The app sending its mail through a real Mailpit of the test's own, and that inbox. */
export type MailServer = RunningServer & { inbox: MailpitInbox };

/**
 * A real Mailpit on free loopback ports, and the server (its own data directory) with
 * SMTP_URL pointing at it, so a browser test can follow a link read out of the inbox. The
 * caller stops it; stopping stops both and removes their files.
 */
export async function startMailServer(env: Record<string, string> = {}): Promise<MailServer> {
  assertWebBuilt();
  const binary = mailpitBinaryPath(process.env, REPO_ROOT);
  if (!existsSync(binary))
    throw new Error(`Mailpit is not built (no ${binary}): run scripts/build-mailpit.sh`);
  const dir = mkdtempSync(join(tmpdir(), 'roundtable-e2e-mail-'));
  const mailpit = await startMailpit({
    binary,
    host: '127.0.0.1',
    httpPort: await freePort(),
    smtpPort: await freePort(),
    database: join(dir, 'mailpit.db'),
  });
  const server = await startServer({
    DATA_DIR: join(dir, 'data'),
    MAIL: '',
    SMTP_URL: mailpit.smtpUrl,
    MAIL_FROM: 'Roundtable <roundtable@test.example>',
    ...env,
  }).catch(async (error: unknown) => {
    await mailpit.stop();
    throw error;
  });
  return {
    ...server,
    inbox: mailpitInbox(mailpit.inboxUrl),
    stop: async () => {
      const code = await server.stop();
      await mailpit.stop();
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
