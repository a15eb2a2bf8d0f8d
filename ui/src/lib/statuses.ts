// Agent statuses and the live work board: the four groups, which statuses can be chosen, what the
// header and board show (name, colour, load per channel group) and the status form checks. Who
// may set whose status is in settings.ts with the other permissions. No Svelte here: unit-tested.
import type { Agent, AgentStatus, AgentStatusEvent, AgentWork, PatchStatus, StatusChange, StatusGroup } from "./api/types";
import { nameError } from "./settings";
import { StatusGroup as StatusGroups } from "./api/enums";

/** The groups in the order they are listed. */
export const STATUS_GROUPS: readonly StatusGroup[] = StatusGroups;

export const GROUP_HINTS: Record<StatusGroup, string> = {
  Available: "Takes new and transferred conversations.",
  Busy: "Takes transferred conversations only.",
  Away: "Away from the computer: takes transferred conversations only.",
  Unavailable: "Takes no conversations.",
};

/** The status the system shows while an agent in an Available status is full. */
export const FULL_CAPACITY = "Full Capacity";

/** The longest status name the server takes. */
export const STATUS_NAME_MAX = 60;

/** The colour of a status dot: green, orange, red (full), yellow or grey. */
export type StatusTone = "available" | "busy" | "full" | "away" | "unavailable";

export function statusTone(group: StatusGroup, full = false): StatusTone {
  if (full) return "full";
  switch (group) {
    case "Available":
      return "available";
    case "Busy":
      return "busy";
    case "Away":
      return "away";
    case "Unavailable":
      return "unavailable";
  }
}

function groupIndex(group: StatusGroup): number {
  const i = STATUS_GROUPS.indexOf(group);
  return i < 0 ? STATUS_GROUPS.length : i;
}

/** By group, the default status of each group first, then by name. */
export function sortStatuses<T extends Pick<AgentStatus, "name" | "group" | "isDefault" | "automatic">>(statuses: readonly T[]): T[] {
  return [...statuses].sort(
    (a, b) =>
      groupIndex(a.group) - groupIndex(b.group) ||
      Number(a.automatic) - Number(b.automatic) ||
      Number(b.isDefault) - Number(a.isDefault) ||
      a.name.localeCompare(b.name),
  );
}

/** The statuses an agent can pick: not deleted and not set by the system, in list order. */
export function choosableStatuses(statuses: readonly AgentStatus[]): AgentStatus[] {
  return sortStatuses(statuses.filter((s) => !s.deleted && !s.automatic));
}

export interface StatusGroupList {
  group: StatusGroup;
  statuses: AgentStatus[];
}

/** The statuses (not deleted ones) under their group, every group listed even when empty. */
export function groupStatuses(statuses: readonly AgentStatus[]): StatusGroupList[] {
  const sorted = sortStatuses(statuses.filter((s) => !s.deleted));
  return STATUS_GROUPS.map((group) => ({ group, statuses: sorted.filter((s) => s.group === group) }));
}

/** Default statuses (and Full Capacity) are fixed; custom ones can be renamed, moved and deleted. */
export function isEditableStatus(status: Pick<AgentStatus, "isDefault" | "automatic" | "deleted">): boolean {
  return !status.isDefault && !status.automatic && !status.deleted;
}

/** A status name: required, at most 60 characters, not the name of another status (any case). */
export function statusNameError(name: string, statuses: readonly AgentStatus[], exceptId?: string): string | null {
  const error = nameError(name, STATUS_NAME_MAX);
  if (error) return error;
  const wanted = name.trim().toLocaleLowerCase();
  const clash = statuses.find((s) => !s.deleted && s.id !== exceptId && s.name.trim().toLocaleLowerCase() === wanted);
  return clash ? `A status named ${clash.name} already exists.` : null;
}

/** The PATCH body for a renamed or moved custom status; null when nothing changed. */
export function statusPatch(status: AgentStatus, draft: { name: string; group: StatusGroup }): PatchStatus | null {
  const patch: PatchStatus = {};
  const name = draft.name.trim();
  if (name !== status.name) patch.name = name;
  if (draft.group !== status.group) patch.group = draft.group;
  return Object.keys(patch).length > 0 ? patch : null;
}

// --- What an agent is shown in ------------------------------------------------------------------

/** The chosen and the shown status, as an AgentStatusChanged event carries them. */
export type StatusView = StatusChange;

/** The view of an agent's status from their work state (GET or PUT /v1/agents/{id}/status). */
export function statusViewOf(work: Pick<AgentWork, "status" | "shownStatus" | "fullCapacity">): StatusView {
  return {
    statusId: work.status.id,
    name: work.status.name,
    group: work.status.group,
    shownStatusId: work.shownStatus.id,
    shownName: work.shownStatus.name,
    shownGroup: work.shownStatus.group,
    fullCapacity: work.fullCapacity,
  };
}

/**
 * Whether the agent shows as Full Capacity: full while in an Available status (the server then
 * sends Full Capacity as the shown status; an older answer may not have caught up yet).
 */
export function showsFullCapacity(view: StatusView): boolean {
  if (view.fullCapacity && view.group === "Available") return true;
  return view.shownStatusId !== view.statusId && view.shownName === FULL_CAPACITY;
}

/** The name shown for an agent: Full Capacity while full in an Available status, else the shown status. */
export function shownLabel(view: StatusView): string {
  return showsFullCapacity(view) ? FULL_CAPACITY : view.shownName;
}

