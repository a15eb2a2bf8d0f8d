// Unit tests for agent statuses: grouping and sorting, what the header and board show, who may set
// whose status, the status and board stores, and the status endpoints of the API client.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClient, ApiError, type FetchLike } from "./api/client";
import type { AgentStatus, AgentStatusEvent, AgentWork, ConversationEvent, Permission, StatusGroup } from "./api/types";
import type { LiveEvent } from "./events";
import { effectiveAccess, hasAgentStatus, maySetOthersStatus, maySetStatusOf, type Principal } from "./settings";
import {
  applyStatusEvent,
  boardRow,
  changesLoad,
  choosableStatuses,
  countByTone,
  FULL_CAPACITY,
  groupStatuses,
  isEditableStatus,
  loadPercent,
  shownLabel,
  shownTone,
  sortBoard,
  sortStatuses,
  statusNameError,
  statusPatch,
  statusTone,
  statusViewOf,
  upsertWork,
} from "./statuses";
import { BoardStore, MyStatusStore, type StatusApi } from "./statuses.svelte";

function status(id: string, name: string, group: StatusGroup, fields: Partial<AgentStatus> = {}): AgentStatus {
  return { id, name, group, isDefault: false, automatic: false, deleted: false, ...fields };
}

const AVAILABLE = status("s-av", "Available", "Available", { isDefault: true });
const BUSY = status("s-busy", "Busy", "Busy", { isDefault: true });
const AWAY = status("s-away", "Away", "Away", { isDefault: true });
const OFFLINE = status("s-off", "Offline", "Unavailable", { isDefault: true });
const FULL = status("s-full", FULL_CAPACITY, "Busy", { isDefault: true, automatic: true });
const LUNCH = status("s-lunch", "Lunch", "Away");
const MEETING = status("s-meet", "Meeting", "Busy");
const OLD = status("s-old", "Old", "Busy", { deleted: true });
const CATALOGUE = [OFFLINE, LUNCH, FULL, MEETING, AWAY, BUSY, OLD, AVAILABLE];

function work(agentId: string, fields: Partial<AgentWork> = {}): AgentWork {
  return {
    agentId,
    status: OFFLINE,
    shownStatus: OFFLINE,
    since: "2025-01-01T08:00:00Z",
    fullCapacity: false,
    capacity: { email: 10, liveMessaging: 6, liveChat: 5 },
    ownCapacity: {},
    occupancy: { email: 0, liveMessaging: 0, liveChat: 0, calls: 0 },
    online: false,
    ...fields,
  };
}

function statusEvent(agentId: string, chosen: AgentStatus, shown: AgentStatus = chosen, fullCapacity = false, at = "2025-01-01T09:00:00Z"): AgentStatusEvent {
  return {
    seq: 1,
    type: "AgentStatusChanged",
    agentId,
    at,
    status: {
      statusId: chosen.id,
      name: chosen.name,
      group: chosen.group,
      shownStatusId: shown.id,
      shownName: shown.name,
      shownGroup: shown.group,
      fullCapacity,
    },
  };
}

