// Unit tests for the SSE frame parser and the reconnecting event-stream reader.
import { describe, expect, it } from "vitest";
import { SseParser, backoffDelay, runEventStream, type ConnectionState, type SseFrame } from "./sse";

function feedAll(chunks: string[]): SseFrame[] {
  const parser = new SseParser();
  return chunks.flatMap((c) => parser.feed(c));
}

describe("SseParser", () => {
  it("parses a simple frame with an event name", () => {
    expect(feedAll(['event: ConversationCreated\ndata: {"conversationId":1}\n\n'])).toEqual([
      { event: "ConversationCreated", data: '{"conversationId":1}' },
    ]);
  });

  it("defaults the event name to message", () => {
    expect(feedAll(["data: hi\n\n"])).toEqual([{ event: "message", data: "hi" }]);
  });

  it("reassembles frames split at arbitrary points across chunks", () => {
    const text = 'event: A\ndata: {"x":1}\n\nevent: B\ndata: {"y":2}\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(feedAll([text.slice(0, cut), text.slice(cut)])).toEqual([
        { event: "A", data: '{"x":1}' },
        { event: "B", data: '{"y":2}' },
      ]);
    }
    // One character at a time.
    expect(feedAll(text.split(""))).toHaveLength(2);
  });

  it("does not dispatch until the blank line arrives", () => {
    const parser = new SseParser();
    expect(parser.feed("data: partial\n")).toEqual([]);
    expect(parser.feed("\n")).toEqual([{ event: "message", data: "partial" }]);
  });

  it("joins multi-line data with newlines", () => {
    expect(feedAll(["data: line one\ndata: line two\ndata:\ndata: four\n\n"])).toEqual([
      { event: "message", data: "line one\nline two\n\nfour" },
    ]);
  });

  it("ignores comment lines, including keep-alives between frames", () => {
    expect(feedAll([": keep-alive\n\n", ":comment\nevent: X\n: inside\ndata: 1\n\n", ":\n\n"])).toEqual([
      { event: "X", data: "1" },
    ]);
  });

  it("handles CRLF and lone CR line endings, even with CRLF split across chunks", () => {
    expect(feedAll(["event: A\r\ndata: 1\r", "\n\r", "\n"])).toEqual([{ event: "A", data: "1" }]);
    // A trailing CR might be half of CRLF, so it is settled by the next chunk.
    expect(feedAll(["data: 2\r\rdata: 3\r\r", ":\r"])).toEqual([
      { event: "message", data: "2" },
      { event: "message", data: "3" },
    ]);
  });

  it("strips only one leading space after the colon and keeps colons in values", () => {
    expect(feedAll(['data:  two spaces\ndata:{"a":"b:c"}\n\n'])).toEqual([
      { event: "message", data: ' two spaces\n{"a":"b:c"}' },
    ]);
  });

  it("ignores frames without data, unknown fields and retry", () => {
    expect(feedAll(["event: Ping\n\n", "retry: 1000\nfoo: bar\n\n", "data: ok\nretry: 5\n\n"])).toEqual([
      { event: "message", data: "ok" },
    ]);
  });

  it("resets the event name between frames and remembers the last id", () => {
    expect(feedAll(["event: A\nid: 7\ndata: 1\n\ndata: 2\n\n"])).toEqual([
      { event: "A", data: "1", id: "7" },
      { event: "message", data: "2", id: "7" },
    ]);
  });

  it("drops a partial frame on reset", () => {
    const parser = new SseParser();
    parser.feed("event: A\ndata: half");
    parser.reset();
    expect(parser.feed("data: whole\n\n")).toEqual([{ event: "message", data: "whole" }]);
  });
});

describe("backoffDelay", () => {
  it("grows exponentially with jitter and is capped", () => {
    expect(backoffDelay(0, 1000, 30000, () => 0)).toBe(500);
    expect(backoffDelay(0, 1000, 30000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, 30000, () => 1)).toBe(8000);
    expect(backoffDelay(20, 1000, 30000, () => 1)).toBe(30000);
    expect(backoffDelay(100, 1000, 30000, () => 0)).toBe(15000);
  });
});

function streamResponse(chunks: string[], opts: { keepOpen?: boolean } = {}): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      if (!opts.keepOpen) controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

describe("runEventStream", () => {
  it("delivers frames, reconnects with backoff after the stream ends, and reports state", async () => {
    const states: ConnectionState[] = [];
    const frames: SseFrame[] = [];
    const opens: boolean[] = [];
    const sleeps: number[] = [];
    let calls = 0;
    let stop: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      stop = runEventStream({
        open: async () => {
          calls++;
          if (calls === 1) return streamResponse(["data: {\"n\":1}\n", "\n"]);
          if (calls === 2) throw new Error("network down");
          // Third connection stays open; finish the test once its frame arrives.
          return streamResponse(["event: E\ndata: 3\n\n"], { keepOpen: true });
        },
        onFrame: (f) => {
          frames.push(f);
          if (f.data === "3") resolve();
        },
        onState: (s) => states.push(s),
        onOpen: (reconnected) => opens.push(reconnected),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 1,
        initialDelayMs: 100,
        maxDelayMs: 1000,
      });
    });
    await done;
    stop();
    expect(frames).toEqual([
      { event: "message", data: '{"n":1}' },
      { event: "E", data: "3" },
    ]);
    expect(opens).toEqual([false, true]);
    expect(states).toEqual(["connecting", "connected", "reconnecting", "reconnecting", "connected"]);
    // After a successful connection the backoff restarts; the failed attempt doubles it.
    expect(sleeps).toEqual([100, 200]);
  });

  it("stops retrying when shouldRetry says no", async () => {
    const states: ConnectionState[] = [];
    let calls = 0;
    await new Promise<void>((resolve) => {
      runEventStream({
        open: async () => {
          calls++;
          throw Object.assign(new Error("nope"), { status: 401 });
        },
        onFrame: () => {},
        onState: (s) => {
          states.push(s);
          if (s === "disconnected") resolve();
        },
        shouldRetry: () => false,
        sleep: async () => {},
      });
    });
    expect(calls).toBe(1);
    expect(states).toEqual(["connecting", "disconnected"]);
  });
});
