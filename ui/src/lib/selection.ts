// Choosing several conversations in a list: a click toggles one, a shift-click takes the range
// from the last one chosen.

/** The ids from `anchor` to `to` in `order` (both included), or just `to` when the anchor is gone. */
export function rangeBetween(order: readonly number[], anchor: number | null, to: number): number[] {
  const a = anchor === null ? -1 : order.indexOf(anchor);
  const b = order.indexOf(to);
  if (b < 0) return [];
  if (a < 0) return [to];
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return order.slice(lo, hi + 1);
}

/** The selection after a click on `id` (shift: the range from `anchor`, added). */
export function clickSelect(
  selected: ReadonlySet<number>,
  order: readonly number[],
  anchor: number | null,
  id: number,
  shift: boolean,
): Set<number> {
  const next = new Set(selected);
  if (shift) {
    for (const i of rangeBetween(order, anchor, id)) next.add(i);
  } else if (next.has(id)) {
    next.delete(id);
  } else {
    next.add(id);
  }
  return next;
}
