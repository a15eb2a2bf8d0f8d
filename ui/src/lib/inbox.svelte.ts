// Reactive inbox store: loads filtered pages and keeps the list current from server events.
import { ApiError, type ConversationQuery } from "./api/client";
import type { Conversation, ConversationEvent, Page } from "./api/types";
import {
  DEFAULT_FILTER,
  TABS,
  type InboxTab,
  applyConversation,
  filterToQuery,
  mergePage,
  type InboxFilter,
} from "./inbox";
import { timeValue } from "./time";

/** The slice of the API client the inbox needs (a fake in tests). */
export interface InboxApi {
  conversations(query: ConversationQuery): Promise<Page<Conversation>>;
  conversationCount(query: ConversationQuery): Promise<number>;
  conversationsPage(path: string): Promise<Page<Conversation>>;
  conversation(id: number): Promise<Conversation>;
}

export class InboxStore {
  items = $state.raw<Conversation[]>([]);
  next = $state<string | undefined>(undefined);
  filter = $state.raw<InboxFilter>(DEFAULT_FILTER);
  loading = $state(false);
  loadingMore = $state(false);
  /** True once the first page for the current filter has arrived. */
  loaded = $state(false);
  /** How many conversations each tab holds under the other filters (null until counted). */
  counts = $state.raw<Record<InboxTab, number | null>>({ mine: null, unassigned: null, all: null, mentions: null });

  private counting = false;
  private countAgain = false;

  private generation = 0;
  private loadInFlight = false;
  /** Conversations fetched by refresh() while a list load was in flight, re-applied after it lands. */
  private refreshedDuringLoad = new Map<number, Conversation>();
  private inflight = new Map<number, Promise<void>>();
  private dirty = new Set<number>();

  constructor(
    private readonly api: InboxApi,
    private readonly meId: string,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  get hasMore(): boolean {
    return this.next !== undefined;
  }

  setFilter(patch: Partial<InboxFilter>): Promise<void> {
    this.filter = { ...this.filter, ...patch };
    return this.load();
  }

  /** (Re)loads the first page for the current filter, discarding what is shown. */
  async load(): Promise<void> {
    void this.refreshCounts();
    const gen = ++this.generation;
    this.loading = true;
    this.loadInFlight = true;
    this.refreshedDuringLoad.clear();
    try {
      const page = await this.api.conversations(filterToQuery(this.filter, this.meId));
      if (gen !== this.generation) return;
      let items = mergePage([], page.items, this.filter.sort);
      this.next = page.next;
      for (const conv of this.refreshedDuringLoad.values()) {
        const listed = items.find((c) => c.id === conv.id);
        if (!listed || timeValue(conv.updatedAt) >= timeValue(listed.updatedAt)) {
          items = applyConversation(items, conv, this.filter, this.meId, this.hasMore);
        }
      }
      this.items = items;
      this.loaded = true;
    } catch (err) {
      if (gen === this.generation) {
        this.items = [];
        this.next = undefined;
        this.loaded = true;
        this.onError(err);
      }
    } finally {
      if (gen === this.generation) {
        this.loading = false;
        this.loadInFlight = false;
        this.refreshedDuringLoad.clear();
      }
    }
  }

  /** Fetches the page after the last one loaded, if any. */
  async loadMore(): Promise<void> {
    const next = this.next;
    if (!next || this.loadingMore || this.loading) return;
    const gen = this.generation;
    this.loadingMore = true;
    try {
      const page = await this.api.conversationsPage(next);
      if (gen !== this.generation) return;
      this.items = mergePage(this.items, page.items, this.filter.sort);
      this.next = page.next;
    } catch (err) {
      if (gen === this.generation) this.onError(err);
    } finally {
      if (gen === this.generation) this.loadingMore = false;
    }
  }

  /** Reacts to a server event: refetches that conversation and upserts or drops it, and recounts. */
  handleEvent(event: ConversationEvent): Promise<void> {
    void this.refreshCounts();
    return this.refresh(event.conversationId);
  }

  /**
   * Counts every tab under the current filters. Calls while counting are coalesced into one more
   * round after it, so a burst of events costs two rounds, not one per event.
   */
  async refreshCounts(): Promise<void> {
    if (this.counting) {
      this.countAgain = true;
      return;
    }
    this.counting = true;
    try {
      do {
        this.countAgain = false;
        const filter = this.filter;
        const counts = await Promise.all(
          TABS.map((t) => this.api.conversationCount(filterToQuery({ ...filter, tab: t.id }, this.meId))),
        );
        if (filter === this.filter) {
          this.counts = { mine: counts[0], unassigned: counts[1], all: counts[2], mentions: counts[3] };
        } else {
          this.countAgain = true;
        }
      } while (this.countAgain);
    } catch (err) {
      this.onError(err);
    } finally {
      this.counting = false;
    }
  }

  /**
   * Refetches one conversation and places it according to the current filter. Concurrent calls for
   * the same id are coalesced: one more fetch runs after the in-flight one, so the last state wins.
   */
  refresh(id: number): Promise<void> {
    const running = this.inflight.get(id);
    if (running) {
      this.dirty.add(id);
      return running;
    }
    const task = (async () => {
      try {
        do {
          this.dirty.delete(id);
          await this.refreshOnce(id);
        } while (this.dirty.has(id));
      } finally {
        this.inflight.delete(id);
      }
    })();
    this.inflight.set(id, task);
    return task;
  }

  /** Applies a conversation obtained elsewhere (e.g. returned by a PATCH). */
  apply(conv: Conversation): void {
    if (this.loadInFlight) this.refreshedDuringLoad.set(conv.id, conv);
    this.items = applyConversation(this.items, conv, this.filter, this.meId, this.hasMore);
  }

  private async refreshOnce(id: number): Promise<void> {
    try {
      const conv = await this.api.conversation(id);
      this.apply(conv);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 403)) {
        this.items = this.items.filter((c) => c.id !== id);
        return;
      }
      this.onError(err);
    }
  }
}
