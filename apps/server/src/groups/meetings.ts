import { randomUUID } from 'node:crypto';
import type { JoinResponse, MeetingLobby, Person, StartMeetingResponse } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import { parseCreateSession } from '../core/session-options.ts';
import type { Sessions } from '../core/sessions.ts';
import { toParticipantRecord } from '../store/rows.ts';
import type { Database } from '../store/schema.ts';
import type { ParticipantRecord, SessionRecord, Store } from '../store/store.ts';
import { acceptRules } from './contracting.ts';
import { currentMembers, currentRules, groupRow, latestAccepted } from './group-queries.ts';
import { meetingOf, meetingRows, type MeetingRow } from './meeting-queries.ts';
import { displayName } from './people-refs.ts';
import { rotaTurn } from './rota.ts';
import { SerialByKey } from './serial-by-key.ts';

/*
 * A group's meetings: starting one (a live session through the core, with the program's
 * protocol and the group's current rules, and the rota's facilitator and deputy as of now),
 * its lobby, and a member entering it without an invite link.
 */

export interface MeetingsOptions {
  readonly db: Kysely<Database>;
  /** Session records (whether a meeting ended). */
  readonly store: Store;
  readonly sessions: Sessions;
  readonly now: () => number;
}

export type MeetingRefusal = {
  readonly ok: false;
  readonly reason: 'not-found' | 'session-ended' | 'rules-changed' | 'rules-not-accepted';
};
const refuse = (reason: MeetingRefusal['reason']): MeetingRefusal => ({ ok: false, reason });

export const rotaRoleOf = (m: MeetingRow, personId: string) =>
  m.facilitatorId === personId ? 'facilitator' : m.deputyId === personId ? 'deputy' : null;

export class Meetings {
  private readonly o: MeetingsOptions;
  private readonly serial = new SerialByKey();

  constructor(o: MeetingsOptions) {
    this.o = o;
  }

  /** The group's live meeting, or a new one: one at a time per group. */
  start(groupId: string, person: Person): Promise<StartMeetingResponse | null> {
    return this.serial.run(`start:${groupId}`, () => this.startNow(groupId, person));
  }

  private async startNow(groupId: string, person: Person): Promise<StartMeetingResponse | null> {
    const { db, sessions } = this.o;
    const group = await groupRow(db, groupId);
    if (!group) return null;
    const held = await meetingRows(db, groupId);
    const live = held.find((m) => m.endedAt === null);
    if (live) return { sessionId: live.sessionId, alreadyRunning: true };
    const number = held.length + 1;
    const rules = await currentRules(db, groupId);
    const parsed = parseCreateSession({
      title: `${group.name} - meeting ${number}`,
      protocol: group.protocolId,
      ...(rules && { groundRules: rules.rules }),
    });
    // The program's protocol was checked when the program was made: failing now is a bug.
    if (!parsed.ok) throw new Error(`group ${groupId}: ${parsed.error.message}`);
    const created = await sessions.create(parsed.title, parsed.options, person.id);
    const turn = rotaTurn(await currentMembers(db, groupId), held.length);
    await db
      .insertInto('group_meetings')
      .values({
        session_id: created.sessionId,
        group_id: groupId,
        number,
        started_at: this.o.now(),
        started_by: person.id,
        facilitator_id: turn.facilitator?.id ?? null,
        deputy_id: turn.deputy?.id ?? null,
      })
      .execute();
    return { sessionId: created.sessionId, alreadyRunning: false };
  }

  private async openMeeting(groupId: string, sessionId: string) {
    const meeting = await meetingOf(this.o.db, groupId, sessionId);
    if (!meeting) return refuse('not-found');
    const record = await this.o.store.getSession(sessionId);
    if (!record) return refuse('not-found');
    if (record.endedAt !== null) return refuse('session-ended');
    return { ok: true as const, meeting, record };
  }

  /** What the meeting's lobby shows this member: only the rules they have not accepted. */
  async lobby(
    groupId: string,
    sessionId: string,
    person: Person,
  ): Promise<{ ok: true; lobby: MeetingLobby } | MeetingRefusal> {
    const open = await this.openMeeting(groupId, sessionId);
    if (!open.ok) return open;
    const current = (await currentRules(this.o.db, groupId)) ?? { version: 0, rules: [] };
    const accepted = await latestAccepted(this.o.db, groupId, person.id);
    const known = new Set(accepted?.version === current.version ? current.rules : accepted?.rules);
    return {
      ok: true,
      lobby: {
        title: open.record.title,
        rules: current.rules,
        version: current.version,
        toAccept: current.rules.filter((rule) => !known.has(rule)),
        rotaRole: rotaRoleOf(open.meeting, person.id),
      },
    };
  }

  /** The member's participant in the meeting, the same one each time, and a credential. */
  enter(
    groupId: string,
    sessionId: string,
    who: { person: Person; acceptVersion: number | undefined },
  ): Promise<{ ok: true; joined: JoinResponse } | MeetingRefusal> {
    const key = `enter:${sessionId}:${who.person.id}`;
    return this.serial.run(key, () => this.enterNow(groupId, sessionId, who));
  }

  private async enterNow(
    groupId: string,
    sessionId: string,
    who: { person: Person; acceptVersion: number | undefined },
  ): Promise<{ ok: true; joined: JoinResponse } | MeetingRefusal> {
    const open = await this.openMeeting(groupId, sessionId);
    if (!open.ok) return open;
    const accepted = await this.ensureAccepted(groupId, who.person.id, who.acceptVersion);
    if (!accepted.ok) return accepted;
    const participant =
      (await this.participantOf(sessionId, who.person.id)) ??
      this.newParticipant(open.record, open.meeting, who.person);
    const joined = await this.o.sessions.enterKnown(open.record, participant);
    return { ok: true, joined };
  }

  /** The current rules accepted, now if `acceptVersion` names them. */
  private async ensureAccepted(groupId: string, personId: string, acceptVersion?: number) {
    const current = await currentRules(this.o.db, groupId);
    if (!current) return { ok: true as const };
    const latest = await latestAccepted(this.o.db, groupId, personId);
    if (latest?.version === current.version) return { ok: true as const };
    if (acceptVersion === undefined) return refuse('rules-not-accepted');
    const now = this.o.now();
    const done = await acceptRules(this.o.db, { groupId, personId, version: acceptVersion, now });
    return done.ok ? done : refuse('rules-changed');
  }

  private async participantOf(sessionId: string, personId: string) {
    const row = await this.o.db
      .selectFrom('participants')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('person_id', '=', personId)
      .orderBy('joined_at')
      .executeTakeFirst();
    return row ? toParticipantRecord(row) : null;
  }

  private newParticipant(record: SessionRecord, m: MeetingRow, person: Person): ParticipantRecord {
    const now = this.o.now();
    const rotaRole = rotaRoleOf(m, person.id);
    return {
      sessionId: record.id,
      id: randomUUID(),
      name: displayName(person.name, person.email),
      role: rotaRole === 'facilitator' ? 'facilitator' : 'member',
      joinedAt: now,
      rulesAcceptedAt: now,
      personId: person.id,
      rotaRole,
      forgottenAt: null,
    };
  }
}
