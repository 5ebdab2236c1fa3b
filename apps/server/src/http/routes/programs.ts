import { BUILT_IN_PROTOCOLS } from '@roundtable/protocol';
import {
  API_ROUTES,
  CADENCES,
  PROGRAM_LIMITS,
  type ProgramResponse,
  type ProgramView,
} from '@roundtable/wire';
import * as v from 'valibot';
import { programAccess } from '../../programs/access.ts';
import { insertProgram, programById, programView } from '../../programs/program-queries.ts';
import { json, type Reply } from '../../transport-reply.ts';
import type { ApiRequest, Route } from '../api.ts';
import { sameOriginOnly } from '../same-origin.ts';
import { invalidRequest, notFound } from '../signed-in.ts';
import { groupAdminRoutes } from './group-admin.ts';
import { invitationRoutes } from './invitations.ts';
import { meRoutes } from './me.ts';
import { forSignedIn, notCoordinator, type ProgramRoutesOptions } from './program-options.ts';

export type { ProgramRoutesOptions };

/** A real calendar day as `YYYY-MM-DD` (2027-02-30 is not one). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

const day = (what: string) =>
  v.pipe(v.string(what), v.check(isCalendarDate, `${what} as a real date, YYYY-MM-DD`));

const CreateProgramSchema = v.pipe(
  v.strictObject({
    name: v.pipe(
      v.string('a name'),
      v.trim(),
      v.minLength(1, 'a name'),
      v.maxLength(
        PROGRAM_LIMITS.nameChars,
        `a name of at most ${PROGRAM_LIMITS.nameChars} characters`,
      ),
    ),
    purpose: v.pipe(
      v.string('a purpose'),
      v.trim(),
      v.maxLength(
        PROGRAM_LIMITS.purposeChars,
        `a purpose of at most ${PROGRAM_LIMITS.purposeChars} characters`,
      ),
    ),
    startsOn: day('a start date'),
    endsOn: day('an end date'),
    cadence: v.picklist(CADENCES, `a cadence: ${CADENCES.join(', ')}`),
    protocolId: v.picklist(
      BUILT_IN_PROTOCOLS.map((p) => p.id),
      'a built-in protocol (GET /api/protocols)',
    ),
  }),
  v.forward(
    v.partialCheck(
      [['startsOn'], ['endsOn']],
      (p) => p.startsOn <= p.endsOn,
      'an end date on or after the start date',
    ),
    ['endsOn'],
  ),
);

async function createProgram(o: ProgramRoutesOptions, req: ApiRequest): Promise<Reply> {
  return forSignedIn(o, req, async (person) => {
    if (person.role !== 'coordinator') return notCoordinator('create a program');
    const parsed = v.safeParse(CreateProgramSchema, req.body);
    if (!parsed.success) return invalidRequest(parsed.issues, 'a program');
    const program = await insertProgram(o.db, {
      request: parsed.output,
      createdBy: person.id,
      now: o.now(),
    });
    return json(201, { program } satisfies ProgramResponse);
  });
}

async function showProgram(o: ProgramRoutesOptions, req: ApiRequest): Promise<Reply> {
  return forSignedIn(o, req, async (person) => {
    const id = req.params.programId ?? '';
    // The page lists everyone's address: members see their groups, not this.
    const program =
      (await programAccess(o.db, id, person)) === 'coordinator' && (await programById(o.db, id));
    if (!program) return notFound('program');
    return json(200, (await programView(o.db, { program, now: o.now() })) satisfies ProgramView);
  });
}

/** Programs, invitations, forming and changing groups, and GET /api/me. */
export function programRoutes(o: ProgramRoutesOptions): Route[] {
  const admit = sameOriginOnly(o.publicUrl);
  return [
    { ...API_ROUTES.createProgram, handle: (req) => createProgram(o, req), admit },
    { ...API_ROUTES.program, handle: (req) => showProgram(o, req) },
    ...invitationRoutes(o),
    ...groupAdminRoutes(o),
    ...meRoutes(o),
  ];
}