describe("status lists", () => {
  it("colours statuses by group, red when full", () => {
    expect(statusTone("Available")).toBe("available");
    expect(statusTone("Busy")).toBe("busy");
    expect(statusTone("Away")).toBe("away");
    expect(statusTone("Unavailable")).toBe("unavailable");
    expect(statusTone("Busy", true)).toBe("full");
  });

  it("sorts by group, the default first, Full Capacity last in its group, then by name", () => {
    expect(sortStatuses(CATALOGUE).map((s) => s.name)).toEqual([
      "Available",
      "Busy",
      "Meeting",
      "Old",
      FULL_CAPACITY,
      "Away",
      "Lunch",
      "Offline",
    ]);
  });

  it("offers neither deleted statuses nor Full Capacity", () => {
    expect(choosableStatuses(CATALOGUE).map((s) => s.id)).toEqual(["s-av", "s-busy", "s-meet", "s-away", "s-lunch", "s-off"]);
  });

  it("lists every group, even an empty one, without deleted statuses", () => {
    const groups = groupStatuses([AVAILABLE, MEETING, OLD, FULL]);
    expect(groups.map((g) => [g.group, g.statuses.map((s) => s.name)])).toEqual([
      ["Available", ["Available"]],
      ["Busy", ["Meeting", FULL_CAPACITY]],
      ["Away", []],
      ["Unavailable", []],
    ]);
  });

  it("lets only custom statuses be edited", () => {
    expect(isEditableStatus(LUNCH)).toBe(true);
    expect(isEditableStatus(AVAILABLE)).toBe(false);
    expect(isEditableStatus(FULL)).toBe(false);
    expect(isEditableStatus(OLD)).toBe(false);
  });

  it("checks status names: required, 60 characters, unique in any case", () => {
    expect(statusNameError("Training", CATALOGUE)).toBeNull();
    expect(statusNameError("  ", CATALOGUE)).toBe("Enter a name.");
    expect(statusNameError("x".repeat(61), CATALOGUE)).toBe("Use at most 60 characters.");
    expect(statusNameError("x".repeat(60), CATALOGUE)).toBeNull();
    expect(statusNameError(" lunch ", CATALOGUE)).toBe("A status named Lunch already exists.");
    expect(statusNameError("Lunch", CATALOGUE, "s-lunch")).toBeNull();
    // A deleted status's name is free again.
    expect(statusNameError("old", CATALOGUE)).toBeNull();
  });

  it("patches only what changed", () => {
    expect(statusPatch(LUNCH, { name: "Lunch", group: "Away" })).toBeNull();
    expect(statusPatch(LUNCH, { name: " Lunch break ", group: "Away" })).toEqual({ name: "Lunch break" });
    expect(statusPatch(LUNCH, { name: "Lunch", group: "Unavailable" })).toEqual({ group: "Unavailable" });
  });
});

describe("what is shown", () => {
  it("reads the view from a work state", () => {
    const w = work("a1", { status: AVAILABLE, shownStatus: FULL, fullCapacity: true });
    expect(statusViewOf(w)).toEqual({
      statusId: "s-av",
      name: "Available",
      group: "Available",
      shownStatusId: "s-full",
      shownName: FULL_CAPACITY,
      shownGroup: "Busy",
      fullCapacity: true,
    });
  });

  it("shows Full Capacity, in red, while full in an Available status", () => {
    const full = statusViewOf(work("a1", { status: AVAILABLE, shownStatus: FULL, fullCapacity: true }));
    expect(shownLabel(full)).toBe(FULL_CAPACITY);
    expect(shownTone(full)).toBe("full");
    // An answer that has not caught up with the shown status yet.
    const stale = statusViewOf(work("a1", { status: AVAILABLE, shownStatus: AVAILABLE, fullCapacity: true }));
    expect(shownLabel(stale)).toBe(FULL_CAPACITY);
    const available = statusViewOf(work("a1", { status: AVAILABLE, shownStatus: AVAILABLE }));
    expect([shownLabel(available), shownTone(available)]).toEqual(["Available", "available"]);
  });

  it("shows the chosen status otherwise, even when full", () => {
    const busy = statusViewOf(work("a1", { status: MEETING, shownStatus: MEETING, fullCapacity: true }));
    expect([shownLabel(busy), shownTone(busy)]).toEqual(["Meeting", "busy"]);
    const off = statusViewOf(work("a1"));
    expect([shownLabel(off), shownTone(off)]).toEqual(["Offline", "unavailable"]);
  });
});

