// Unit tests for runtime configuration, names, HTML-to-text and timeline merging.
import { describe, expect, it } from "vitest";
import type { Agent, Conversation, EndUser, Message, Note } from "./api/types";
import { TOKEN_STORAGE_KEY, readRuntimeConfig, storeToken, type TokenStorage } from "./config";
import { OpenConversation, buildTimeline, type ConversationApi } from "./conversation.svelte";
import { attachmentName, htmlToText, safeHref } from "./html";
import {
  AUTOMATION_LABELS,
  automationLabel,
  conversationTitle,
  endUserName,
  initials,
  messageAuthorLabel,
  NIL_UUID,
  shortRef,
  untitledHeading,
} from "./names";

/** Test data typed by the fields the code reads; other (generated) required fields are left out. */
function fixture<T>(value: Partial<T>): T {
  return value as T;
}

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => void (data[k] = v),
    removeItem: (k) => void delete data[k],
  };
}

describe("readRuntimeConfig", () => {
  it("prefers the desktop shell's injected config", () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: "stored" });
    expect(readRuntimeConfig({ apiBase: "http://127.0.0.1:4000/", token: "injected" }, storage)).toEqual({
      apiBase: "http://127.0.0.1:4000",
      token: "injected",
      desktop: true,
    });
  });

  it("uses same origin and the stored token in the browser", () => {
    expect(readRuntimeConfig(undefined, memoryStorage({ [TOKEN_STORAGE_KEY]: "abc" }))).toEqual({
      apiBase: "",
      token: "abc",
      desktop: false,
    });
    expect(readRuntimeConfig(undefined, memoryStorage())).toEqual({ apiBase: "", token: null, desktop: false });
    expect(readRuntimeConfig(undefined, null).token).toBeNull();
  });

  it("stores and clears the token", () => {
    const storage = memoryStorage();
    storeToken(storage, "xyz");
    expect(storage.data[TOKEN_STORAGE_KEY]).toBe("xyz");
    storeToken(storage, null);
    expect(storage.data).toEqual({});
  });
});

describe("names", () => {
  const base = fixture<EndUser>({ id: "u", createdAt: "", updatedAt: "" });
  it("labels requesters by name, then email, then Customer", () => {
    expect(endUserName({ ...base, displayName: "Grace Hopper", email: "g@x.io" })).toBe("Grace Hopper");
    expect(endUserName({ ...base, firstName: "Grace", lastName: "Hopper" })).toBe("Grace Hopper");
    expect(endUserName({ ...base, email: "g@x.io" })).toBe("g@x.io");
    expect(endUserName({ ...base })).toBe("Customer");
    expect(endUserName(undefined)).toBe("Customer");
  });

  it("makes initials", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("Ada Augusta King Lovelace")).toBe("AL");
    expect(initials("ada")).toBe("A");
    expect(initials("grace.hopper@navy.mil")).toBe("GH");
    expect(initials("")).toBe("?");
  });

  it("quotes conversations by short id", () => {
    expect(shortRef({ id: 981, shortId: 12 })).toBe("#12");
    expect(shortRef(fixture<Conversation>({ id: 981 }))).toBe("#981");
  });

  it("titles conversations by subject, topic, summary or preview, else the short id", () => {
    const c = (extra: Partial<Conversation>) => fixture<Conversation>({ id: 981, shortId: 12, ...extra });
    expect(conversationTitle(c({ subject: " Refund ", topic: "t" }))).toBe("Refund");
    expect(conversationTitle(c({ topic: "Billing" }))).toBe("Billing");
    expect(conversationTitle(c({ preview: "First line\nsecond" }))).toBe("First line");
    expect(conversationTitle(c({ subject: "  " }))).toBe("Conversation #12");
  });
});

