// Pure inbox logic: which conversations a view shows, the orders the server reads them in, and
// upserts into the list.
import { conversationParams, type ConversationQuery } from "./api/client";
import {
  Channel as Channels,
  ConversationSort as Sorts,
  Priority as Priorities,
  SlaState as SlaStates,
  Status as Statuses,
} from "./api/enums";
import type { Channel, Conversation, ConversationSort, ConversationStatus, Priority, SlaState } from "./api/types";
import { timeValue } from "./time";

/** Mine: assigned to me; Unassigned: nobody's yet; All: everything I reach; Mentions: notes named me. */
export type InboxTab = "mine" | "unassigned" | "all" | "mentions";

export const TABS: readonly { id: InboxTab; label: string }[] = [
  { id: "mine", label: "Mine" },
  { id: "unassigned", label: "Unassigned" },
  { id: "all", label: "All" },
  { id: "mentions", label: "Mentions" },
];

export interface InboxFilter {
  tab: InboxTab;
  /** null = all queues */
  queueId: string | null;
  /** null = any status */
  status: ConversationStatus | null;
  channel: Channel | null;
  priority: Priority | null;
  tagId: string | null;
  /** Someone's conversations (the All tab only: Mine is mine, Unassigned nobody's). */
  agentId: string | null;
  sla: SlaState | null;
  sort: ConversationSort;
}

export const DEFAULT_FILTER: InboxFilter = {
  tab: "mine",
  queueId: null,
  status: "Open",
  channel: null,
  priority: null,
  tagId: null,
  agentId: null,
  sla: null,
  sort: "Latest",
};

export const PAGE_LIMIT = 50;

/** The list request for a filter. */
export function filterToQuery(filter: InboxFilter, meId: string): ConversationQuery {
  return {
    statuses: filter.status ? [filter.status] : [],
    queueId: filter.queueId,
    agentId: filter.tab === "mine" ? meId : filter.tab === "all" ? filter.agentId : null,
    unassigned: filter.tab === "unassigned",
    mentioned: filter.tab === "mentions" ? meId : null,
    channel: filter.channel,
    priority: filter.priority,
    tagId: filter.tagId,
    sla: filter.sla,
    sort: filter.sort,
    pageLimit: PAGE_LIMIT,
  };
}

/** A view's query string: the list's filters and order, without paging. */
export function filterToViewQuery(filter: InboxFilter, meId: string): string {
  return conversationParams({ ...filterToQuery(filter, meId), pageLimit: undefined }).toString();
}

/** The filter a saved view's query describes (its tab from who it asks for). */
export function viewQueryToFilter(query: string, meId: string): InboxFilter {
  const p = new URLSearchParams(query);
  const agentId = p.get("agentId");
  const tab: InboxTab =
    p.get("mentioned") === meId ? "mentions" : p.get("unassigned") === "true" ? "unassigned" : agentId === meId ? "mine" : "all";
  const one = <T extends string>(name: string, allowed: readonly string[]): T | null => {
    const v = p.get(name);
    return v !== null && allowed.includes(v) ? (v as T) : null;
  };
  return {
    tab,
    status: one<ConversationStatus>("status", Statuses),
    queueId: p.get("queueId"),
    channel: one<Channel>("channel", Channels),
    priority: one<Priority>("priority", Priorities),
    tagId: p.get("tagId"),
    agentId: tab === "all" ? agentId : null,
    sla: one<SlaState>("sla", SlaStates),
    sort: one<ConversationSort>("sort", Sorts) ?? "Latest",
  };
}

/** How many filters beyond the tab and status are set (shown on the Filters button). */
export function extraFilters(filter: InboxFilter): number {
  const set = [filter.queueId, filter.channel, filter.priority, filter.tagId, filter.sla];
  if (filter.tab === "all") set.push(filter.agentId);
  return set.filter((v) => v !== null).length;
}

function slaState(conv: Conversation): SlaState {
  if (!conv.sla) return "NoSla";
  return conv.sla.breached ? "Breached" : "Running";
}

