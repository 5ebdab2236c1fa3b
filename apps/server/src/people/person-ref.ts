import { PROTOCOL_LIMITS } from '@roundtable/protocol';
import type { PersonRef } from '@roundtable/wire';

/**
 * How a person is named to the others, everywhere the server names one (GET /api/me, member
 * lists, the rota, the group and program pages, a meeting's participant): their name, or the
 * part of their address before the @ while they have not given one (better-auth creates people
 * with an empty name from a magic link). Cut to the room's name limit, so the room takes it.
 */
export function displayName(name: string | null, email: string | null): string {
  const given = name?.trim() ?? '';
  const shown = given || ((email ?? '').split('@')[0] ?? '').trim();
  return shown.slice(0, PROTOCOL_LIMITS.nameChars);
}

/** A person as pages name them; null id: they deleted their account, "a former member". */
export function personRef(
  id: string | null,
  name: string | null,
  email: string | null,
): PersonRef | null {
  return id === null ? null : { id, name: displayName(name, email) };
}
