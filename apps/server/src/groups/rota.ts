/*
 * The facilitator rota as arithmetic (decision 0090): members in their rota order, and the
 * number of meetings the group has held. Nothing is stored about "whose turn it is", so
 * reordering (a swap) or a member leaving moves the next turns and never rewrites history:
 * each meeting keeps who the rota named when it started.
 */

export interface RotaTurn<T> {
  readonly facilitator: T | null;
  readonly deputy: T | null;
}

/**
 * Who facilitates the meeting after `meetingsHeld` meetings, and who deputises: the member at
 * `k mod n` and the one after them. A pair alternates, each deputising for the other; one
 * member alone has no deputy.
 */
export function rotaTurn<T>(order: readonly T[], meetingsHeld: number): RotaTurn<T> {
  const n = order.length;
  if (n === 0) return { facilitator: null, deputy: null };
  const k = Math.max(0, Math.floor(meetingsHeld));
  const facilitator = order[k % n] ?? null;
  const deputy = n > 1 ? (order[(k + 1) % n] ?? null) : null;
  return { facilitator, deputy };
}

/**
 * Problems with a proposed rota order: it must name every current member exactly once and
 * nobody else. Empty when the order is good.
 */
export function rotaOrderProblems(
  order: readonly string[],
  members: readonly string[],
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const wanted = new Set(members);
  const seen = new Set<string>();
  order.forEach((id, i) => {
    if (!wanted.has(id))
      problems.push({ path: `order.${i}`, message: `${id} is not a member of this group` });
    else if (seen.has(id))
      problems.push({ path: `order.${i}`, message: `${id} appears more than once` });
    seen.add(id);
  });
  for (const id of members)
    if (!seen.has(id)) problems.push({ path: 'order', message: `member ${id} is missing` });
  return problems;
}
