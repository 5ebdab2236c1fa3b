/**
 * Whose tile the room puts forward: the one who has the floor by the protocol, that is the
 * turn holder or the only person allowed to speak (a presenter). In an open conversation
 * nobody is: tiles that jumped to the front at every sound would be hard to follow, so there
 * the speaking ring alone shows who is talking.
 */
export function featuredPerson(input: {
  readonly floor: readonly string[];
  readonly holder: string | null;
}): string | null {
  if (input.holder) return input.holder;
  return input.floor.length === 1 ? (input.floor[0] ?? null) : null;
}
