// Compact relative ("5m", "3h") and absolute time formatting for timestamps from the API.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Short English month names, January first. */
export const MONTHS: readonly string[] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * "just now", "5m", "3h", "2d" for the last week, then "Mar 4" (this year) or "Mar 4, 2023".
 * Times slightly in the future (clock skew) read as "just now". Uses local time for dates.
 */
export function formatRelative(iso: string | undefined | null, now: Date | number = Date.now()): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  const nowMs = typeof now === "number" ? now : now.getTime();
  const diff = nowMs - t;
  if (diff < 45_000) return "just now";
  if (diff < HOUR) return `${Math.max(1, Math.round(diff / MINUTE))}m`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)}h`;
  if (diff < 7 * DAY) return `${Math.floor(diff / DAY)}d`;
  const d = new Date(t);
  const sameYear = d.getFullYear() === new Date(nowMs).getFullYear();
  const day = `${MONTHS[d.getMonth()]} ${d.getDate()}`;
  return sameYear ? day : `${day}, ${d.getFullYear()}`;
}

/** Full local date and time, for tooltips and the timeline. */
export function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  return new Date(t).toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** Timestamp in milliseconds, or 0 when missing or unparseable (sorts last). */
export function timeValue(iso: string | undefined | null): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/** Local date only ("Mar 4, 2025"), for banners. */
export function formatDate(iso: string | undefined | null): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  return new Date(t).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}
