import { API_ROUTES, type MeResponse, type Person } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import { groupSummaries } from '../../programs/group-summaries.ts';
import type { Database } from '../../store/schema.ts';
import { json, type Reply } from '../../transport-reply.ts';
import type { ApiRequest, Route } from '../api.ts';
import { forSignedIn, type ProgramRoutesOptions } from './program-options.ts';

/** The programs a person belongs to; a coordinator runs them all. */
async function programsOf(db: Kysely<Database>, person: Person): Promise<MeResponse['programs']> {
  let query = db
    .selectFrom('programs')
    .select(['programs.id', 'programs.name', 'programs.starts_on', 'programs.ends_on'])
    .orderBy('programs.starts_on')
    .orderBy('programs.id');
  if (person.role !== 'coordinator')
    query = query
      .innerJoin('program_members', 'program_members.program_id', 'programs.id')
      .where('program_members.person_id', '=', person.id);
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on }));
}

/** The groups a person is in now (a removed member's group is no longer theirs). */
async function groupIdsOf(db: Kysely<Database>, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members')
    .select('group_id')
    .where('person_id', '=', personId)
    .where('removed_at', 'is', null)
    .execute();
  return rows.map((r) => r.group_id);
}

async function me(o: ProgramRoutesOptions, req: ApiRequest): Promise<Reply> {
  return forSignedIn(o, req, async (person) => {
    const [groups, programs] = await Promise.all([
      groupIdsOf(o.db, person.id).then((groupIds) => groupSummaries(o.db, { groupIds })),
      programsOf(o.db, person),
    ]);
    return json(200, { person, groups, programs } satisfies MeResponse);
  });
}

export function meRoutes(o: ProgramRoutesOptions): Route[] {
  return [{ ...API_ROUTES.me, handle: (req) => me(o, req) }];
}
