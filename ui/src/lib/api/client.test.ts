// Unit tests for the API client: envelopes, paging, request shapes and error handling (fake fetch).
import { describe, expect, it, vi } from "vitest";
import { CONDITION_CATALOGUE, VOICE_LANGUAGES } from "../test-catalogues";
import { ApiClient, ApiError, conversationListPath, errorMessage, type FetchLike } from "./client";

interface Call {
  url: string;
  init?: RequestInit;
}

function fakeFetch(respond: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("ApiClient errors", () => {
  it("turns a 4xx with {message} into an ApiError carrying that message", async () => {
    const { fetch } = fakeFetch(() => json(409, { message: "Conversation is assigned to Ada" }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    const err = await api.claim(5, "me").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect((err as ApiError).message).toBe("Conversation is assigned to Ada");
    expect((err as ApiError).status).toBe(409);
    expect(errorMessage(err)).toBe("Conversation is assigned to Ada");
  });

  it("falls back to a status-based message when the body has no message", async () => {
    for (const body of ["", "<html>oops</html>", JSON.stringify({ error: "x" }), JSON.stringify({ message: 42 })]) {
      const { fetch } = fakeFetch(() => new Response(body, { status: 422, statusText: "Unprocessable Entity" }));
      const api = new ApiClient({ apiBase: "", token: "t", fetch });
      const err = (await api.me().catch((e: unknown) => e)) as ApiError;
      expect(err).toBeInstanceOf(ApiError);
      expect(err.status).toBe(422);
      expect(err.message).toBe("Request failed (422 Unprocessable Entity).");
    }
  });

  it("calls onUnauthorized on 401 and still throws the server's message", async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch(() => json(401, { message: "Invalid token" }));
    const api = new ApiClient({ apiBase: "", token: "bad", fetch, onUnauthorized });
    await expect(api.me()).rejects.toMatchObject({ status: 401, message: "Invalid token" });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("reports network failures as an ApiError with status 0", async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError("Failed to fetch");
    };
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    await expect(api.queues()).rejects.toMatchObject({ status: 0, name: "ApiError" });
  });

  it("passes aborts through untouched", async () => {
    const abort = new DOMException("aborted", "AbortError");
    const fetch: FetchLike = async () => {
      throw abort;
    };
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    await expect(api.me()).rejects.toBe(abort);
  });

  it("rejects a 200 without the data envelope", async () => {
    const { fetch } = fakeFetch(() => json(200, { id: "x" }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    await expect(api.me()).rejects.toBeInstanceOf(ApiError);
  });
});

describe("ApiClient requests", () => {
  it("sends the bearer token to apiBase and unwraps data", async () => {
    const facts = { permissions: ["Conversations", "ReadDirectory"], maySetOwnStatus: true, maySetOthersStatus: false };
    const { fetch, calls } = fakeFetch(() => json(200, { data: { id: "a1", displayName: "Ada", ...facts } }));
    const api = new ApiClient({ apiBase: "http://127.0.0.1:7777/", token: "secret", fetch });
    const me = await api.me();
    expect(me).toMatchObject({ id: "a1", displayName: "Ada", ...facts });
    expect(calls[0].url).toBe("http://127.0.0.1:7777/v1/me");
    expect((calls[0].init?.headers as Record<string, string>).Authorization).toBe("Bearer secret");
  });

  it("builds the conversation list query with repeated status", () => {
    expect(conversationListPath({ statuses: ["Open", "Waiting"], queueId: "q 1", agentId: "me", pageLimit: 50 })).toBe(
      "/v1/conversations?status=Open&status=Waiting&queueId=q+1&agentId=me&pageLimit=50",
    );
    expect(conversationListPath({})).toBe("/v1/conversations?pageLimit=50");
  });

  it("returns meta.next as a path on the configured server", async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.includes("cursor")
        ? json(200, { data: [{ id: 2 }] })
        : json(200, { data: [{ id: 1 }], meta: { next: "http://localhost:9999/v1/conversations?cursor=abc&pageLimit=50" } }),
    );
    const api = new ApiClient({ apiBase: "http://127.0.0.1:7777", token: "t", fetch });
    const first = await api.conversations({ statuses: ["Open"] });
    expect(first.items).toEqual([{ id: 1 }]);
    expect(first.next).toBe("/v1/conversations?cursor=abc&pageLimit=50");
    const second = await api.conversationsPage(first.next!);
    expect(second).toEqual({ items: [{ id: 2 }], next: undefined });
    expect(calls[1].url).toBe("http://127.0.0.1:7777/v1/conversations?cursor=abc&pageLimit=50");
  });

  it("resolves relative and query-only next links", () => {
    const api = new ApiClient({ apiBase: "", token: "t", fetch: async () => json(200, {}) });
    expect(api.resolveNext("/v1/conversations?page=2", "/v1/conversations?status=Open")).toBe("/v1/conversations?page=2");
    expect(api.resolveNext("?page=3", "/v1/conversations?status=Open")).toBe("/v1/conversations?page=3");
  });

  it("follows every page for reference lists", async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.endsWith("/v1/tags")
        ? json(200, { data: [{ id: "t1" }], meta: { next: "/v1/tags?page=2" } })
        : json(200, { data: [{ id: "t2" }], meta: {} }),
    );
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.tags()).toEqual([{ id: "t1" }, { id: "t2" }]);
    expect(calls.map((c) => c.url)).toEqual(["/v1/tags", "/v1/tags?page=2"]);
  });

  it("sends the documented bodies for replies, claims and transfers and accepts 204", async () => {
    const { fetch, calls } = fakeFetch((_url, init) =>
      init?.method === "POST" ? json(201, { data: { id: "m1" } }) : new Response(null, { status: 204 }),
    );
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    await api.sendMessage(7, "me", "Hello");
    await api.claim(7, "me", true);
    await api.transferToQueue(7, "q2", "me");
    await api.addTag(7, "tag/1");
    expect(JSON.parse(calls[0].init!.body as string)).toEqual({
      content: { _type: "Text", value: "Hello" },
      _type: "Outbound",
      agentId: "me",
    });
    expect(calls[1]).toMatchObject({ url: "/v1/conversations/7/claim", init: { method: "PUT" } });
    expect(JSON.parse(calls[1].init!.body as string)).toEqual({ agentId: "me", force: true });
    expect(JSON.parse(calls[2].init!.body as string)).toEqual({ queueId: "q2", userId: "me" });
    expect(calls[3].url).toBe("/v1/conversations/7/tags/tag%2F1");
    expect(calls[3].init?.body).toBeUndefined();
  });

  it("asks the server for its time", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { data: { now: "2026-01-05T09:00:00.000Z" } }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.serverTime()).toBe("2026-01-05T09:00:00.000Z");
    expect(calls[0].url).toBe("/v1/time");
  });

  it("merges one conversation into another and answers the target", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { data: { id: 3 } }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.merge(8, 3, "me")).toEqual({ id: 3 });
    expect(calls[0]).toMatchObject({ url: "/v1/conversations/8/merge", init: { method: "POST" } });
    expect(JSON.parse(calls[0].init!.body as string)).toEqual({ targetConversationId: 3, userId: "me" });
  });

  it("sends the documented requests for details, linked conversations and anonymization", async () => {
    const { fetch, calls } = fakeFetch((url, init) => {
      if (url.endsWith("/anonymize") || url.includes("/anonymize?")) return json(202, { data: { id: "req", _type: "Conversation" } });
      if (init?.method === "POST") return json(201, { data: { id: 42 } });
      if (init?.method === "PUT") return json(200, { data: JSON.parse(init.body as string) });
      if (init?.method === "PATCH") return json(200, { data: [] });
      return json(200, { data: { plan: "gold" } });
    });
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.metadata(7)).toEqual({ plan: "gold" });
    expect(await api.setMetadata(7, { plan: "silver" })).toEqual({ plan: "silver" });
    await api.setConversationAttributes(7, { "attr-1": ["a"], "attr-2": null });
    expect(await api.createLinked(7, { _type: "FollowUp", subject: "Later" })).toBe(42);
    await api.anonymizeConversation(7, true);
    await api.anonymizeConversation(7, false);
    await api.anonymizeMessage(7, "m/1");
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      "GET /v1/conversations/7/metadata",
      "PUT /v1/conversations/7/metadata",
      "PATCH /v1/conversations/7/custom-attributes",
      "POST /v1/conversations/7/linked",
      "PATCH /v1/conversations/7/anonymize?force=true",
      "PATCH /v1/conversations/7/anonymize",
      "PATCH /v1/conversations/7/messages/m%2F1/anonymize",
    ]);
    expect(JSON.parse(calls[2].init!.body as string)).toEqual({ "attr-1": ["a"], "attr-2": null });
    expect(JSON.parse(calls[3].init!.body as string)).toEqual({ _type: "FollowUp", subject: "Later" });
    expect(calls[4].init?.body).toBeUndefined();
  });

  it("sends the documented requests for end users", async () => {
    const { fetch, calls } = fakeFetch((url, init) => {
      if (url.endsWith("/anonymize")) return json(202, { data: { id: "req", _type: "EndUser" } });
      if (url.endsWith("/custom-attributes")) return json(200, { data: [{ id: "a1", name: "Tier", identifier: "tier", value: "Gold" }] });
      if (init?.method === "PATCH") return json(200, { data: { id: "u/1", email: "new@x.io" } });
      return json(200, { data: [{ id: 3 }], meta: { next: "http://elsewhere/v1/endusers/u%2F1/conversations?pageLimit=10&pageKey=k" } });
    });
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.patchEndUser("u/1", { email: "new@x.io", phoneNumber: "" })).toEqual({ id: "u/1", email: "new@x.io" });
    const page = await api.endUserConversations("u/1");
    expect(page.items).toEqual([{ id: 3 }]);
    expect(page.next).toBe("/v1/endusers/u%2F1/conversations?pageLimit=10&pageKey=k");
    await api.endUserConversations("u/1", 30);
    expect(await api.setEndUserAttributes("u/1", { a1: "Gold", a2: null })).toEqual([
      { id: "a1", name: "Tier", identifier: "tier", value: "Gold" },
    ]);
    expect(await api.anonymizeEndUser("u/1")).toEqual({ id: "req", _type: "EndUser" });
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      "PATCH /v1/endusers/u%2F1",
      "GET /v1/endusers/u%2F1/conversations?pageLimit=10",
      "GET /v1/endusers/u%2F1/conversations?pageLimit=30",
      "PATCH /v1/endusers/u%2F1/custom-attributes",
      "PATCH /v1/endusers/u%2F1/anonymize",
    ]);
    expect(JSON.parse(calls[0].init!.body as string)).toEqual({ email: "new@x.io", phoneNumber: "" });
    expect(JSON.parse(calls[3].init!.body as string)).toEqual({ a1: "Gold", a2: null });
    expect(calls[4].init?.body).toBeUndefined();
  });

  it("pages search results through meta.next", async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.includes("pageKey")
        ? json(200, { data: [{ id: 2 }], meta: {} })
        : json(200, { data: [{ id: 1 }], meta: { next: "http://elsewhere/v1/search/conversations?query=a&pageKey=k" } }),
    );
    const api = new ApiClient({ apiBase: "http://127.0.0.1:1", token: "t", fetch });
    const first = await api.search({ query: "a" });
    expect(first.next).toBe("/v1/search/conversations?query=a&pageKey=k");
    expect((await api.searchPage(first.next!)).items).toEqual([{ id: 2 }]);
    expect(calls.map((c) => c.url)).toEqual([
      "http://127.0.0.1:1/v1/search/conversations?query=a&exactMatch=false&pageLimit=25",
      "http://127.0.0.1:1/v1/search/conversations?query=a&pageKey=k",
    ]);
  });
});