describe("board rows", () => {
  it("formats load per group as used/capacity, and calls out of one", () => {
    const w = work("a1", {
      status: AVAILABLE,
      shownStatus: AVAILABLE,
      occupancy: { email: 3, liveMessaging: 2, liveChat: 5, calls: 1 },
      online: true,
    });
    const row = boardRow(w, { displayName: " Ada " });
    expect(row).toMatchObject({ agentId: "a1", name: "Ada", statusId: "s-av", shown: "Available", tone: "available", online: true });
    expect(row.loads.map((l) => [l.label, l.text, l.full])).toEqual([
      ["Email", "3/10", false],
      ["Live messaging", "2/6", false],
      ["Live chat", "5/5", true],
      ["Calls", "1/1", true],
    ]);
    expect(boardRow(w, undefined).name).toBe("Unknown agent");
  });

  it("adds up the load as the Full Capacity rule does (groups without capacity add nothing)", () => {
    const capacity = { email: 10, liveMessaging: 6, liveChat: 5 };
    expect(loadPercent({ capacity, occupancy: { email: 3, liveMessaging: 2, liveChat: 1, calls: 0 } })).toBe(83);
    expect(loadPercent({ capacity, occupancy: { email: 4, liveMessaging: 2, liveChat: 1, calls: 0 } })).toBe(93);
    expect(loadPercent({ capacity: { email: 0, liveMessaging: 0, liveChat: 2 }, occupancy: { email: 4, liveMessaging: 0, liveChat: 1, calls: 0 } })).toBe(50);
  });

  it("sorts rows by name and replaces or adds a work state", () => {
    const rows = [boardRow(work("b"), { displayName: "Bo" }), boardRow(work("a"), { displayName: "Ann" })];
    expect(sortBoard(rows).map((r) => r.name)).toEqual(["Ann", "Bo"]);
    const list = [work("a"), work("b")];
    const changed = work("b", { online: true });
    expect(upsertWork(list, changed)).toEqual([list[0], changed]);
    expect(upsertWork(list, work("c")).map((w) => w.agentId)).toEqual(["a", "b", "c"]);
  });

  it("counts agents by colour for the summary", () => {
    const rows = [{ tone: "available" as const }, { tone: "unavailable" as const }, { tone: "available" as const }, { tone: "full" as const }];
    expect(countByTone(rows)).toEqual([
      { tone: "available", label: "available", count: 2 },
      { tone: "full", label: "at full capacity", count: 1 },
      { tone: "unavailable", label: "unavailable", count: 1 },
    ]);
    expect(countByTone([])).toEqual([]);
  });

  it("applies a status event to the agent's row, moving since only when the chosen status changed", () => {
    const w = work("a1");
    const moved = applyStatusEvent(w, statusEvent("a1", AVAILABLE), CATALOGUE);
    expect(moved.status).toEqual(AVAILABLE);
    expect(moved.shownStatus).toEqual(AVAILABLE);
    expect(moved.since).toBe("2025-01-01T09:00:00Z");
    const full = applyStatusEvent(moved, statusEvent("a1", AVAILABLE, FULL, true, "2025-01-01T10:00:00Z"), CATALOGUE);
    expect(full.shownStatus).toEqual(FULL);
    expect(full.fullCapacity).toBe(true);
    expect(full.since).toBe("2025-01-01T09:00:00Z");
    expect(applyStatusEvent(w, statusEvent("other", AVAILABLE), CATALOGUE)).toBe(w);
  });

  it("takes names and groups from the event for statuses not listed yet", () => {
    const training = status("s-new", "Training", "Away");
    const applied = applyStatusEvent(work("a1"), statusEvent("a1", training), CATALOGUE);
    expect(applied.status).toMatchObject({ id: "s-new", name: "Training", group: "Away", isDefault: false });
  });

  it("reloads the load on assignment changes only", () => {
    for (const t of ["ConversationAssigned", "ConversationUnassigned", "ConversationClosed", "ConversationReopened", "ConversationTransferred", "ConversationUpdated"]) {
      expect(changesLoad(t), t).toBe(true);
    }
    for (const t of ["ConversationMessageAdded", "ConversationNoteAdded", "ConversationTagAdded", "AgentStatusChanged"]) {
      expect(changesLoad(t), t).toBe(false);
    }
  });
});

