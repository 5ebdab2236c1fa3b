import type { Person } from '@roundtable/wire';
import { fromNodeHeaders } from 'better-auth/node';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import type { People } from '../auth/people.ts';
import { personById } from '../auth/roles.ts';
import type { Database } from '../store/schema.ts';
import { apiError, type Reply } from '../transport-reply.ts';
import type { ApiRequest } from './api.ts';

/** What routes for signed-in people need: who signs in (null before sign-in is attached). */
export interface SignedInOptions {
  readonly people: () => People | null;
  readonly db: Kysely<Database>;
}

/** The person a request's session cookie signs in, or null. */
export async function signedIn(o: SignedInOptions, req: ApiRequest): Promise<Person | null> {
  const session = await o.people()?.api.getSession({ headers: fromNodeHeaders(req.headers) });
  return session ? personById(o.db, session.user.id) : null;
}

export const signInRequired = (): Reply =>
  apiError(401, 'sign-in-required', 'Sign in first: this needs a signed-in person.');

/** The same answer for what does not exist and what this person may not see. */
export const notFound = (what: string): Reply =>
  apiError(404, 'not-found', `There is no ${what} here that you can see.`);

/** A body that does not match its schema: 422 `invalid-request`, listing every problem. */
export function invalidRequest(issues: readonly v.BaseIssue<unknown>[], what: string): Reply {
  const listed = issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
  return apiError(422, 'invalid-request', `This needs ${what}.`, { issues: listed });
}
