import { API_ROUTES, GROUP_SIZE, PROGRAM_LIMITS, type GroupResponse } from '@roundtable/wire';
import * as v from 'valibot';
import { groupAccess, programAccess } from '../../programs/access.ts';
import { groupSummary } from '../../programs/group-summaries.ts';
import { changeMembers, insertGroup, nonMembers } from '../../programs/groups.ts';
import { json, type Reply } from '../../transport-reply.ts';
import type { ApiRequest, Route } from '../api.ts';
import { sameOriginOnly } from '../same-origin.ts';
import { invalidRequest, notFound } from '../signed-in.ts';
import { forSignedIn, problemsReply, type ProgramRoutesOptions } from './program-options.ts';

/*
 * Coordinators form groups and change who is in them. To anyone else the program or group is
 * not there: 404, as for an unknown id.
 */

const personId = v.pipe(v.string('a person id'), v.minLength(1, 'a person id'));
const distinct = (ids: string[]) => new Set(ids).size === ids.length;

const CreateGroupSchema = v.strictObject({
  name: v.pipe(
    v.string('a name'),
    v.trim(),
    v.minLength(1, 'a name'),
    v.maxLength(
      PROGRAM_LIMITS.groupNameChars,
      `a name of at most ${PROGRAM_LIMITS.groupNameChars} characters`,
    ),
  ),
  memberIds: v.pipe(
    v.array(personId, 'a list of member ids'),
    v.minLength(GROUP_SIZE.min, `at least ${GROUP_SIZE.min} members`),
    v.maxLength(GROUP_SIZE.max, `at most ${GROUP_SIZE.max} members`),
    v.check(distinct, 'each member once'),
  ),
});

const ChangeMembersSchema = v.strictObject({
  add: v.optional(
    v.pipe(v.array(personId, 'a list of person ids'), v.maxLength(GROUP_SIZE.max)),
    [],
  ),
  remove: v.optional(
    v.pipe(v.array(personId, 'a list of person ids'), v.maxLength(GROUP_SIZE.max)),
    [],
  ),
});

async function createGroup(o: ProgramRoutesOptions, req: ApiRequest): Promise<Reply> {
  return forSignedIn(o, req, async (person) => {
    const programId = req.params.programId ?? '';
    if ((await programAccess(o.db, programId, person)) !== 'coordinator')
      return notFound('program');
    const parsed = v.safeParse(CreateGroupSchema, req.body);
    if (!parsed.success) return invalidRequest(parsed.issues, 'a name and 2 to 8 program members');
    const { name, memberIds } = parsed.output;
    const problems = await nonMembers(o.db, { programId, field: 'memberIds', ids: memberIds });
    if (problems.length > 0) return problemsReply(problems, 'members of this program');
    const groupId = await insertGroup(o.db, { programId, name, memberIds, now: o.now() });
    const group = await groupSummary(o.db, groupId);
    if (!group) throw new Error(`Group ${groupId} vanished as it was created`);
    return json(201, { group } satisfies GroupResponse);
  });
}

async function changeGroupMembers(o: ProgramRoutesOptions, req: ApiRequest): Promise<Reply> {
  return forSignedIn(o, req, async (person) => {
    const groupId = req.params.groupId ?? '';
    const access = await groupAccess(o.db, groupId, person);
    // A coordinator who is a member of the group still runs its program.
    if (!access || person.role !== 'coordinator') return notFound('group');
    const parsed = v.safeParse(ChangeMembersSchema, req.body);
    if (!parsed.success) return invalidRequest(parsed.issues, 'the person ids to add or remove');
    const { add, remove } = parsed.output;
    const outsiders = await nonMembers(o.db, {
      programId: access.programId,
      field: 'add',
      ids: add,
    });
    if (outsiders.length > 0) return problemsReply(outsiders, 'members of this program');
    const problems = await changeMembers(o.db, { groupId, add, remove, now: o.now() });
    if (problems.length > 0)
      return problemsReply(problems, `a group of ${GROUP_SIZE.min} to ${GROUP_SIZE.max}`);
    const group = await groupSummary(o.db, groupId);
    // Deleted meanwhile (with its program): as unknown.
    return group ? json(200, { group } satisfies GroupResponse) : notFound('group');
  });
}

export function groupAdminRoutes(o: ProgramRoutesOptions): Route[] {
  const admit = sameOriginOnly(o.publicUrl);
  return [
    { ...API_ROUTES.createGroup, handle: (req) => createGroup(o, req), admit },
    { ...API_ROUTES.changeMembers, handle: (req) => changeGroupMembers(o, req), admit },
  ];
}
