// Human-readable names and initials for agents and end users, and labels for conversations.
import type { Agent, Conversation, EndUser } from "./api/types";

function fullName(p: { firstName?: string | null; lastName?: string | null }): string {
  return [p.firstName, p.lastName].filter((s) => s && s.trim()).join(" ").trim();
}

/** Requester label: name, else email, else "Customer". */
export function endUserName(user: EndUser | null | undefined): string {
  if (!user) return "Customer";
  return user.displayName?.trim() || fullName(user) || user.email?.trim() || "Customer";
}

export function agentName(agent: Agent | null | undefined): string {
  if (!agent) return "Unknown agent";
  return agent.displayName?.trim() || fullName(agent) || agent.email?.trim() || "Agent";
}

/** Up to two initials from a name ("Ada Lovelace" → "AL", "ada@x.io" → "A"). */
export function initials(name: string): string {
  const words = name
    .replace(/@.*$/, "")
    .split(/[\s._-]+/)
    .filter(Boolean);
  if (words.length === 0) return "?";
  const first = words[0][0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1][0] ?? "") : "";
  return (first + last).toUpperCase();
}

/** How people quote a conversation: "#" and its short id (the internal id if the server sent none). */
export function shortRef(conv: Pick<Conversation, "id" | "shortId">): string {
  return `#${typeof conv.shortId === "number" ? conv.shortId : conv.id}`;
}

/** A conversation's title: subject, else topic, summary or latest-message preview, else its short ref. */
export function conversationTitle(conv: Conversation): string {
  const text = conv.subject?.trim() || conv.topic?.trim() || firstLine(conv.summary) || firstLine(conv.preview);
  return text || `Conversation ${shortRef(conv)}`;
}

function firstLine(text: string | null | undefined): string {
  return (text ?? "").trim().split(/\r?\n/)[0]?.trim() ?? "";
}
