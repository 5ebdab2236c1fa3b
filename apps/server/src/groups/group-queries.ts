import type { PersonRef, RuleVersion } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { personRef } from './people-refs.ts';

/*
 * What the group page and the meeting routes read, over both backends. Rules are stored as
 * JSON text (PostgreSQL's jsonb is read back as its text too: store/postgres.ts).
 */

type Db = Kysely<Database>;

export interface GroupRow {
  readonly id: string;
  readonly name: string;
  readonly programId: string;
  readonly programName: string;
  readonly cadence: string;
  readonly protocolId: string;
}

export async function groupRow(db: Db, groupId: string): Promise<GroupRow | null> {
  const row = await db
    .selectFrom('groups')
    .innerJoin('programs', 'programs.id', 'groups.program_id')
    .select([
      'groups.id',
      'groups.name',
      'programs.id as programId',
      'programs.name as programName',
      'programs.cadence',
      'programs.protocol_id as protocolId',
    ])
    .where('groups.id', '=', groupId)
    .executeTakeFirst();
  return row ?? null;
}

/** Current members in rota order: position, then who was added first, then id (stable). */
export async function currentMembers(db: Db, groupId: string): Promise<PersonRef[]> {
  const rows = await db
    .selectFrom('group_members')
    .innerJoin('people', 'people.id', 'group_members.person_id')
    .select(['people.id', 'people.name', 'people.email'])
    .where('group_members.group_id', '=', groupId)
    .where('group_members.removed_at', 'is', null)
    .orderBy('group_members.rota_position')
    .orderBy('group_members.added_at')
    .orderBy('people.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: personRef(r.id, r.name, r.email)?.name ?? '' }));
}

export function parseRules(text: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((r) => typeof r === 'string'))
    throw new TypeError('stored rules are not a list of strings');
  return value;
}

/** Every version of the group's rules, oldest first: the current one is the last. */
export async function ruleVersions(db: Db, groupId: string): Promise<RuleVersion[]> {
  const rows = await db
    .selectFrom('rule_versions')
    .leftJoin('people', 'people.id', 'rule_versions.proposed_by')
    .select([
      'rule_versions.version',
      'rule_versions.rules',
      'rule_versions.note',
      'rule_versions.created_at',
      'rule_versions.proposed_by',
      'people.name',
      'people.email',
    ])
    .where('rule_versions.group_id', '=', groupId)
    .orderBy('rule_versions.version')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    rules: parseRules(r.rules),
    note: r.note,
    proposedBy: personRef(r.proposed_by, r.name, r.email),
    createdAt: r.created_at,
  }));
}

export interface CurrentRules {
  readonly version: number;
  readonly rules: readonly string[];
}

/** The current version, or null for a group that has none yet (its creation writes version 1). */
export async function currentRules(db: Db, groupId: string): Promise<CurrentRules | null> {
  const row = await db
    .selectFrom('rule_versions')
    .select(['version', 'rules'])
    .where('group_id', '=', groupId)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row ? { version: row.version, rules: parseRules(row.rules) } : null;
}

export async function acceptanceRows(db: Db, groupId: string) {
  return db
    .selectFrom('rule_acceptances')
    .innerJoin('people', 'people.id', 'rule_acceptances.person_id')
    .select([
      'rule_acceptances.person_id',
      'rule_acceptances.version',
      'rule_acceptances.accepted_at',
      'people.name',
      'people.email',
    ])
    .where('rule_acceptances.group_id', '=', groupId)
    .orderBy('rule_acceptances.accepted_at')
    .orderBy('rule_acceptances.version')
    .execute();
}

/** The newest version this person accepted, or null. */
export async function latestAccepted(db: Db, groupId: string, personId: string) {
  const row = await db
    .selectFrom('rule_acceptances')
    .innerJoin('rule_versions', (j) =>
      j
        .onRef('rule_versions.group_id', '=', 'rule_acceptances.group_id')
        .onRef('rule_versions.version', '=', 'rule_acceptances.version'),
    )
    .select(['rule_versions.version', 'rule_versions.rules'])
    .where('rule_acceptances.group_id', '=', groupId)
    .where('rule_acceptances.person_id', '=', personId)
    .orderBy('rule_versions.version', 'desc')
    .executeTakeFirst();
  return row ? { version: row.version, rules: parseRules(row.rules) } : null;
}
