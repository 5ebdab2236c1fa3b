import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/*
 * Invitations to a program (docs/data-model.md, "program_invitations"). A link's token is 32
 * random bytes; only its SHA-256 is stored, so a copy of the database cannot be turned into
 * links. One row per address and program: inviting again replaces the token, so the older
 * link stops working.
 */

export const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Minted {
  readonly id: string;
  readonly email: string;
  readonly token: string;
  readonly expiresAt: number;
}

export interface InviteOutcome {
  readonly minted: readonly Minted[];
  readonly alreadyMembers: readonly string[];
}

/** Which of `emails` (lower-cased) already belong to the program. */
async function memberEmails(
  db: Kysely<Database>,
  programId: string,
  emails: readonly string[],
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('program_members')
    .innerJoin('people', 'people.id', 'program_members.person_id')
    .select('people.email')
    .where('program_members.program_id', '=', programId)
    .where((eb) => eb(eb.fn('lower', ['people.email']), 'in', emails))
    .execute();
  return new Set(rows.map((r) => r.email.toLowerCase()));
}

/** Writes a fresh invitation (or a fresh token for an existing one) per address, in one go. */
export async function mintInvitations(
  db: Kysely<Database>,
  o: {
    programId: string;
    emails: readonly string[];
    invitedBy: string;
    now: number;
    ttlMs: number;
  },
): Promise<InviteOutcome> {
  return db.transaction().execute(async (tx) => {
    const members = await memberEmails(tx, o.programId, o.emails);
    const minted: Minted[] = [];
    for (const email of o.emails.filter((e) => !members.has(e))) {
      const token = randomBytes(32).toString('base64url');
      const fresh = {
        token_hash: hashOf(token),
        created_at: o.now,
        expires_at: o.now + o.ttlMs,
        mail_state: 'queued',
        invited_by: o.invitedBy,
        // An earlier invitation accepted by a person who since deleted their account opens again.
        accepted_at: null,
        accepted_by: null,
      };
      // One row per address: an existing invitation gets the fresh token (an atomic upsert, so
      // two coordinators inviting the same address at once cannot collide).
      const { id } = await tx
        .insertInto('program_invitations')
        .values({ id: randomUUID(), program_id: o.programId, email, ...fresh })
        .onConflict((c) => c.columns(['program_id', 'email']).doUpdateSet(fresh))
        .returning('id')
        .executeTakeFirstOrThrow();
      minted.push({ id, email, token, expiresAt: fresh.expires_at });
    }
    return { minted, alreadyMembers: o.emails.filter((e) => members.has(e)) };
  });
}

export async function setMailState(
  db: Kysely<Database>,
  id: string,
  state: 'sent' | 'failed',
): Promise<void> {
  await db
    .updateTable('program_invitations')
    .set({ mail_state: state })
    .where('id', '=', id)
    .execute();
}

export type AcceptOutcome =
  | { readonly ok: true; readonly programId: string }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'another-address'; readonly email: string };

/**
 * Accepts the invitation whose link carried `token` for the signed-in person: they join its
 * program. Accepting again is harmless; a link someone else accepted, replaced or expired is not
 * valid.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  o: { token: string; personId: string; personEmail: string; now: number },
): Promise<AcceptOutcome> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('program_invitations')
      .selectAll()
      .where('token_hash', '=', hashOf(o.token))
      .executeTakeFirst();
    if (!row || row.expires_at <= o.now) return { ok: false, reason: 'invalid' };
    if (row.accepted_at !== null)
      return row.accepted_by === o.personId
        ? { ok: true, programId: row.program_id }
        : { ok: false, reason: 'invalid' };
    if (row.email !== o.personEmail.trim().toLowerCase())
      return { ok: false, reason: 'another-address', email: row.email };
    await tx
      .insertInto('program_members')
      .values({ program_id: row.program_id, person_id: o.personId, joined_at: o.now })
      .onConflict((c) => c.columns(['program_id', 'person_id']).doNothing())
      .execute();
    await tx
      .updateTable('program_invitations')
      .set({ accepted_at: o.now, accepted_by: o.personId })
      .where('id', '=', row.id)
      .execute();
    return { ok: true, programId: row.program_id };
  });
}
