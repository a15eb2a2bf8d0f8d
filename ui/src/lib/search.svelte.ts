// Reactive conversation search: the search box's text and Exact toggle, debounced requests, paging.
import { ApiError, type SearchParams } from "./api/client";
import type { Conversation, Page, SearchHit } from "./api/types";
import { SEARCH_DEBOUNCE_MS, SEARCH_PAGE_LIMIT, mergeResults, normalizeQuery, type SearchResult } from "./search";

/** The slice of the API client search needs (a fake in tests). */
export interface SearchApi {
  search(params: SearchParams): Promise<Page<SearchHit>>;
  searchPage(path: string): Promise<Page<SearchHit>>;
  conversation(id: number): Promise<Conversation>;
}

export interface SearchOptions {
  debounceMs?: number;
  pageLimit?: number;
}

export class SearchStore {
  /** What is typed in the search box. */
  text = $state("");
  exact = $state(false);
  /** The query the shown results answer ("" before the first search of this text). */
  query = $state("");
  results = $state.raw<SearchResult[]>([]);
  next = $state<string | undefined>(undefined);
  loading = $state(false);
  loadingMore = $state(false);
  /** True once results for `query` (with `exact`) have arrived or failed. */
  loaded = $state(false);

  /** Searching mode: the box holds a query, so results replace the inbox list. */
  active = $derived(normalizeQuery(this.text) !== "");

  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly debounceMs: number;
  private readonly pageLimit: number;

  constructor(
    private readonly api: SearchApi,
    private readonly onError: (err: unknown) => void = () => {},
    options: SearchOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? SEARCH_DEBOUNCE_MS;
    this.pageLimit = options.pageLimit ?? SEARCH_PAGE_LIMIT;
  }

  get hasMore(): boolean {
    return this.next !== undefined;
  }

  /** The box changed: searches after a pause in typing; an empty box leaves search mode at once. */
  setText(text: string): void {
    this.text = text;
    this.cancelTimer();
    if (!this.active) {
      this.reset();
      return;
    }
    this.loading = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.debounceMs);
  }

  /** The Exact toggle changed: searches again at once. */
  setExact(exact: boolean): Promise<void> {
    this.exact = exact;
    return this.active ? this.submit() : Promise.resolve();
  }

  /** Searches now (Enter in the box), skipping the debounce. */
  submit(): Promise<void> {
    this.cancelTimer();
    return this.active ? this.run() : Promise.resolve();
  }

  /** Empties the box and leaves search mode; late answers are ignored. */
  clear(): void {
    this.text = "";
    this.cancelTimer();
    this.reset();
  }

  /** Fetches the page after the last one shown. */
  async loadMore(): Promise<void> {
    const next = this.next;
    if (!next || this.loading || this.loadingMore) return;
    const gen = this.generation;
    this.loadingMore = true;
    try {
      const page = await this.api.searchPage(next);
      const results = await this.withConversations(page.items);
      if (gen !== this.generation) return;
      this.results = mergeResults(this.results, results);
      this.next = page.next;
    } catch (err) {
      if (gen === this.generation) this.onError(err);
    } finally {
      if (gen === this.generation) this.loadingMore = false;
    }
  }

  /** Refetches a listed conversation after a server event so its row stays current. */
  async refreshConversation(id: number): Promise<void> {
    if (!this.results.some((r) => r.hit.id === id)) return;
    const gen = this.generation;
    let conversation: Conversation | null;
    try {
      conversation = await this.api.conversation(id);
    } catch (err) {
      if (!(err instanceof ApiError && (err.status === 404 || err.status === 403))) return;
      conversation = null;
    }
    if (gen !== this.generation) return;
    this.results = this.results.map((r) => (r.hit.id === id ? { ...r, conversation } : r));
  }

  private async run(): Promise<void> {
    const query = normalizeQuery(this.text);
    const exactMatch = this.exact;
    const gen = ++this.generation;
    this.loading = true;
    try {
      const page = await this.api.search({ query, exactMatch, pageLimit: this.pageLimit });
      const results = await this.withConversations(page.items);
      if (gen !== this.generation) return;
      this.query = query;
      this.results = mergeResults([], results);
      this.next = page.next;
      this.loaded = true;
    } catch (err) {
      if (gen !== this.generation) return;
      this.query = query;
      this.results = [];
      this.next = undefined;
      this.loaded = true;
      this.onError(err);
    } finally {
      if (gen === this.generation) this.loading = false;
    }
  }

  /** Loads the conversations behind the hits (for requester, status, time); unloadable ones get null. */
  private async withConversations(hits: readonly SearchHit[]): Promise<SearchResult[]> {
    const loaded = await Promise.allSettled(hits.map((hit) => this.api.conversation(hit.id)));
    return hits.map((hit, i) => {
      const r = loaded[i];
      return { hit, conversation: r.status === "fulfilled" ? r.value : null };
    });
  }

  private reset(): void {
    this.generation++;
    this.query = "";
    this.results = [];
    this.next = undefined;
    this.loading = false;
    this.loadingMore = false;
    this.loaded = false;
  }

  private cancelTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
