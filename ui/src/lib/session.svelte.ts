// The signed-in session: API client, current agent, reference data (agents, queues, tags), the
// catalogues the Settings forms offer, caches and the live events passed on from the stream.
import { SvelteMap } from "svelte/reactivity";
import type { ApiClient } from "./api/client";
import type { Agent, Direction, EndUser, Me, Queue, Tag } from "./api/types";
import { Catalogues } from "./catalogues.svelte";
import { Listeners, type LiveEvent } from "./events";
import { agentName, endUserName } from "./names";
import { upsertById } from "./settings";
import type { ConnectionState } from "./sse";
import { toasts } from "./toasts.svelte";

export class Session {
  readonly api: ApiClient;
  /** The signed-in user, with the permissions the server grants them. */
  readonly me: Me;
  /** Inside the desktop shell (token injected; no sign-out). */
  readonly desktop: boolean;

  agents = $state.raw<Agent[]>([]);
  queues = $state.raw<Queue[]>([]);
  tags = $state.raw<Tag[]>([]);
  connection = $state<ConnectionState>("connecting");
  /** What the live event stream brings, for the parts of the screen that follow it. */
  readonly live = new Listeners<LiveEvent>();
  /** What the Settings forms offer, as the server serves it: fetched once, when a section first needs it. */
  readonly catalogues: Catalogues;

  agentsById = $derived(new Map(this.agents.map((a) => [a.id, a])));
  queuesById = $derived(new Map(this.queues.map((q) => [q.id, q])));
  activeTags = $derived(
    this.tags.filter((t) => t.state === "Active").sort((a, b) => a.name.localeCompare(b.name)),
  );

  /** End users by id: undefined = not loaded yet, null = could not be loaded. */
  private endUsers = new SvelteMap<string, EndUser | null>();
  private requested = new Set<string>();

  constructor(api: ApiClient, me: Me, desktop: boolean) {
    this.api = api;
    this.me = me;
    this.desktop = desktop;
    this.agents = [me];
    this.catalogues = new Catalogues(api, (err) => toasts.error(err));
  }

  /** Loads agents, queues and tags; failures are reported but don't block the rest. */
  async loadReferenceData(): Promise<void> {
    const [agents, queues, tags] = await Promise.allSettled([
      this.api.agents(),
      this.api.queues(),
      this.api.tags(),
    ]);
    if (agents.status === "fulfilled") {
      this.agents = agents.value.some((a) => a.id === this.me.id) ? agents.value : [this.me, ...agents.value];
    } else toasts.error(agents.reason);
    if (queues.status === "fulfilled") {
      this.queues = [...queues.value].sort((a, b) => a.name.localeCompare(b.name));
    } else toasts.error(queues.reason);
    if (tags.status === "fulfilled") this.tags = tags.value;
    else toasts.error(tags.reason);
  }

  /** Keeps the reference lists current after a change made in Settings. */
  rememberAgent(agent: Agent): void {
    this.agents = upsertById(this.agents, agent);
  }

  rememberQueue(queue: Queue): void {
    this.queues = upsertById(this.queues, queue).sort((a, b) => a.name.localeCompare(b.name));
  }

  forgetQueue(id: string): void {
    this.queues = this.queues.filter((q) => q.id !== id);
  }

  rememberTag(tag: Tag): void {
    this.tags = upsertById(this.tags, tag);
  }

  /** The cached end user, fetching it on first use. Reactive: re-renders when it arrives. */
  endUser(id: string | null | undefined): EndUser | null | undefined {
    if (!id) return null;
    if (!this.requested.has(id)) {
      this.requested.add(id);
      this.api.endUser(id).then(
        (user) => this.endUsers.set(id, user),
        () => this.endUsers.set(id, null),
      );
    }
    return this.endUsers.get(id);
  }

  /** Keeps the cached end user current (a fresher copy was read, or it was changed). */
  rememberEndUser(user: EndUser): void {
    this.requested.add(user.id);
    const known = this.endUsers.get(user.id);
    if (known && known.updatedAt === user.updatedAt && known.anonymizedAt === user.anonymizedAt) return;
    this.endUsers.set(user.id, user);
  }

  requesterName(id: string | null | undefined): string {
    return endUserName(this.endUser(id));
  }

  agentLabel(id: string | null | undefined): string {
    if (!id) return "Unassigned";
    return agentName(this.agentsById.get(id));
  }

  queueName(id: string | null | undefined): string {
    if (!id) return "No queue";
    return this.queuesById.get(id)?.name ?? "Unknown queue";
  }

  /** Who wrote a message: agents by id; inbound authors are end users. */
  authorName(authorId: string, direction: Direction): string {
    const agent = this.agentsById.get(authorId);
    if (agent) return agent.id === this.me.id ? `${agentName(agent)} (you)` : agentName(agent);
    if (direction === "Inbound") return endUserName(this.endUser(authorId));
    return "Agent";
  }
}
