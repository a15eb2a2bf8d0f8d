// Reactive store for the open conversation's side panel: the customer (requester), metadata, linked
// conversations, ratings, activity log and the custom attribute definitions. Reloaded with the
// conversation itself.
import { SvelteMap } from "svelte/reactivity";
import type { Activity, Conversation, CustomAttribute, Metadata, Rating } from "./api/types";
import { CustomerDetails, type CustomerApi } from "./customer.svelte";

/** The slice of the API client the panel reads with (a fake in tests). */
export interface DetailsApi extends CustomerApi {
  conversation(id: number): Promise<Conversation>;
  metadata(id: number): Promise<Metadata>;
  linked(id: number): Promise<Conversation[]>;
  ratings(id: number): Promise<Rating[]>;
  activity(id: number): Promise<Activity[]>;
  customAttributes(): Promise<CustomAttribute[]>;
}

export class ConversationDetails {
  id = $state<number | null>(null);
  metadata = $state.raw<Metadata | null>(null);
  linked = $state.raw<Conversation[]>([]);
  ratings = $state.raw<Rating[]>([]);
  activity = $state.raw<Activity[]>([]);
  definitions = $state.raw<CustomAttribute[]>([]);
  /** True once the first load for the current id finished. */
  loaded = $state(false);
  /** The conversation's requester; the panel tells it who that is once the conversation is loaded. */
  readonly customer: CustomerDetails;

  /** Conversations linked from (parents), by id: undefined = loading, null = not available. */
  private parents = new SvelteMap<number, Conversation | null>();
  private requestedParents = new Set<number>();
  private inflight: Promise<void> | null = null;
  private dirty = false;
  private generation = 0;
  private definitionsLoaded = false;

  constructor(
    private readonly api: DetailsApi,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.customer = new CustomerDetails(api, onError);
  }

  /** Switches to another conversation (clears what is shown); call reload() to fetch. */
  open(id: number): void {
    if (this.id === id) return;
    this.generation++;
    this.id = id;
    this.metadata = null;
    this.linked = [];
    this.ratings = [];
    this.activity = [];
    this.loaded = false;
    this.inflight = null;
    this.dirty = false;
    // The requester is known once the conversation is loaded.
    this.customer.clear();
    // Definitions change rarely (an admin adds one): fetched again for each opened conversation.
    this.definitionsLoaded = false;
  }

  close(): void {
    this.customer.clear();
    this.generation++;
    this.id = null;
    this.metadata = null;
    this.linked = [];
    this.ratings = [];
    this.activity = [];
    this.loaded = false;
    this.inflight = null;
    this.dirty = false;
  }

  /**
   * Reloads every section (the customer's, which coalesces on its own, too); overlapping calls are
   * coalesced into at most one extra round.
   */
  reload(): Promise<void> {
    void this.customer.reload();
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

  /** Replaces the metadata with the server's answer to a save. */
  setMetadata(id: number, metadata: Metadata): void {
    if (id === this.id) this.metadata = metadata;
  }

  /** The conversation a linked conversation came from, fetched on first use. Reactive. */
  parent(id: number): Conversation | null | undefined {
    if (!this.requestedParents.has(id)) {
      this.requestedParents.add(id);
      this.api.conversation(id).then(
        (c) => this.parents.set(id, c),
        () => this.parents.set(id, null),
      );
    }
    return this.parents.get(id);
  }

  private async loadOnce(gen: number): Promise<void> {
    const id = this.id;
    if (id === null) return;
    const wantDefinitions = !this.definitionsLoaded;
    const [metadata, linked, ratings, activity, definitions] = await Promise.allSettled([
      this.api.metadata(id),
      this.api.linked(id),
      this.api.ratings(id),
      this.api.activity(id),
      wantDefinitions ? this.api.customAttributes() : Promise.resolve(this.definitions),
    ]);
    if (gen !== this.generation || this.id !== id) return;
    this.loaded = true;
    if (metadata.status === "fulfilled") this.metadata = metadata.value ?? {};
    if (linked.status === "fulfilled") this.linked = linked.value;
    if (ratings.status === "fulfilled") this.ratings = ratings.value;
    if (activity.status === "fulfilled") this.activity = activity.value;
    if (definitions.status === "fulfilled") {
      this.definitions = definitions.value;
      this.definitionsLoaded = true;
    }
    // The conversation's own load reports "not found"; report other failures once.
    const failed = [metadata, linked, ratings, activity, definitions].find((r) => r.status === "rejected");
    if (failed && !isNotFound((failed as PromiseRejectedResult).reason)) this.onError((failed as PromiseRejectedResult).reason);
  }
}

function isNotFound(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return status === 404 || status === 403;
}
