import { API_ROUTES, GROUND_RULE_LIMITS, PROGRAM_LIMITS } from '@roundtable/wire';
import * as v from 'valibot';
import { acceptRules, proposeRules, setRota } from '../../groups/contracting.ts';
import { groupView, rotaView } from '../../groups/group-view.ts';
import { displayName } from '../../groups/people-refs.ts';
import { apiError, json, type Reply } from '../../transport-reply.ts';
import type { ApiRequest, Route } from '../api.ts';
import { sameOriginOnly } from '../same-origin.ts';
import { invalidRequest, notFound, type SignedInOptions } from '../signed-in.ts';
import { groupCaller, isCaller } from './group-access.ts';
import { meetingRoutes } from './meetings.ts';
import type { Meetings } from '../../groups/meetings.ts';

/* The group page, its contract (rule versions and acceptances) and its rota (section 2.6). */

export interface GroupRoutesOptions extends SignedInOptions {
  readonly publicUrl: string | null;
  readonly now: () => number;
  /** The group's meetings (groups/meetings.ts): their routes are in meetings.ts. */
  readonly meetings: Meetings;
}

const Version = v.pipe(v.number('a version number'), v.integer('a whole version number'));

const ProposeSchema = v.strictObject({
  basedOn: v.pipe(Version, v.minValue(0, 'a version number')),
  rules: v.pipe(
    v.array(
      v.pipe(
        v.string('a rule'),
        v.trim(),
        v.minLength(1, 'a rule cannot be empty'),
        v.maxLength(
          GROUND_RULE_LIMITS.length,
          `a rule has at most ${GROUND_RULE_LIMITS.length} characters`,
        ),
      ),
      'a list of rules',
    ),
    v.maxLength(GROUND_RULE_LIMITS.count, `at most ${GROUND_RULE_LIMITS.count} rules`),
  ),
  note: v.pipe(
    v.string('a note'),
    v.trim(),
    v.maxLength(
      PROGRAM_LIMITS.ruleNoteChars,
      `a note has at most ${PROGRAM_LIMITS.ruleNoteChars} characters`,
    ),
  ),
});
const AcceptSchema = v.strictObject({
  version: v.pipe(Version, v.minValue(1, 'a version number')),
});
const RotaSchema = v.strictObject({
  order: v.array(v.string('a member id'), 'the members, in their new order'),
});

const rulesChanged = (): Reply =>
  apiError(
    409,
    'rules-changed',
    'The rules changed meanwhile: someone proposed a newer version. Read it and try again.',
  );

async function view(o: GroupRoutesOptions, req: ApiRequest): Promise<Reply> {
  const caller = await groupCaller(o, req, 'members-and-coordinators');
  if (!isCaller(caller)) return caller;
  const isMember = caller.access.as === 'member';
  const shown = await groupView(o.db, { groupId: caller.groupId, isMember, now: o.now() });
  return shown ? json(200, shown) : notFound('group');
}

async function propose(o: GroupRoutesOptions, req: ApiRequest): Promise<Reply> {
  const caller = await groupCaller(o, req, 'members');
  if (!isCaller(caller)) return caller;
  const parsed = v.safeParse(ProposeSchema, req.body);
  if (!parsed.success) return invalidRequest(parsed.issues, 'basedOn, the rules and a note');
  const { person } = caller;
  const proposed = await proposeRules(o.db, {
    groupId: caller.groupId,
    proposer: { id: person.id, name: displayName(person.name, person.email) },
    ...parsed.output,
    now: o.now(),
  });
  return proposed.ok ? json(201, { version: proposed.version }) : rulesChanged();
}

async function accept(o: GroupRoutesOptions, req: ApiRequest): Promise<Reply> {
  const caller = await groupCaller(o, req, 'members');
  if (!isCaller(caller)) return caller;
  const parsed = v.safeParse(AcceptSchema, req.body);
  if (!parsed.success) return invalidRequest(parsed.issues, 'the version to accept');
  const { version } = parsed.output;
  const done = await acceptRules(o.db, {
    groupId: caller.groupId,
    personId: caller.person.id,
    version,
    now: o.now(),
  });
  return done.ok ? json(200, { accepted: version }) : rulesChanged();
}

async function rota(o: GroupRoutesOptions, req: ApiRequest): Promise<Reply> {
  const caller = await groupCaller(o, req, 'members');
  if (!isCaller(caller)) return caller;
  const parsed = v.safeParse(RotaSchema, req.body);
  if (!parsed.success) return invalidRequest(parsed.issues, 'the members in their new order');
  const set = await setRota(o.db, caller.groupId, parsed.output.order);
  if (!set.ok)
    return apiError(422, 'invalid-request', 'The order must list every member exactly once.', {
      issues: set.issues,
    });
  return json(200, { rota: await rotaView(o.db, caller.groupId) });
}

/** The group page, its rules and rota, and its meetings' routes. */
export function groupRoutes(o: GroupRoutesOptions): Route[] {
  const admit = sameOriginOnly(o.publicUrl);
  return [
    { ...API_ROUTES.group, handle: (req) => view(o, req) },
    { ...API_ROUTES.proposeRules, handle: (req) => propose(o, req), admit },
    { ...API_ROUTES.acceptRules, handle: (req) => accept(o, req), admit },
    { ...API_ROUTES.setRota, handle: (req) => rota(o, req), admit },
    ...meetingRoutes(o),
  ];
}
