import { createTransport } from 'nodemailer';

/** One outgoing mail. `text` is required: every mail has a plain-text part. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** An optional HTML alternative to `text`, never instead of it. */
  readonly html?: string;
}

export interface Mailer {
  /** For the start-up message: where mail goes. */
  readonly description: string;
  /** Resolves once the server accepted the mail; rejects with a message naming the server. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface SmtpMailerOptions {
  readonly smtpUrl: string;
  readonly from: string;
  /**
   * Bounds each step of talking to the server (connecting, its greeting, any silence), so an
   * unreachable or stalled server fails the send instead of hanging the request behind it.
   * nodemailer's own defaults are two minutes to connect and ten of silence.
   */
  readonly timeoutMs?: number;
}

/** The URL without its password, for messages and logs. */
export function redactSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (url.password) url.password = '***';
  return url.toString().replace(/\/$/, '');
}

/** Sends through an SMTP server with nodemailer. */
export function createMailer(o: SmtpMailerOptions): Mailer {
  const timeout = o.timeoutMs ?? 10_000;
  const transport = createTransport(
    {
      url: o.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
    },
    { from: o.from },
  );
  const where = redactSmtpUrl(o.smtpUrl);
  return {
    description: `SMTP at ${where}`,
    send: async (m) => {
      try {
        await transport.sendMail({
          to: m.to,
          subject: m.subject,
          text: m.text,
          ...(m.html !== undefined && { html: m.html }),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Could not send mail to ${m.to} through ${where}: ${reason}`, {
          cause: error,
        });
      }
    },
    close: () => transport.close(),
  };
}

/**
 * Prints each mail to the log instead of sending it: without a mail server (MAIL=off, or
 * Mailpit not built) a person on one machine can still follow the sign-in links.
 */
export function createLogMailer(o: { from: string; log: (message: string) => void }): Mailer {
  return {
    description: 'the log (no mail server)',
    send: async (m) => {
      o.log(
        [`Mail from ${o.from} to ${m.to}: ${m.subject}`, ...m.text.split('\n').map((l) => `  ${l}`)]
          .join('\n')
          .trimEnd(),
      );
    },
    close: () => {},
  };
}
