// Unit tests for turning SSE frames into conversation events.
import { describe, expect, it } from "vitest";
import { isLaggedFrame, parseServerEvent } from "./events";

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