/** The dot colour for what is shown. */
export function shownTone(view: StatusView): StatusTone {
  return statusTone(view.shownGroup, showsFullCapacity(view));
}

// --- The board ----------------------------------------------------------------------------------

/** The channel groups with a capacity, in board order. */
export const LOAD_GROUPS = [
  { key: "email", label: "Email" },
  { key: "liveMessaging", label: "Live messaging" },
  { key: "liveChat", label: "Live chat" },
] as const;

export type LoadKey = (typeof LOAD_GROUPS)[number]["key"];

export interface LoadCell {
  key: LoadKey | "calls";
  label: string;
  used: number;
  capacity: number;
  /** "2/5" */
  text: string;
  /** No room left in this group. */
  full: boolean;
}

export interface BoardRow {
  agentId: string;
  name: string;
  /** The status the agent chose (what a supervisor changes). */
  statusId: string;
  statusName: string;
  /** What shows: Full Capacity while full in an Available status, else the chosen status. */
  shown: string;
  tone: StatusTone;
  since: string;
  online: boolean;
  loads: LoadCell[];
  /** The load of the three groups together, in percent (the Full Capacity rule uses 90). */
  percent: number;
  fullCapacity: boolean;
}

/** "used/capacity". */
export function loadText(used: number, capacity: number): string {
  return `${used}/${capacity}`;
}

/** The occupancy percentages of email, live messaging and live chat added up (groups without capacity add nothing). */
export function loadPercent(work: Pick<AgentWork, "occupancy" | "capacity">): number {
  let sum = 0;
  for (const { key } of LOAD_GROUPS) {
    const capacity = work.capacity[key];
    if (capacity > 0) sum += work.occupancy[key] / capacity;
  }
  return Math.round(sum * 100);
}

/** One board row: the agent's name, shown status, load per group ("2/5") and calls ("0/1"). */
export function boardRow(work: AgentWork, agent: Pick<Agent, "displayName"> | undefined): BoardRow {
  const view = statusViewOf(work);
  const loads: LoadCell[] = LOAD_GROUPS.map(({ key, label }) => {
    const used = work.occupancy[key];
    const capacity = work.capacity[key];
    return { key, label, used, capacity, text: loadText(used, capacity), full: used >= capacity };
  });
  const calls = work.occupancy.calls;
  loads.push({ key: "calls", label: "Calls", used: calls, capacity: 1, text: loadText(calls, 1), full: calls >= 1 });
  return {
    agentId: work.agentId,
    name: agent?.displayName?.trim() || "Unknown agent",
    statusId: work.status.id,
    statusName: work.status.name,
    shown: shownLabel(view),
    tone: shownTone(view),
    since: work.since,
    online: work.online,
    loads,
    percent: loadPercent(work),
    fullCapacity: work.fullCapacity,
  };
}

/** Board rows by name (rows keep their place when statuses change). */
export function sortBoard(rows: readonly BoardRow[]): BoardRow[] {
  return [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.agentId.localeCompare(b.agentId));
}

/** How many agents show in each colour, in the order of the board's summary (empty ones left out). */
export function countByTone(rows: readonly Pick<BoardRow, "tone">[]): { tone: StatusTone; label: string; count: number }[] {
  const order: { tone: StatusTone; label: string }[] = [
    { tone: "available", label: "available" },
    { tone: "full", label: "at full capacity" },
    { tone: "busy", label: "busy" },
    { tone: "away", label: "away" },
    { tone: "unavailable", label: "unavailable" },
  ];
  return order.map((o) => ({ ...o, count: rows.filter((r) => r.tone === o.tone).length })).filter((o) => o.count > 0);
}

/** Replaces an agent's work state in a list, or adds it. */
export function upsertWork(list: readonly AgentWork[], work: AgentWork): AgentWork[] {
  const i = list.findIndex((w) => w.agentId === work.agentId);
  if (i < 0) return [...list, work];
  return list.map((w, j) => (j === i ? work : w));
}

/**
 * Applies an AgentStatusChanged to an agent's work state without a round trip: status names and
 * groups come with the event; `since` moves only when the chosen status changed.
 */
export function applyStatusEvent(work: AgentWork, event: AgentStatusEvent, statuses: readonly AgentStatus[]): AgentWork {
  if (work.agentId !== event.agentId) return work;
  const s = event.status;
  const known = (id: string, name: string, group: StatusGroup): AgentStatus =>
    statuses.find((x) => x.id === id) ?? { id, name, group, isDefault: false, automatic: name === FULL_CAPACITY, deleted: false };
  const status = { ...known(s.statusId, s.name, s.group), name: s.name, group: s.group };
  const shownStatus = { ...known(s.shownStatusId, s.shownName, s.shownGroup), name: s.shownName, group: s.shownGroup };
  const since = s.statusId !== work.status.id && event.at ? event.at : work.since;
  return { ...work, status, shownStatus, fullCapacity: s.fullCapacity, since };
}

/** Conversation events that change who holds what (and so the board's load). */
export function changesLoad(type: string): boolean {
  return (
    type === "ConversationAssigned" ||
    type === "ConversationUnassigned" ||
    type === "ConversationClosed" ||
    type === "ConversationReopened" ||
    type === "ConversationTransferred" ||
    // A status change (Open, Waiting, Solved) changes what counts.
    type === "ConversationUpdated"
  );
}