describe("status permissions", () => {
  /** A signed-in user as GET /v1/me describes them: permissions and the two status facts. */
  const who = (permissions: Permission[], own: boolean, others: boolean, id = "me") =>
    ({ id, permissions, maySetOwnStatus: own, maySetOthersStatus: others }) satisfies Principal & { id: string };
  const agent = who(["Conversations", "ReadDirectory", "ManageEndUsers"], true, false);
  const manager = who(["Conversations", "ReadDirectory", "ManageEndUsers", "Reports", "Anonymize"], true, true);
  const admin = who(["Conversations", "ReadDirectory", "ManageEndUsers", "Configure", "Reports", "Anonymize"], true, true);
  const agentAndAccountManager = who(["Conversations", "ReadDirectory", "ManageEndUsers", "Configure", "Anonymize"], true, true);
  const accountManager = who(["ReadDirectory", "Configure", "Anonymize"], false, false);
  const analyticsManager = who(["ReadDirectory", "Reports"], false, false);
  const bot = who(["Conversations", "ReadDirectory", "ManageEndUsers"], false, false);
  const noRoles = who([], false, false);

  it("gives a status to agents, managers and admins, not to bots or account managers alone", () => {
    expect(hasAgentStatus(agent)).toBe(true);
    expect(hasAgentStatus(manager)).toBe(true);
    expect(hasAgentStatus(admin)).toBe(true);
    expect(hasAgentStatus(accountManager)).toBe(false);
    expect(hasAgentStatus(analyticsManager)).toBe(false);
    expect(hasAgentStatus(bot)).toBe(false);
  });

  it("lets agents set their own status and managers and admins anyone's", () => {
    expect(maySetStatusOf(agent, "me")).toBe(true);
    expect(maySetStatusOf(agent, "other")).toBe(false);
    expect(maySetStatusOf(manager, "other")).toBe(true);
    expect(maySetStatusOf(admin, "other")).toBe(true);
    expect(maySetStatusOf(agentAndAccountManager, "other")).toBe(true);
    // Account managers alone may not work on conversations, so the server refuses them.
    expect(maySetStatusOf(accountManager, "other")).toBe(false);
    expect(maySetStatusOf(accountManager, "me")).toBe(false);
    expect(maySetOthersStatus(analyticsManager)).toBe(false);
    expect(maySetOthersStatus(manager)).toBe(true);
  });

  it("decides one's own status and others' by the server's two facts, not by permissions", () => {
    // A bot may act on conversations but has no status of its own; with the flags swapped the
    // answers swap too, whatever the permissions say.
    expect(maySetStatusOf(bot, "me")).toBe(false);
    const othersOnly = who(["Conversations"], false, true);
    expect(maySetStatusOf(othersOnly, "me")).toBe(false);
    expect(maySetStatusOf(othersOnly, "other")).toBe(true);
    expect(hasAgentStatus(who([], true, false))).toBe(true);
  });

  it("lets managers work on the board while other sections stay view-only for them", () => {
    expect(effectiveAccess(manager, "board")).toBe("edit");
    expect(effectiveAccess(manager, "statuses")).toBe("read");
    expect(effectiveAccess(agent, "board")).toBe("read");
    expect(effectiveAccess(accountManager, "board")).toBe("read");
    expect(effectiveAccess(accountManager, "capacity")).toBe("edit");
    expect(effectiveAccess(admin, "board")).toBe("edit");
    expect(effectiveAccess(noRoles, "board")).toBe("none");
    expect(effectiveAccess(manager, "webhooks")).toBe("none");
  });
});

class FakeStatusApi implements StatusApi {
  works = new Map<string, AgentWork>();
  statuses: AgentStatus[] = CATALOGUE;
  calls: string[] = [];
  fail: Error | null = null;

  async agentStatuses(): Promise<AgentStatus[]> {
    this.calls.push("statuses");
    if (this.fail) throw this.fail;
    return this.statuses;
  }

  async agentWork(agentId: string): Promise<AgentWork> {
    this.calls.push(`work ${agentId}`);
    if (this.fail) throw this.fail;
    const w = this.works.get(agentId);
    if (!w) throw new ApiError(404, "Agent not found");
    return w;
  }