describe("ApiClient working hours", () => {
  const week = {
    monday: [{ start: "09:00", end: "12:00" }, { start: "13:00", end: "17:00" }],
    tuesday: [],
    wednesday: [],
    thursday: [],
    friday: [],
    saturday: [],
    sunday: [],
  };

  it("lists, creates, changes and deletes periods at /v1/working-hours", async () => {
    const { fetch, calls } = fakeFetch((_url, init) => {
      if (init?.method === "DELETE") return new Response(null, { status: 204 });
      if (init?.method === "POST") return json(201, { data: { id: "h1", name: "Support" } });
      if (init?.method === "PATCH") return json(200, { data: { id: "h/1", name: "Renamed" } });
      return json(200, { data: [{ id: "h1" }, { id: "h2" }] });
    });
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.workingHours()).toEqual([{ id: "h1" }, { id: "h2" }]);
    const body = {
      name: "Support",
      timeZone: "Europe/Copenhagen",
      days: week,
      holidays: [{ name: "Christmas", startDate: "2026-12-24", endDate: "2026-12-26" }],
      isDefault: true,
    };
    expect(await api.createWorkingHours(body)).toEqual({ id: "h1", name: "Support" });
    expect(await api.updateWorkingHours("h/1", { name: "Renamed", holidays: [] })).toEqual({ id: "h/1", name: "Renamed" });
    await api.deleteWorkingHours("h/1");
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      "GET /v1/working-hours",
      "POST /v1/working-hours",
      "PATCH /v1/working-hours/h%2F1",
      "DELETE /v1/working-hours/h%2F1",
    ]);
    expect(JSON.parse(calls[1].init!.body as string)).toEqual(body);
    expect(JSON.parse(calls[2].init!.body as string)).toEqual({ name: "Renamed", holidays: [] });
    expect(calls[3].init?.body).toBeUndefined();
  });

  it("reports a refused deletion with the server's message", async () => {
    const { fetch } = fakeFetch(() => json(409, { message: "Working hours 'Support' are used by queues: Billing, Sales" }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    await expect(api.deleteWorkingHours("h1")).rejects.toMatchObject({
      status: 409,
      message: "Working hours 'Support' are used by queues: Billing, Sales",
    });
  });

  it("reads and sets a queue's hours and away message", async () => {
    const answer = { workingHoursId: "h1", awayMessage: { enabled: true, message: "Back at 9", closeConversation: false }, openNow: false };
    const { fetch, calls } = fakeFetch(() => json(200, { data: answer }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.queueWorkingHours("q/1")).toEqual(answer);
    expect(
      await api.setQueueWorkingHours("q/1", { workingHoursId: null, awayMessage: { enabled: false, message: null, closeConversation: true } }),
    ).toEqual(answer);
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      "GET /v1/queues/q%2F1/working-hours",
      "PATCH /v1/queues/q%2F1/working-hours",
    ]);
    expect(calls[0].init?.body).toBeUndefined();
    // null (always open, no text) is sent, not dropped.
    expect(JSON.parse(calls[1].init!.body as string)).toEqual({
      workingHoursId: null,
      awayMessage: { enabled: false, message: null, closeConversation: true },
    });
  });
});

