// Turns SSE frames from /v1/events into typed conversation and agent status events, and passes
// them on to the parts of the screen that follow them.
import type { AgentStatusEvent, ConversationEvent, EventType, StatusChange, StatusGroup } from "./api/types";
import { StatusGroup as StatusGroups } from "./api/enums";
import type { SseFrame } from "./sse";

/** The frame's JSON object with its type (from the data, else the frame's event name), or null. */
function frameBody(frame: SseFrame): { type: string; raw: Record<string, unknown> } | null {
  let body: unknown;
  try {
    body = JSON.parse(frame.data);
  } catch {
    return null;
  }
  if (!body || typeof body !== "object") return null;
  const raw = body as Record<string, unknown>;
  const type = typeof raw.type === "string" ? raw.type : frame.event;
  return type ? { type, raw } : null;
}

/** Parses a frame's JSON data; returns null for keep-alives, other event kinds or malformed data. */
export function parseServerEvent(frame: SseFrame): ConversationEvent | null {
  const body = frameBody(frame);
  if (!body || !body.type.startsWith("Conversation")) return null;
  const { type, raw } = body;
  const id = typeof raw.conversationId === "string" ? Number(raw.conversationId) : raw.conversationId;
  if (typeof id !== "number" || !Number.isFinite(id)) return null;
  return { ...(raw as object), type, conversationId: id } as ConversationEvent;
}

/**
 * The conversation events that say only its SLA changed (recalculated, or a metric breached): the
 * open conversation then refreshes its SLA alone; like any conversation event, the inbox row is
 * refetched. parseServerEvent keeps them (it keeps every `Conversation…` type it is sent).
 */
export const SLA_EVENT_TYPES: readonly EventType[] = ["ConversationSlaUpdated", "ConversationSlaBreached"];

export function isSlaEvent(event: { type: string }): boolean {
  return (SLA_EVENT_TYPES as readonly string[]).includes(event.type);
}

const GROUPS: readonly StatusGroup[] = StatusGroups;

function isGroup(value: unknown): value is StatusGroup {
  return typeof value === "string" && (GROUPS as readonly string[]).includes(value);
}

function isText(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

/** The `status` of an AgentStatusChanged, or null when a field is missing or of the wrong kind. */
function statusChange(value: unknown): StatusChange | null {
  if (!value || typeof value !== "object") return null;
  const s = value as Record<string, unknown>;
  if (!isText(s.statusId) || !isText(s.name) || !isGroup(s.group)) return null;
  if (!isText(s.shownStatusId) || !isText(s.shownName) || !isGroup(s.shownGroup)) return null;
  return {
    statusId: s.statusId,
    name: s.name,
    group: s.group,
    shownStatusId: s.shownStatusId,
    shownName: s.shownName,
    shownGroup: s.shownGroup,
    fullCapacity: s.fullCapacity === true,
  };
}

/** Parses an AgentStatusChanged frame; null for anything else (conversation events included). */
export function parseAgentStatusEvent(frame: SseFrame): AgentStatusEvent | null {
  const body = frameBody(frame);
  if (!body || body.type !== "AgentStatusChanged") return null;
  const { raw } = body;
  if (!isText(raw.agentId)) return null;
  const status = statusChange(raw.status);
  if (!status) return null;
  const seq = typeof raw.seq === "number" ? raw.seq : 0;
  return { seq, type: "AgentStatusChanged", agentId: raw.agentId, status, at: typeof raw.at === "string" ? raw.at : "" };
}

/**
 * True for the server's `lagged` frame: this subscriber fell behind and missed events, so what is
 * on screen must be reloaded.
 */
export function isLaggedFrame(frame: SseFrame): boolean {
  return frame.event === "lagged";
}

/** What the workspace passes on from the stream: events, and "reload" after some were missed. */
export type LiveEvent =
  | { kind: "conversation"; event: ConversationEvent }
  | { kind: "agentStatus"; event: AgentStatusEvent }
  | { kind: "resync" };

/** A list of listeners: parts of the screen subscribe while shown and unsubscribe when gone. */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds a listener; the returned function removes it (fit for onMount's cleanup). */
  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Calls every listener; one that throws doesn't keep the others from hearing. */
  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        console.error("Switchboard: a live update listener failed", err);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