  async agentsWork(): Promise<AgentWork[]> {
    this.calls.push("board");
    if (this.fail) throw this.fail;
    return [...this.works.values()];
  }

  async setAgentStatus(agentId: string, statusId: string): Promise<AgentWork> {
    this.calls.push(`set ${agentId} ${statusId}`);
    if (this.fail) throw this.fail;
    const chosen = this.statuses.find((s) => s.id === statusId);
    if (!chosen || chosen.automatic) throw new ApiError(409, "Full Capacity is set automatically");
    const w = work(agentId, { ...this.works.get(agentId), status: chosen, shownStatus: chosen });
    this.works.set(agentId, w);
    return w;
  }
}

describe("MyStatusStore", () => {
  it("loads the agent's status and the statuses to pick", async () => {
    const api = new FakeStatusApi();
    api.works.set("me", work("me"));
    const store = new MyStatusStore(api, "me");
    await store.load();
    expect(store.view && shownLabel(store.view)).toBe("Offline");
    expect(store.choices.map((s) => s.name)).not.toContain(FULL_CAPACITY);
  });

  it("shows the status the server answers after choosing", async () => {
    const api = new FakeStatusApi();
    api.works.set("me", work("me"));
    const store = new MyStatusStore(api, "me");
    await store.load();
    expect(await store.choose("s-av")).toBe(true);
    expect(store.view?.shownName).toBe("Available");
    expect(store.busyId).toBeNull();
  });

  it("reports a refusal and keeps what is shown", async () => {
    const errors: unknown[] = [];
    const api = new FakeStatusApi();
    api.works.set("me", work("me"));
    const store = new MyStatusStore(api, "me", (e) => errors.push(e));
    await store.load();
    expect(await store.choose("s-full")).toBe(false);
    expect((errors[0] as ApiError).status).toBe(409);
    expect(store.view?.shownName).toBe("Offline");
  });

  it("follows its own status events only, and reloads the list for an unknown status", async () => {
    const api = new FakeStatusApi();
    api.works.set("me", work("me"));
    const store = new MyStatusStore(api, "me");
    await store.load();
    store.handle({ kind: "agentStatus", event: statusEvent("other", AVAILABLE) });
    expect(store.view?.shownName).toBe("Offline");
    store.handle({ kind: "agentStatus", event: statusEvent("me", AVAILABLE, FULL, true) });
    expect(store.view && shownLabel(store.view)).toBe(FULL_CAPACITY);
    api.calls = [];
    store.handle({ kind: "agentStatus", event: statusEvent("me", status("s-new", "Training", "Away")) });
    expect(store.view?.shownName).toBe("Training");
    expect(api.calls).toEqual(["statuses"]);
  });

  it("reloads after missed events", async () => {
    const api = new FakeStatusApi();
    api.works.set("me", work("me"));
    const store = new MyStatusStore(api, "me");
    await store.load();
    api.works.set("me", work("me", { status: BUSY, shownStatus: BUSY }));
    store.handle({ kind: "resync" });
    await vi.waitFor(() => expect(store.view?.shownName).toBe("Busy"));
  });
});

