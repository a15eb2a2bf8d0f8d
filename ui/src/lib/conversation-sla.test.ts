// Unit tests for the open conversation's SLA: set from a severity change, refreshed alone after an
// SLA event, cleared when no policy applies any more.
import { describe, expect, it } from "vitest";
import { ApiError } from "./api/client";
import type { Conversation, ConversationSla } from "./api/types";
import { OpenConversation, type ConversationApi } from "./conversation.svelte";

function fixture<T>(value: Partial<T>): T {
  return value as T;
}

const SLA: ConversationSla = {
  policyId: "p1",
  policyName: "VIP",
  severityId: "s2",
  severityName: "Urgent",
  severities: [
    { id: "s1", name: "Normal" },
    { id: "s2", name: "Urgent" },
  ],
  metrics: [{ metric: "FirstResponse", status: "Running", targetMinutes: 15, remainingSeconds: 900, breaches: 0, dueAt: "2026-01-06T08:15:00Z" }],
  breached: false,
};

describe("OpenConversation SLA", () => {
  function setup(slaAnswer: () => Promise<ConversationSla | null>) {
    const calls: string[] = [];
    const api: ConversationApi = {
      conversation: async (id) => {
        calls.push(`conversation ${id}`);
        return fixture<Conversation>({ id, shortId: id, status: "Open" });
      },
      messages: async () => [],
      notes: async () => [],
      conversationTags: async () => [],
      conversationSla: async (id) => {
        calls.push(`sla ${id}`);
        return slaAnswer();
      },
    };
    const errors: unknown[] = [];
    const current = new OpenConversation(api, (err) => errors.push(err));
    return { current, calls, errors };
  }

  it("refreshes only the SLA and sets or clears it", async () => {
    let answer: ConversationSla | null = SLA;
    const { current, calls } = setup(async () => answer);
    await current.open(5);
    calls.length = 0;
    await current.refreshSla();
    expect(calls).toEqual(["sla 5"]);
    expect(current.conversation?.sla).toEqual(SLA);
    answer = null;
    await current.refreshSla();
    expect(current.conversation && "sla" in current.conversation).toBe(false);
  });

  it("ignores an SLA for another conversation and a conversation gone from view", async () => {
    const { current, errors } = setup(async () => {
      throw new ApiError(404, "Not found");
    });
    await current.open(5);
    current.setSla(6, SLA);
    expect(current.conversation?.sla).toBeUndefined();
    await current.refreshSla();
    expect(errors).toEqual([]);
  });

  it("reports other failures", async () => {
    const { current, errors } = setup(async () => {
      throw new ApiError(500, "Boom");
    });
    await current.open(5);
    await current.refreshSla();
    expect(errors).toHaveLength(1);
  });

  it("reloads everything when the API can't read the SLA alone", async () => {
    const calls: string[] = [];
    const api: ConversationApi = {
      conversation: async (id) => {
        calls.push(`conversation ${id}`);
        return fixture<Conversation>({ id, shortId: id, status: "Open", sla: SLA });
      },
      messages: async () => [],
      notes: async () => [],
      conversationTags: async () => [],
    };
    const current = new OpenConversation(api);
    await current.open(8);
    await current.refreshSla();
    expect(calls).toEqual(["conversation 8", "conversation 8"]);
    expect(current.conversation?.sla).toEqual(SLA);
  });
});