describe("automated messages", () => {
  const bot = fixture<Agent>({ id: "b1", displayName: "Triage bot", userType: "Bot" });
  const known = (id: string) => (id === bot.id ? bot : undefined);
  const author = (m: Pick<Message, "automated" | "authorId">) => messageAuthorLabel(m, known, () => "named");

  it("labels each kind of automation and leaves messages written by a person alone", () => {
    expect(automationLabel({ automated: "AwayMessage" })).toBe("Away message");
    expect(automationLabel({ automated: "WaitingStrategy" })).toBe("Waiting strategy");
    expect(automationLabel({ automated: "Workflow" })).toBe("Workflow");
    expect(automationLabel({ automated: "Bot" })).toBe("Bot");
    expect(automationLabel({})).toBeNull();
    expect(automationLabel({ automated: null })).toBeNull();
    expect(Object.keys(AUTOMATION_LABELS).sort()).toEqual(["AwayMessage", "Bot", "WaitingStrategy", "Workflow"]);
  });

  it("shows the system's own messages as Automatic, a bot's by its name", () => {
    expect(author({ automated: "WaitingStrategy", authorId: NIL_UUID })).toBe("Automatic");
    expect(author({ automated: "AwayMessage", authorId: NIL_UUID })).toBe("Automatic");
    expect(author({ automated: "Workflow", authorId: NIL_UUID })).toBe("Automatic");
    // A bot that is a known agent keeps its name; one we don't know is Automatic, not "Agent".
    expect(author({ automated: "Bot", authorId: "b1" })).toBe("named");
    expect(author({ automated: "Bot", authorId: "gone" })).toBe("Automatic");
    // Written by a person: the usual name, even for the nil id.
    expect(author({ authorId: "a1" })).toBe("named");
    expect(author({ automated: null, authorId: NIL_UUID })).toBe("named");
  });
});

describe("html helpers", () => {
  it("reduces HTML to text with line breaks (no DOM available in tests)", () => {
    expect(htmlToText("<p>Hello <b>there</b></p><p>Line&nbsp;2<br>Line 3</p><script>alert(1)</script>")).toBe(
      "Hello there\nLine 2\nLine 3",
    );
  });

  it("only links http(s) URLs and resolves relative ones against the API base", () => {
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("https://files.example/a.pdf")).toBe("https://files.example/a.pdf");
    expect(safeHref("/v1/files/1", "http://127.0.0.1:4000")).toBe("http://127.0.0.1:4000/v1/files/1");
  });

  it("names attachments", () => {
    expect(attachmentName({ url: "https://x/y/report%201.pdf" })).toBe("report 1.pdf");
    expect(attachmentName({ url: "https://x/y/z", prettyName: "Invoice" })).toBe("Invoice");
  });
});

describe("buildTimeline", () => {
  // Partial-then-cast keeps the fixtures compiling when codegen adds fields the timeline doesn't use.
  const msg = (id: string, at: string): Message =>
    fixture<Message>({
      id,
      direction: "Inbound",
      authorId: "u",
      content: { _type: "Text", value: id },
      attachments: [],
      createdAt: at,
    });
  const note = (id: string, at: string): Note => fixture<Note>({ id, authorId: "a", createdAt: at, csid: 1, message: id });

  it("interleaves messages and notes by time, messages first on ties", () => {
    const items = buildTimeline(
      [msg("m1", "2024-01-01T10:00:00Z"), msg("m2", "2024-01-01T10:05:00Z")],
      [note("n1", "2024-01-01T10:02:00Z"), note("n2", "2024-01-01T10:05:00Z")],
    );
    expect(items.map((i) => (i.kind === "message" ? i.message.id : i.note.id))).toEqual(["m1", "n1", "m2", "n2"]);
  });
});

describe("OpenConversation companion", () => {
  it("opens, reloads and closes the details panel with the conversation", async () => {
    const log: string[] = [];
    const api: ConversationApi = {
      conversation: async (id) => fixture<Conversation>({ id, shortId: id }),
      messages: async () => [],
      notes: async () => [],
      conversationTags: async () => [],
    };
    const companion = {
      open: (id: number) => void log.push(`open ${id}`),
      close: () => void log.push("close"),
      reload: async () => void log.push("reload"),
    };
    const current = new OpenConversation(api, () => {}, companion);
    await current.open(3);
    await current.reload();
    current.close();
    expect(log).toEqual(["open 3", "reload", "reload", "close"]);
  });
});

describe("untitledHeading", () => {
  it("names the customer and the channel", () => {
    expect(untitledHeading("Bob Stone", "Chat widget")).toBe("Bob Stone · Chat widget");
  });
});