describe("BoardStore", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function conversationEvent(type: ConversationEvent["type"]): LiveEvent {
    return { kind: "conversation", event: { type, conversationId: 1, seq: 1, initial: false, at: "x" } };
  }

  it("loads every agent's work state and the statuses", async () => {
    const api = new FakeStatusApi();
    api.works.set("a", work("a"));
    api.works.set("b", work("b"));
    const board = new BoardStore(api);
    await board.load();
    expect(board.works.map((w) => w.agentId)).toEqual(["a", "b"]);
    expect(board.choices).toHaveLength(6);
    expect(board.loaded).toBe(true);
  });

  it("shows a status event at once, then refetches that row", async () => {
    const api = new FakeStatusApi();
    api.works.set("a", work("a"));
    const board = new BoardStore(api);
    await board.load();
    api.works.set("a", work("a", { status: AVAILABLE, shownStatus: AVAILABLE, online: true }));
    api.calls = [];
    board.handle({ kind: "agentStatus", event: statusEvent("a", AVAILABLE) });
    expect(board.works[0].status.id).toBe("s-av");
    await vi.waitFor(() => expect(board.works[0].online).toBe(true));
    expect(api.calls).toEqual(["work a"]);
  });

  it("reloads the statuses for a status it doesn't know", async () => {
    const api = new FakeStatusApi();
    api.works.set("a", work("a"));
    const board = new BoardStore(api);
    await board.load();
    const training = status("s-new", "Training", "Away");
    api.statuses = [...CATALOGUE, training];
    api.works.set("a", work("a", { status: training, shownStatus: training }));
    api.calls = [];
    board.handle({ kind: "agentStatus", event: statusEvent("a", training) });
    expect(board.works[0].status.name).toBe("Training");
    await vi.waitFor(() => expect(board.choices.map((s) => s.name)).toContain("Training"));
    expect(api.calls.sort()).toEqual(["statuses", "work a"]);
  });

  it("reloads once after a burst of assignment events, and not for messages", async () => {
    const api = new FakeStatusApi();
    api.works.set("a", work("a"));
    const board = new BoardStore(api, undefined, 500);
    await board.load();
    api.calls = [];
    board.handle(conversationEvent("ConversationMessageAdded"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.calls).toEqual([]);
    board.handle(conversationEvent("ConversationAssigned"));
    await vi.advanceTimersByTimeAsync(300);
    board.handle(conversationEvent("ConversationClosed"));
    await vi.advanceTimersByTimeAsync(300);
    expect(api.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(api.calls).toEqual(["board", "statuses"]);
  });

  it("drops a pending reload when disposed", async () => {
    const api = new FakeStatusApi();
    const board = new BoardStore(api, undefined, 500);
    board.handle({ kind: "resync" });
    board.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.calls).toEqual([]);
  });

  it("sets an agent's status and reports a refusal", async () => {
    const errors: unknown[] = [];
    const api = new FakeStatusApi();
    api.works.set("a", work("a"));
    const board = new BoardStore(api, (e) => errors.push(e));
    await board.load();
    expect(await board.setStatus("a", "s-busy")).toBe(true);
    expect(board.works[0].status.name).toBe("Busy");
    api.fail = new ApiError(403, "Only the agent, managers and admins can change an agent's status");
    expect(await board.setStatus("a", "s-av")).toBe(false);
    expect(errors).toHaveLength(1);
    expect(board.busyAgentId).toBeNull();
  });

  it("keeps polls quiet but reports the first load's failure", async () => {
    const errors: unknown[] = [];
    const api = new FakeStatusApi();
    api.fail = new ApiError(500, "down");
    const board = new BoardStore(api, (e) => errors.push(e));
    await board.load(false);
    expect(errors).toHaveLength(0);
    await board.load();
    expect(errors).toHaveLength(1);
    expect(board.loaded).toBe(true);
  });
});

