// Unit tests for turning SSE frames into conversation (SLA ones included) and agent status events, and the listeners.
import { describe, expect, it } from "vitest";
import { isLaggedFrame, isSlaEvent, Listeners, parseAgentStatusEvent, parseServerEvent, SLA_EVENT_TYPES } from "./events";

describe("parseServerEvent", () => {
  it("parses conversation events", () => {
    const ev = parseServerEvent({
      event: "ConversationAssigned",
      data: '{"type":"ConversationAssigned","conversationId":12,"agentId":"a","at":"2024-01-01T00:00:00Z"}',
    });
    expect(ev).toEqual({ type: "ConversationAssigned", conversationId: 12, agentId: "a", at: "2024-01-01T00:00:00Z" });
  });

  it("falls back to the frame's event name and accepts numeric-string ids", () => {
    expect(parseServerEvent({ event: "ConversationClosed", data: '{"conversationId":"7","at":"x"}' })).toMatchObject({
      type: "ConversationClosed",
      conversationId: 7,
    });
  });

  it("ignores malformed or unrelated frames", () => {
    expect(parseServerEvent({ event: "message", data: "ping" })).toBeNull();
    expect(parseServerEvent({ event: "message", data: '{"type":"Heartbeat"}' })).toBeNull();
    expect(parseServerEvent({ event: "message", data: '{"type":"ConversationUpdated"}' })).toBeNull();
    expect(parseServerEvent({ event: "message", data: "null" })).toBeNull();
  });
});

describe("isLaggedFrame", () => {
  it("recognises the server's lagged notice", () => {
    expect(isLaggedFrame({ event: "lagged", data: '{"missed":3}' })).toBe(true);
    expect(parseServerEvent({ event: "lagged", data: '{"missed":3}' })).toBeNull();
    expect(isLaggedFrame({ event: "ConversationUpdated", data: "{}" })).toBe(false);
  });
});

const STATUS = {
  statusId: "s-available",
  name: "Available",
  group: "Available",
  shownStatusId: "s-full",
  shownName: "Full Capacity",
  shownGroup: "Busy",
  fullCapacity: true,
};

function statusFrame(fields: Record<string, unknown> = {}) {
  const body = { seq: 4, type: "AgentStatusChanged", agentId: "a1", status: STATUS, at: "2025-01-01T00:00:00Z", ...fields };
  return { event: "AgentStatusChanged", data: JSON.stringify(body) };
}

describe("parseAgentStatusEvent", () => {
  it("parses an agent status change", () => {
    expect(parseAgentStatusEvent(statusFrame())).toEqual({
      seq: 4,
      type: "AgentStatusChanged",
      agentId: "a1",
      status: STATUS,
      at: "2025-01-01T00:00:00Z",
    });
  });

  it("falls back to the frame's event name", () => {
    const data = JSON.stringify({ agentId: "a1", status: STATUS, at: "x" });
    expect(parseAgentStatusEvent({ event: "AgentStatusChanged", data })).toMatchObject({ agentId: "a1" });
  });

  it("reads a missing fullCapacity as false", () => {
    const status: Record<string, unknown> = { ...STATUS };
    delete status.fullCapacity;
    expect(parseAgentStatusEvent(statusFrame({ status }))?.status.fullCapacity).toBe(false);
  });

  it("ignores conversation events, and agent events without an agent or a readable status", () => {
    const conv = { event: "ConversationAssigned", data: '{"type":"ConversationAssigned","conversationId":1,"agentId":"a1"}' };
    expect(parseAgentStatusEvent(conv)).toBeNull();
    expect(parseAgentStatusEvent(statusFrame({ agentId: null }))).toBeNull();
    expect(parseAgentStatusEvent(statusFrame({ status: null }))).toBeNull();
    expect(parseAgentStatusEvent(statusFrame({ status: { ...STATUS, group: "Lunch" } }))).toBeNull();
    expect(parseAgentStatusEvent(statusFrame({ status: { ...STATUS, shownName: "" } }))).toBeNull();
    expect(parseAgentStatusEvent({ event: "AgentStatusChanged", data: "nope" })).toBeNull();
    expect(parseAgentStatusEvent({ event: "lagged", data: '{"missed":3}' })).toBeNull();
  });

  it("is not taken for a conversation event", () => {
    expect(parseServerEvent(statusFrame())).toBeNull();
    expect(parseServerEvent(statusFrame({ conversationId: 5 }))).toBeNull();
  });
});

describe("Listeners", () => {
  it("calls every listener until it unsubscribes", () => {
    const hub = new Listeners<number>();
    const a: number[] = [];
    const b: number[] = [];
    const stopA = hub.subscribe((n) => a.push(n));
    hub.subscribe((n) => b.push(n));
    hub.emit(1);
    stopA();
    hub.emit(2);
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
    expect(hub.size).toBe(1);
  });

  it("keeps calling the others when one throws", () => {
    const hub = new Listeners<string>();
    const heard: string[] = [];
    const original = console.error;
    console.error = () => {};
    try {
      hub.subscribe(() => {
        throw new Error("boom");
      });
      hub.subscribe((s) => heard.push(s));
      hub.emit("x");
    } finally {
      console.error = original;
    }
    expect(heard).toEqual(["x"]);
  });
});

describe("SLA events", () => {
  it("keeps ConversationSlaUpdated and ConversationSlaBreached from the stream", () => {
    const updated = parseServerEvent({
      event: "ConversationSlaUpdated",
      data: '{"seq":9,"type":"ConversationSlaUpdated","conversationId":12,"at":"2026-01-06T08:00:00Z"}',
    });
    expect(updated).toMatchObject({ type: "ConversationSlaUpdated", conversationId: 12 });
    const breached = parseServerEvent({ event: "ConversationSlaBreached", data: '{"conversationId":"7","metric":"FirstResponse"}' });
    expect(breached).toMatchObject({ type: "ConversationSlaBreached", conversationId: 7, metric: "FirstResponse" });
    expect(updated && isSlaEvent(updated)).toBe(true);
    expect(breached && isSlaEvent(breached)).toBe(true);
    expect(SLA_EVENT_TYPES).toEqual(["ConversationSlaUpdated", "ConversationSlaBreached"]);
  });

  it("tells SLA events from the others", () => {
    expect(isSlaEvent({ type: "ConversationUpdated" })).toBe(false);
    expect(isSlaEvent({ type: "ConversationMessageAdded" })).toBe(false);
  });
});
