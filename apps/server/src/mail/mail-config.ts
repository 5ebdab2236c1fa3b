import addressparser from 'nodemailer/lib/addressparser';

/**
 * Where outgoing mail goes: a real SMTP server (SMTP_URL), the local Mailpit started with
 * Roundtable (the default, so one machine reads every sign-in link in Mailpit's inbox), or
 * nowhere but the log (MAIL=off; also what happens when Mailpit is not built).
 */
export type MailConfig =
  | { mode: 'off'; from: string }
  | { mode: 'smtp'; smtpUrl: string; from: string }
  | {
      mode: 'local';
      from: string;
      /** MAILPIT_BINARY; the shared build cache when undefined. */
      binary: string | undefined;
      /** Mailpit's web inbox and HTTP API. */
      httpPort: number;
      smtpPort: number;
    };

/** Good enough for a local inbox; a real SMTP server needs an address it may send from. */
export const LOCAL_MAIL_FROM = 'Roundtable <roundtable@localhost>';

/** An SMTP URL nodemailer understands: smtp:// (STARTTLS when offered) or smtps:// (TLS). */
export function checkSmtpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'SMTP_URL must be a URL like smtp://user:password@smtp.example.org:587, not a bare host';
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    return `SMTP_URL must start with smtp:// or smtps://, not "${url.protocol}//"`;
  if (!url.hostname) return 'SMTP_URL must name the mail server host, e.g. smtp://smtp.example.org';
  return null;
}

/** One mailbox, with or without a display name: `Roundtable <no-reply@rt.example.org>`. */
export function checkMailFrom(value: string): string | null {
  const parsed = addressparser(value, { flatten: true });
  const [only] = parsed;
  if (parsed.length !== 1 || !only || !/^[^\s@<>]+@[^\s@<>]+$/.test(only.address))
    return `MAIL_FROM must be one address like "Roundtable <no-reply@rt.example.org>", not "${value}"`;
  return null;
}

/** Reads SMTP_URL, MAIL_FROM, MAIL and the local Mailpit's ports; problems are appended. */
export function readMail(
  env: Record<string, string | undefined>,
  whole: (name: string, fallback: number, min: number) => number,
  problems: string[],
): MailConfig {
  const smtpUrl = env.SMTP_URL?.trim();
  const from = env.MAIL_FROM?.trim();
  const fromProblem = from ? checkMailFrom(from) : null;
  if (fromProblem) problems.push(fromProblem);
  if (smtpUrl) {
    const urlProblem = checkSmtpUrl(smtpUrl);
    if (urlProblem) problems.push(urlProblem);
    // A real server rejects or junks mail from an address it does not serve; no guessing.
    if (!from)
      problems.push(
        'MAIL_FROM must be set with SMTP_URL: the address mail comes from, e.g. "Roundtable <no-reply@rt.example.org>"',
      );
    return { mode: 'smtp', smtpUrl, from: from ?? '' };
  }
  if (env.MAIL === 'off') return { mode: 'off', from: from || LOCAL_MAIL_FROM };
  return {
    mode: 'local',
    from: from || LOCAL_MAIL_FROM,
    binary: env.MAILPIT_BINARY?.trim() || undefined,
    httpPort: whole('MAILPIT_PORT', 8025, 1),
    smtpPort: whole('MAILPIT_SMTP_PORT', 1025, 1),
  };
}
