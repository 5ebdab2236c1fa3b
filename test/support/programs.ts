import { createApiClient, valueOf, type ApiClient } from '@roundtable/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInFromLog } from '../../apps/server/test/people/sign-in-from-log.ts';
import type { MailpitInbox } from '../../apps/server/test/mail/mailpit-inbox.ts';
import type { RunningServer } from './server.ts';

/*
 * Programs and groups for browser tests about the pages that come after them: set up through
 * the real HTTP API as the signed-in people themselves (a coordinator, members accepting their
 * invitations), with the links the server printed (MAIL=off). The pages under test are then
 * driven in Chromium with the same people's session cookies.
 */

const PATIENCE_MS = 5000;

/** The first link matching `pattern` in the first mail to `email` printed after `from`. */
export async function printedMailLink(
  output: () => string,
  options: { from: number; email: string; pattern: RegExp },
): Promise<string> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const printed = output().slice(options.from);
    const at = printed.indexOf(` to ${options.email}:`);
    const link = at >= 0 ? options.pattern.exec(printed.slice(at))?.[0] : undefined;
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`No link for ${options.email} in:\n${printed}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const INVITATION_LINK = /https?:\/\/\S+\/invitations\/accept\?token=\S+/;

export interface SignedInPerson {
  readonly email: string;
  readonly cookie: string;
  readonly client: ApiClient;
}

/** Signs `email` in through the printed magic link; an API client sending their cookie. */
export async function signedInPerson(server: RunningServer, email: string) {
  const cookie = await signInFromLog(server.url, server.output, email);
  const client = createApiClient({ baseUrl: server.url, headers: { cookie, origin: server.url } });
  return { email, cookie, client } satisfies SignedInPerson;
}

/** The first coordinator: signs in and uses the setup link the server printed at start. */
export async function firstCoordinator(server: RunningServer, email: string) {
  const person = await signedInPerson(server, email);
  const printed = /\/setup\?token=(\S+)/.exec(server.output());
  valueOf(await person.client.claimSetup({ token: printed?.[1] ?? '' }), 'claim setup');
  return person;
}

/** Invites `email` to the program, then signs them in and accepts the printed link. */
export async function invitedMember(
  server: RunningServer,
  coordinator: SignedInPerson,
  options: { programId: string; email: string },
): Promise<SignedInPerson> {
  const from = server.output().length;
  valueOf(
    await coordinator.client.invite(options.programId, { emails: [options.email] }),
    'invite',
  );
  const link = await printedMailLink(server.output, {
    from,
    email: options.email,
    pattern: INVITATION_LINK,
  });
  const person = await signedInPerson(server, options.email);
  const token = new URL(link).searchParams.get('token') ?? '';
  valueOf(await person.client.acceptInvitation({ token }), 'accept the invitation');
  return person;
}

/** A browser context signed in as `person` (their session cookie), with a page open. */
export async function pageAs(
  browser: Browser,
  server: RunningServer,
  person: SignedInPerson,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const split = person.cookie.indexOf('=');
  await context.addCookies([
    { name: person.cookie.slice(0, split), value: person.cookie.slice(split + 1), url: server.url },
  ]);
  return { context, page: await context.newPage() };
}

/**
 * The next mail to `address` after `before` (the ids its inbox held then) whose subject has
 * `subject` in it: a sign-in link and an invitation go to the same address.
 */
export async function nextMail(
  inbox: MailpitInbox,
  options: { address: string; before: ReadonlySet<string>; subject: string },
) {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const mails = await inbox.listTo(options.address);
    const fresh = mails.find(
      (m) => !options.before.has(m.ID) && m.Subject.includes(options.subject),
    );
    if (fresh) return inbox.read(fresh.ID);
    if (Date.now() > deadline)
      throw new Error(`No "${options.subject}" mail to ${options.address}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The ids of the mails `address` already has: what `nextMail` waits past. */
export const mailIds = async (inbox: MailpitInbox, address: string): Promise<Set<string>> =>
  new Set((await inbox.listTo(address)).map((m) => m.ID));
