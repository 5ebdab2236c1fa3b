import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { expect, onTestFinished, test } from 'vitest';
import { createLogMailer, createMailer } from '../../src/mail/mailer.ts';
import { freePort } from '../live/process.ts';
import { firstLink } from './mailpit-inbox.ts';
import { startTestMailpit } from './test-mailpit.ts';

const FROM = 'Roundtable <no-reply@rt.example.org>';

test('a mail sent through Mailpit arrives with its subject, sender, recipient and text part', async () => {
  const mailpit = await startTestMailpit();
  const mailer = createMailer({ smtpUrl: mailpit.smtpUrl, from: FROM });
  onTestFinished(() => mailer.close());

  await mailer.send({
    to: 'ada@example.org',
    subject: 'Your sign-in link',
    text: 'Sign in to Roundtable:\nhttps://rt.example.org/sign-in?token=abc123\n',
    html: '<p>Sign in: <a href="https://rt.example.org/sign-in?token=abc123">link</a></p>',
  });

  const mail = await mailpit.inbox.waitForMailTo('ada@example.org');
  expect(mail.Subject).toBe('Your sign-in link');
  expect(mail.From).toEqual({ Name: 'Roundtable', Address: 'no-reply@rt.example.org' });
  expect(mail.To).toEqual([{ Name: '', Address: 'ada@example.org' }]);
  expect(mail.Text).toContain('Sign in to Roundtable:');
  expect(mail.HTML).toContain('<a href="https://rt.example.org/sign-in?token=abc123">');
  expect(firstLink(mail.Text)).toBe('https://rt.example.org/sign-in?token=abc123');
});

test('mails to different people land in their own place in the inbox', async () => {
  const mailpit = await startTestMailpit();
  const mailer = createMailer({ smtpUrl: mailpit.smtpUrl, from: FROM });
  onTestFinished(() => mailer.close());

  await mailer.send({ to: 'ada@example.org', subject: 'For Ada', text: 'Hello Ada' });
  await mailer.send({ to: 'Bo@Example.org', subject: 'For Bo', text: 'Hello Bo' });

  expect((await mailpit.inbox.waitForMailTo('bo@example.org')).Subject).toBe('For Bo');
  expect(await mailpit.inbox.listTo('bo@example.org')).toHaveLength(1);
  const ada = await mailpit.inbox.waitForMailTo('ada@example.org');
  // A text-only mail is only text: nothing is invented for the HTML part.
  expect([ada.Subject, ada.Text.trim(), ada.HTML]).toEqual(['For Ada', 'Hello Ada', '']);
});

test('nothing listening at SMTP_URL: the send rejects, naming the server', async () => {
  const port = await freePort();
  const mailer = createMailer({ smtpUrl: `smtp://u:secret@127.0.0.1:${port}`, from: FROM });
  onTestFinished(() => mailer.close());

  const sending = mailer.send({ to: 'ada@example.org', subject: 's', text: 't' });
  await expect(sending).rejects.toThrow(
    `Could not send mail to ada@example.org through smtp://u:***@127.0.0.1:${port}: `,
  );
  // The password never reaches a message or a log.
  await expect(sending).rejects.not.toThrow('secret');
});

test('a server that accepts the connection and never greets fails the send after the timeout', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
  await once(silent, 'listening');
  onTestFinished(() => {
    for (const socket of sockets) socket.destroy();
    silent.close();
  });
  const { port } = silent.address() as AddressInfo;
  const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 300 });
  onTestFinished(() => mailer.close());

  const started = Date.now();
  await expect(mailer.send({ to: 'ada@example.org', subject: 's', text: 't' })).rejects.toThrow(
    /Could not send mail to ada@example\.org through smtp:\/\/127\.0\.0\.1:\d+: .*(Greeting never received|Timeout)/i,
  );
  expect(sockets.length).toBe(1);
  expect(Date.now() - started).toBeLessThan(5000);
});

test('without a mail server, the mail (and its link) is printed to the log', async () => {
  const lines: string[] = [];
  const mailer = createLogMailer({ from: FROM, log: (line) => lines.push(line) });

  await mailer.send({
    to: 'ada@example.org',
    subject: 'Your sign-in link',
    text: 'Sign in:\nhttps://rt.example.org/sign-in?token=abc123\n',
  });

  expect(mailer.description).toBe('the log (no mail server)');
  expect(lines).toEqual([
    `Mail from ${FROM} to ada@example.org: Your sign-in link\n  Sign in:\n  https://rt.example.org/sign-in?token=abc123`,
  ]);
});
