// Reactive store for the details panel's Customer section: the open conversation's requester, their
// other conversations (paged) and the custom attribute values learnt this session. Reloaded with
// the rest of the panel, and whenever the requester changes.
import { SvelteMap } from "svelte/reactivity";
import type { AttributeValueDto, Conversation, EndUser, Page } from "./api/types";
import { END_USER_CONVERSATIONS_PAGE } from "./api/client";
import { appendConversations, reloadPageLimit } from "./customer";

/** The slice of the API client the section reads with (a fake in tests). */
export interface CustomerApi {
  endUser(id: string): Promise<EndUser>;
  endUserConversations(id: string, pageLimit?: number): Promise<Page<Conversation>>;
  /** A further page, by the path a previous page's `next` resolved to. */
  conversationsPage(path: string): Promise<Page<Conversation>>;
}

export class CustomerDetails {
  /** The requester shown (the open conversation's `requesterId`), or null before it is known. */
  requesterId = $state<string | null>(null);
  user = $state.raw<EndUser | null>(null);
  /** The end user can't be read (not found, or not allowed). */
  unavailable = $state(false);
  /** True once the first load for the current requester finished. */
  loaded = $state(false);
  /** Their conversations, latest activity first (the open one included; the view leaves it out). */
  conversations = $state.raw<Conversation[]>([]);
  /** The path of the next page of conversations, if any. */
  next = $state<string | undefined>(undefined);
  loadingMore = $state(false);

  /**
   * Attribute values by end user id, from the answers to this session's changes: the server has no
   * way to read them otherwise. Kept across conversations, so the same customer shows them again.
   */
  private values = new SvelteMap<string, AttributeValueDto[]>();
  private inflight: Promise<void> | null = null;
  private dirty = false;
  private generation = 0;

  constructor(
    private readonly api: CustomerApi,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Shows another requester (clears what is shown and loads it); the same one is left as it is. */
  setRequester(id: string | null | undefined): Promise<void> {
    const next = id || null;
    if (next === this.requesterId) return this.inflight ?? Promise.resolve();
    this.reset(next);
    return this.reload();
  }

  /** Forgets the requester (another conversation is opening, or none is open). */
  clear(): void {
    this.reset(null);
  }

  /** Reloads the end user and their conversations; overlapping calls are coalesced into one extra round. */
  reload(): Promise<void> {
    if (this.requesterId === null) return Promise.resolve();
    if (this.inflight) {
      this.dirty = true;
      return this.inflight;
    }
    const gen = this.generation;
    const task = (async () => {
      try {
        do {
          this.dirty = false;
          await this.loadOnce(gen);
        } while (this.dirty && this.generation === gen);
      } finally {
        if (this.generation === gen) this.inflight = null;
      }
    })();
    this.inflight = task;
    return task;
  }

  /** Appends the next page of conversations. */
  async loadMore(): Promise<void> {
    const path = this.next;
    if (!path || this.loadingMore) return;
    const gen = this.generation;
    this.loadingMore = true;
    try {
      const page = await this.api.conversationsPage(path);
      // Dropped if another requester is shown or a reload replaced the list meanwhile.
      if (gen !== this.generation || this.next !== path) return;
      this.conversations = appendConversations(this.conversations, page.items);
      this.next = page.next;
    } catch (err) {
      if (gen === this.generation) this.onError(err);
    } finally {
      if (gen === this.generation) this.loadingMore = false;
    }
  }

  /** The attribute values known for the shown requester, or null when none were learnt yet. */
  get attributeValues(): AttributeValueDto[] | null {
    return this.requesterId === null ? null : (this.values.get(this.requesterId) ?? null);
  }

  /** Records the values a change answered with (every value the end user now has). */
  setAttributeValues(userId: string, values: AttributeValueDto[]): void {
    this.values.set(userId, values);
  }

  /** Replaces the end user with the server's answer to a change. */
  setUser(user: EndUser): void {
    if (user.id === this.requesterId) this.user = user;
  }

  /** After anonymizing: the attribute values are gone, and the details are read again. */
  anonymized(userId: string): Promise<void> {
    this.values.delete(userId);
    return userId === this.requesterId ? this.reload() : Promise.resolve();
  }

  private reset(id: string | null): void {
    this.generation++;
    this.requesterId = id;
    this.user = null;
    this.unavailable = false;
    this.loaded = false;
    this.conversations = [];
    this.next = undefined;
    this.loadingMore = false;
    this.inflight = null;
    this.dirty = false;
  }

  private async loadOnce(gen: number): Promise<void> {
    const id = this.requesterId;
    if (id === null) return;
    const limit = reloadPageLimit(this.conversations.length, END_USER_CONVERSATIONS_PAGE);
    const [user, conversations] = await Promise.allSettled([
      this.api.endUser(id),
      this.api.endUserConversations(id, limit),
    ]);
    if (gen !== this.generation || this.requesterId !== id) return;
    this.loaded = true;
    if (user.status === "fulfilled") {
      this.user = user.value;
      this.unavailable = false;
    } else if (isNotFound(user.reason)) {
      this.user = null;
      this.unavailable = true;
    }
    if (conversations.status === "fulfilled") {
      this.conversations = conversations.value.items;
      this.next = conversations.value.next;
    } else if (isNotFound(conversations.reason)) {
      this.conversations = [];
      this.next = undefined;
    }
    // A customer out of reach is shown as such; report other failures once.
    const failed = [user, conversations].find((r) => r.status === "rejected");
    if (failed && !isNotFound((failed as PromiseRejectedResult).reason)) this.onError((failed as PromiseRejectedResult).reason);
  }
}

function isNotFound(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return status === 404 || status === 403;
}
