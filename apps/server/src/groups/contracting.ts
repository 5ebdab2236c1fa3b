import type { PersonRef, RuleVersion } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { currentMembers } from './group-queries.ts';
import { rotaOrderProblems } from './rota.ts';

/*
 * A group's contract and rota, written: a new version of its rules on top of the current one,
 * a member accepting the current version, and the rota's new order. Versions are never
 * changed or deleted: every version and acceptance is kept with its time.
 */

type Db = Kysely<Database>;

export type RulesChanged = { readonly ok: false; readonly reason: 'rules-changed' };
const rulesChanged: RulesChanged = { ok: false, reason: 'rules-changed' };

async function newestVersion(db: Db, groupId: string): Promise<number> {
  const row = await db
    .selectFrom('rule_versions')
    .select((eb) => eb.fn.max('version').as('newest'))
    .where('group_id', '=', groupId)
    .executeTakeFirst();
  return Number(row?.newest ?? 0);
}

export interface Proposal {
  readonly groupId: string;
  readonly proposer: PersonRef;
  readonly basedOn: number;
  readonly rules: readonly string[];
  readonly note: string;
  readonly now: number;
}

/**
 * Version `basedOn + 1`, accepted by its proposer, in one transaction. Someone else's version
 * in between answers `rules-changed`: read first, and, for two proposals racing past that read
 * (PostgreSQL), the primary key refuses the second insert.
 */
export async function proposeRules(
  db: Db,
  p: Proposal,
): Promise<{ ok: true; version: RuleVersion } | RulesChanged> {
  const version = p.basedOn + 1;
  try {
    const stale = await db.transaction().execute(async (tx) => {
      if ((await newestVersion(tx, p.groupId)) !== p.basedOn) return true;
      await tx
        .insertInto('rule_versions')
        .values({
          group_id: p.groupId,
          version,
          rules: JSON.stringify(p.rules),
          note: p.note,
          created_at: p.now,
          proposed_by: p.proposer.id,
        })
        .execute();
      await tx
        .insertInto('rule_acceptances')
        .values({ group_id: p.groupId, version, person_id: p.proposer.id, accepted_at: p.now })
        .execute();
      return false;
    });
    if (stale) return rulesChanged;
  } catch (error) {
    // The loser of a race: the winner's version is there now. Anything else is a fault.
    if ((await newestVersion(db, p.groupId)) >= version) return rulesChanged;
    throw error;
  }
  const created = { version, rules: p.rules, note: p.note, proposedBy: p.proposer };
  return { ok: true, version: { ...created, createdAt: p.now } };
}

/** Accepts the current version; accepting it again keeps the first acceptance's time. */
export async function acceptRules(
  db: Db,
  a: { groupId: string; personId: string; version: number; now: number },
): Promise<{ ok: true } | RulesChanged> {
  if ((await newestVersion(db, a.groupId)) !== a.version || a.version < 1) return rulesChanged;
  await db
    .insertInto('rule_acceptances')
    .values({
      group_id: a.groupId,
      version: a.version,
      person_id: a.personId,
      accepted_at: a.now,
    })
    .onConflict((oc) => oc.columns(['group_id', 'version', 'person_id']).doNothing())
    .execute();
  return { ok: true };
}

export type RotaIssues = { path: string; message: string }[];

/** Puts the current members in `order`, all in one transaction; problems with it otherwise. */
export async function setRota(
  db: Db,
  groupId: string,
  order: readonly string[],
): Promise<{ ok: true } | { ok: false; issues: RotaIssues }> {
  return db.transaction().execute(async (tx) => {
    const members = (await currentMembers(tx, groupId)).map((m) => m.id);
    const issues = rotaOrderProblems(order, members);
    if (issues.length > 0) return { ok: false as const, issues };
    for (const [position, personId] of order.entries()) {
      await tx
        .updateTable('group_members')
        .set({ rota_position: position })
        .where('group_id', '=', groupId)
        .where('person_id', '=', personId)
        .execute();
    }
    return { ok: true as const };
  });
}
