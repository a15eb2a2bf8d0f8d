// Unit tests for the Settings area logic: permissions per section, roles, form checks, webhook
// events and bodies, list helpers, the paged list store, moves in ordered lists, the forms a list
// has open and the setup endpoints of the API client.
import { describe, expect, it } from "vitest";
import { ApiClient, ApiError, type FetchLike } from "./api/client";
import type { Agent, Page, Permission, Role, WebhookSubscription } from "./api/types";
import {
  emptyWebhookDraft,
  formatHint,
  agentPatch,
  colorError,
  COMPANIES_READ_ONLY_NOTE,
  deliveryState,
  effectiveAccess,
  emailError,
  endpointAddressError,
  eventsSummary,
  formatDuration,
  identifierError,
  identifierFromLabel,
  MANAGE_END_USERS_FORBIDDEN,
  mayConfigure,
  mayManageEndUsers,
  mayReadDirectory,
  maySeeSettings,
  memberCandidates,
  mergeById,
  nameError,
  normalizeColor,
  normalizeEvents,
  optionsError,
  parseOptions,
  pickSection,
  ROLE_CONFLICT,
  roleBlockedBy,
  roleError,
  sectionAccess,
  SECTIONS,
  secretError,
  sortQueues,
  toggleEvent,
  toggleRole,
  upsertById,
  visibleSections,
  webhookCreateBody,
  webhookDraft,
  webhookEvents,
  webhookPatch,
  webhookUrlError,
  type Principal,
  type SettingsSection,
} from "./settings";
import { ListForms, ListStore, Reorder } from "./settings.svelte";
import { WEBHOOK_FORMATS } from "./test-catalogues";

function agent(fields: Partial<Agent> = {}): Agent {
  return {
    id: "a1",
    displayName: "Ada",
    email: "ada@example.com",
    userType: "Agent",
    roles: ["Agent"],
    enabled: true,
    createdAt: "2025-01-01T00:00:00Z",
    ...fields,
  };
}

function webhook(fields: Partial<WebhookSubscription> = {}): WebhookSubscription {
  return {
    id: "w1",
    name: "CRM",
    url: "https://crm.example.com/hook",
    events: [],
    format: "Dixa",
    enabled: true,
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    ...fields,
  };
}

function principal(permissions: Permission[], status: { own?: boolean; others?: boolean } = {}): Principal {
  return { permissions, maySetOwnStatus: status.own ?? false, maySetOthersStatus: status.others ?? false };
}

/** What GET /v1/me grants each kind of user (the server decides it from their type and roles). */
const USERS = {
  admin: principal(["Conversations", "ReadDirectory", "ManageEndUsers", "Configure", "Reports", "Anonymize"], { own: true, others: true }),
  agent: principal(["Conversations", "ReadDirectory", "ManageEndUsers"], { own: true }),
  manager: principal(["Conversations", "ReadDirectory", "ManageEndUsers", "Reports", "Anonymize"], { own: true, others: true }),
  accountManager: principal(["ReadDirectory", "Configure", "Anonymize"]),
  analyticsManager: principal(["ReadDirectory", "Reports"]),
  agentAndAccountManager: principal(["Conversations", "ReadDirectory", "ManageEndUsers", "Configure", "Anonymize"], { own: true, others: true }),
  agentAndAnalyticsManager: principal(["Conversations", "ReadDirectory", "ManageEndUsers", "Reports"], { own: true }),
  accountAndAnalyticsManager: principal(["ReadDirectory", "Configure", "Reports", "Anonymize"]),
  bot: principal(["Conversations", "ReadDirectory", "ManageEndUsers"]),
  botWithAccountManager: principal(["Conversations", "ReadDirectory", "ManageEndUsers", "Configure", "Anonymize"], { others: true }),
  noRoles: principal([]),
} satisfies Record<string, Principal>;

const ALL: SettingsSection[] = SECTIONS.map((s) => s.id);
const DIRECTORY: SettingsSection[] = ALL.filter((s) => s !== "webhooks" && s !== "email");
/** The directory sections changed with Configure (Companies go with ManageEndUsers instead). */
const SETUP: SettingsSection[] = DIRECTORY.filter((s) => s !== "companies");

