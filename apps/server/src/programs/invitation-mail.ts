import type { MailMessage } from '../mail/mailer.ts';

/** Where an invitation link leads: the web app's page that accepts it once signed in. */
export const ACCEPT_PATH = '/invitations/accept';

export function invitationLink(origin: string, token: string): string {
  const link = new URL(ACCEPT_PATH, origin);
  link.searchParams.set('token', token);
  return link.toString();
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The invitation mail: the program, its purpose, the link and until when it works. */
export function invitationMail(o: {
  to: string;
  programName: string;
  purpose: string;
  link: string;
  expiresAt: number;
}): MailMessage {
  const until = new Date(o.expiresAt).toISOString().slice(0, 10);
  const purpose = o.purpose.trim();
  const text = [
    'Hello,',
    '',
    `You are invited to join "${o.programName}" on Roundtable.`,
    ...(purpose ? ['', purpose] : []),
    '',
    'Open this link to accept (you sign in with this address first):',
    '',
    o.link,
    '',
    `The link works until ${until}. If you did not expect this mail, ignore it.`,
  ].join('\n');
  const html = [
    `<p>You are invited to join <strong>${escapeHtml(o.programName)}</strong> on Roundtable.</p>`,
    ...(purpose ? [`<p>${escapeHtml(purpose)}</p>`] : []),
    `<p><a href="${escapeHtml(o.link)}">Accept the invitation</a> (you sign in with this address first).</p>`,
    `<p>The link works until ${until}.</p>`,
  ].join('\n');
  return { to: o.to, subject: `You are invited to ${o.programName} on Roundtable`, text, html };
}
