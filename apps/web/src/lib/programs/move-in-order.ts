/** The list with the item at `index` moved one place earlier (-1) or later (1); null at an end. */
export function moveInOrder<T>(list: readonly T[], index: number, by: -1 | 1): T[] | null {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return null;
  const moved = [...list];
  const [item] = moved.splice(index, 1) as [T];
  moved.splice(to, 0, item);
  return moved;
}
