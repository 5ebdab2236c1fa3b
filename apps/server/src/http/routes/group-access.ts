import type { Person } from '@roundtable/wire';
import type { Kysely } from 'kysely';
import { groupAccess, type GroupAccess } from '../../programs/access.ts';
import type { Database } from '../../store/schema.ts';
import type { Reply } from '../../transport-reply.ts';
import type { ApiRequest } from '../api.ts';
import { notFound, signedIn, signInRequired, type SignedInOptions } from '../signed-in.ts';

/*
 * Who is asking about a group: signed in (401 otherwise), and allowed to see it (404 as for an
 * unknown group otherwise). `members` routes change the group or take part in it: a
 * coordinator who is not a member may look, but gets 404 there too, as anyone else would.
 */

export interface GroupCaller {
  readonly person: Person;
  readonly groupId: string;
  readonly access: GroupAccess;
}

export async function groupCaller(
  o: SignedInOptions & { db: Kysely<Database> },
  req: ApiRequest,
  who: 'members' | 'members-and-coordinators',
): Promise<GroupCaller | Reply> {
  const person = await signedIn(o, req);
  if (!person) return signInRequired();
  const groupId = req.params.groupId ?? '';
  const access = await groupAccess(o.db, groupId, person);
  if (!access || (who === 'members' && access.as !== 'member')) return notFound('group');
  return { person, groupId, access };
}

export const isCaller = (c: GroupCaller | Reply): c is GroupCaller => 'person' in c;