describe("permissions", () => {
  const cases: [string, Principal, "edit" | "read" | "none", boolean][] = [
    ["admin", USERS.admin, "edit", true],
    ["account manager", USERS.accountManager, "edit", true],
    ["agent and account manager", USERS.agentAndAccountManager, "edit", true],
    ["bot with account manager", USERS.botWithAccountManager, "edit", true],
    ["agent", USERS.agent, "read", false],
    ["manager", USERS.manager, "read", false],
    ["analytics manager", USERS.analyticsManager, "read", false],
    ["bot", USERS.bot, "read", false],
    ["user without roles", USERS.noRoles, "none", false],
  ];

  it.each(cases)("%s: directory sections are %s", (_, me, directory, configure) => {
    expect(mayConfigure(me)).toBe(configure);
    expect(mayReadDirectory(me)).toBe(directory !== "none");
    for (const s of SETUP) expect(sectionAccess(me, s)).toBe(directory);
  });

  it.each<[string, Principal, "edit" | "read" | "none"]>([
    ["admin", USERS.admin, "edit"],
    ["bot", USERS.bot, "edit"],
    ["agent", USERS.agent, "edit"],
    ["manager", USERS.manager, "edit"],
    ["account manager", USERS.accountManager, "read"],
    ["analytics manager", USERS.analyticsManager, "read"],
    ["user without roles", USERS.noRoles, "none"],
  ])("%s: companies are %s, as end users may be changed", (_, me, access) => {
    expect(sectionAccess(me, "companies")).toBe(access);
    expect(effectiveAccess(me, "companies")).toBe(access);
    expect(COMPANIES_READ_ONLY_NOTE).toMatch(/agents, managers and admins/);
  });

  it.each<[string, Principal, boolean]>([
    ["admin", USERS.admin, true],
    ["bot", USERS.bot, true],
    ["agent", USERS.agent, true],
    ["manager", USERS.manager, true],
    ["agent and analytics manager", USERS.agentAndAnalyticsManager, true],
    ["account manager", USERS.accountManager, false],
    ["analytics manager", USERS.analyticsManager, false],
    ["account and analytics manager", USERS.accountAndAnalyticsManager, false],
    ["user without roles", USERS.noRoles, false],
  ])("%s: may change end users = %s", (_, me, allowed) => {
    expect(mayManageEndUsers(me)).toBe(allowed);
    expect(MANAGE_END_USERS_FORBIDDEN).toBe("Only agents, managers and admins can change end users");
  });

  it("goes by the permissions the server granted, not by the user's type or roles", () => {
    // An admin record whose /v1/me grants nothing (say, the server's rules changed) gets nothing.
    const bare = { ...agent({ userType: "Admin", roles: ["AccountManager"] }), ...principal([]) };
    expect(mayConfigure(bare)).toBe(false);
    expect(mayReadDirectory(bare)).toBe(false);
    expect(maySeeSettings(bare)).toBe(false);
    // Each permission decides only its own part: Configure without ReadDirectory edits the setup
    // but leaves Companies closed; ManageEndUsers alone opens just Companies.
    const configureOnly = principal(["Configure"]);
    expect(sectionAccess(configureOnly, "queues")).toBe("edit");
    expect(sectionAccess(configureOnly, "webhooks")).toBe("edit");
    expect(sectionAccess(configureOnly, "companies")).toBe("none");
    expect(visibleSections(principal(["ManageEndUsers"])).map((s) => s.id)).toEqual(["companies"]);
  });

  it("needs Configure even to read webhooks", () => {
    for (const [, me, , configure] of cases) expect(sectionAccess(me, "webhooks")).toBe(configure ? "edit" : "none");
  });

  it("lists only the sections the user may open, in order", () => {
    expect(visibleSections(USERS.admin).map((s) => s.id)).toEqual(ALL);
    expect(visibleSections(USERS.agent).map((s) => s.id)).toEqual(DIRECTORY);
    expect(visibleSections(USERS.noRoles)).toEqual([]);
  });

  it("puts Working hours after Queues: changed with Configure, read with the directory", () => {
    expect(ALL.indexOf("hours")).toBe(ALL.indexOf("queues") + 1);
    expect(sectionAccess(USERS.accountManager, "hours")).toBe("edit");
    expect(sectionAccess(USERS.manager, "hours")).toBe("read");
    expect(sectionAccess(USERS.noRoles, "hours")).toBe("none");
  });

  it("puts Waiting strategies after Working hours: changed with Configure, read with the directory", () => {
    expect(ALL.indexOf("waiting")).toBe(ALL.indexOf("hours") + 1);
    expect(sectionAccess(USERS.admin, "waiting")).toBe("edit");
    expect(sectionAccess(USERS.accountManager, "waiting")).toBe("edit");
    expect(sectionAccess(USERS.agent, "waiting")).toBe("read");
    expect(sectionAccess(USERS.bot, "waiting")).toBe("read");
    expect(sectionAccess(USERS.noRoles, "waiting")).toBe("none");
  });

  it("puts SLA policies after Waiting strategies: changed with Configure, read with the directory", () => {
    expect(ALL.indexOf("sla")).toBe(ALL.indexOf("waiting") + 1);
    expect(SECTIONS.find((s) => s.id === "sla")?.label).toBe("SLA policies");
    expect(sectionAccess(USERS.admin, "sla")).toBe("edit");
    expect(sectionAccess(USERS.accountManager, "sla")).toBe("edit");
    expect(sectionAccess(USERS.manager, "sla")).toBe("read");
    expect(sectionAccess(USERS.agent, "sla")).toBe("read");
    expect(sectionAccess(USERS.bot, "sla")).toBe("read");
    expect(sectionAccess(USERS.noRoles, "sla")).toBe("none");
  });

  it("shows the Settings button only to users who may open a section", () => {
    expect(maySeeSettings(USERS.admin)).toBe(true);
    expect(maySeeSettings(USERS.analyticsManager)).toBe(true);
    expect(maySeeSettings(USERS.noRoles)).toBe(false);
  });

  it("falls back to the first section the user may open", () => {
    expect(pickSection(USERS.agent, "tags")).toBe("tags");
    expect(pickSection(USERS.agent, "webhooks")).toBe("agents");
    expect(pickSection(USERS.agent, null)).toBe("agents");
    expect(pickSection(USERS.admin, "webhooks")).toBe("webhooks");
    expect(pickSection(USERS.noRoles, "agents")).toBeNull();
  });
});

