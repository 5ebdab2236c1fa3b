import type { SessionEvent } from '@roundtable/protocol';
import type { Kysely } from 'kysely';
import type { CoreEvents } from '../core/events.ts';
import type { Database } from '../store/schema.ts';
import { SerialByKey } from './serial-by-key.ts';

/*
 * Attendance from presence in the room (docs/data-model.md, "Groups over the year"): the
 * engine says when a participant joined (became present) and left (after the leave grace),
 * and when the session ended; each becomes a row stretch in `attendance`, for group meetings
 * only (ad-hoc sessions' guests are nobody's record). Writes run after the emitter returns,
 * one at a time per session so a quick join-leave-join lands in order; a failed write is
 * logged, never thrown into the engine's emitter.
 */

type Db = Kysely<Database>;

export interface AttendanceRecorder {
  /** Resolves once every write asked for so far is done (before the store closes). */
  drain(): Promise<void>;
  stop(): void;
}

async function isMeeting(db: Db, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('group_meetings')
    .select('session_id')
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return row !== undefined;
}

async function joined(db: Db, sessionId: string, participantId: string, at: number) {
  const open = await db
    .selectFrom('attendance')
    .select('joined_at')
    .where('session_id', '=', sessionId)
    .where('participant_id', '=', participantId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  if (open) return;
  await db
    .insertInto('attendance')
    .values({ session_id: sessionId, participant_id: participantId, joined_at: at, left_at: null })
    .onConflict((oc) => oc.columns(['session_id', 'participant_id', 'joined_at']).doNothing())
    .execute();
}

/** Closes the open stretch of one participant, or of everyone when `participantId` is null. */
async function left(db: Db, sessionId: string, participantId: string | null, at: number) {
  let update = db
    .updateTable('attendance')
    .set({ left_at: at })
    .where('session_id', '=', sessionId)
    .where('left_at', 'is', null);
  if (participantId !== null) update = update.where('participant_id', '=', participantId);
  await update.execute();
}

async function record(db: Db, sessionId: string, events: readonly SessionEvent[], at: number) {
  if (!(await isMeeting(db, sessionId))) return;
  for (const event of events) {
    if (event.type === 'participant-joined') await joined(db, sessionId, event.who, at);
    else if (event.type === 'participant-left') await left(db, sessionId, event.who, at);
    else if (event.type === 'session-ended') await left(db, sessionId, null, at);
  }
}

const RECORDED = new Set<SessionEvent['type']>([
  'participant-joined',
  'participant-left',
  'session-ended',
]);

export function recordAttendance(
  db: Db,
  events: CoreEvents,
  logError: (message: string, error: unknown) => void,
): AttendanceRecorder {
  const serial = new SerialByKey();
  const pending = new Set<Promise<void>>();
  const unsubscribe = events.on('engine-events', ({ sessionId, events: happened, serverTime }) => {
    const relevant = happened.filter((e) => RECORDED.has(e.type));
    if (relevant.length === 0) return;
    const write = serial
      .run(sessionId, () => record(db, sessionId, relevant, serverTime))
      .catch((error: unknown) =>
        logError(`Attendance of session ${sessionId} not recorded`, error),
      );
    pending.add(write);
    void write.finally(() => pending.delete(write));
  });
  return {
    drain: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    stop: unsubscribe,
  };
}
