/** One replacement that turns `before` into `after`: delete `remove` at `at`, insert `insert`. */
export interface TextChange {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

/**
 * The smallest single replacement between two texts, found by trimming their common prefix
 * and suffix. Typing changes one place at a time, so applying this to a shared Y.Text keeps
 * concurrent edits elsewhere in the notes (another tab of the same person) intact.
 */
export function diffText(before: string, after: string): TextChange | null {
  if (before === after) return null;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  return {
    at: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}
