// Pure search logic: query normalization and merging further pages of results.
import type { Conversation, SearchHit } from "./api/types";

/** Results per request. */
export const SEARCH_PAGE_LIMIT = 25;

/** Wait after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 250;

/** One result: the hit (highlights) and the conversation it points at (null if it couldn't be loaded). */
export interface SearchResult {
  hit: SearchHit;
  conversation: Conversation | null;
}

/** The query as sent: trimmed, inner whitespace collapsed; "" means "not searching". */
export function normalizeQuery(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

/** Appends a further page, skipping conversations already listed (offset paging can repeat rows). */
export function mergeResults(list: readonly SearchResult[], page: readonly SearchResult[]): SearchResult[] {
  const seen = new Set(list.map((r) => r.hit.id));
  const out = [...list];
  for (const r of page) {
    if (seen.has(r.hit.id)) continue;
    seen.add(r.hit.id);
    out.push(r);
  }
  return out;
}
