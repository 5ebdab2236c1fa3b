import type { MailMessage } from '../mail/mailer.ts';

/** Where a sign-in link leads: the web app's confirm page, not better-auth's verify URL. */
export const CONFIRM_PATH = '/sign-in/confirm';

/**
 * The sign-in mail. Its link opens our confirm page, whose button verifies the token: mail
 * scanners that follow every link (Outlook's Safe Links, antivirus gateways) would otherwise
 * use up a single-use link before its person clicks it (decision 0080).
 */
export function signInMail(o: {
  to: string;
  origin: string;
  token: string;
  ttl: number;
}): MailMessage {
  const link = new URL(CONFIRM_PATH, o.origin);
  link.searchParams.set('token', o.token);
  const minutes = Math.max(1, Math.round(o.ttl / 60));
  return {
    to: o.to,
    subject: 'Your Roundtable sign-in link',
    text: [
      'Hello,',
      '',
      'Open this link to sign in to Roundtable:',
      '',
      link.toString(),
      '',
      `It works once, within ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      'If you did not ask to sign in, ignore this mail: nobody can sign in without the link.',
    ].join('\n'),
  };
}
