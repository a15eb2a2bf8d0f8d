// Turns SSE frames from /v1/events into typed conversation events, ignoring anything else.
import type { ServerEvent } from "./api/types";
import type { SseFrame } from "./sse";

/** Parses a frame's JSON data; returns null for keep-alives, other event kinds or malformed data. */
export function parseServerEvent(frame: SseFrame): ServerEvent | null {
  let body: unknown;
  try {
    body = JSON.parse(frame.data);
  } catch {
    return null;
  }
  if (!body || typeof body !== "object") return null;
  const raw = body as Record<string, unknown>;
  const type = typeof raw.type === "string" ? raw.type : frame.event;
  if (!type || !type.startsWith("Conversation")) return null;
  const id = typeof raw.conversationId === "string" ? Number(raw.conversationId) : raw.conversationId;
  if (typeof id !== "number" || !Number.isFinite(id)) return null;
  return { ...(raw as object), type, conversationId: id } as ServerEvent;
}

/**
 * True for the server's `lagged` frame: this subscriber fell behind and missed events, so what is
 * on screen must be reloaded.
 */
export function isLaggedFrame(frame: SseFrame): boolean {
  return frame.event === "lagged";
}