describe("ApiClient waiting strategies and audio files", () => {
  it("lists, creates, changes and deletes strategies at /v1/waiting-strategies", async () => {
    const { fetch, calls } = fakeFetch((_url, init) => {
      if (init?.method === "DELETE") return new Response(null, { status: 204 });
      if (init?.method === "POST") return json(201, { data: { id: "w1", name: "Chat" } });
      if (init?.method === "PATCH") return json(200, { data: { id: "w/1", name: "Chat", enabled: false } });
      return json(200, { data: [{ id: "w1" }, { id: "v1" }] });
    });
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.waitingStrategies()).toEqual([{ id: "w1" }, { id: "v1" }]);
    const body = {
      name: "Chat",
      enabled: true,
      isDefault: false,
      senders: ["chat@example.com"],
      messaging: {
        welcome: { enabled: true, text: "Hi" },
        announcements: { enabled: true, text: "Still here", intervalMinutes: 5, count: 6 },
        maximumWait: { enabled: false, text: "", minutes: 60 },
      },
    };
    expect(await api.createWaitingStrategy(body)).toEqual({ id: "w1", name: "Chat" });
    expect(await api.updateWaitingStrategy("w/1", { enabled: false })).toEqual({ id: "w/1", name: "Chat", enabled: false });
    await api.deleteWaitingStrategy("w/1");
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      "GET /v1/waiting-strategies",
      "POST /v1/waiting-strategies",
      "PATCH /v1/waiting-strategies/w%2F1",
      "DELETE /v1/waiting-strategies/w%2F1",
    ]);
    expect(JSON.parse(calls[1].init!.body as string)).toEqual(body);
    expect(JSON.parse(calls[2].init!.body as string)).toEqual({ enabled: false });
    expect(calls[3].init?.body).toBeUndefined();
  });

  it("reports a sender another strategy serves with the server's message", async () => {
    const { fetch } = fakeFetch(() => json(409, { message: "Sender a@x.io already has a waiting strategy: 'Chat' (one strategy per sender)" }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    await expect(api.createWaitingStrategy({ senders: ["a@x.io"], voice: { maximumWaitMinutes: 5 } })).rejects.toMatchObject({
      status: 409,
      message: "Sender a@x.io already has a waiting strategy: 'Chat' (one strategy per sender)",
    });
  });

  it("uploads the raw file with its own type, the name in the query and the token", async () => {
    const file = { id: "f1", name: "hold music.mp3", contentType: "audio/mpeg", size: 3, createdAt: "2026-01-01T00:00:00Z" };
    const { fetch, calls } = fakeFetch(() => json(201, { data: file }));
    const api = new ApiClient({ apiBase: "http://127.0.0.1:7777", token: "secret", fetch });
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: "audio/mpeg" });
    expect(await api.uploadAudioFile(blob, "hold music.mp3")).toEqual(file);
    expect(calls[0].url).toBe("http://127.0.0.1:7777/v1/audio-files?name=hold%20music.mp3");
    expect(calls[0].init?.method).toBe("POST");
    expect(calls[0].init?.body).toBe(blob);
    const headers = calls[0].init?.headers as Record<string, string>;
    expect(headers["Content-Type"]).toBe("audio/mpeg");
    expect(headers.Authorization).toBe("Bearer secret");
    // A type the browser didn't give can be passed along.
    await api.uploadAudioFile(new Blob([new Uint8Array([1])]), "a&b.m4a", "audio/mp4");
    expect(calls[1].url).toBe("http://127.0.0.1:7777/v1/audio-files?name=a%26b.m4a");
    expect((calls[1].init?.headers as Record<string, string>)["Content-Type"]).toBe("audio/mp4");
  });

  it("reports a refused upload with the server's message", async () => {
    const { fetch } = fakeFetch(() => json(400, { message: "Audio files only: Content-Type 'text/plain' is not audio/*" }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    await expect(api.uploadAudioFile(new Blob(["x"], { type: "text/plain" }), "x.txt")).rejects.toMatchObject({
      status: 400,
      message: "Audio files only: Content-Type 'text/plain' is not audio/*",
    });
  });

  it("lists files, fetches one's bytes with the token and deletes", async () => {
    const { fetch, calls } = fakeFetch((url, init) => {
      if (init?.method === "DELETE") return new Response(null, { status: 204 });
      if (url.endsWith("/v1/audio-files")) return json(200, { data: [{ id: "f1" }] });
      return new Response(new Uint8Array([7, 8]), { status: 200, headers: { "Content-Type": "audio/wav" } });
    });
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.audioFiles()).toEqual([{ id: "f1" }]);
    const blob = await api.audioFileBlob("f/1");
    expect(blob.type).toBe("audio/wav");
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([7, 8]);
    await api.deleteAudioFile("f/1");
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      "GET /v1/audio-files",
      "GET /v1/audio-files/f%2F1",
      "DELETE /v1/audio-files/f%2F1",
    ]);
    expect((calls[1].init?.headers as Record<string, string>).Authorization).toBe("Bearer t");
  });

  it("reports a file still played with the strategies named", async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch(() => json(409, { message: "Audio file f1 is played by waiting strategies: Phones" }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch, onUnauthorized });
    await expect(api.deleteAudioFile("f1")).rejects.toMatchObject({ status: 409, message: "Audio file f1 is played by waiting strategies: Phones" });
    await expect(api.audioFileBlob("f1")).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

describe("ApiClient SLA", () => {
  const severity = { name: "Normal", firstResponseMinutes: 60, coverage: "WorkingHours" as const };

  it("lists, creates, changes, moves and deletes policies at /v1/sla-policies", async () => {
    const { fetch, calls } = fakeFetch((_url, init) => {
      if (init?.method === "DELETE") return new Response(null, { status: 204 });
      if (init?.method === "POST") return json(201, { data: { id: "p1", name: "SLA policy #1" } });
      if (init?.method === "PATCH") return json(200, { data: { id: "p/1", name: "Gold" } });
      if (init?.method === "PUT") return json(200, { data: [{ id: "p/1", position: 0 }, { id: "p2", position: 1 }] });
      return json(200, { data: [{ id: "p1" }, { id: "p2" }] });
    });
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.slaPolicies()).toEqual([{ id: "p1" }, { id: "p2" }]);
    const body = {
      conditions: [[{ attribute: "channel", operator: "is", value: "Email" }]],
      queues: ["q1"],
      ignoredQueues: [],
      validFrom: "2026-01-01",
      excludeAutomated: true,
      severities: [severity],
    };
    expect(await api.createSlaPolicy(body)).toEqual({ id: "p1", name: "SLA policy #1" });
    const patch = { name: "Gold", validUntil: null, severities: [{ id: "s1", ...severity }] };
    expect(await api.updateSlaPolicy("p/1", patch)).toEqual({ id: "p/1", name: "Gold" });
    expect(await api.moveSlaPolicy("p/1", 0)).toEqual([
      { id: "p/1", position: 0 },
      { id: "p2", position: 1 },
    ]);
    await api.deleteSlaPolicy("p/1");
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      "GET /v1/sla-policies",
      "POST /v1/sla-policies",
      "PATCH /v1/sla-policies/p%2F1",
      "PUT /v1/sla-policies/p%2F1/position",
      "DELETE /v1/sla-policies/p%2F1",
    ]);
    expect(JSON.parse(calls[1].init!.body as string)).toEqual(body);
    // A cleared date is sent as null, not dropped; existing severity ids go back.
    expect(JSON.parse(calls[2].init!.body as string)).toEqual({
      name: "Gold",
      validUntil: null,
      severities: [{ id: "s1", name: "Normal", firstResponseMinutes: 60, coverage: "WorkingHours" }],
    });
    expect(JSON.parse(calls[3].init!.body as string)).toEqual({ position: 0 });
    expect(calls[4].init?.body).toBeUndefined();
  });

  it("reads a conversation's SLA (null when no policy applies) and sets its severity", async () => {
    const sla = {
      policyId: "p1",
      policyName: "VIP",
      severityId: "s2",
      severityName: "Urgent",
      severities: [
        { id: "s1", name: "Normal" },
        { id: "s2", name: "Urgent" },
      ],
      metrics: [],
      breached: false,
    };
    let answer: unknown = sla;
    const { fetch, calls } = fakeFetch(() => json(200, { data: answer }));
    const api = new ApiClient({ apiBase: "http://127.0.0.1:1", token: "t", fetch });
    expect(await api.conversationSla(42)).toEqual(sla);
    answer = null;
    expect(await api.conversationSla(42)).toBeNull();
    answer = sla;
    expect(await api.setSeverity(42, "s2")).toEqual(sla);
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      "GET http://127.0.0.1:1/v1/conversations/42/sla",
      "GET http://127.0.0.1:1/v1/conversations/42/sla",
      "PATCH http://127.0.0.1:1/v1/conversations/42/sla",
    ]);
    expect(JSON.parse(calls[2].init!.body as string)).toEqual({ severityId: "s2" });
  });

  it("reports a refused severity with the server's message", async () => {
    const { fetch } = fakeFetch(() => json(409, { message: "Conversation 42 is Closed" }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    await expect(api.setSeverity(42, "s1")).rejects.toMatchObject({ status: 409, message: "Conversation 42 is Closed" });
  });
});

