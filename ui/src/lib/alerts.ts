// What the browser shows for new work: the unread count in the tab title and the favicon, and
// which conversations stay marked unread until opened (kept per user in this browser).
import type { ConversationEvent } from "./api/types";

/** The alert an event carries for this subscriber (the server decides), or null. */
export type EventAlert = NonNullable<ConversationEvent["alert"]>;

/** The tab title with the unread count in front, as mail and chat apps do. */
export function unreadTitle(base: string, count: number): string {
  return count > 0 ? `(${count > 99 ? "99+" : count}) ${base}` : base;
}

/** The favicon: the app's mark, with a red badge holding the count when there is unread work. */
export function faviconUrl(count: number): string {
  const badge =
    count > 0
      ? `<circle cx="23" cy="9" r="9" fill="#d93025"/><text x="23" y="13" font-size="11" font-family="sans-serif" font-weight="700" text-anchor="middle" fill="#fff">${count > 9 ? "9+" : count}</text>`
      : "";
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="2" y="6" width="24" height="20" rx="5" fill="#2f6fde"/><path d="M7 13h14M7 18h9" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/>${badge}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** A conversation is marked unread unless the agent is looking at it right now. */
export function marksUnread(conversationId: number, openId: number | null, pageVisible: boolean): boolean {
  return !(pageVisible && conversationId === openId);
}

export function unreadStorageKey(userId: string): string {
  return `switchboard.unread.${userId}`;
}

/** The unread ids kept in storage; anything unreadable counts as none. */
export function parseUnread(stored: string | null): number[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((v): v is number => Number.isSafeInteger(v)) : [];
  } catch {
    return [];
  }
}
