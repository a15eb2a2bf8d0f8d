// Reactive list state for the Settings sections: first load, "Load more" paging by meta.next,
// local inserts, updates and removals after the user changed something, and moves in lists the
// user puts in order.
import { tick } from "svelte";
import type { Page } from "./api/types";
import { moveItem, type Positioned } from "./order";
import { mergeById, upsertById } from "./settings";

export class ListStore<T extends { id: string }> {
  items = $state.raw<T[]>([]);
  /** The path of the next page; undefined on the last one. */
  next = $state<string | undefined>(undefined);
  loading = $state(false);
  loadingMore = $state(false);
  /** True once the first page arrived (or failed). */
  loaded = $state(false);

  /** Bumped by every (re)load, so answers to an older load are ignored. */
  private generation = 0;

  constructor(
    private readonly fetchFirst: () => Promise<Page<T>>,
    private readonly fetchNext: (path: string) => Promise<Page<T>> = () => Promise.resolve({ items: [] }),
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** A list the server never pages. */
  static of<T extends { id: string }>(fetchAll: () => Promise<T[]>, onError?: (err: unknown) => void): ListStore<T> {
    return new ListStore<T>(async () => ({ items: await fetchAll() }), undefined, onError);
  }

  get hasMore(): boolean {
    return this.next !== undefined;
  }

  /** (Re)loads the first page, replacing what is listed. */
  async load(): Promise<void> {
    const gen = ++this.generation;
    this.loading = true;
    this.loadingMore = false;
    try {
      const page = await this.fetchFirst();
      if (gen !== this.generation) return;
      this.items = mergeById([], page.items);
      this.next = page.next;
    } catch (err) {
      if (gen === this.generation) this.onError(err);
    } finally {
      if (gen === this.generation) {
        this.loading = false;
        this.loaded = true;
      }
    }
  }

  /** Appends the next page; items already listed (e.g. created here) are not repeated. */
  async loadMore(): Promise<void> {
    const next = this.next;
    if (!next || this.loading || this.loadingMore) return;
    const gen = this.generation;
    this.loadingMore = true;
    try {
      const page = await this.fetchNext(next);
      if (gen !== this.generation) return;
      this.items = mergeById(this.items, page.items);
      this.next = page.next;
    } catch (err) {
      if (gen === this.generation) this.onError(err);
    } finally {
      if (gen === this.generation) this.loadingMore = false;
    }
  }

  /** Shows a created or changed item: replaced in place, or added at the start or end. */
  upsert(item: T, where: "start" | "end" = "end"): void {
    this.items = upsertById(this.items, item, where);
  }

  remove(id: string): void {
    this.items = this.items.filter((x) => x.id !== id);
  }

  get(id: string): T | undefined {
    return this.items.find((x) => x.id === id);
  }
}

/**
 * Moving an item of a list the user puts in order (routes, SLA policies): the list shows the move
 * at once, then takes the order the server answers, or is read again when the move failed. One
 * move at a time.
 */
export class Reorder<T extends Positioned> {
  /** A move is on its way to the server. */
  busy = $state(false);

  constructor(
    private readonly options: {
      list: ListStore<T>;
      /** The items in their current order. */
      items: () => readonly T[];
      /** Sends the move; resolves to the whole list in its new order. */
      send: (id: string, to: number) => Promise<T[]>;
      /** Nothing moves while this is true (view-only). */
      readOnly: () => boolean;
      onError: (err: unknown) => void;
    },
  ) {}

  /** The items in their current order. */
  get items(): readonly T[] {
    return this.options.items();
  }

  /** Moves an item to index `to`; `row`, when given, gets the focus back once the rows moved. */
  async move(item: T, to: number, row?: HTMLElement): Promise<void> {
    const { list, send, readOnly, onError } = this.options;
    if (this.busy || readOnly()) return;
    const items = this.items;
    const from = items.findIndex((x) => x.id === item.id);
    if (from < 0 || to === from) return;
    this.busy = true;
    list.items = moveItem(items, item.id, to);
    if (row) void focusAfterUpdate(row);
    try {
      list.items = await send(item.id, to);
    } catch (err) {
      onError(err);
      await list.load();
    } finally {
      this.busy = false;
    }
    if (row) void focusAfterUpdate(row);
  }
}

async function focusAfterUpdate(el: HTMLElement): Promise<void> {
  await tick();
  el.focus();
}

/**
 * The forms a Settings list has open: the create form, one row's edit form and the confirmation of
 * a deletion. When one closes, the element that had the focus is gone, so the focus goes back to
 * the section's "New" button or to a button of the row.
 */
export class ListForms<T extends { id: string }> {
  /** The create form is open. */
  creating = $state(false);
  /** The row showing its edit form. */
  editingId = $state<string | null>(null);
  /** The row whose deletion is being confirmed (as listed: it is only read). */
  deleting = $state.raw<T | null>(null);
  /** The confirmed deletion is on its way. */
  deleteBusy = $state(false);
  /** The section's element: the focus is looked for inside it. */
  root = $state<HTMLElement>();
  /** data-testid of the section's "New" button. */
  readonly newButton: string;

  constructor(
    private readonly options: {
      /** data-testid of the section's "New" button, e.g. `hours-new`. */
      newButton: string;
      /** data-testid of a row's Edit button, e.g. `hours-edit`. */
      editButton: string;
      /** The attribute holding a row's id, e.g. `data-hours-id`. */
      rowAttribute: string;
      onError: (err: unknown) => void;
    },
  ) {
    this.newButton = options.newButton;
  }

  /** Focuses what `selector` finds in the section once the page has updated. */
  async focus(selector: string): Promise<void> {
    await tick();
    this.root?.querySelector<HTMLElement>(selector)?.focus();
  }

  focusNew(): void {
    void this.focus(`[data-testid="${this.newButton}"]`);
  }

  /** Focuses the element with data-testid `testid` in the row of `id`. */
  focusInRow(id: string, testid: string): void {
    void this.focus(`[${this.options.rowAttribute}="${id}"] [data-testid="${testid}"]`);
  }

  closeCreate(): void {
    this.creating = false;
    this.focusNew();
  }

  stopEditing(id: string): void {
    this.editingId = null;
    this.focusInRow(id, this.options.editButton);
  }

  /**
   * Runs what a form submitted: resolves true when it went through (the form closes), false when it
   * failed (reported by onError; the form stays open).
   */
  async attempt(run: () => Promise<void>): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (err) {
      this.options.onError(err);
      return false;
    }
  }

  /**
   * Deletes the row being confirmed with `remove` (which also tells the user), once at a time; a
   * failure is reported by onError. The confirmation closes either way; with `focusNew`, a
   * deletion that went through then takes the focus to the "New" button (the row is gone).
   */
  async confirmDelete(remove: (item: T) => Promise<void>, { focusNew = false } = {}): Promise<void> {
    const item = this.deleting;
    if (!item || this.deleteBusy) return;
    this.deleteBusy = true;
    let removed = false;
    try {
      await remove(item);
      removed = true;
      if (this.editingId === item.id) this.editingId = null;
    } catch (err) {
      this.options.onError(err);
    } finally {
      this.deleteBusy = false;
      this.deleting = null;
    }
    // Once the confirmation has closed, so that it doesn't give the focus back to the gone row.
    if (removed && focusNew) this.focusNew();
  }
}
