import { API_ROUTES, type Person, type PersonResponse } from '@roundtable/wire';
import { fromNodeHeaders } from 'better-auth/node';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import type { People } from '../../auth/people.ts';
import { makeCoordinator, personByEmail, personById } from '../../auth/roles.ts';
import { claimSetupLink } from '../../auth/setup-link.ts';
import type { Database } from '../../store/schema.ts';
import { apiError, json, type Reply } from '../../transport-reply.ts';
import type { ApiRequest, Route } from '../api.ts';
import { sameOriginOnly } from '../same-origin.ts';

export interface PeopleRoutesOptions {
  /** Sign-in, once the server is listening (auth-mount.ts); null until then. */
  readonly people: () => People | null;
  readonly db: Kysely<Database>;
  readonly publicUrl: string | null;
}

const ClaimSetupSchema = v.strictObject({
  token: v.pipe(v.string('the setup link token'), v.minLength(1, 'the setup link token')),
});
const AddCoordinatorSchema = v.strictObject({
  email: v.pipe(v.string('an email address'), v.trim(), v.email('an email address')),
});

function invalid(issues: readonly v.BaseIssue<unknown>[], what: string): Reply {
  const listed = issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
  return apiError(422, 'invalid-request', `This needs ${what}.`, { issues: listed });
}

const signInRequired = () =>
  apiError(401, 'sign-in-required', 'Sign in first: this needs a signed-in person.');

/** The person a request's session cookie signs in, or null. */
async function signedIn(o: PeopleRoutesOptions, req: ApiRequest): Promise<Person | null> {
  const session = await o.people()?.api.getSession({ headers: fromNodeHeaders(req.headers) });
  return session ? personById(o.db, session.user.id) : null;
}

async function claimSetup(o: PeopleRoutesOptions, req: ApiRequest): Promise<Reply> {
  const person = await signedIn(o, req);
  if (!person) return signInRequired();
  const parsed = v.safeParse(ClaimSetupSchema, req.body);
  if (!parsed.success) return invalid(parsed.issues, 'the token of the setup link');
  if (!(await claimSetupLink(o.db, parsed.output.token, person.id)))
    return apiError(
      403,
      'invalid-setup-link',
      'This setup link is not valid: it was used already, a newer one was printed, or there is a coordinator.',
    );
  return json(200, { person: { ...person, role: 'coordinator' } } satisfies PersonResponse);
}

async function addCoordinator(o: PeopleRoutesOptions, req: ApiRequest): Promise<Reply> {
  const person = await signedIn(o, req);
  if (!person) return signInRequired();
  if (person.role !== 'coordinator')
    return apiError(403, 'not-coordinator', 'Only a coordinator can make others coordinators.');
  const parsed = v.safeParse(AddCoordinatorSchema, req.body);
  if (!parsed.success) return invalid(parsed.issues, 'the email address of a person');
  const other = await personByEmail(o.db, parsed.output.email);
  if (!other)
    return apiError(
      404,
      'person-not-found',
      'Nobody has signed in with that address yet: they need to sign in once first.',
    );
  await makeCoordinator(o.db, other.id);
  return json(200, { person: { ...other, role: 'coordinator' } } satisfies PersonResponse);
}

/** Routes for signed-in people: setting up the first coordinator, and making others. */
export function peopleRoutes(o: PeopleRoutesOptions): Route[] {
  const admit = sameOriginOnly(o.publicUrl);
  return [
    { ...API_ROUTES.claimSetup, handle: (req) => claimSetup(o, req), admit },
    { ...API_ROUTES.addCoordinator, handle: (req) => addCoordinator(o, req), admit },
  ];
}
