// Snooze times offered in the status menu, computed from the server's "now" in local time.

export interface SnoozeChoice {
  id: string;
  label: string;
  /** ISO time it wakes. */
  until: string;
}

/** At `hour`:00 local time, `days` days after `now`'s date. */
function at(now: Date, days: number, hour: number): Date {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(hour, 0, 0, 0);
  return d;
}

/** In three hours; tomorrow 09:00; next Monday 09:00 (a week on when today is Monday). */
export function snoozeChoices(nowMs: number): SnoozeChoice[] {
  const now = new Date(nowMs);
  const later = new Date(nowMs + 3 * 3600_000);
  const tomorrow = at(now, 1, 9);
  const toMonday = ((8 - now.getDay()) % 7) || 7;
  const monday = at(now, toMonday, 9);
  const time = (d: Date) => d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return [
    { id: "snooze-later", label: `Snooze 3 hours (${time(later)})`, until: later.toISOString() },
    { id: "snooze-tomorrow", label: `Snooze until tomorrow ${time(tomorrow)}`, until: tomorrow.toISOString() },
    {
      id: "snooze-monday",
      label: `Snooze until Monday ${monday.toLocaleDateString(undefined, { month: "short", day: "numeric" })} ${time(monday)}`,
      until: monday.toISOString(),
    },
  ];
}

/** A `<input type="datetime-local">` value for a time (local, minutes). */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Reads a datetime-local value as an ISO time, or null when it is empty or not a time. */
export function parseLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
