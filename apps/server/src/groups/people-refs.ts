import type { PersonRef } from '@roundtable/wire';

/**
 * How a person is named to the others: their name, or the part of their address before the @
 * while they have not given one (better-auth creates people with an empty name from a magic
 * link). Null id: they deleted their account, "a former member".
 */
export function displayName(name: string | null, email: string | null): string {
  const given = name?.trim() ?? '';
  if (given) return given;
  return (email ?? '').split('@')[0] ?? '';
}

export function personRef(
  id: string | null,
  name: string | null,
  email: string | null,
): PersonRef | null {
  return id === null ? null : { id, name: displayName(name, email) };
}
