// Unit tests for inbox filtering, ordering and upserts, and for the store's handling of server events.
import { describe, expect, it } from "vitest";
import { ApiError, type ConversationQuery } from "./api/client";
import type { Conversation, ConversationEvent, Page } from "./api/types";
import {
  applyConversation,
  comparator,
  DEFAULT_FILTER,
  extraFilters,
  compareByActivity,
  filterToQuery,
  matchesFilter,
  mergePage,
  upsertSorted,
  type InboxFilter,
} from "./inbox";
import { InboxStore, type InboxApi } from "./inbox.svelte";

const ME = "agent-me";

// Fixtures are cast so they keep compiling when codegen adds required fields the logic doesn't use.
function conv(id: number, updatedAt: string, extra: Partial<Conversation> = {}): Conversation {
  return ({
    id,
    requesterId: `user-${id}`,
    channel: "Email",
    direction: "Inbound",
    status: "Open",
    state: "Open",
    stateUpdatedAt: updatedAt,
    priority: "Normal",
    createdAt: "2024-01-01T00:00:00Z",
    updatedAt,
    metadata: {},
    _type: "EmailConversation",
    ...extra,
  }) as Conversation;
}

const t = (minute: number) => `2024-06-01T10:${String(minute).padStart(2, "0")}:00Z`;
const ids = (list: Conversation[]) => list.map((c) => c.id);
const mineFilter: InboxFilter = { ...DEFAULT_FILTER, tab: "mine", status: "Open" };
const allFilter: InboxFilter = { ...DEFAULT_FILTER, tab: "all", status: null };

describe("matchesFilter", () => {
  const assigned = conv(1, t(0), { assignment: { agentId: ME, assignedAt: t(0) }, queue: { id: "q1", queuedAt: t(0) } });

  it("checks assignment on My work", () => {
    expect(matchesFilter(assigned, mineFilter, ME)).toBe(true);
    expect(matchesFilter(conv(2, t(0)), mineFilter, ME)).toBe(false);
    expect(matchesFilter(conv(3, t(0), { assignment: { agentId: "other", assignedAt: t(0) } }), mineFilter, ME)).toBe(false);
    expect(matchesFilter(conv(2, t(0)), { ...mineFilter, tab: "all" }, ME)).toBe(true);
  });

  it("checks status and queue, with null meaning any", () => {
    expect(matchesFilter(assigned, { ...mineFilter, status: "Closed" }, ME)).toBe(false);
    expect(matchesFilter({ ...assigned, status: "Closed" }, { ...mineFilter, status: null }, ME)).toBe(true);
    expect(matchesFilter(assigned, { ...mineFilter, queueId: "q1" }, ME)).toBe(true);
    expect(matchesFilter(assigned, { ...mineFilter, queueId: "q2" }, ME)).toBe(false);
    expect(matchesFilter(conv(2, t(0)), { ...allFilter, queueId: "q1" }, ME)).toBe(false);
  });

  it("maps filters to list queries", () => {
    expect(filterToQuery(mineFilter, ME)).toMatchObject({ statuses: ["Open"], queueId: null, agentId: ME, unassigned: false, pageLimit: 50 });
    expect(filterToQuery({ ...allFilter, queueId: "q1", agentId: "bob", priority: "High", sort: "Oldest" }, ME)).toMatchObject({
      statuses: [],
      queueId: "q1",
      agentId: "bob",
      priority: "High",
      sort: "Oldest",
    });
    // Unassigned asks for nobody's, whoever the agent filter named.
    expect(filterToQuery({ ...allFilter, tab: "unassigned", agentId: "bob" }, ME)).toMatchObject({ agentId: null, unassigned: true });
    expect(extraFilters({ ...allFilter, channel: "Email", sla: "Breached", agentId: "bob" })).toBe(3);
    expect(extraFilters({ ...mineFilter, agentId: "bob" })).toBe(0);
  });

  it("checks the unassigned tab, agent, channel, priority, tag and SLA", () => {
    const other = { agentId: "bob", assignedAt: t(0) };
    expect(matchesFilter(conv(2, t(0)), { ...allFilter, tab: "unassigned" }, ME)).toBe(true);
    expect(matchesFilter(assigned, { ...allFilter, tab: "unassigned" }, ME)).toBe(false);
    expect(matchesFilter(conv(3, t(0), { assignment: other }), { ...allFilter, agentId: "bob" }, ME)).toBe(true);
    expect(matchesFilter(assigned, { ...allFilter, agentId: "bob" }, ME)).toBe(false);
    expect(matchesFilter(conv(2, t(0), { priority: "High" }), { ...allFilter, priority: "High" }, ME)).toBe(true);
    expect(matchesFilter(conv(2, t(0)), { ...allFilter, priority: "High" }, ME)).toBe(false);
    const tagged = conv(2, t(0), { tags: [{ id: "vip", name: "vip", state: "Active" }] } as Partial<Conversation>);
    expect(matchesFilter(tagged, { ...allFilter, tagId: "vip" }, ME)).toBe(true);
    expect(matchesFilter(conv(2, t(0)), { ...allFilter, tagId: "vip" }, ME)).toBe(false);
    expect(matchesFilter(conv(2, t(0)), { ...allFilter, sla: "NoSla" }, ME)).toBe(true);
    expect(matchesFilter(conv(2, t(0)), { ...allFilter, sla: "Breached" }, ME)).toBe(false);
    const named = conv(4, t(0), { mentionedAgentIds: [ME] } as Partial<Conversation>);
    expect(matchesFilter(named, { ...allFilter, tab: "mentions" }, ME)).toBe(true);
    expect(matchesFilter(conv(5, t(0)), { ...allFilter, tab: "mentions" }, ME)).toBe(false);
    expect(filterToQuery({ ...allFilter, tab: "mentions" }, ME)).toMatchObject({ mentioned: ME, agentId: null });
  });
});

