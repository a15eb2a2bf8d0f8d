// Unit tests for the details panel logic: metadata JSON, custom attribute values, ratings, activity
// wording, linked-conversation requests, anonymization and the panel store (fake API).
import { describe, expect, it } from "vitest";
import type { Activity, AttributeValueDto, Conversation, CustomAttribute, EndUser, Permission, Rating } from "./api/types";
import {
  activityAuthor,
  anonymizeNeedsForce,
  attributeFields,
  attributePatch,
  canAnonymize,
  describeActivity,
  formatMetadata,
  humanizeType,
  linkedBody,
  metadataEntries,
  normalizeAttributeValue,
  parseMetadata,
  ratingView,
  toggleOption,
  type ActivityNames,
  type AttributeField,
} from "./details";
import { ConversationDetails, type DetailsApi } from "./details.svelte";

describe("metadata", () => {
  it("accepts JSON objects only", () => {
    expect(parseMetadata('{"plan": "gold", "seats": 3}')).toEqual({ ok: true, value: { plan: "gold", seats: 3 } });
    expect(parseMetadata("  ")).toEqual({ ok: true, value: {} });
    for (const [text, what] of [
      ["[1, 2]", "a list"],
      ["null", "null"],
      ['"text"', "a string"],
      ["42", "a number"],
      ["true", "a boolean"],
    ]) {
      const r = parseMetadata(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(`not ${what}`);
    }
  });

  it("reports invalid JSON", () => {
    const r = parseMetadata('{"a": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^This is not valid JSON/);
  });

  it("refuses metadata over 64 KiB", () => {
    const r = parseMetadata(JSON.stringify({ big: "x".repeat(70 * 1024) }));
    expect(r).toEqual({ ok: false, error: "Metadata must be at most 64 KiB." });
  });

  it("shows strings as they are and other values as JSON", () => {
    expect(metadataEntries({ plan: "gold", seats: 3, tags: ["a", "b"], extra: { x: null }, none: null })).toEqual([
      { key: "plan", value: "gold", json: false },
      { key: "seats", value: "3", json: true },
      { key: "tags", value: '["a","b"]', json: true },
      { key: "extra", value: '{"x":null}', json: true },
      { key: "none", value: "null", json: true },
    ]);
    expect(metadataEntries(null)).toEqual([]);
  });

  it("formats metadata for editing so it parses back to the same object", () => {
    const m = { a: 1, b: { c: ["d"] } };
    const r = parseMetadata(formatMetadata(m));
    expect(r).toEqual({ ok: true, value: m });
    expect(formatMetadata(null)).toBe("{}");
  });
});

describe("custom attributes", () => {
  const def = (id: string, kind: "Text" | "Select", extra: Partial<CustomAttribute> = {}): CustomAttribute => ({
    id,
    identifier: id.replace("-", "_"),
    label: `Label ${id}`,
    entityType: "Conversation",
    isArchived: false,
    createdAt: "",
    inputDefinition: { _type: kind, options: kind === "Select" ? [{ value: "red" }, { value: "green" }, { value: "blue" }] : [] },
    ...extra,
  });
  const defs = [
    def("text-1", "Text"),
    def("sel-1", "Select"),
    def("old-1", "Text", { isArchived: true }),
    def("contact-1", "Text", { entityType: "Contact" }),
  ];
  const value = (id: string, v: string | string[]): AttributeValueDto => ({ id, identifier: id.replace("-", "_"), name: id, value: v });

  it("lists active Conversation attributes with their values", () => {
    const fields = attributeFields(defs, [value("text-1", "VIP"), value("sel-1", ["blue", "red"]), value("old-1", "x")]);
    expect(fields.map((f) => f.def.id)).toEqual(["text-1", "sel-1"]);
    expect(fields[0]).toMatchObject({ kind: "Text", value: "VIP" });
    expect(fields[1]).toMatchObject({ kind: "Select", options: ["red", "green", "blue"], value: ["red", "blue"] });
  });

  it("gives empty values to unset attributes and coerces mismatched shapes", () => {
    const empty = attributeFields(defs, null);
    expect(empty.map((f) => f.value)).toEqual(["", []]);
    const odd = attributeFields(defs, [value("text-1", ["a", "b"]), value("sel-1", "green")]);
    expect(odd.map((f) => f.value)).toEqual(["a, b", ["green"]]);
  });

  it("lists Contact attributes for customers when asked", () => {
    const fields = attributeFields(defs, [value("contact-1", "Gold"), value("text-1", "VIP")], "Contact");
    expect(fields.map((f) => [f.def.id, f.value])).toEqual([["contact-1", "Gold"]]);
    expect(attributeFields(defs, null, "Contact").map((f) => f.value)).toEqual([""]);
    expect(attributePatch(fields[0], "Silver")).toEqual({ "contact-1": "Silver" });
  });

  it("matches values by identifier when the id differs", () => {
    const fields = attributeFields(defs, [{ id: "other", identifier: "text_1", name: "", value: "by identifier" }]);
    expect(fields[0].value).toBe("by identifier");
  });

  it("normalizes values before sending: trimmed text, options in order, empty clears", () => {
    const [text, select] = attributeFields(defs, []) as [AttributeField, AttributeField];
    expect(normalizeAttributeValue(text, "  hello ")).toBe("hello");
    expect(normalizeAttributeValue(text, "   ")).toBeNull();
    expect(normalizeAttributeValue(text, null)).toBeNull();
    expect(normalizeAttributeValue(select, ["blue", "red", "blue", "purple"])).toEqual(["red", "blue"]);
    expect(normalizeAttributeValue(select, [])).toBeNull();
    expect(normalizeAttributeValue(select, "green")).toEqual(["green"]);
  });

  it("builds a PATCH body only when the value changed", () => {
    const [text, select] = attributeFields(defs, [value("text-1", "VIP"), value("sel-1", ["red"])]) as [AttributeField, AttributeField];
    expect(attributePatch(text, " VIP ")).toBeNull();
    expect(attributePatch(text, "Gold")).toEqual({ "text-1": "Gold" });
    expect(attributePatch(text, "")).toEqual({ "text-1": null });
    expect(attributePatch(select, ["red"])).toBeNull();
    expect(attributePatch(select, ["green", "red"])).toEqual({ "sel-1": ["red", "green"] });
    expect(attributePatch(select, [])).toEqual({ "sel-1": null });
  });

  it("toggles options keeping option order", () => {
    const options = ["red", "green", "blue"];
    expect(toggleOption(["blue"], "red", true, options)).toEqual(["red", "blue"]);
    expect(toggleOption(["red", "blue"], "red", false, options)).toEqual(["blue"]);
    expect(toggleOption(["red"], "red", true, options)).toEqual(["red"]);
  });
});

describe("ratings", () => {
  const rating = (extra: Partial<Rating>): Rating =>
    ({
      id: "r",
      agentId: "a",
      userId: "u",
      conversationChannel: "Email",
      ratingType: "Csat",
      ratingStatus: "Rated",
      timestamps: { offeredAt: "2024-01-01T00:00:00Z" },
      ...extra,
    }) as Rating;

  it("shows CSAT as stars out of five", () => {
    expect(ratingView(rating({ ratingScore: 4 }))).toEqual({ kind: "stars", score: 4, max: 5, label: "4 out of 5" });
    expect(ratingView(rating({ ratingScore: 9 }))).toMatchObject({ score: 5 });
  });

  it("shows thumbs (1 up, 0 down)", () => {
    expect(ratingView(rating({ ratingType: "ThumbsUpOrDown", ratingScore: 1 }))).toEqual({ kind: "thumbs", up: true, label: "Thumbs up" });
    expect(ratingView(rating({ ratingType: "ThumbsUpOrDown", ratingScore: 0 }))).toEqual({
      kind: "thumbs",
      up: false,
      label: "Thumbs down",
    });
  });

  it("shows offered ratings as not rated yet", () => {
    expect(ratingView(rating({ ratingStatus: "Offered" }))).toEqual({ kind: "pending", label: "Offered, not rated yet" });
    expect(ratingView(rating({ ratingScore: null }))).toMatchObject({ kind: "pending" });
  });
});

describe("activity wording", () => {
  const ME = "me-id";
  const names: ActivityNames = {
    meId: ME,
    agent: (id) => ({ ada: "Ada Lovelace", bob: "Bob Stone" })[id] ?? null,
    queue: (id) => ({ q1: "Billing", q2: "Support" })[id] ?? null,
  };
  const entry = (type: string, detail: Record<string, unknown> = {}, author: Activity["author"] = { id: "ada", name: "Ada Lovelace" }): Activity =>
    ({
      id: "e",
      conversationId: 1,
      activityTimestamp: "2024-01-01T00:00:00Z",
      activityType: `${type}ActivityType`,
      _type: type,
      author,
      detail,
    }) as Activity;
  const say = (e: Activity) => describeActivity(e, names);

  it("names the author: you, their name, a known agent, else a fallback", () => {
    expect(activityAuthor(entry("X", {}, { id: ME, name: "Me Myself" }), names)).toBe("You");
    expect(activityAuthor(entry("X", {}, { id: "bob" }), names)).toBe("Bob Stone");
    expect(activityAuthor(entry("X", {}, { id: "zz", email: "z@x.io" }), names)).toBe("z@x.io");
    expect(activityAuthor(entry("X", {}, { id: "zz" }), names)).toBe("Someone");
    expect(activityAuthor(entry("X", {}, null), names)).toBe("Switchboard");
  });

  it("words each activity type", () => {
    expect(say(entry("ConversationCreated", { queueId: "q1" }))).toBe("Ada Lovelace created the conversation in Billing");
    expect(say(entry("ConversationCreated", { queueId: "q1", parentId: 4, linkType: "FollowUp" }))).toBe(
      "Ada Lovelace created the conversation as a follow-up in Billing",
    );
    expect(say(entry("ConversationCreated", { linkType: "SideConversation" }))).toBe(
      "Ada Lovelace created the conversation as a side conversation",
    );
    expect(say(entry("MessageAdded", { direction: "Inbound" }, { id: "u1", name: "Ann Lee" }))).toBe("Ann Lee sent a message");
    expect(say(entry("MessageAdded", { direction: "Outbound" }))).toBe("Ada Lovelace replied");
    expect(say(entry("NoteAdded"))).toBe("Ada Lovelace added a note");
    expect(say(entry("ConversationAssigned", { agentId: "bob" }))).toBe("Ada Lovelace assigned it to Bob Stone");
    expect(say(entry("ConversationAssigned", { agentId: ME }))).toBe("Ada Lovelace assigned it to you");
    expect(say(entry("ConversationAssigned", { agentId: "ada" }))).toBe("Ada Lovelace claimed the conversation");
    expect(say(entry("ConversationAssigned", { agentId: ME }, { id: ME }))).toBe("You claimed the conversation");
    expect(say(entry("ConversationUnassigned", { agentId: "bob" }))).toBe("Ada Lovelace unassigned Bob Stone");
    expect(say(entry("ConversationTransferred", { fromQueueId: "q1", toQueueId: "q2" }))).toBe(
      "Ada Lovelace transferred it from Billing to Support",
    );
    expect(say(entry("ConversationTransferred", { fromQueueId: null, toQueueId: "q2" }))).toBe("Ada Lovelace transferred it to Support");
    expect(say(entry("TagAdded", { tag: "vip" }))).toBe("Ada Lovelace added the tag “vip”");
    expect(say(entry("TagRemoved", { tag: "vip" }))).toBe("Ada Lovelace removed the tag “vip”");
    expect(say(entry("ConversationClosed"))).toBe("Ada Lovelace closed the conversation");
    expect(say(entry("ConversationReopened", { queueId: "q1" }))).toBe("Ada Lovelace reopened the conversation");
  });

  it("copes with erased details (anonymized) and unknown names", () => {
    expect(say(entry("ConversationAssigned"))).toBe("Ada Lovelace assigned the conversation");
    expect(say(entry("ConversationAssigned", { agentId: "stranger" }))).toBe("Ada Lovelace assigned it to another agent");
    expect(say(entry("ConversationTransferred", { toQueueId: "gone" }))).toBe("Ada Lovelace transferred it to another queue");
    expect(say(entry("ConversationTransferred"))).toBe("Ada Lovelace transferred the conversation");
    expect(say(entry("TagAdded"))).toBe("Ada Lovelace added a tag");
    expect(say(entry("ConversationCreated"))).toBe("Ada Lovelace created the conversation");
  });

  it("humanizes unknown types", () => {
    expect(say(entry("SlaBreached"))).toBe("Ada Lovelace: sla breached");
    expect(humanizeType("ConversationRatedActivityType")).toBe("conversation rated");
  });
});

describe("linked conversations and anonymization", () => {
  it("builds the create request, leaving blank fields out", () => {
    expect(linkedBody("FollowUp", "  ", "", "me")).toEqual({ _type: "FollowUp" });
    expect(linkedBody("SideConversation", " Ask the warehouse ", " Hi team ", "me")).toEqual({
      _type: "SideConversation",
      subject: "Ask the warehouse",
      message: { content: { _type: "Text", value: "Hi team" }, _type: "Outbound", agentId: "me" },
    });
  });

  it("offers anonymizing to admins, managers and account managers only", () => {
    // The permissions GET /v1/me grants each kind of user.
    const may = (permissions: Permission[]) => canAnonymize({ permissions });
    expect(may(["Conversations", "ReadDirectory", "ManageEndUsers", "Configure", "Reports", "Anonymize"])).toBe(true); // admin
    expect(may(["Conversations", "ReadDirectory", "ManageEndUsers", "Reports", "Anonymize"])).toBe(true); // manager
    expect(may(["ReadDirectory", "Configure", "Anonymize"])).toBe(true); // account manager
    expect(may(["Conversations", "ReadDirectory", "ManageEndUsers"])).toBe(false); // agent, bot
    expect(may(["ReadDirectory", "Reports"])).toBe(false); // analytics manager
    expect(may([])).toBe(false); // no roles
  });

  it("forces (closes first) unless the conversation is Closed", () => {
    expect(anonymizeNeedsForce({ status: "Closed" })).toBe(false);
    expect(anonymizeNeedsForce({ status: "Open" })).toBe(true);
    expect(anonymizeNeedsForce({ status: "Solved" })).toBe(true);
  });
});

describe("ConversationDetails", () => {
  function deferred<T>() {
    let resolve!: (v: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
  }

  function fakeApi() {
    const calls: string[] = [];
    const api: DetailsApi = {
      conversation: async (id) => {
        calls.push(`conversation ${id}`);
        return { id, shortId: id + 1000 } as Conversation;
      },
      metadata: async (id) => {
        calls.push(`metadata ${id}`);
        return { id };
      },
      linked: async (id) => {
        calls.push(`linked ${id}`);
        return [];
      },
      ratings: async (id) => {
        calls.push(`ratings ${id}`);
        return [];
      },
      activity: async (id) => {
        calls.push(`activity ${id}`);
        return [];
      },
      customAttributes: async () => {
        calls.push("definitions");
        return [];
      },
      endUser: async (id) => {
        calls.push(`endUser ${id}`);
        return { id, displayName: `User ${id}` } as EndUser;
      },
      endUserConversations: async (id, pageLimit) => {
        calls.push(`endUserConversations ${id} ${pageLimit}`);
        return { items: [] };
      },
      conversationsPage: async (path) => {
        calls.push(`page ${path}`);
        return { items: [] };
      },
    };
    return { api, calls };
  }

  it("loads every section, and the definitions once per opened conversation", async () => {
    const { api, calls } = fakeApi();
    const details = new ConversationDetails(api);
    details.open(1);
    await details.reload();
    expect(details.metadata).toEqual({ id: 1 });
    expect(details.loaded).toBe(true);
    expect(calls.sort()).toEqual(["activity 1", "definitions", "linked 1", "metadata 1", "ratings 1"]);
    calls.length = 0;
    await details.reload();
    expect(calls).not.toContain("definitions");
    details.open(2);
    expect(details.metadata).toBeNull();
    expect(details.loaded).toBe(false);
    await details.reload();
    expect(calls).toContain("definitions");
  });

  it("coalesces overlapping reloads and drops answers for a conversation no longer open", async () => {
    const gate = deferred<Record<string, unknown>>();
    const { api } = fakeApi();
    let metadataCalls = 0;
    api.metadata = (id) => {
      metadataCalls++;
      return id === 1 ? gate.promise : Promise.resolve({ id });
    };
    const details = new ConversationDetails(api);
    details.open(1);
    const first = details.reload();
    void details.reload();
    void details.reload();
    details.open(2);
    const second = details.reload();
    gate.resolve({ stale: true });
    await Promise.all([first, second]);
    expect(details.id).toBe(2);
    expect(details.metadata).toEqual({ id: 2 });
    expect(metadataCalls).toBe(2);
  });

  it("reports a failed section once, but not a missing conversation", async () => {
    const errors: unknown[] = [];
    const { api } = fakeApi();
    api.ratings = async () => {
      throw Object.assign(new Error("boom"), { status: 500 });
    };
    api.activity = async () => {
      throw Object.assign(new Error("boom again"), { status: 500 });
    };
    const details = new ConversationDetails(api, (e) => errors.push(e));
    details.open(1);
    await details.reload();
    expect(errors.map((e) => (e as Error).message)).toEqual(["boom"]);
    expect(details.metadata).toEqual({ id: 1 });

    errors.length = 0;
    api.ratings = async () => {
      throw Object.assign(new Error("gone"), { status: 404 });
    };
    api.activity = async () => [];
    await details.reload();
    expect(errors).toEqual([]);
  });

  it("reloads the customer with the panel once the requester is known, and forgets it on open", async () => {
    const { api, calls } = fakeApi();
    const details = new ConversationDetails(api);
    details.open(1);
    await details.reload();
    expect(calls.some((c) => c.startsWith("endUser"))).toBe(false);
    await details.customer.setRequester("u1");
    expect(details.customer.user?.displayName).toBe("User u1");
    expect(calls).toContain("endUserConversations u1 10");
    calls.length = 0;
    await details.reload();
    await details.customer.reload();
    expect(calls).toContain("endUser u1");
    details.open(2);
    expect(details.customer.requesterId).toBeNull();
    expect(details.customer.user).toBeNull();
    details.customer.setRequester("u1");
    details.close();
    expect(details.customer.requesterId).toBeNull();
  });

  it("fetches a parent conversation once", async () => {
    const { api, calls } = fakeApi();
    const details = new ConversationDetails(api);
    expect(details.parent(5)).toBeUndefined();
    expect(details.parent(5)).toBeUndefined();
    await Promise.resolve();
    await Promise.resolve();
    expect(details.parent(5)?.shortId).toBe(1005);
    expect(calls.filter((c) => c === "conversation 5")).toHaveLength(1);
  });
});
