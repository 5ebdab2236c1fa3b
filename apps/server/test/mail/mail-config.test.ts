import { expect, test } from 'vitest';
import { readConfig } from '../../src/config.ts';

const FROM = 'Roundtable <no-reply@rt.example.org>';

test('by default mail goes to the local Mailpit, from a local address', () => {
  expect(readConfig({ MAILPIT_PORT: '9025', MAILPIT_SMTP_PORT: '9026' }, '/')).toMatchObject({
    ok: true,
    config: {
      mail: {
        mode: 'local',
        from: 'Roundtable <roundtable@localhost>',
        httpPort: 9025,
        smtpPort: 9026,
      },
    },
  });
});

test('SMTP_URL and MAIL_FROM send through a real mail server', () => {
  const env = { SMTP_URL: 'smtps://user:pw@smtp.example.org:465', MAIL_FROM: FROM };
  expect(readConfig(env, '/')).toMatchObject({
    ok: true,
    config: { mail: { mode: 'smtp', smtpUrl: env.SMTP_URL, from: FROM } },
  });
  expect(readConfig({ MAIL: 'off', MAIL_FROM: 'rt@example.org' }, '/')).toMatchObject({
    ok: true,
    config: { mail: { mode: 'off', from: 'rt@example.org' } },
  });
});

test.each([
  [{ SMTP_URL: 'smtp.example.org', MAIL_FROM: FROM }, 'SMTP_URL must be a URL like smtp://'],
  [{ SMTP_URL: 'https://smtp.example.org', MAIL_FROM: FROM }, 'not "https://"'],
  [{ SMTP_URL: 'smtp://smtp.example.org' }, 'MAIL_FROM must be set with SMTP_URL'],
  [{ MAIL_FROM: 'Roundtable' }, 'MAIL_FROM must be one address like'],
  [{ MAIL_FROM: 'a@example.org, b@example.org' }, 'MAIL_FROM must be one address like'],
  [{ MAILPIT_PORT: 'http' }, 'MAILPIT_PORT must be a whole number'],
])('%o is refused with a clear message', (env, problem) => {
  expect(readConfig(env, '/')).toEqual({ ok: false, problems: [expect.stringContaining(problem)] });
});