describe("orders", () => {
  it("mirror the server: oldest, most urgent, nearest deadline (none last)", () => {
    const a = conv(1, t(1), { priority: "Low" });
    const b = conv(2, t(3), { priority: "Urgent" });
    const c = conv(3, t(2), { priority: "Urgent" });
    expect(ids([a, b, c].sort(comparator("Oldest")))).toEqual([1, 3, 2]);
    expect(ids([a, b, c].sort(comparator("Priority")))).toEqual([2, 3, 1]);
    const due = (id: number, nextDue: string | null) => conv(id, t(0), { sla: { nextDue } } as Partial<Conversation>);
    expect(ids([due(1, null), due(2, t(30)), due(3, t(10))].sort(comparator("SlaDue")))).toEqual([3, 2, 1]);
    expect(ids(upsertSorted([b, c], a, { sort: "Oldest" }))).toEqual([1, 2, 3]);
  });
});

describe("ordering and upserts", () => {
  it("sorts latest activity first, ties by id descending", () => {
    const list = [conv(1, t(1)), conv(2, t(3)), conv(3, t(1)), conv(4, t(2))].sort(compareByActivity);
    expect(ids(list)).toEqual([2, 4, 3, 1]);
  });

  it("inserts new conversations in order and moves updated ones to their new place", () => {
    let list = [conv(3, t(30)), conv(2, t(20)), conv(1, t(10))];
    list = upsertSorted(list, conv(4, t(25)));
    expect(ids(list)).toEqual([3, 4, 2, 1]);
    list = upsertSorted(list, conv(1, t(40)));
    expect(ids(list)).toEqual([1, 3, 4, 2]);
    expect(list).toHaveLength(4);
  });

  it("does not mutate the input list", () => {
    const list = [conv(2, t(20)), conv(1, t(10))];
    const copy = [...list];
    upsertSorted(list, conv(3, t(30)));
    expect(list).toEqual(copy);
  });

  it("leaves out conversations that belong on a later page", () => {
    const list = [conv(3, t(30)), conv(2, t(20))];
    expect(ids(upsertSorted(list, conv(1, t(10)), { hasMore: true }))).toEqual([3, 2]);
    expect(ids(upsertSorted(list, conv(1, t(10)), { hasMore: false }))).toEqual([3, 2, 1]);
    expect(ids(upsertSorted(list, conv(4, t(25)), { hasMore: true }))).toEqual([3, 4, 2]);
  });

  it("merges pages without duplicates, keeping the newer copy", () => {
    const merged = mergePage([conv(3, t(30)), conv(2, t(20))], [conv(2, t(5), { topic: "old" }), conv(1, t(10))]);
    expect(ids(merged)).toEqual([3, 2, 1]);
    expect(merged[1].topic).toBeUndefined();
  });

  it("applies a fetched conversation: upsert when it matches, drop when it no longer does", () => {
    const a = conv(1, t(10), { assignment: { agentId: ME, assignedAt: t(10) } });
    let list = applyConversation([], a, mineFilter, ME, false);
    expect(ids(list)).toEqual([1]);
    list = applyConversation(list, { ...a, status: "Closed", updatedAt: t(11) }, mineFilter, ME, false);
    expect(list).toEqual([]);
    const untouched = [a];
    expect(applyConversation(untouched, conv(9, t(1)), mineFilter, ME, false)).toBe(untouched);
  });
});

