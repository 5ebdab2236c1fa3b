import { createApiClient, valueOf, type ApiClient } from '@roundtable/client';
import type { CreateProgramRequest, Person, Program } from '@roundtable/wire';
import { expect, onTestFinished } from 'vitest';
import type { Kysely } from 'kysely';
import type { App } from '../../src/app.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { Database } from '../../src/store/schema.ts';
import { startAppAt, tempDataDir, type BackendName } from '../live/harness.ts';
import { firstLink, type Mail, type MailpitInbox } from '../mail/mailpit-inbox.ts';
import { startTestMailpit } from '../mail/test-mailpit.ts';
import { requestLink, sessionOf, verify } from '../people/people-harness.ts';
import { sessionCookie } from '../people/sign-in-from-log.ts';
import { openForTest, postgresBackend } from '../store/backends.ts';

/*
 * A real server on port 0 over either database, with its own real Mailpit, a first coordinator
 * made through the setup link, and helpers to sign people in and bring them into a program the
 * way people do: an invitation mail, its link, the accept call. Shared by the programs, groups
 * and meetings tests; its API stays stable.
 */

/** An API client signed in as `person`, with the cookie for raw requests. */
export type SignedIn = ApiClient & {
  readonly person: Person;
  /** The session cookie, as a `cookie` header value. */
  readonly cookie: string;
};

export interface ProgramsServer {
  readonly app: App;
  readonly url: string;
  readonly inbox: MailpitInbox;
  /** The app's own database, to look at rows directly (e.g. nothing half-written). */
  readonly db: Kysely<Database>;
  /** The first coordinator (coordinator@test.example). */
  readonly coordinator: SignedIn;
  /** Signs `email` in through a sign-in mail read out of Mailpit. */
  signIn(email: string): Promise<SignedIn>;
  /** A program created by the coordinator; `overrides` change the defaults. */
  createProgram(overrides?: Partial<CreateProgramRequest>): Promise<Program>;
  /** Invites each address, signs each in and accepts their mailed link: in `emails` order. */
  inviteAndJoin(programId: string, emails: readonly string[]): Promise<SignedIn[]>;
  /** Stops the test's Mailpit: mail sent from then on fails, as with a mail server down. */
  stopMail(): Promise<void>;
  /** The newest invitation mail to `email` and its token. */
  invitationMail(email: string): Promise<{ mail: Mail; token: string }>;
}

export const COORDINATOR_EMAIL = 'coordinator@test.example';
export const SIGN_IN_SUBJECT = 'Your Roundtable sign-in link';
export const INVITATION_SUBJECT = /^You are invited to /;

export interface ProgramsServerOptions {
  /** Time for the app (e.g. a FakeClock, to expire invitations); the wall clock by default. */
  readonly clock?: Clock;
  readonly env?: Record<string, string>;
}