describe("ApiClient catalogues", () => {
  it("reads the condition catalogue from /v1/catalogues/conditions", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { data: CONDITION_CATALOGUE }));
    const api = new ApiClient({ apiBase: "http://127.0.0.1:7777", token: "t", fetch });
    const catalogue = await api.conditionCatalogue();
    expect(catalogue).toEqual(CONDITION_CATALOGUE);
    expect(catalogue.attributes.find((a) => a.id === "person.birthDate")).toEqual({
      id: "person.birthDate",
      label: "Birth date",
      group: "Person",
      operators: ["is", "is not", "before", "after", "before or on", "after or on"],
      value: "date",
    });
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual(["GET http://127.0.0.1:7777/v1/catalogues/conditions"]);
    expect((calls[0].init?.headers as Record<string, string>).Authorization).toBe("Bearer t");
    expect(calls[0].init?.body).toBeUndefined();
  });

  it("reads the text-to-speech languages from /v1/catalogues/voices", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { data: VOICE_LANGUAGES }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    expect(await api.voiceLanguages()).toEqual(VOICE_LANGUAGES);
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual(["GET /v1/catalogues/voices"]);
    // Not a list: refused rather than taken for languages.
    const odd = new ApiClient({ apiBase: "", token: "t", fetch: fakeFetch(() => json(200, { data: { tag: "en-US" } })).fetch });
    await expect(odd.voiceLanguages()).rejects.toBeInstanceOf(ApiError);
  });

  it("posts the announcement for a position preview and answers the server's text", async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { data: { text: "You are third in line (3rd)." } }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    const body = { text: "You are {{position.ordinal}} in line ({{position.adaptive}}).", language: "en-US", position: 3 };
    expect(await api.positionPreview(body)).toBe("You are third in line (3rd).");
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual(["POST /v1/catalogues/position-preview"]);
    expect(JSON.parse(calls[0].init!.body as string)).toEqual(body);
    expect((calls[0].init?.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("reports a refused preview with the server's message", async () => {
    const { fetch } = fakeFetch(() => json(400, { message: "Unknown language 'xx-XX'" }));
    const api = new ApiClient({ apiBase: "", token: "t", fetch });
    await expect(api.positionPreview({ text: "{{position.cardinal}}", language: "xx-XX", position: 3 })).rejects.toMatchObject({
      status: 400,
      message: "Unknown language 'xx-XX'",
    });
  });
});