describe("roles", () => {
  it("refuses Agent together with Manager", () => {
    expect(roleError(["Agent", "Manager"])).toBe(ROLE_CONFLICT);
    expect(roleError(["Manager", "AnalyticsManager", "AccountManager"])).toBeNull();
    expect(roleError(["Agent", "AccountManager"])).toBeNull();
    expect(roleError([])).toBeNull();
  });

  it("tells which selected role blocks another", () => {
    expect(roleBlockedBy(["Manager"], "Agent")).toBe("Manager");
    expect(roleBlockedBy(["Agent"], "Manager")).toBe("Agent");
    expect(roleBlockedBy(["Agent"], "AccountManager")).toBeNull();
    expect(roleBlockedBy(["Agent"], "Agent")).toBeNull();
    // Both selected (bad data from elsewhere): each may still be unchecked.
    expect(roleBlockedBy(["Agent", "Manager"], "Agent")).toBeNull();
  });

  it("toggles roles in the standard order and never adds a blocked one", () => {
    expect(toggleRole(["AccountManager"], "Agent", true)).toEqual(["Agent", "AccountManager"]);
    expect(toggleRole(["Agent", "AccountManager"], "Agent", false)).toEqual(["AccountManager"]);
    expect(toggleRole(["Agent"], "Manager", true)).toEqual(["Agent"]);
    expect(toggleRole(["Manager", "AnalyticsManager"], "Agent", true)).toEqual(["Manager", "AnalyticsManager"]);
    expect(toggleRole(["Agent", "Manager"], "Agent", false)).toEqual(["Manager"]);
  });

  it("builds an agent PATCH of what changed only", () => {
    const a = agent({ email: "ada@example.com", roles: ["Agent", "AccountManager"] });
    const same = { displayName: "Ada", email: "ada@example.com", roles: ["AccountManager", "Agent"] as Role[], enabled: true };
    expect(agentPatch(a, same)).toBeNull();
    expect(agentPatch(a, { ...same, displayName: "  Ada L. " })).toEqual({ displayName: "Ada L." });
    expect(agentPatch(a, { ...same, email: " " })).toEqual({ email: "" });
    expect(agentPatch(a, { ...same, roles: ["Manager"], enabled: false })).toEqual({ roles: ["Manager"], enabled: false });
    expect(agentPatch(agent({ email: null }), { ...same, roles: ["Agent"], email: "" })).toBeNull();
  });

  it("offers enabled agents and admins not yet members, by name", () => {
    const agents = [
      agent({ id: "1", displayName: "Zoe" }),
      agent({ id: "2", displayName: "Bea", userType: "Admin" }),
      agent({ id: "3", displayName: "Bot", userType: "Bot" }),
      agent({ id: "4", displayName: "Old", enabled: false }),
      agent({ id: "5", displayName: "Al" }),
    ];
    expect(memberCandidates(agents, ["5"]).map((a) => a.id)).toEqual(["2", "1"]);
  });
});