/** Polls until a mail to `address` whose subject matches arrives that is not in `seen`. */
export async function waitForNewMail(
  inbox: MailpitInbox,
  o: { address: string; subject: string | RegExp; seen?: ReadonlySet<string> },
): Promise<Mail> {
  const deadline = Date.now() + 10_000;
  const matches = (s: string) =>
    typeof o.subject === 'string' ? s === o.subject : o.subject.test(s);
  for (;;) {
    const found = (await inbox.listTo(o.address)).find(
      (m) => matches(m.Subject) && !o.seen?.has(m.ID),
    );
    if (found) return inbox.read(found.ID);
    if (Date.now() > deadline) throw new Error(`No new mail "${o.subject}" to ${o.address}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const idsTo = async (inbox: MailpitInbox, address: string) =>
  new Set((await inbox.listTo(address)).map((m) => m.ID));

async function signInWith(url: string, inbox: MailpitInbox, email: string): Promise<SignedIn> {
  const seen = await idsTo(inbox, email);
  expect((await requestLink(url, { email })).status).toBe(200);
  const mail = await waitForNewMail(inbox, { address: email, subject: SIGN_IN_SUBJECT, seen });
  const token = new URL(firstLink(mail.Text)).searchParams.get('token') ?? '';
  const verified = await verify(url, token);
  expect(verified.status).toBe(200);
  const cookie = sessionCookie(verified);
  const session = await sessionOf(url, cookie);
  if (!session) throw new Error(`${email} is not signed in after following the link`);
  const role = session.user.role === 'coordinator' ? 'coordinator' : 'member';
  const person: Person = { id: session.user.id, email: session.user.email, name: '', role };
  const api = createApiClient({ baseUrl: url, headers: { cookie, origin: url } });
  return Object.assign(api, { person, cookie });
}

async function startBackend(backend: BackendName, o: ProgramsServerOptions) {
  const mailpit = await startTestMailpit();
  const env: Record<string, string> = {
    MAIL: '',
    SMTP_URL: mailpit.smtpUrl,
    MAIL_FROM: 'Roundtable <roundtable@test.example>',
    ...o.env,
  };
  const dataDir = await tempDataDir();
  let databaseUrl: string | undefined;
  if (backend === 'postgres') {
    const db = await postgresBackend.create();
    // Registered before the app, so it runs after the app has closed (hooks run last-in first).
    onTestFinished(() => db.dispose());
    databaseUrl = db.options.databaseUrl;
    env.DATABASE_URL = databaseUrl ?? '';
  }
  // The test opens the store and hands it to the app, so it can count rows in it too.
  const store = await openForTest(databaseUrl ? { databaseUrl, dataDir } : { dataDir });
  const clock = o.clock ? { clock: o.clock } : {};
  const app = await startAppAt(dataDir, env, { store, ...clock });
  return { app, inbox: mailpit.inbox, db: store.db, stopMail: () => mailpit.stop() };
}

export const PROGRAM_DEFAULTS: CreateProgramRequest = {
  name: 'Peer mentoring 2027',
  purpose: 'A year of monthly peer mentoring for new teachers.',
  startsOn: '2027-01-01',
  endsOn: '2027-12-31',
  cadence: 'monthly',
  protocolId: 'issue-analysis',
};

export async function startProgramsServer(
  backend: BackendName,
  o: ProgramsServerOptions = {},
): Promise<ProgramsServer> {
  const { app, inbox, db, stopMail } = await startBackend(backend, o);
  const url = app.url;
  const signIn = (email: string) => signInWith(url, inbox, email);
  const first = await signIn(COORDINATOR_EMAIL);
  const setupToken = new URL(app.setupLink ?? `${url}/`).searchParams.get('token') ?? '';
  valueOf(await first.claimSetup({ token: setupToken }), 'claim the setup link');
  const coordinator = Object.assign(first, { person: { ...first.person, role: 'coordinator' } });

  const invitationMail = async (email: string) => {
    const mail = await waitForNewMail(inbox, { address: email, subject: INVITATION_SUBJECT });
    const token = new URL(firstLink(mail.Text)).searchParams.get('token') ?? '';
    return { mail, token };
  };
  const inviteAndJoin = async (programId: string, emails: readonly string[]) => {
    const seen = new Map(
      await Promise.all(emails.map(async (e) => [e, await idsTo(inbox, e)] as const)),
    );
    valueOf(await coordinator.invite(programId, { emails }), 'invite');
    const joined: SignedIn[] = [];
    for (const email of emails) {
      const address = email.trim().toLowerCase();
      const invited = await waitForNewMail(inbox, {
        address,
        subject: INVITATION_SUBJECT,
        seen: seen.get(email) ?? new Set(),
      });
      const token = new URL(firstLink(invited.Text)).searchParams.get('token') ?? '';
      const member = await signIn(address);
      valueOf(await member.acceptInvitation({ token }), `accept the invitation of ${email}`);
      joined.push(member);
    }
    return joined;
  };
  const createProgram = async (overrides: Partial<CreateProgramRequest> = {}) =>
    valueOf(
      await coordinator.createProgram({ ...PROGRAM_DEFAULTS, ...overrides }),
      'create a program',
    ).program;

  return {
    app,
    url,
    inbox,
    db,
    stopMail,
    coordinator,
    signIn,
    createProgram,
    inviteAndJoin,
    invitationMail,
  };
}
