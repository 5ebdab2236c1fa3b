import { API_ROUTES, type PersonResponse } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import type { People } from '../../auth/people.ts';
import { makeCoordinator, personByEmail } from '../../auth/roles.ts';
import { claimSetupLink } from '../../auth/setup-link.ts';
import type { Database } from '../../store/schema.ts';
import { apiError, json, type Reply } from '../../transport-reply.ts';
import type { ApiRequest, Route } from '../api.ts';
import { sameOriginOnly } from '../same-origin.ts';
import { invalidRequest, signedIn, signInRequired } from '../signed-in.ts';

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

async function claimSetup(o: PeopleRoutesOptions, req: ApiRequest): Promise<Reply> {
  const person = await signedIn(o, req);
  if (!person) return signInRequired();
  const parsed = v.safeParse(ClaimSetupSchema, req.body);
  if (!parsed.success) return invalidRequest(parsed.issues, 'the token of the setup link');
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
  if (!parsed.success) return invalidRequest(parsed.issues, 'the email address of a person');
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
