import type { Person } from '@roundtable/wire';
import { NOTES_TEXT } from '@roundtable/wire';
import { sql, type Kysely } from 'kysely';
import * as Y from 'yjs';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

/*
 * Everything the server keeps that is personal to one signed-in person, gathered for their
 * export (GET /api/me/export.json and .md; docs/wire-protocol.md section 2.7). Times are ISO
 * 8601 text: the export is read by people and other tools, not by this server.
 */

export interface OwnData {
  readonly format: 'roundtable-own-data/1';
  readonly exportedAt: string;
  readonly profile: Person & { readonly createdAt: string | null };
  readonly programs: readonly { id: string; name: string; joinedAt: string }[];
  readonly groups: readonly OwnGroup[];
  readonly rulesProposed: readonly {
    group: string;
    version: number;
    note: string;
    rules: unknown;
    proposedAt: string;
  }[];
  readonly rulesAccepted: readonly { group: string; version: number; acceptedAt: string }[];
  readonly meetings: readonly OwnMeeting[];
  readonly sessions: readonly OwnSession[];
}

export interface OwnGroup {
  readonly id: string;
  readonly name: string;
  readonly program: string;
  readonly addedAt: string;
  readonly removedAt: string | null;
}

export interface OwnMeeting {
  readonly group: string;
  readonly number: number;
  readonly startedAt: string;
  readonly minutesPresent: number;
}

/** A session they took part in as a signed-in person: their private notes and take-aways. */
export interface OwnSession {
  readonly sessionId: string;
  readonly title: string;
  readonly participantId: string;
  readonly nameInSession: string;
  readonly joinedAt: string;
  readonly notes: string;
  /** Stored when the session ended; null when they presented nothing (or it has not ended). */
  readonly takeaways: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** better-auth's `createdAt`: a Date from PostgreSQL, ISO text or a number from SQLite. */
function isoOf(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return iso(value);
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : iso(parsed);
  }
  return null;
}

export async function ownData(store: Store, person: Person, now: number): Promise<OwnData> {
  const { db } = store;
  const created = await db
    .selectFrom('people')
    .select(sql<unknown>`"createdAt"`.as('createdAt'))
    .where('id', '=', person.id)
    .executeTakeFirst();
  const [programs, groups, rules, meetings, sessions] = await Promise.all([
    ownPrograms(db, person.id),
    ownGroups(db, person.id),
    ownRules(db, person.id),
    ownMeetings(db, person.id, now),
    ownSessions(store, person.id),
  ]);
  return {
    format: 'roundtable-own-data/1',
    exportedAt: iso(now),
    profile: { ...person, createdAt: isoOf(created?.createdAt) },
    programs,
    groups,
    ...rules,
    meetings,
    sessions,
  };
}

async function ownPrograms(db: Kysely<Database>, personId: string) {
  const rows = await db
    .selectFrom('program_members as m')
    .innerJoin('programs as p', 'p.id', 'm.program_id')
    .select(['p.id', 'p.name', 'm.joined_at'])
    .where('m.person_id', '=', personId)
    .orderBy('m.joined_at')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, joinedAt: iso(r.joined_at) }));
}

async function ownGroups(db: Kysely<Database>, personId: string): Promise<OwnGroup[]> {
  const rows = await db
    .selectFrom('group_members as m')
    .innerJoin('groups as g', 'g.id', 'm.group_id')
    .innerJoin('programs as p', 'p.id', 'g.program_id')
    .select(['g.id', 'g.name', 'p.name as program', 'm.added_at', 'm.removed_at'])
    .where('m.person_id', '=', personId)
    .orderBy('m.added_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    program: r.program,
    addedAt: iso(r.added_at),
    removedAt: r.removed_at === null ? null : iso(r.removed_at),
  }));
}

async function ownRules(db: Kysely<Database>, personId: string) {
  const [proposed, accepted] = await Promise.all([
    db
      .selectFrom('rule_versions as r')
      .innerJoin('groups as g', 'g.id', 'r.group_id')
      .select(['g.name as group', 'r.version', 'r.note', 'r.rules', 'r.created_at'])
      .where('r.proposed_by', '=', personId)
      .orderBy('r.created_at')
      .execute(),
    db
      .selectFrom('rule_acceptances as a')
      .innerJoin('groups as g', 'g.id', 'a.group_id')
      .select(['g.name as group', 'a.version', 'a.accepted_at'])
      .where('a.person_id', '=', personId)
      .orderBy('a.accepted_at')
      .execute(),
  ]);
  return {
    rulesProposed: proposed.map((r) => ({
      group: r.group,
      version: r.version,
      note: r.note,
      rules: JSON.parse(r.rules) as unknown,
      proposedAt: iso(r.created_at),
    })),
    rulesAccepted: accepted.map((a) => ({
      group: a.group,
      version: a.version,
      acceptedAt: iso(a.accepted_at),
    })),
  };
}

/** Meetings of a group they were in, with how long they were in the room (attendance). */
async function ownMeetings(db: Kysely<Database>, personId: string, now: number) {
  const rows = await db
    .selectFrom('participants as p')
    .innerJoin('group_meetings as m', 'm.session_id', 'p.session_id')
    .innerJoin('groups as g', 'g.id', 'm.group_id')
    .leftJoin('attendance as a', (j) =>
      j.onRef('a.session_id', '=', 'p.session_id').onRef('a.participant_id', '=', 'p.id'),
    )
    .select(['m.session_id', 'g.name', 'm.number', 'm.started_at', 'a.joined_at', 'a.left_at'])
    .where('p.person_id', '=', personId)
    .orderBy('m.started_at')
    .execute();
  const meetings = new Map<string, { meeting: Omit<OwnMeeting, 'minutesPresent'>; ms: number }>();
  for (const r of rows) {
    const entry = meetings.get(r.session_id) ?? {
      meeting: { group: r.name, number: r.number, startedAt: iso(r.started_at) },
      ms: 0,
    };
    // A stretch still open (they are in the room now) counts up to now.
    if (r.joined_at !== null) entry.ms += (r.left_at ?? now) - r.joined_at;
    meetings.set(r.session_id, entry);
  }
  return [...meetings.values()].map(({ meeting, ms }) => ({
    ...meeting,
    minutesPresent: Math.round(ms / 60_000),
  }));
}

async function ownSessions(store: Store, personId: string): Promise<OwnSession[]> {
  const rows = await store.db
    .selectFrom('participants as p')
    .innerJoin('sessions as s', 's.id', 'p.session_id')
    .select(['s.id', 's.title', 'p.id as participantId', 'p.name', 'p.joined_at'])
    .where('p.person_id', '=', personId)
    .orderBy('p.joined_at')
    .execute();
  return Promise.all(
    rows.map(async (r) => ({
      sessionId: r.id,
      title: r.title,
      participantId: r.participantId,
      nameInSession: r.name,
      joinedAt: iso(r.joined_at),
      notes: await notesText(store, r.id, r.participantId),
      takeaways: await store.getExport(r.id, r.participantId, 'takeaways'),
    })),
  );
}

/**
 * Their private notes as stored: every update is stored before it is acknowledged, so the
 * stored log is what the live session holds, whether or not the session is in memory.
 */
async function notesText(store: Store, sessionId: string, participantId: string) {
  const doc = new Y.Doc();
  for (const { update } of await store.loadUpdates(sessionId, `notes:${participantId}`))
    Y.applyUpdate(doc, update);
  const text = doc.getText(NOTES_TEXT).toString();
  doc.destroy();
  return text;
}
