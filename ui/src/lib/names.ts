// Human-readable names and initials for agents and end users, labels for conversations, and who
// sent an automated message.
import type { Agent, Automation, Conversation, EndUser, Message } from "./api/types";

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

/** The heading of a conversation without a subject or topic (chats, calls, messages): who and where. */
export function untitledHeading(customer: string, channel: string): string {
  return `${customer} · ${channel}`;
}

function firstLine(text: string | null | undefined): string {
  return (text ?? "").trim().split(/\r?\n/)[0]?.trim() ?? "";
}

/** The author id of messages the system sends itself (away messages, waiting strategies, workflows). */
export const NIL_UUID = "00000000-0000-0000-0000-000000000000";

/** The small label on an automated message in the timeline. */
export const AUTOMATION_LABELS: Record<Automation, string> = {
  AwayMessage: "Away message",
  WaitingStrategy: "Waiting strategy",
  Workflow: "Workflow",
  Bot: "Bot",
};

/** What sent a message, as its label ("Waiting strategy"); null for one written by a person. */
export function automationLabel(message: Pick<Message, "automated">): string | null {
  return message.automated ? (AUTOMATION_LABELS[message.automated] ?? message.automated) : null;
}

/**
 * Who a message's author is shown as: "Automatic" for an automated message without a known author
 * (the nil id of away messages, waiting strategies and workflows), else `named` (the agent's or bot's
 * name, or the requester's).
 */
export function messageAuthorLabel(
  message: Pick<Message, "automated" | "authorId">,
  knownAgent: (id: string) => Agent | undefined,
  named: () => string,
): string {
  if (message.automated && (message.authorId === NIL_UUID || !knownAgent(message.authorId))) return "Automatic";
  return named();
}
