import { randomUUID } from 'node:crypto';
import type {
  Cadence,
  CreateProgramRequest,
  Invitation,
  InvitationMailState,
  Member,
  Program,
  ProgramView,
} from '@roundtable/wire';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ProgramInvitationsTable, ProgramsTable } from '../store/schema.ts';
import { groupAttendance } from './attendance-queries.ts';
import { groupSummaries } from './group-summaries.ts';

/* Programs as stored (docs/data-model.md, "programs") and as the coordinator's page shows them. */

export function toProgram(row: Selectable<ProgramsTable>): Program {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    // Only valid cadences are ever written (the route validates them).
    cadence: row.cadence as Cadence,
    protocolId: row.protocol_id,
    createdAt: row.created_at,
  };
}

export async function insertProgram(
  db: Kysely<Database>,
  o: { request: CreateProgramRequest; createdBy: string; now: number },
): Promise<Program> {
  const row = {
    id: randomUUID(),
    name: o.request.name,
    purpose: o.request.purpose,
    starts_on: o.request.startsOn,
    ends_on: o.request.endsOn,
    cadence: o.request.cadence,
    protocol_id: o.request.protocolId,
    created_at: o.now,
    created_by: o.createdBy,
  };
  await db.insertInto('programs').values(row).execute();
  return toProgram(row);
}

export async function programById(db: Kysely<Database>, id: string): Promise<Program | null> {
  const row = await db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProgram(row) : null;
}

type InvitationRow = Selectable<ProgramInvitationsTable> & { accepted_name: string | null };

export function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    invitedAt: row.created_at,
    expiresAt: row.expires_at,
    mail: row.mail_state as InvitationMailState,
    acceptedAt: row.accepted_at,
    acceptedBy:
      row.accepted_by === null ? null : { id: row.accepted_by, name: row.accepted_name ?? '' },
  };
}

export async function invitationsOf(
  db: Kysely<Database>,
  where: { programId: string; ids?: readonly string[] },
): Promise<Invitation[]> {
  let query = db
    .selectFrom('program_invitations')
    .leftJoin('people', 'people.id', 'program_invitations.accepted_by')
    .selectAll('program_invitations')
    .select('people.name as accepted_name')
    .where('program_invitations.program_id', '=', where.programId)
    .orderBy('program_invitations.email');
  if (where.ids) {
    if (where.ids.length === 0) return [];
    query = query.where('program_invitations.id', 'in', where.ids);
  }
  return (await query.execute()).map(toInvitation);
}

async function membersOf(db: Kysely<Database>, programId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('program_members')
    .innerJoin('people', 'people.id', 'program_members.person_id')
    .select(['people.id', 'people.name', 'people.email', 'program_members.joined_at'])
    .where('program_members.program_id', '=', programId)
    .orderBy('program_members.joined_at')
    .orderBy('people.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, joinedAt: r.joined_at }));
}

/** The coordinator's program page: everything about one program. */
export async function programView(
  db: Kysely<Database>,
  o: { program: Program; now: number },
): Promise<ProgramView> {
  const programId = o.program.id;
  const [members, invitations, groups] = await Promise.all([
    membersOf(db, programId),
    invitationsOf(db, { programId }),
    groupSummaries(db, { programId }),
  ]);
  const attendance = await groupAttendance(db, { groupIds: groups.map((g) => g.id), now: o.now });
  return { program: o.program, members, invitations, groups, attendance };
}