/** A fake API holding conversations; the list endpoint pages by `pageSize`. */
class FakeApi implements InboxApi {
  db = new Map<number, Conversation>();
  queries: ConversationQuery[] = [];
  fetches: number[] = [];
  pageSize = 50;
  fail: ApiError | null = null;

  put(...convs: Conversation[]) {
    for (const c of convs) this.db.set(c.id, c);
  }

  private filtered(q: ConversationQuery): Conversation[] {
    return [...this.db.values()]
      .filter((c) => (q.statuses?.length ? q.statuses.includes(c.status) : true))
      .filter((c) => (q.queueId ? c.queue?.id === q.queueId : true))
      .filter((c) => (q.agentId ? c.assignment?.agentId === q.agentId : true))
      .filter((c) => (q.unassigned ? !c.assignment : true))
      .filter((c) => (q.mentioned ? (c.mentionedAgentIds ?? []).includes(q.mentioned) : true))
      .sort(compareByActivity);
  }

  async conversationCount(q: ConversationQuery): Promise<number> {
    return this.filtered(q).length;
  }

  async conversations(q: ConversationQuery): Promise<Page<Conversation>> {
    this.queries.push(q);
    if (this.fail) throw this.fail;
    const all = this.filtered(q);
    const items = all.slice(0, this.pageSize);
    return { items, next: all.length > this.pageSize ? `page:${this.pageSize}:${JSON.stringify(q)}` : undefined };
  }

  async conversationsPage(path: string): Promise<Page<Conversation>> {
    const [, offsetText, ...rest] = path.split(":");
    const offset = Number(offsetText);
    const all = this.filtered(JSON.parse(rest.join(":")) as ConversationQuery);
    const end = offset + this.pageSize;
    return { items: all.slice(offset, end), next: all.length > end ? `page:${end}:${rest.join(":")}` : undefined };
  }

  async conversation(id: number): Promise<Conversation> {
    this.fetches.push(id);
    const c = this.db.get(id);
    if (!c) throw new ApiError(404, "Conversation not found");
    return c;
  }
}

function event(conversationId: number, type: ConversationEvent["type"] = "ConversationUpdated"): ConversationEvent {
  return { seq: 1, type, conversationId, initial: false, at: new Date().toISOString() };
}

