// Handing a conversation over: the assignment picker's rows, whether a choice needs confirming,
// and what reopening says when the agent could not keep the conversation.
import type { Activity, Assignee } from "./api/types";
import type { PickerOption } from "./picker";

/** The picker's rows: name (you), status and load; who can't receive it is shown, not choosable. */
export function assigneeOptions(list: readonly Assignee[], meId: string, channelWord: string): PickerOption[] {
  return list.map((a) => {
    const self = a.agentId === meId;
    const load = `${a.load.used}/${a.load.capacity} ${channelWord}`;
    const hints: string[] = [];
    // Taking a conversation yourself is always possible; handing it over needs a receiving status.
    const blocked = !a.receives && !self;
    if (blocked) hints.push(`${a.status.name}: receives no conversations`);
    if (!a.mayRead) hints.push("Not in this queue: will see only this conversation");
    return {
      id: a.agentId,
      label: self ? `${a.name} (you)` : a.name,
      keywords: `${a.email ?? ""} ${a.status.name}`,
      detail: `${a.status.name}${a.online ? "" : " · not signed in"} · ${load}`,
      disabled: blocked,
      hint: hints.join(" · ") || undefined,
      current: a.current,
    };
  });
}

/** What choosing `chosen` asks first: nothing, or a confirmation naming who has it now. */
export type HandOver =
  | { kind: "nothing" }
  | { kind: "assign" }
  | { kind: "confirm"; title: string; body: string; confirmLabel: string };

export function handOver(current: string | null, chosen: string, meId: string, nameOf: (id: string) => string): HandOver {
  if (current === chosen) return { kind: "nothing" };
  if (current === null) return { kind: "assign" };
  const holder = nameOf(current);
  if (chosen === meId) {
    return {
      kind: "confirm",
      title: `Take over from ${holder}?`,
      body: `${holder} has this conversation now. It becomes yours, and ${holder} is told.`,
      confirmLabel: "Take over",
    };
  }
  const target = nameOf(chosen);
  const by = current === meId ? "You have" : `${holder} has`;
  return {
    kind: "confirm",
    title: `Give this conversation to ${target}?`,
    body: `${by} this conversation now. ${target} gets it${current === meId ? "" : `, and ${holder} is told`}.`,
    confirmLabel: `Give to ${target}`,
  };
}

const RELEASED: Record<string, string> = {
  Unavailable: "is in an Unavailable status and receives no conversations",
  OutOfQueue: "no longer works in its queue",
  Disabled: "was disabled",
};

/** After reopening: why the previous agent did not keep it, from the unassignment logged after the latest reopening. */
export function releasedReason(log: readonly Activity[], nameOf: (id: string) => string): string | null {
  for (let i = log.length - 1; i >= 0; i--) {
    const entry = log[i];
    if (entry._type === "ConversationReopened") return null;
    if (entry._type !== "ConversationUnassigned") continue;
    const detail = entry.detail as Record<string, unknown>;
    const reason = typeof detail.reason === "string" ? RELEASED[detail.reason] : undefined;
    if (!reason) return null;
    const agent = typeof detail.agentId === "string" ? nameOf(detail.agentId) : "The agent";
    return `${agent} ${reason}, so it was offered to the queue again.`;
  }
  return null;
}
