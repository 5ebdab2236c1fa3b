import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../config.ts';
import { forgetPid, rememberPid } from '../processes/leftover-process.ts';
import { endLeftoverMailpit } from './leftover-mailpit.ts';
import type { MailConfig } from './mail-config.ts';
import { createLogMailer, createMailer, type Mailer } from './mailer.ts';
import { mailpitBinaryPath } from './mailpit-binary.ts';
import { startMailpit } from './mailpit-process.ts';

export interface Mail {
  readonly mailer: Mailer;
  /** The local Mailpit's web inbox, where a person on this machine reads every mail. */
  readonly inboxUrl: string | null;
  stop(): Promise<void>;
}

/** A mailer the caller made and owns (a test's): no Mailpit is started, nothing is closed. */
export function givenMailer(mailer: Mailer): Mail {
  return { mailer, inboxUrl: null, stop: async () => {} };
}

function logOnly(from: string, log: (m: string) => void, why: string): Mail {
  log(`Mail: ${why}, so mail (sign-in links included) is printed to this log instead.`);
  const mailer = createLogMailer({ from, log });
  return { mailer, inboxUrl: null, stop: async () => mailer.close() };
}

/**
 * Brings up mail as configured. Never fails the app: without a mail server every mail is
 * printed to the log, so a person on one machine can still follow its links.
 */
export async function startMail(
  config: MailConfig,
  dataDir: string,
  log: (m: string) => void,
): Promise<Mail> {
  if (config.mode === 'off') return logOnly(config.from, log, 'MAIL=off');
  if (config.mode === 'smtp') {
    const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.from });
    log(`Mail: sending through ${mailer.description}, from ${config.from}`);
    return { mailer, inboxUrl: null, stop: async () => mailer.close() };
  }
  return startLocal(config, dataDir, log);
}

/** The local Mailpit, its inbox kept in the data directory; the log if it cannot run. */
async function startLocal(
  config: Extract<MailConfig, { mode: 'local' }>,
  dataDir: string,
  log: (m: string) => void,
): Promise<Mail> {
  const binary = config.binary ?? mailpitBinaryPath(process.env, REPO_ROOT);
  if (!existsSync(binary))
    return logOnly(
      config.from,
      log,
      `Mailpit is not built (no ${binary}; run scripts/build-mailpit.sh, which needs Go)`,
    );
  mkdirSync(dataDir, { recursive: true });
  // The inbox outlives a restart, so a sign-in link mailed just before one can still be read.
  const database = join(dataDir, 'mailpit.db');
  const pidFile = join(dataDir, 'mailpit.pid');
  const leftover = await endLeftoverMailpit({ pidFile, database });
  if (leftover !== undefined)
    log(`Ended the Mailpit (pid ${leftover}) that a previous run of this server left running`);
  try {
    const mailpit = await startMailpit({
      binary,
      host: '127.0.0.1',
      httpPort: config.httpPort,
      smtpPort: config.smtpPort,
      database,
    });
    rememberPid(pidFile, mailpit.pid);
    const mailer = createMailer({ smtpUrl: mailpit.smtpUrl, from: config.from });
    log(`Mail: Mailpit is running at ${mailpit.inboxUrl} (pid ${mailpit.pid}), receiving all mail`);
    return {
      mailer,
      inboxUrl: mailpit.inboxUrl,
      stop: async () => {
        mailer.close();
        await mailpit.stop();
        forgetPid(pidFile);
      },
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return logOnly(config.from, log, `Mailpit did not start (${reason})`);
  }
}
