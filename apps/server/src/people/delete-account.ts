import { FORMER_MEMBER } from '@roundtable/protocol';
import type { Person } from '@roundtable/wire';
import { sql, type Transaction } from 'kysely';
import type { Clock } from '../core/clock.ts';
import type { CoreEvents } from '../core/events.ts';
import type { Sessions } from '../core/sessions.ts';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

/*
 * Deleting an account (docs/data-model.md, "Deleting an account"): what was personal goes,
 * the group's shared history stays and names them "a former member".
 */

export interface DeleteAccountParts {
  readonly store: Store;
  readonly sessions: Pick<Sessions, 'live'>;
  /** Where each forgotten participant is announced, so the transports close their connections. */
  readonly events: CoreEvents;
  readonly clock: Clock;
}

interface Participation {
  readonly sessionId: string;
  readonly participantId: string;
}

export async function deleteAccount(parts: DeleteAccountParts, person: Person): Promise<void> {
  const { db } = parts.store;
  const mine = await db
    .selectFrom('participants')
    .select(['session_id as sessionId', 'id as participantId'])
    .where('person_id', '=', person.id)
    .execute();
  // The session documents first: a failure here leaves the account whole, to try again, and
  // forgetting twice changes nothing. Once the person row is gone, nothing finds them.
  for (const participation of mine) await forgetInSession(parts, participation);
  await db.transaction().execute(async (trx) => {
    for (const { sessionId, participantId } of mine) {
      await trx
        .deleteFrom('doc_updates')
        .where('session_id', '=', sessionId)
        .where('doc', '=', `notes:${participantId}`)
        .execute();
      await trx
        .deleteFrom('exports')
        .where('session_id', '=', sessionId)
        .where('participant_id', '=', participantId)
        .execute();
    }
    await trx
      .updateTable('participants')
      // From the commit on, their resume credentials are refused (core/admission.ts).
      .set({ name: FORMER_MEMBER, person_id: null, forgotten_at: parts.clock.now() })
      .where('person_id', '=', person.id)
      .execute();
    await trx
      .deleteFrom('program_invitations')
      .where('email', '=', person.email.trim().toLowerCase())
      .execute();
    await deletePendingSignInLinks(trx, person.email);
    // Cascades memberships, acceptances and sign-ins (so their cookie stops working at once);
    // sets shared-history columns (proposed_by, facilitator_id, ...) to null.
    await trx.deleteFrom('people').where('id', '=', person.id).execute();
  });
  for (const participation of mine) await closeConnections(parts, participation);
}

/**
 * Renames them in the session's state document through the engine (live, or loaded for it
 * when ended or not in memory), and deletes their notes in the session's queue, stored and in
 * memory at once, so no notes change of theirs can bring them back from either. The
 * transaction deletes the stored notes again: a no-op unless this step was skipped.
 */
async function forgetInSession(parts: DeleteAccountParts, p: Participation): Promise<void> {
  const record = await parts.store.getSession(p.sessionId);
  if (!record) return;
  const live = await parts.sessions.live(record);
  const forgotten = await live.system({ type: 'forget', actor: p.participantId });
  // The engine accepts forget in every state; a refusal is a bug, not a person's mistake.
  if (!forgotten.ok) throw new Error(`forget refused: ${forgotten.error.code}`);
  await live.serial(async () => {
    await parts.store.deleteDoc(p.sessionId, `notes:${p.participantId}`);
    live.docs.dropNotes(p.participantId);
  });
}

/**
 * Once the transaction committed, no credential of theirs connects again; the connections
 * they still have close now, in the session's queue, so nothing of theirs queued after runs.
 * Notes typed since the first step go again, and they leave the room as anyone who goes does
 * (turns, hands and the facilitator role move on by the engine's rules).
 */
async function closeConnections(parts: DeleteAccountParts, p: Participation): Promise<void> {
  const record = await parts.store.getSession(p.sessionId);
  if (!record) return;
  const live = await parts.sessions.live(record);
  await live.serial(async () => {
    parts.events.emit('participant-forgotten', p);
    await parts.store.deleteDoc(p.sessionId, `notes:${p.participantId}`);
    live.docs.dropNotes(p.participantId);
  });
  // Leaving is a no-op once they are not present; one who never connected is not in the room.
  if (!live.engineState.participants.some((q) => q.id === p.participantId)) return;
  const left = await live.system({ type: 'leave', actor: p.participantId });
  if (!left.ok) throw new Error(`leave refused: ${left.error.code}`);
}

/** better-auth's unused sign-in links to their address (JSON in `verifications.value`). */
async function deletePendingSignInLinks(trx: Transaction<Database>, email: string) {
  const rows = await sql<{ id: string; value: string }>`
    select "id", "value" from "verifications" where "value" like ${'%"magic-link"%'}
  `.execute(trx);
  const address = email.trim().toLowerCase();
  for (const row of rows.rows) {
    if (linkAddress(row.value) !== address) continue;
    await sql`delete from "verifications" where "id" = ${row.id}`.execute(trx);
  }
}

function linkAddress(value: string): string | null {
  try {
    const parsed: unknown = JSON.parse(value);
    const email = typeof parsed === 'object' && parsed && 'email' in parsed ? parsed.email : null;
    return typeof email === 'string' ? email.trim().toLowerCase() : null;
  } catch {
    return null;
  }
}
