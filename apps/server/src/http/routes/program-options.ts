import type { Person } from '@roundtable/wire';
import type { Verdict } from '../../limits/rate-limits.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { IdProblem } from '../../programs/groups.ts';
import { apiError, type Reply } from '../../transport-reply.ts';
import type { ApiRequest } from '../api.ts';
import { signedIn, signInRequired, type SignedInOptions } from '../signed-in.ts';

/** What the program, invitation, group-admin and /api/me routes need (wire-protocol.md 2.5). */
export interface ProgramRoutesOptions extends SignedInOptions {
  /** The app's mailer: invitations go out through it. */
  readonly mailer: Mailer;
  readonly publicUrl: string | null;
  /** The app's clock (tests move it on to expire invitations). */
  readonly now: () => number;
  /** Counts `mails` invitation mails against the coordinator's budget (`invitation-mail`). */
  readonly limitInvitations: (personId: string, mails: number) => Promise<Verdict>;
}

/** Runs `handle` for the signed-in person; a signed-out visitor gets 401. */
export async function forSignedIn(
  o: ProgramRoutesOptions,
  req: ApiRequest,
  handle: (person: Person) => Promise<Reply>,
): Promise<Reply> {
  const person = await signedIn(o, req);
  return person ? handle(person) : signInRequired();
}

export const notCoordinator = (what: string): Reply =>
  apiError(403, 'not-coordinator', `Only a coordinator can ${what}.`);

/** Problems found against the database (ids that are not members), as 422 like a schema's. */
export const problemsReply = (problems: readonly IdProblem[], what: string): Reply =>
  apiError(422, 'invalid-request', `This needs ${what}.`, { issues: [...problems] });
