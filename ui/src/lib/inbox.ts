// Pure inbox logic: which conversations a filter shows, activity ordering, and upserts into the list.
import type { ConversationQuery } from "./api/client";
import type { Conversation, ConversationStatus } from "./api/types";
import { timeValue } from "./time";

export type InboxTab = "mine" | "all";

export interface InboxFilter {
  tab: InboxTab;
  /** null = all queues */
  queueId: string | null;
  /** null = any status */
  status: ConversationStatus | null;
}

export const DEFAULT_FILTER: InboxFilter = { tab: "mine", queueId: null, status: "Open" };

export const PAGE_LIMIT = 50;

/** The list request for a filter; "My work" asks for conversations assigned to `meId`. */
export function filterToQuery(filter: InboxFilter, meId: string): ConversationQuery {
  return {
    statuses: filter.status ? [filter.status] : [],
    queueId: filter.queueId,
    agentId: filter.tab === "mine" ? meId : null,
    pageLimit: PAGE_LIMIT,
  };
}

/** Whether a conversation belongs in the inbox under `filter` (mirrors the server's list query). */
export function matchesFilter(conv: Conversation, filter: InboxFilter, meId: string): boolean {
  if (filter.status && conv.status !== filter.status) return false;
  if (filter.queueId && conv.queue?.id !== filter.queueId) return false;
  if (filter.tab === "mine" && conv.assignment?.agentId !== meId) return false;
  return true;
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
  options: { hasMore?: boolean } = {},
): Conversation[] {
  const rest = removeById(list, conv.id);
  if (options.hasMore && rest.length > 0 && compareByActivity(conv, rest[rest.length - 1]) > 0) {
    return rest;
  }
  let lo = 0;
  let hi = rest.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareByActivity(rest[mid], conv) <= 0) lo = mid + 1;
    else hi = mid;
  }
  rest.splice(lo, 0, conv);
  return rest;
}

/** Appends a further page: de-duplicates by id (the later copy wins) and re-sorts. */
export function mergePage(list: readonly Conversation[], items: readonly Conversation[]): Conversation[] {
  const byId = new Map<number, Conversation>();
  for (const c of list) byId.set(c.id, c);
  for (const c of items) {
    const existing = byId.get(c.id);
    if (!existing || timeValue(c.updatedAt) >= timeValue(existing.updatedAt)) byId.set(c.id, c);
  }
  return [...byId.values()].sort(compareByActivity);
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
  if (matchesFilter(conv, filter, meId)) return upsertSorted(list, conv, { hasMore });
  return list.some((c) => c.id === conv.id) ? removeById(list, conv.id) : (list as Conversation[]);
}
