import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { hasCoordinator, makeCoordinator } from './roles.ts';

/** The web page a setup link opens: it signs its person in, then claims the token. */
export const SETUP_PATH = '/setup';

/** Only the hash is stored, so a copy of the database cannot be turned into the link. */
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * On a fresh install (nobody is a coordinator yet) makes a new one-time setup link and
 * returns it; earlier unused links stop working, so only the newest printed one counts.
 * Returns null once there is a coordinator.
 */
export async function mintSetupLink(
  db: Kysely<Database>,
  o: { origin: string; now: number },
): Promise<string | null> {
  await db.deleteFrom('setup_links').where('used_by', 'is', null).execute();
  if (await hasCoordinator(db)) return null;
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('setup_links')
    .values({ token_hash: hashOf(token), created_at: o.now, used_by: null })
    .execute();
  const link = new URL(SETUP_PATH, o.origin);
  link.searchParams.set('token', token);
  return link.toString();
}

/**
 * Makes `personId` the first coordinator if `token` is an unused setup link and nobody is a
 * coordinator yet; in one transaction, so two people racing with the same link cannot both
 * win (the conditional update lets exactly one mark it used).
 */
export async function claimSetupLink(
  db: Kysely<Database>,
  token: string,
  personId: string,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    if (await hasCoordinator(tx)) return false;
    const marked = await tx
      .updateTable('setup_links')
      .set({ used_by: personId })
      .where('token_hash', '=', hashOf(token))
      .where('used_by', 'is', null)
      .executeTakeFirst();
    if (marked.numUpdatedRows !== 1n) return false;
    await makeCoordinator(tx, personId);
    return true;
  });
}