describe("form checks", () => {
  it("checks names and emails", () => {
    expect(nameError("  ")).toBe("Enter a name.");
    expect(nameError("", 200, "a label")).toBe("Enter a label.");
    expect(nameError("x".repeat(101), 100)).toBe("Use at most 100 characters.");
    expect(nameError(" Support ")).toBeNull();
    expect(emailError("")).toBeNull();
    expect(emailError("ada@example.com")).toBeNull();
    expect(emailError("ada")).not.toBeNull();
    expect(emailError("ada @example.com")).not.toBeNull();
  });

  it("accepts #RRGGBB colours only", () => {
    expect(colorError("#2f6fde")).toBeNull();
    expect(colorError("#2F6FDE")).toBeNull();
    for (const bad of ["2f6fde", "#fff", "#2f6fdz", "red", "#2f6fde00", ""]) expect(colorError(bad)).not.toBeNull();
    expect(normalizeColor(" 2F6FDE ")).toBe("#2f6fde");
    expect(normalizeColor("#ABCDEF")).toBe("#abcdef");
    expect(normalizeColor("red")).toBe("red");
  });

  it("accepts identifiers of lower-case letters, digits and _", () => {
    expect(identifierError("order_no_2")).toBeNull();
    expect(identifierError("")).toBe("Enter an identifier.");
    for (const bad of ["Order", "order-no", "order no", "ordré"]) expect(identifierError(bad)).toMatch(/lower-case/);
    expect(identifierError("a".repeat(101))).toBe("Use at most 100 characters.");
  });

  it("suggests an identifier from a label", () => {
    expect(identifierFromLabel("Order no.")).toBe("order_no");
    expect(identifierFromLabel("  Café  Crème ")).toBe("cafe_creme");
    expect(identifierFromLabel("Plan (2025)")).toBe("plan_2025");
    expect(identifierFromLabel("!!!")).toBe("");
    expect(identifierError(identifierFromLabel("Customer tier"))).toBeNull();
  });

  it("reads Select options one per line", () => {
    expect(parseOptions(" Gold \n\nSilver\r\nBronze\n ")).toEqual(["Gold", "Silver", "Bronze"]);
    expect(optionsError("Select", [])).toMatch(/at least one/);
    expect(optionsError("Select", ["Gold", "Gold"])).toBe("“Gold” is listed twice.");
    expect(optionsError("Select", ["Gold", "Silver"])).toBeNull();
    expect(optionsError("Text", [])).toBeNull();
  });

  it("checks endpoint addresses as the server does", () => {
    expect(endpointAddressError("Email", "support@example.com")).toBeNull();
    expect(endpointAddressError("Email", "support")).not.toBeNull();
    expect(endpointAddressError("Phone", "+4512345678")).toBeNull();
    expect(endpointAddressError("Phone", "4512345678")).not.toBeNull();
    expect(endpointAddressError("Phone", "+45 1234 5678")).not.toBeNull();
    expect(endpointAddressError("Phone", "+123456")).not.toBeNull();
    expect(endpointAddressError("Widget", "web-chat_1")).toBeNull();
    expect(endpointAddressError("Widget", "web chat")).not.toBeNull();
    expect(endpointAddressError("Email", "  ")).toBe("Enter an address.");
  });

  it("accepts http and https webhook URLs with a host", () => {
    expect(webhookUrlError("https://crm.example.com/hook?x=1")).toBeNull();
    expect(webhookUrlError("http://127.0.0.1:9000")).toBeNull();
    for (const bad of ["", "ftp://x", "https://", "https:///path", "crm.example.com", "https://a b.com", "HTTPS://x.com"]) {
      expect(webhookUrlError(bad), bad).not.toBeNull();
    }
  });

  it("takes an empty secret or one of at least 16 characters", () => {
    expect(secretError("")).toBeNull();
    expect(secretError("x".repeat(16))).toBeNull();
    expect(secretError("x".repeat(15))).not.toBeNull();
  });
});

