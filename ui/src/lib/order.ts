// Lists the user puts in order (routes, SLA policies): sorting by position, moving an item, and
// where a keyboard move or a drop lands. No Svelte here, so all of it is unit-tested.

/** An item kept at a position in its list. */
export interface Positioned {
  id: string;
  position: number;
}

/** List order: by position, then by creation. */
export function sortByPosition<T extends { position: number; createdAt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));
}

/** Moves an item to index `to` (clamped) and renumbers positions from 0. */
export function moveItem<T extends Positioned>(list: readonly T[], id: string, to: number): T[] {
  const from = list.findIndex((x) => x.id === id);
  if (from < 0) return [...list];
  const rest = list.filter((_, i) => i !== from);
  const target = Math.max(0, Math.min(to, rest.length));
  rest.splice(target, 0, list[from]);
  return rest.map((x, i) => (x.position === i ? x : { ...x, position: i }));
}

/** The index a keyboard move goes to (Alt+ArrowUp/Down), or null when it goes nowhere. */
export function keyboardMoveTarget(key: string, index: number, length: number): number | null {
  if (key === "ArrowUp") return index > 0 ? index - 1 : null;
  if (key === "ArrowDown") return index < length - 1 ? index + 1 : null;
  return null;
}

/** Whether a row dragged over another lands after it: the pointer is in its bottom half. */
export function dropsAfter(clientY: number, box: { top: number; height: number }): boolean {
  return clientY > box.top + box.height / 2;
}

/**
 * Where a dragged row lands when dropped on another row: in the top half before it, in the bottom
 * half after it. `from` and `over` are indexes in the current list; null when nothing would move.
 */
export function dropTarget(from: number, over: number, after: boolean): number | null {
  if (from < 0 || over < 0) return null;
  let to = after ? over + 1 : over;
  if (from < to) to -= 1;
  return to === from ? null : to;
}
