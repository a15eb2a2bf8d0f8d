// Reactive list state for the Settings sections: first load, "Load more" paging by meta.next, and
// local inserts, updates and removals after the user changed something.
import type { Page } from "./api/types";
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