describe("webhook events and bodies", () => {
  const F = WEBHOOK_FORMATS;

  it("starts with the catalogue's first format and says what each is for", () => {
    expect(emptyWebhookDraft(F).format).toBe("Dixa");
    expect(formatHint(F, "Interaction")).toBe("Agent interaction events (8x8 style)");
    expect(webhookEvents(F, "Zendesk")).toEqual([]);
  });

  it("lists each format's events", () => {
    expect(webhookEvents(F, "Interaction")).toEqual(["AGENT_JOINED", "TEXT", "AGENT_LEFT"]);
    expect(webhookEvents(F, "Dixa")).toHaveLength(11);
    expect(webhookEvents(F, "Dixa")[0]).toBe("ConversationCreated");
    expect(webhookEvents(F, "Dixa")).toContain("ConversationNoteAdded");
    expect(webhookEvents(F, "Dixa")).not.toContain("TEXT");
  });

  it("keeps only the format's events, in order, once each", () => {
    expect(normalizeEvents(F, "Dixa", ["ConversationClosed", "TEXT", "ConversationCreated", "ConversationClosed"])).toEqual([
      "ConversationCreated",
      "ConversationClosed",
    ]);
    expect(normalizeEvents(F, "Interaction", ["ConversationCreated"])).toEqual([]);
    expect(toggleEvent(F, "Interaction", ["AGENT_LEFT"], "AGENT_JOINED", true)).toEqual(["AGENT_JOINED", "AGENT_LEFT"]);
    expect(toggleEvent(F, "Interaction", ["AGENT_LEFT", "TEXT"], "AGENT_LEFT", false)).toEqual(["TEXT"]);
  });

  it("summarises events, an empty list meaning all", () => {
    expect(eventsSummary([])).toBe("All events");
    expect(eventsSummary(["TEXT"])).toBe("TEXT");
    expect(eventsSummary(["AGENT_JOINED", "TEXT", "AGENT_LEFT"])).toBe("3 events");
  });

  it("leaves the secret out of a create body when empty", () => {
    const draft = { name: " CRM ", url: " https://x.io/h ", secret: "", format: "Interaction", events: ["TEXT"], enabled: true };
    expect(webhookCreateBody(F, draft)).toEqual({ name: "CRM", url: "https://x.io/h", format: "Interaction", events: ["TEXT"], enabled: true });
    expect(webhookCreateBody(F, { ...draft, secret: "s".repeat(16) }).secret).toBe("s".repeat(16));
  });

  it("patches what changed, and the events whenever the format changes", () => {
    const w = webhook({ events: ["ConversationCreated"] });
    const d = webhookDraft(F, w);
    expect(d).toEqual({ name: "CRM", url: "https://crm.example.com/hook", secret: "", format: "Dixa", events: ["ConversationCreated"], enabled: true });
    expect(webhookPatch(F, w, d)).toBeNull();
    expect(webhookPatch(F, w, { ...d, enabled: false })).toEqual({ enabled: false });
    expect(webhookPatch(F, w, { ...d, events: [] })).toEqual({ events: [] });
    expect(webhookPatch(F, w, { ...d, format: "Interaction", events: normalizeEvents(F, "Interaction", d.events) })).toEqual({
      format: "Interaction",
      events: [],
    });
    expect(webhookPatch(F, w, { ...d, secret: "n".repeat(16), name: "CRM 2" })).toEqual({ name: "CRM 2", secret: "n".repeat(16) });
  });

  it("reads delivery states and durations", () => {
    expect(deliveryState("Delivered")).toBe("Delivered");
    expect(deliveryState("Retrying")).toBe("Unknown");
    expect(formatDuration(85)).toBe("85 ms");
    expect(formatDuration(1234)).toBe("1.2 s");
    expect(formatDuration(15_000)).toBe("15 s");
    expect(formatDuration(180_000)).toBe("3 min");
    expect(formatDuration(-1)).toBe("");
  });
});

describe("list helpers", () => {
  it("merges pages without repeating items", () => {
    const a = { id: "a", n: 1 };
    const b = { id: "b", n: 2 };
    const c = { id: "c", n: 3 };
    expect(mergeById([a, b], [b, c, c])).toEqual([a, b, c]);
    expect(mergeById([], [a, a])).toEqual([a]);
  });

  it("replaces in place or inserts", () => {
    const list = [{ id: "a", n: 1 }, { id: "b", n: 2 }];
    expect(upsertById(list, { id: "a", n: 9 })).toEqual([{ id: "a", n: 9 }, { id: "b", n: 2 }]);
    expect(upsertById(list, { id: "c", n: 3 }, "start").map((x) => x.id)).toEqual(["c", "a", "b"]);
    expect(upsertById(list, { id: "c", n: 3 }).map((x) => x.id)).toEqual(["a", "b", "c"]);
  });

  it("puts the Default queue first, then by name", () => {
    const qs = [
      { name: "Sales", isDefault: false },
      { name: "Default", isDefault: true },
      { name: "Billing", isDefault: false },
    ];
    expect(sortQueues(qs).map((q) => q.name)).toEqual(["Default", "Billing", "Sales"]);
  });
});

