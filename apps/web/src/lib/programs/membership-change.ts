/** What a coordinator's ticks change: who joins the group and who leaves it, each once. */
export function membershipChange(
  current: readonly string[],
  chosen: readonly string[],
): { add: string[]; remove: string[] } {
  const now = new Set(current);
  const next = new Set(chosen);
  return {
    add: [...next].filter((id) => !now.has(id)),
    remove: [...now].filter((id) => !next.has(id)),
  };
}