describe("InboxStore", () => {
  const assignedToMe = { assignment: { agentId: ME, assignedAt: t(0) } };

  it("loads the first page for the filter and pages with Load more", async () => {
    const api = new FakeApi();
    api.pageSize = 2;
    api.put(conv(1, t(1), assignedToMe), conv(2, t(2), assignedToMe), conv(3, t(3), assignedToMe), conv(4, t(4)));
    const store = new InboxStore(api, ME);
    await store.load();
    expect(api.queries[0]).toMatchObject({ agentId: ME, statuses: ["Open"] });
    expect(ids(store.items)).toEqual([3, 2]);
    expect(store.hasMore).toBe(true);
    await store.loadMore();
    expect(ids(store.items)).toEqual([3, 2, 1]);
    expect(store.hasMore).toBe(false);
  });

  it("counts each tab under the filters, and recounts on events", async () => {
    const api = new FakeApi();
    api.put(conv(1, t(1), assignedToMe), conv(2, t(2)), conv(3, t(3), { assignment: { agentId: "bob", assignedAt: t(0) } }));
    const store = new InboxStore(api, ME);
    await store.load();
    await store.refreshCounts();
    expect(store.counts).toEqual({ mine: 1, unassigned: 1, all: 3, mentions: 0 });
    api.put(conv(2, t(5), assignedToMe));
    await store.handleEvent(event(2, "ConversationAssigned"));
    await store.refreshCounts();
    expect(store.counts).toEqual({ mine: 2, unassigned: 0, all: 3, mentions: 0 });
  });

  it("adds a conversation that starts matching, e.g. when assigned to me", async () => {
    const api = new FakeApi();
    api.put(conv(1, t(1), assignedToMe), conv(2, t(2)));
    const store = new InboxStore(api, ME);
    await store.load();
    expect(ids(store.items)).toEqual([1]);
    api.put(conv(2, t(5), assignedToMe));
    await store.handleEvent(event(2, "ConversationAssigned"));
    expect(ids(store.items)).toEqual([2, 1]);
  });

  it("re-sorts on new activity and drops conversations that stop matching", async () => {
    const api = new FakeApi();
    api.put(conv(1, t(1)), conv(2, t(2)), conv(3, t(3)));
    const store = new InboxStore(api, ME);
    await store.setFilter({ tab: "all" });
    expect(ids(store.items)).toEqual([3, 2, 1]);
    api.put(conv(1, t(9)));
    await store.handleEvent(event(1, "ConversationMessageAdded"));
    expect(ids(store.items)).toEqual([1, 3, 2]);
    api.put(conv(3, t(10), { status: "Closed", state: "Closed" }));
    await store.handleEvent(event(3, "ConversationClosed"));
    expect(ids(store.items)).toEqual([1, 2]);
  });

  it("refetches a row on SLA events, keeping its place when only the SLA changed", async () => {
    const api = new FakeApi();
    api.put(conv(1, t(1)), conv(2, t(2)));
    const store = new InboxStore(api, ME);
    await store.setFilter({ tab: "all" });
    const sla = {
      policyId: "p1",
      policyName: "VIP",
      severityId: "s1",
      severityName: "Normal",
      severities: [{ id: "s1", name: "Normal" }],
      metrics: [{ metric: "FirstResponse" as const, status: "Breached" as const, targetMinutes: 5, remainingSeconds: -1, breaches: 1 }],
      breached: true,
    };
    api.put(conv(1, t(1), { sla }));
    await store.handleEvent(event(1, "ConversationSlaBreached"));
    expect(ids(store.items)).toEqual([2, 1]);
    expect(store.items[1].sla).toEqual(sla);
    api.put(conv(1, t(1)));
    await store.handleEvent(event(1, "ConversationSlaUpdated"));
    expect(store.items[1].sla).toBeUndefined();
    expect(api.fetches).toEqual([1, 1]);
  });

  it("drops a conversation the server no longer returns (404)", async () => {
    const api = new FakeApi();
    api.put(conv(1, t(1)), conv(2, t(2)));
    const store = new InboxStore(api, ME);
    await store.setFilter({ tab: "all" });
    api.db.delete(2);
    await store.handleEvent(event(2));
    expect(ids(store.items)).toEqual([1]);
  });

  it("uses the current filter when applying events", async () => {
    const api = new FakeApi();
    api.put(conv(1, t(1), { queue: { id: "q1", queuedAt: t(0) } }), conv(2, t(2), { queue: { id: "q2", queuedAt: t(0) } }));
    const store = new InboxStore(api, ME);
    await store.setFilter({ tab: "all", queueId: "q1" });
    expect(ids(store.items)).toEqual([1]);
    api.put(conv(1, t(5), { queue: { id: "q2", queuedAt: t(5) } }));
    await store.handleEvent(event(1, "ConversationTransferred"));
    expect(store.items).toEqual([]);
    api.put(conv(2, t(6), { queue: { id: "q1", queuedAt: t(6) } }));
    await store.handleEvent(event(2, "ConversationTransferred"));
    expect(ids(store.items)).toEqual([2]);
  });

  it("coalesces bursts of events for one conversation", async () => {
    const api = new FakeApi();
    api.put(conv(1, t(1)));
    const store = new InboxStore(api, ME);
    await store.setFilter({ tab: "all" });
    await Promise.all([store.handleEvent(event(1)), store.handleEvent(event(1)), store.handleEvent(event(1))]);
    // One fetch in flight plus one follow-up for everything that arrived meanwhile.
    expect(api.fetches).toEqual([1, 1]);
  });

  it("reports list errors and leaves an empty, loaded list", async () => {
    const api = new FakeApi();
    api.fail = new ApiError(400, "Unknown queue");
    const errors: unknown[] = [];
    const store = new InboxStore(api, ME, (e) => errors.push(e));
    await store.load();
    expect(store.items).toEqual([]);
    expect(store.loaded).toBe(true);
    expect(store.loading).toBe(false);
    expect((errors[0] as Error).message).toBe("Unknown queue");
  });
});

describe("saved view queries", () => {
  it("round-trip a filter, the tab following who it asks for", async () => {
    const { filterToViewQuery, viewQueryToFilter } = await import("./inbox");
    const filter: InboxFilter = { ...DEFAULT_FILTER, tab: "all", agentId: "bob", priority: "Urgent", sort: "SlaDue", sla: "Running" };
    const q = filterToViewQuery(filter, ME);
    expect(q).not.toContain("pageLimit");
    expect(viewQueryToFilter(q, ME)).toEqual(filter);
    const mine = { ...DEFAULT_FILTER, tab: "mine" as const, status: null };
    expect(viewQueryToFilter(filterToViewQuery(mine, ME), ME)).toEqual(mine);
    const unassigned = { ...DEFAULT_FILTER, tab: "unassigned" as const, channel: "Email" as const };
    expect(viewQueryToFilter(filterToViewQuery(unassigned, ME), ME)).toEqual(unassigned);
    // Unknown values are dropped, not trusted.
    expect(viewQueryToFilter("sort=Random&priority=Huge", ME)).toMatchObject({ sort: "Latest", priority: null });
  });
});
