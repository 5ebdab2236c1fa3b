import {
  API_ROUTES,
  PROGRAM_LIMITS,
  type AcceptInvitationResponse,
  type InviteResponse,
  type Program,
} from '@roundtable/wire';
import * as v from 'valibot';
import { tooManyRequests } from '../../limits/http-limits.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { programAccess } from '../../programs/access.ts';
import { invitationLink, invitationMail } from '../../programs/invitation-mail.ts';
import {
  acceptInvitation,
  mintInvitations,
  setMailState,
  type Minted,
} from '../../programs/invitations.ts';
import { invitationsOf, programById } from '../../programs/program-queries.ts';
import type { Database } from '../../store/schema.ts';
import { apiError, json, type Reply } from '../../transport-reply.ts';
import type { ApiRequest, Route } from '../api.ts';
import { sameOriginOnly } from '../same-origin.ts';
import { invalidRequest, notFound } from '../signed-in.ts';
import { forSignedIn, type ProgramRoutesOptions } from './program-options.ts';
import type { Kysely } from 'kysely';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Mails in flight at once: a pasted list of 200 must not open 200 SMTP connections. */
const SENDING_AT_ONCE = 4;

const InviteSchema = v.strictObject({
  emails: v.pipe(
    v.array(
      v.pipe(v.string('an email address'), v.trim(), v.toLowerCase(), v.email('an email address')),
      'a list of email addresses',
    ),
    v.minLength(1, 'at least one email address'),
    v.maxLength(
      PROGRAM_LIMITS.invitationsPerRequest,
      `at most ${PROGRAM_LIMITS.invitationsPerRequest} addresses at once`,
    ),
  ),
});

const AcceptSchema = v.strictObject({
  token: v.pipe(
    v.string('the token of the invitation link'),
    v.minLength(1, 'the token of the invitation link'),
  ),
});

/** Sends each invitation and records what became of its mail. */
async function sendAll(
  o: { db: Kysely<Database>; mailer: Mailer; origin: string; program: Program },
  minted: readonly Minted[],
): Promise<void> {
  const queue = [...minted];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const mail = invitationMail({
        to: next.email,
        programName: o.program.name,
        purpose: o.program.purpose,
        link: invitationLink(o.origin, next.token),
        expiresAt: next.expiresAt,
      });
      const sent = await o.mailer.send(mail).then(
        () => true,
        (error: unknown) => (console.error('Invitation mail failed:', error), false),
      );
      await setMailState(o.db, next.id, sent ? 'sent' : 'failed');
    }
  };
  await Promise.all(Array.from({ length: SENDING_AT_ONCE }, worker));
}

async function invite(o: ProgramRoutesOptions, req: ApiRequest): Promise<Reply> {
  return forSignedIn(o, req, async (person) => {
    const programId = req.params.programId ?? '';
    // Only coordinators invite; to anyone else the program is not there (404, as unknown).
    const access = await programAccess(o.db, programId, person);
    const program = access === 'coordinator' && (await programById(o.db, programId));
    if (!program) return notFound('program');
    const parsed = v.safeParse(InviteSchema, req.body);
    if (!parsed.success) return invalidRequest(parsed.issues, 'the email addresses to invite');
    const emails = [...new Set(parsed.output.emails)];
    const verdict = await o.limitInvitations(person.id, emails.length);
    if (!verdict.ok) return tooManyRequests(verdict);
    const ttlMs = PROGRAM_LIMITS.invitationDays * DAY_MS;
    const outcome = await mintInvitations(o.db, {
      programId,
      emails,
      invitedBy: person.id,
      now: o.now(),
      ttlMs,
    });
    await sendAll({ db: o.db, mailer: o.mailer, origin: req.origin, program }, outcome.minted);
    const ids = outcome.minted.map((m) => m.id);
    const invitations = await invitationsOf(o.db, { programId, ids });
    return json(200, {
      invitations,
      alreadyMembers: outcome.alreadyMembers,
    } satisfies InviteResponse);
  });
}

async function accept(o: ProgramRoutesOptions, req: ApiRequest): Promise<Reply> {
  return forSignedIn(o, req, async (person) => {
    const parsed = v.safeParse(AcceptSchema, req.body);
    if (!parsed.success) return invalidRequest(parsed.issues, 'the token of the invitation link');
    const outcome = await acceptInvitation(o.db, {
      token: parsed.output.token,
      personId: person.id,
      personEmail: person.email,
      now: o.now(),
    });
    if (!outcome.ok && outcome.reason === 'another-address')
      return apiError(
        403,
        'invitation-for-another-address',
        `This invitation was sent to ${outcome.email}: sign in with that address to accept it.`,
      );
    const program = outcome.ok && (await programById(o.db, outcome.programId));
    if (!program)
      return apiError(
        403,
        'invalid-invitation',
        'This invitation link is not valid: it expired, a newer one was sent, or it was used.',
      );
    return json(200, {
      program: { id: program.id, name: program.name },
    } satisfies AcceptInvitationResponse);
  });
}

export function invitationRoutes(o: ProgramRoutesOptions): Route[] {
  const admit = sameOriginOnly(o.publicUrl);
  return [
    { ...API_ROUTES.invite, handle: (req) => invite(o, req), admit },
    { ...API_ROUTES.acceptInvitation, handle: (req) => accept(o, req), admit },
  ];
}
