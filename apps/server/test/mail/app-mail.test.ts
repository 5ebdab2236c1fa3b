import { expect, onTestFinished, test } from 'vitest';
import { startApp, type App } from '../../src/app.ts';
import { createLogMailer } from '../../src/mail/mailer.ts';
import { serverEnv, tempDataDir } from '../live/harness.ts';
import { freePort } from '../live/process.ts';
import { mailpitInbox } from './mailpit-inbox.ts';
import { testMailpitBinary } from './test-mailpit.ts';

async function started(options: Parameters<typeof startApp>[0]): Promise<App> {
  const app = await startApp(options);
  onTestFinished(() => app.close());
  return app;
}

test('the app sends through the Mailpit it starts, and stops it when it closes', async () => {
  const env = serverEnv(await tempDataDir(), {
    MAIL: '',
    MAILPIT_BINARY: testMailpitBinary(),
    MAILPIT_PORT: String(await freePort()),
    MAILPIT_SMTP_PORT: String(await freePort()),
  });
  const app = await started({ env, quiet: true });
  expect(app.inboxUrl).toBe(`http://127.0.0.1:${env.MAILPIT_PORT}`);

  await app.mailer.send({ to: 'ada@example.org', subject: 'Through the app', text: 'Hello' });
  const mail = await mailpitInbox(app.inboxUrl ?? '').waitForMailTo('ada@example.org');
  expect(mail).toMatchObject({ Subject: 'Through the app', From: { Name: 'Roundtable' } });

  await app.close();
  await expect(fetch(`${app.inboxUrl}/readyz`)).rejects.toThrow();
});

test('a mailer given to startApp is the one it uses, and no Mailpit is started', async () => {
  const sent: string[] = [];
  const mailer = createLogMailer({ from: 'rt@example.org', log: (line) => sent.push(line) });
  const env = serverEnv(await tempDataDir(), { MAIL: '', MAILPIT_PORT: String(await freePort()) });
  const app = await started({ env, quiet: true, mailer });

  expect(app.mailer).toBe(mailer);
  expect(app.inboxUrl).toBeNull();
  await expect(fetch(`http://127.0.0.1:${env.MAILPIT_PORT}/readyz`)).rejects.toThrow();
});