describe("ListStore", () => {
  type Item = { id: string };
  const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));

  function deferred<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  }

  it("loads the first page and follows next with Load more", async () => {
    const pages: Record<string, Page<Item>> = { "/p2": { items: items("c", "d"), next: "/p3" }, "/p3": { items: items("e") } };
    const fetched: string[] = [];
    const store = new ListStore<Item>(
      async () => ({ items: items("a", "b"), next: "/p2" }),
      async (path) => {
        fetched.push(path);
        return pages[path];
      },
    );
    expect(store.loaded).toBe(false);
    await store.load();
    expect(store.items.map((x) => x.id)).toEqual(["a", "b"]);
    expect(store.hasMore).toBe(true);
    expect(store.loaded).toBe(true);
    await store.loadMore();
    await store.loadMore();
    expect(fetched).toEqual(["/p2", "/p3"]);
    expect(store.items.map((x) => x.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(store.hasMore).toBe(false);
    await store.loadMore(); // nothing left: no request
    expect(fetched).toHaveLength(2);
  });

  it("doesn't repeat an item created here when its page arrives", async () => {
    const store = new ListStore<Item>(
      async () => ({ items: items("a"), next: "/p2" }),
      async () => ({ items: items("new", "b") }),
    );
    await store.load();
    store.upsert({ id: "new" }, "start");
    await store.loadMore();
    expect(store.items.map((x) => x.id)).toEqual(["new", "a", "b"]);
    store.remove("a");
    expect(store.items.map((x) => x.id)).toEqual(["new", "b"]);
    expect(store.get("b")).toEqual({ id: "b" });
  });

  it("ignores a page that answers an older load", async () => {
    const more = deferred<Page<Item>>();
    let first = 0;
    const store = new ListStore<Item>(
      async () => ({ items: items(first++ === 0 ? "old" : "fresh"), next: "/p2" }),
      () => more.promise,
    );
    await store.load();
    const loading = store.loadMore();
    expect(store.loadingMore).toBe(true);
    await store.load();
    more.resolve({ items: items("stale") });
    await loading;
    expect(store.items.map((x) => x.id)).toEqual(["fresh"]);
    expect(store.loadingMore).toBe(false);
  });

  it("reports errors and keeps what is listed", async () => {
    const errors: unknown[] = [];
    const store = new ListStore<Item>(
      async () => ({ items: items("a"), next: "/p2" }),
      async () => {
        throw new ApiError(403, "Only admins and account managers can change the contact center's setup");
      },
      (err) => errors.push(err),
    );
    await store.load();
    await store.loadMore();
    expect(errors).toHaveLength(1);
    expect((errors[0] as ApiError).status).toBe(403);
    expect(store.items.map((x) => x.id)).toEqual(["a"]);
    expect(store.hasMore).toBe(true);
    expect(store.loadingMore).toBe(false);
  });

  it("wraps a list the server never pages", async () => {
    const errors: unknown[] = [];
    const ok = ListStore.of(async () => items("x", "y"));
    await ok.load();
    expect(ok.items.map((x) => x.id)).toEqual(["x", "y"]);
    expect(ok.hasMore).toBe(false);
    const failing = ListStore.of<Item>(async () => Promise.reject(new Error("nope")), (e) => errors.push(e));
    await failing.load();
    expect(failing.loaded).toBe(true);
    expect(failing.items).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});

describe("Reorder", () => {
  type Item = { id: string; position: number };
  const positioned = (...ids: string[]): Item[] => ids.map((id, position) => ({ id, position }));
  const ids = (list: readonly Item[]) => list.map((x) => `${x.id}${x.position}`).join(" ");

  function setup(send: (id: string, to: number) => Promise<Item[]>, readOnly = false) {
    const errors: unknown[] = [];
    let reads = 0;
    const list = ListStore.of(async () => {
      reads++;
      return positioned("a", "b", "c");
    });
    const order = new Reorder({ list, items: () => list.items, send, readOnly: () => readOnly, onError: (err) => errors.push(err) });
    return { list, order, errors, reads: () => reads };
  }

  it("shows a move at once, then the order the server answers", async () => {
    let answer!: (items: Item[]) => void;
    const sent: [string, number][] = [];
    const { list, order } = setup(
      (id, to) =>
        new Promise((resolve) => {
          sent.push([id, to]);
          answer = resolve;
        }),
    );
    await list.load();
    const moving = order.move(list.items[2], 0);
    expect(order.busy).toBe(true);
    expect(ids(list.items)).toBe("c0 a1 b2");
    await order.move(list.items[1], 2); // one move at a time
    expect(sent).toEqual([["c", 0]]);
    answer(positioned("c", "b", "a"));
    await moving;
    expect(order.busy).toBe(false);
    expect(ids(list.items)).toBe("c0 b1 a2");
  });

  it("reads the list again when a move fails", async () => {
    const { list, order, errors, reads } = setup(async () => {
      throw new Error("refused");
    });
    await list.load();
    await order.move(list.items[0], 1);
    expect(errors).toHaveLength(1);
    expect(reads()).toBe(2);
    expect(ids(list.items)).toBe("a0 b1 c2");
    expect(order.busy).toBe(false);
  });

  it("moves nothing view-only, to the same place or for an item not listed", async () => {
    const sent: string[] = [];
    const send = async (id: string) => {
      sent.push(id);
      return positioned("a", "b", "c");
    };
    const readOnly = setup(send, true);
    await readOnly.list.load();
    await readOnly.order.move(readOnly.list.items[2], 0);
    const { list, order } = setup(send);
    await list.load();
    await order.move(list.items[1], 1);
    await order.move({ id: "zz", position: 9 }, 0);
    expect(sent).toEqual([]);
    expect(ids(list.items)).toBe("a0 b1 c2");
  });
});

describe("ListForms", () => {
  type Item = { id: string; name: string };
  const A: Item = { id: "a", name: "A" };

  function forms() {
    const errors: unknown[] = [];
    const f = new ListForms<Item>({ newButton: "x-new", editButton: "x-edit", rowAttribute: "data-x-id", onError: (err) => errors.push(err) });
    return { f, errors };
  }

  it("resolves what a form submitted to whether it went through", async () => {
    const { f, errors } = forms();
    expect(await f.attempt(async () => {})).toBe(true);
    expect(
      await f.attempt(async () => {
        throw new Error("refused");
      }),
    ).toBe(false);
    expect(errors).toHaveLength(1);
  });

  it("closes the create and edit forms", () => {
    const { f } = forms();
    f.creating = true;
    f.editingId = "a";
    f.closeCreate();
    f.stopEditing("a");
    expect(f.creating).toBe(false);
    expect(f.editingId).toBeNull();
  });

  it("deletes the row asked about, once, and closes the confirmation either way", async () => {
    const { f, errors } = forms();
    const removed: string[] = [];
    await f.confirmDelete(async (item) => void removed.push(item.id)); // nothing asked
    f.deleting = A;
    f.editingId = "a";
    const first = f.confirmDelete(async (item) => void removed.push(item.id));
    expect(f.deleteBusy).toBe(true);
    await f.confirmDelete(async (item) => void removed.push(`again ${item.id}`));
    await first;
    expect(removed).toEqual(["a"]);
    expect(f.deleting).toBeNull();
    expect(f.deleteBusy).toBe(false);
    expect(f.editingId).toBeNull();

    f.deleting = A;
    f.editingId = "a";
    await f.confirmDelete(async () => {
      throw new Error("409");
    });
    expect(errors).toHaveLength(1);
    expect(f.deleting).toBeNull();
    expect(f.editingId).toBe("a");
  });
});

describe("ApiClient setup endpoints", () => {
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
  const empty = () => new Response(null, { status: 204 });

  it("pages agents by meta.next", async () => {
    const { api, calls } = client(() => json(200, { data: [agent()], meta: { next: "http://elsewhere/v1/agents?pageKey=k&pageLimit=50" } }));
    const page = await api.agentsPage();
    expect(calls[0].url).toBe("http://h/v1/agents?pageLimit=50");
    expect(page.items).toHaveLength(1);
    expect(page.next).toBe("/v1/agents?pageKey=k&pageLimit=50");
    await api.agentsPage(page.next);
    expect(calls[1].url).toBe("http://h/v1/agents?pageKey=k&pageLimit=50");
  });

  it("URL-encodes contact endpoint ids (phone numbers start with +)", async () => {
    const { api, calls } = client(empty);
    await api.deleteContactEndpoint("+4512345678");
    await api.deleteContactEndpoint("support@example.com");
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "DELETE http://h/v1/contact-endpoints/%2B4512345678",
      "DELETE http://h/v1/contact-endpoints/support%40example.com",
    ]);
  });

  it("sends member changes as {agentIds}, removals with DELETE", async () => {
    const { api, calls } = client(() => json(200, { data: [] }));
    await api.addQueueMembers("q1", ["a1"]);
    await api.removeQueueMembers("q1", ["a1", "a2"]);
    await api.addTeamMembers("t1", ["a1"]);
    await api.removeTeamMembers("t1", ["a1"]);
    expect(calls.map((c) => [c.method, c.url.replace("http://h", ""), c.body])).toEqual([
      ["PATCH", "/v1/queues/q1/members", { agentIds: ["a1"] }],
      ["DELETE", "/v1/queues/q1/members", { agentIds: ["a1", "a2"] }],
      ["PATCH", "/v1/teams/t1/agents", { agentIds: ["a1"] }],
      ["DELETE", "/v1/teams/t1/agents", { agentIds: ["a1"] }],
    ]);
  });

  it("activates and deactivates tags (204) and reads flows per channel", async () => {
    const { api, calls } = client((c) => (c.url.includes("/flows") ? json(200, { data: [] }) : empty()));
    await api.setTagActive("t1", false);
    await api.setTagActive("t1", true);
    await api.flows("PstnPhone");
    expect(calls.map((c) => `${c.method} ${c.url.replace("http://h", "")}`)).toEqual([
      "PATCH /v1/tags/t1/deactivate",
      "PATCH /v1/tags/t1/activate",
      "GET /v1/conversations/flows?channel=PstnPhone",
    ]);
  });

  it("creates a queue with or without a name and unwraps issued tokens", async () => {
    const { api, calls } = client((c) =>
      c.url.endsWith("/tokens")
        ? json(201, { data: { token: "sb_secret", id: "t1", name: "API token" } })
        : json(201, { data: { id: "q" } }),
    );
    await api.createQueue();
    await api.createQueue("  Billing ");
    expect(calls.map((c) => c.body)).toEqual([{}, { name: "Billing" }]);
    expect((await api.issueToken("a1")).token).toBe("sb_secret");
    expect(calls[2]).toMatchObject({ method: "POST", url: "http://h/v1/agents/a1/tokens", body: undefined });
    await api.issueToken("a1", "Zapier", true);
    expect(calls[3]).toMatchObject({ body: { name: "Zapier", replace: true } });
  });

  it("lists, creates, patches, moves and deletes routes, and shows a 400's message", async () => {
    const msg = "Operator 'contains' is not allowed for attribute 'channel'";
    const { api, calls } = client((c) => {
      if (c.method === "DELETE") return empty();
      if (c.url.endsWith("/position")) return json(200, { data: [{ id: "r2" }, { id: "r1" }] });
      if (c.method === "POST") return json(400, { message: msg });
      return json(200, { data: c.method === "GET" ? [{ id: "r1" }] : { id: "r1" } });
    });
    expect(await api.routes()).toEqual([{ id: "r1" }]);
    await expect(api.createRoute({ name: "x", queueId: "q", conditions: [[{ attribute: "channel", operator: "contains", value: "E" }]] })).rejects.toMatchObject({
      status: 400,
      message: msg,
    });
    expect(await api.patchRoute("r1", { priority: null })).toEqual({ id: "r1" });
    expect(await api.moveRoute("r2", 0)).toEqual([{ id: "r2" }, { id: "r1" }]);
    await api.deleteRoute("r1");
    expect(calls.map((c) => `${c.method} ${c.url.replace("http://h", "")}`)).toEqual([
      "GET /v1/routes",
      "POST /v1/routes",
      "PATCH /v1/routes/r1",
      "PUT /v1/routes/r2/position",
      "DELETE /v1/routes/r1",
    ]);
    expect(calls[2].body).toEqual({ priority: null });
    expect(calls[3].body).toEqual({ position: 0 });
  });

  it("reads webhook deliveries and shows a 403's message", async () => {
    const { api, calls } = client((c) =>
      c.url.includes("delivery") ? json(200, { data: [] }) : json(403, { message: "Only admins and account managers can change the contact center's setup" }),
    );
    await api.deliveryStatuses("w1");
    await api.deliveryLogs("w1", 20);
    expect(calls.map((c) => c.url.replace("http://h", ""))).toEqual([
      "/v1/webhooks/w1/delivery-status?pageLimit=100",
      "/v1/webhooks/w1/delivery-logs?pageLimit=20",
    ]);
    await expect(api.webhooks()).rejects.toMatchObject({ status: 403, message: expect.stringContaining("account managers") });
  });
});