/** Whether a conversation belongs in the inbox under `filter` (mirrors the server's list query). */
export function matchesFilter(conv: Conversation, filter: InboxFilter, meId: string): boolean {
  if (filter.status && conv.status !== filter.status) return false;
  if (filter.queueId && conv.queue?.id !== filter.queueId) return false;
  const agent = conv.assignment?.agentId ?? null;
  if (filter.tab === "mine" && agent !== meId) return false;
  if (filter.tab === "unassigned" && agent !== null) return false;
  if (filter.tab === "all" && filter.agentId && agent !== filter.agentId) return false;
  if (filter.tab === "mentions" && !(conv.mentionedAgentIds ?? []).includes(meId)) return false;
  if (filter.channel && conv.channel !== filter.channel) return false;
  if (filter.priority && conv.priority !== filter.priority) return false;
  if (filter.tagId && !(conv.tags ?? []).some((t) => t.id === filter.tagId)) return false;
  if (filter.sla && slaState(conv) !== filter.sla) return false;
  return true;
}

const PRIORITY_RANK: Record<Priority, number> = { Low: 0, Normal: 1, High: 2, Urgent: 3 };
/** Past every deadline: conversations without one come last in the SLA order (as on the server). */
const NO_DEADLINE = 9e15;

/** The server's order for `sort`: a negative result puts `a` first. Ties go by id, as the server pages. */
export function comparator(sort: ConversationSort): (a: Conversation, b: Conversation) => number {
  switch (sort) {
    case "Oldest":
      return (a, b) => timeValue(a.updatedAt) - timeValue(b.updatedAt) || a.id - b.id;
    case "Priority":
      return (a, b) => PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority] || compareByActivity(a, b);
    case "SlaDue": {
      const due = (c: Conversation) => (c.sla?.nextDue ? timeValue(c.sla.nextDue) : NO_DEADLINE);
      return (a, b) => due(a) - due(b) || a.id - b.id;
    }
    default:
      return compareByActivity;
  }
}

/** Latest activity first; ties broken by higher id first so the order is stable. */
export function compareByActivity(a: Conversation, b: Conversation): number {
  const diff = timeValue(b.updatedAt) - timeValue(a.updatedAt);
  if (diff !== 0) return diff;
  return b.id - a.id;
}

export function removeById(list: readonly Conversation[], id: number): Conversation[] {
  return list.filter((c) => c.id !== id);
}

/**
 * Inserts or replaces `conv`, keeping activity order. When more pages exist (`hasMore`) and the
 * conversation sorts after the last loaded row, it is left out: it will arrive with a later page,
 * and inserting it now would show it out of place and duplicate it on "Load more".
 */
export function upsertSorted(
  list: readonly Conversation[],
  conv: Conversation,
  options: { hasMore?: boolean; sort?: ConversationSort } = {},
): Conversation[] {
  const compare = comparator(options.sort ?? "Latest");
  const rest = removeById(list, conv.id);
  if (options.hasMore && rest.length > 0 && compare(conv, rest[rest.length - 1]) > 0) {
    return rest;
  }
  let lo = 0;
  let hi = rest.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(rest[mid], conv) <= 0) lo = mid + 1;
    else hi = mid;
  }
  rest.splice(lo, 0, conv);
  return rest;
}

/** Appends a further page: de-duplicates by id (the later copy wins) and re-sorts. */
export function mergePage(
  list: readonly Conversation[],
  items: readonly Conversation[],
  sort: ConversationSort = "Latest",
): Conversation[] {
  const byId = new Map<number, Conversation>();
  for (const c of list) byId.set(c.id, c);
  for (const c of items) {
    const existing = byId.get(c.id);
    if (!existing || timeValue(c.updatedAt) >= timeValue(existing.updatedAt)) byId.set(c.id, c);
  }
  return [...byId.values()].sort(comparator(sort));
}

/**
 * Applies a freshly fetched conversation to the list: upserted if it matches the filter, dropped
 * otherwise.
 */
export function applyConversation(
  list: readonly Conversation[],
  conv: Conversation,
  filter: InboxFilter,
  meId: string,
  hasMore: boolean,
): Conversation[] {
  if (matchesFilter(conv, filter, meId)) return upsertSorted(list, conv, { hasMore, sort: filter.sort });
  return list.some((c) => c.id === conv.id) ? removeById(list, conv.id) : (list as Conversation[]);
}