describe("ApiClient status and capacity endpoints", () => {
  interface Call {
    url: string;
    method: string;
    body: unknown;
  }

  function client(respond: (call: Call) => Response) {
    const calls: Call[] = [];
    const fetch: FetchLike = async (url, init) => {
      const call = { url, method: init?.method ?? "GET", body: init?.body ? JSON.parse(String(init.body)) : undefined };
      calls.push(call);
      return respond(call);
    };
    return { api: new ApiClient({ apiBase: "http://h", token: "t", fetch }), calls };
  }

  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

  it("reads, creates, patches and deletes statuses", async () => {
    const { api, calls } = client((c) => {
      if (c.method === "DELETE") return new Response(null, { status: 204 });
      if (c.method === "GET") return json(200, { data: [AVAILABLE] });
      return json(c.method === "POST" ? 201 : 200, { data: LUNCH });
    });
    expect(await api.agentStatuses()).toEqual([AVAILABLE]);
    await api.agentStatuses(true);
    expect(await api.createAgentStatus({ name: "Lunch", group: "Away" })).toEqual(LUNCH);
    await api.patchAgentStatus("s-lunch", { group: "Busy" });
    await api.deleteAgentStatus("s-lunch");
    expect(calls.map((c) => [c.method, c.url.replace("http://h", ""), c.body])).toEqual([
      ["GET", "/v1/agent-statuses", undefined],
      ["GET", "/v1/agent-statuses?includeDeleted=true", undefined],
      ["POST", "/v1/agent-statuses", { name: "Lunch", group: "Away" }],
      ["PATCH", "/v1/agent-statuses/s-lunch", { group: "Busy" }],
      ["DELETE", "/v1/agent-statuses/s-lunch", undefined],
    ]);
  });

  it("reads and sets work states and capacity, null clearing a group", async () => {
    const w = work("a1");
    const { api, calls } = client((c) => json(200, { data: c.url.endsWith("/agents/status") ? [w] : w }));
    expect(await api.agentsWork()).toEqual([w]);
    expect(await api.agentWork("a1")).toEqual(w);
    await api.setAgentStatus("a1", "s-av");
    await api.patchAgentCapacity("a1", { email: 3, liveChat: null });
    expect(calls.map((c) => [c.method, c.url.replace("http://h", ""), c.body])).toEqual([
      ["GET", "/v1/agents/status", undefined],
      ["GET", "/v1/agents/a1/status", undefined],
      ["PUT", "/v1/agents/a1/status", { statusId: "s-av" }],
      ["PATCH", "/v1/agents/a1/capacity", { email: 3, liveChat: null }],
    ]);
  });

  it("reads, changes and resets the capacity settings, and shows a 400's message", async () => {
    const settings = { defaults: { email: 5, liveMessaging: 5, liveChat: 5 }, countedStatuses: { waiting: true, solved: false } };
    const { api, calls } = client((c) =>
      c.body && JSON.stringify(c.body).includes("2000") ? json(400, { message: "capacity.email must be between 0 and 1000, not 2000" }) : json(200, { data: settings }),
    );
    expect(await api.capacitySettings()).toEqual(settings);
    await api.patchCapacitySettings({ countedStatuses: { waiting: false, solved: false } });
    await api.resetCapacitySettings();
    await expect(api.patchCapacitySettings({ defaults: { email: 2000 } })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("1000") });
    expect(calls.map((c) => `${c.method} ${c.url.replace("http://h", "")}`)).toEqual([
      "GET /v1/settings/capacity",
      "PATCH /v1/settings/capacity",
      "POST /v1/settings/capacity/reset",
      "PATCH /v1/settings/capacity",
    ]);
  });

  it("deletes queues (a 409 keeps its message) and reads and writes senders", async () => {
    const msg = "Queue Billing has 2 active conversations";
    const { api, calls } = client((c) => {
      if (c.method === "DELETE") return json(409, { message: msg });
      if (c.url.endsWith("/settings/senders")) return json(200, { data: { perQueue: true } });
      return json(200, { data: { senders: ["a@x.io"], defaultSender: "a@x.io" } });
    });
    await expect(api.deleteQueue("q1")).rejects.toMatchObject({ status: 409, message: msg });
    expect(await api.queueSenders("q1")).toEqual({ senders: ["a@x.io"], defaultSender: "a@x.io" });
    await api.setQueueSenders("q1", { senders: ["a@x.io"], defaultSender: "a@x.io" });
    expect(await api.sendersSettings()).toEqual({ perQueue: true });
    await api.setSendersSettings(false);
    expect(calls.map((c) => [c.method, c.url.replace("http://h", ""), c.body])).toEqual([
      ["DELETE", "/v1/queues/q1", undefined],
      ["GET", "/v1/queues/q1/senders", undefined],
      ["PUT", "/v1/queues/q1/senders", { senders: ["a@x.io"], defaultSender: "a@x.io" }],
      ["GET", "/v1/settings/senders", undefined],
      ["PUT", "/v1/settings/senders", { perQueue: false }],
    ]);
  });
});
