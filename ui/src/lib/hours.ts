// Working hours: weekdays, the period form's drafts, checks and bodies (split shifts, switched-off
// days, holidays), one-line summaries, the time zone picker's list, "Open now" / "Opens Mon 09:00",
// and a queue's period and away message. No Svelte here, so all of it is unit-tested.
import type {
  CreateWorkingHours,
  HolidaySpec,
  IntervalSpec,
  PatchQueueWorkingHours,
  PatchWorkingHours,
  QueueWorkingHours,
  WeekSpec,
  WorkingHours,
} from "./api/types";
import { MONTHS } from "./time";

// --- Weekdays -----------------------------------------------------------------------------------

export type Weekday = keyof WeekSpec;

/** Monday first, as the server's week. */
export const WEEKDAYS: readonly Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

export const WEEKDAY_SHORT: Record<Weekday, string> = {
  monday: "Mon",
  tuesday: "Tue",
  wednesday: "Wed",
  thursday: "Thu",
  friday: "Fri",
  saturday: "Sat",
  sunday: "Sun",
};

/** The server's limits. */
export const HOURS_NAME_MAX = 200;
export const MAX_INTERVALS_A_DAY = 24;
export const MAX_HOLIDAYS = 1000;
export const AWAY_MESSAGE_MAX = 5000;

/** What a new interval (and a day switched on) starts with. */
export const DEFAULT_INTERVAL: Readonly<IntervalSpec> = { start: "09:00", end: "17:00" };

/** Minutes in a day: an interval may end at 24:00. */
const DAY_MINUTES = 24 * 60;

/** A week with every day switched off. */
export function closedWeek(): WeekSpec {
  return { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };
}

/** Monday to Friday 09:00–17:00, the weekend off: what a new period starts with. */
export function defaultWeek(): WeekSpec {
  const week = closedWeek();
  for (const day of WEEKDAYS.slice(0, 5)) week[day] = [{ ...DEFAULT_INTERVAL }];
  return week;
}

// --- Times of day -------------------------------------------------------------------------------

/** Minutes from midnight for "HH:MM" (or "H:MM"), 00:00 to 24:00; null for anything else. */
export function parseTime(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes >= 60) return null;
  const total = hours * 60 + minutes;
  return total <= DAY_MINUTES ? total : null;
}

/** "HH:MM" for minutes from midnight (1440 is "24:00"). */
export function formatTime(minutes: number): string {
  const m = Math.max(0, Math.min(DAY_MINUTES, Math.round(minutes)));
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** "9:00" → "09:00"; text that is no time is only trimmed. */
export function normalizeTime(text: string): string {
  const m = parseTime(text);
  return m === null ? text.trim() : formatTime(m);
}

function intervalText(i: IntervalSpec): string {
  return `${normalizeTime(i.start)}–${normalizeTime(i.end)}`;
}

/** Intervals written as HH:MM and sorted by start (then end), as the server keeps them. */
export function normalizeIntervals(intervals: readonly IntervalSpec[]): IntervalSpec[] {
  return intervals
    .map((i) => ({ start: normalizeTime(i.start), end: normalizeTime(i.end) }))
    .sort((a, b) => (parseTime(a.start) ?? 0) - (parseTime(b.start) ?? 0) || (parseTime(a.end) ?? 0) - (parseTime(b.end) ?? 0));
}

// --- The period form ----------------------------------------------------------------------------

export interface DayDraft {
  /** Switched on. A day switched off keeps its intervals here, so switching it back on restores them. */
  open: boolean;
  intervals: IntervalSpec[];
}

export type WeekDraft = Record<Weekday, DayDraft>;

export interface HolidayDraft {
  name: string;
  /** "YYYY-MM-DD", as a date input gives it; "" while not chosen. */
  startDate: string;
  endDate: string;
}

export interface HoursDraft {
  name: string;
  timeZone: string;
  days: WeekDraft;
  holidays: HolidayDraft[];
  isDefault: boolean;
}

export function weekDraft(week: WeekSpec): WeekDraft {
  const draft = {} as WeekDraft;
  for (const day of WEEKDAYS) {
    const intervals = (week[day] ?? []).map((i) => ({ start: i.start, end: i.end }));
    draft[day] = { open: intervals.length > 0, intervals };
  }
  return draft;
}

/** A new period: no name (the server numbers it), the given zone, Monday to Friday 09:00–17:00. */
export function emptyHoursDraft(timeZone: string = ownTimeZone()): HoursDraft {
  return { name: "", timeZone, days: weekDraft(defaultWeek()), holidays: [], isDefault: false };
}

export function hoursDraft(h: WorkingHours): HoursDraft {
  return {
    name: h.name,
    timeZone: h.timeZone,
    days: weekDraft(h.days),
    holidays: h.holidays.map((x) => ({ name: x.name ?? "", startDate: x.startDate, endDate: x.endDate })),
    isDefault: h.isDefault,
  };
}

function withDay(days: WeekDraft, day: Weekday, value: DayDraft): WeekDraft {
  return { ...days, [day]: value };
}

/** Switches a day on or off; a day switched on without intervals gets 09:00–17:00. */
export function setDayOpen(days: WeekDraft, day: Weekday, open: boolean): WeekDraft {
  const current = days[day];
  const intervals = open && current.intervals.length === 0 ? [{ ...DEFAULT_INTERVAL }] : current.intervals;
  return withDay(days, day, { open, intervals });
}

/**
 * The interval a split shift adds after the day's last one: an hour after it ends, four hours long
 * (up to 24:00), e.g. 13:00–17:00 after 09:00–12:00; 09:00–17:00 on an empty day.
 */
export function nextInterval(intervals: readonly IntervalSpec[]): IntervalSpec {
  if (intervals.length === 0) return { ...DEFAULT_INTERVAL };
  const lastEnd = Math.max(...intervals.map((i) => parseTime(i.end) ?? -1));
  if (lastEnd < 0 || lastEnd >= DAY_MINUTES) return { start: "", end: "" };
  const start = lastEnd + 60 <= DAY_MINUTES - 60 ? lastEnd + 60 : lastEnd;
  return { start: formatTime(start), end: formatTime(Math.min(start + 4 * 60, DAY_MINUTES)) };
}

/** Adds an interval (a split shift) to a day switched on, at most MAX_INTERVALS_A_DAY; a day off is switched on. */
export function addInterval(days: WeekDraft, day: Weekday): WeekDraft {
  const current = days[day];
  if (!current.open) return setDayOpen(days, day, true);
  if (current.intervals.length >= MAX_INTERVALS_A_DAY) return days;
  return withDay(days, day, { open: true, intervals: [...current.intervals, nextInterval(current.intervals)] });
}

/** Removes an interval; removing a day's last one switches the day off. */
export function removeInterval(days: WeekDraft, day: Weekday, index: number): WeekDraft {
  const intervals = days[day].intervals.filter((_, i) => i !== index);
  return withDay(days, day, { open: intervals.length > 0 && days[day].open, intervals });
}

export function setIntervalTime(days: WeekDraft, day: Weekday, index: number, field: keyof IntervalSpec, value: string): WeekDraft {
  const intervals = days[day].intervals.map((i, j) => (j === index ? { ...i, [field]: value } : i));
  return withDay(days, day, { ...days[day], intervals });
}

/** Gives the chosen days the same intervals as `from` (e.g. Monday's hours to Tuesday–Friday). */
export function copyDay(days: WeekDraft, from: Weekday, to: readonly Weekday[]): WeekDraft {
  const source = days[from];
  const next = { ...days };
  for (const day of to) {
    if (day === from) continue;
    next[day] = { open: source.open, intervals: source.intervals.map((i) => ({ ...i })) };
  }
  return next;
}

/** Adds an empty holiday at the end. */
export function addHoliday(holidays: readonly HolidayDraft[]): HolidayDraft[] {
  return [...holidays, { name: "", startDate: "", endDate: "" }];
}

export function removeHoliday(holidays: readonly HolidayDraft[], index: number): HolidayDraft[] {
  return holidays.filter((_, i) => i !== index);
}

/** Changes a holiday; a first day chosen after the last (or with none yet) moves the last day along. */
export function setHoliday(holidays: readonly HolidayDraft[], index: number, change: Partial<HolidayDraft>): HolidayDraft[] {
  return holidays.map((h, i) => {
    if (i !== index) return h;
    const next = { ...h, ...change };
    const startMoved = change.startDate !== undefined && change.endDate === undefined;
    if (startMoved && next.startDate && (!next.endDate || next.endDate < next.startDate)) next.endDate = next.startDate;
    return next;
  });
}

// --- Checks -------------------------------------------------------------------------------------

export interface DayErrors {
  /** Per interval: its first problem. */
  intervals: (string | null)[];
  /** For the day as a whole: overlapping intervals, too many of them. */
  day: string | null;
}

export interface HoursDraftErrors {
  name: string | null;
  timeZone: string | null;
  days: Record<Weekday, DayErrors>;
  /** Per holiday: its first problem. */
  holidays: (string | null)[];
  /** For the holidays as a whole (too many). */
  holidaysAll: string | null;
  any: boolean;
}

function timeError(what: "start" | "end", text: string): string | null {
  const t = text.trim();
  if (!t) return `Enter the ${what} as HH:MM, e.g. ${what === "start" ? "09:00" : "17:00"}.`;
  if (parseTime(t) === null) return `The ${what} “${t}” is not a time of day: use HH:MM, 00:00 to 24:00.`;
  return null;
}

/** An interval's first problem: a time that isn't one, or an end not after the start. */
export function intervalError(i: IntervalSpec): string | null {
  const bad = timeError("start", i.start) ?? timeError("end", i.end);
  if (bad) return bad;
  if ((parseTime(i.end) ?? 0) <= (parseTime(i.start) ?? 0)) return `The interval must end after it starts (${intervalText(i)}).`;
  return null;
}

/** A day's problems; a day switched off has none. */
export function dayErrors(day: DayDraft): DayErrors {
  if (!day.open) return { intervals: day.intervals.map(() => null), day: null };
  const intervals = day.intervals.map(intervalError);
  let whole: string | null = null;
  if (day.intervals.length > MAX_INTERVALS_A_DAY) whole = `Use at most ${MAX_INTERVALS_A_DAY} intervals a day.`;
  else if (intervals.every((e) => e === null)) {
    const sorted = normalizeIntervals(day.intervals);
    for (let i = 1; i < sorted.length && !whole; i++) {
      if ((parseTime(sorted[i - 1].end) ?? 0) > (parseTime(sorted[i].start) ?? 0)) {
        whole = `${intervalText(sorted[i - 1])} and ${intervalText(sorted[i])} overlap.`;
      }
    }
  }
  return { intervals, day: whole };
}

/** A holiday's first problem: a day missing, or the last day before the first. */
export function holidayError(h: HolidayDraft): string | null {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (!h.startDate) return "Choose the holiday's first day.";
  if (!date.test(h.startDate)) return `“${h.startDate}” is not a date.`;
  if (!h.endDate) return "Choose the holiday's last day.";
  if (!date.test(h.endDate)) return `“${h.endDate}” is not a date.`;
  if (h.endDate < h.startDate) return `The holiday can't end (${h.endDate}) before it starts (${h.startDate}).`;
  return null;
}

/**
 * The name: optional for a new period (the server numbers it), required when editing; at most
 * 200 characters and not one another period has (any case).
 */
export function hoursNameError(name: string, periods: readonly Pick<WorkingHours, "id" | "name">[], exceptId?: string): string | null {
  const v = name.trim();
  if (!v) return exceptId ? "Enter a name." : null;
  if ([...v].length > HOURS_NAME_MAX) return `Use at most ${HOURS_NAME_MAX} characters.`;
  const wanted = v.toLocaleLowerCase();
  const clash = periods.find((p) => p.id !== exceptId && p.name.trim().toLocaleLowerCase() === wanted);
  return clash ? `Working hours named ${clash.name} already exist.` : null;
}

export function hoursDraftErrors(
  d: HoursDraft,
  periods: readonly Pick<WorkingHours, "id" | "name">[],
  exceptId?: string,
): HoursDraftErrors {
  const name = hoursNameError(d.name, periods, exceptId);
  const timeZone = d.timeZone.trim() ? null : "Choose a time zone.";
  const days = {} as Record<Weekday, DayErrors>;
  for (const day of WEEKDAYS) days[day] = dayErrors(d.days[day]);
  const holidays = d.holidays.map(holidayError);
  const holidaysAll = d.holidays.length > MAX_HOLIDAYS ? `Use at most ${MAX_HOLIDAYS} holidays.` : null;
  const any =
    !!name ||
    !!timeZone ||
    !!holidaysAll ||
    holidays.some(Boolean) ||
    WEEKDAYS.some((day) => !!days[day].day || days[day].intervals.some(Boolean));
  return { name, timeZone, days, holidays, holidaysAll, any };
}

/** The first problem of the form, naming where it is ("Wednesday: …"), for the line by the buttons. */
export function firstHoursError(e: HoursDraftErrors): string | null {
  if (e.name) return `Name: ${e.name}`;
  if (e.timeZone) return e.timeZone;
  for (const day of WEEKDAYS) {
    const problem = e.days[day].intervals.find(Boolean) ?? e.days[day].day;
    if (problem) return `${WEEKDAY_LABELS[day]}: ${problem}`;
  }
  const i = e.holidays.findIndex(Boolean);
  if (i >= 0) return `Holiday ${i + 1}: ${e.holidays[i]}`;
  return e.holidaysAll;
}

// --- Bodies -------------------------------------------------------------------------------------

/** The week as the server takes it: days switched off are empty, intervals HH:MM and sorted. */
export function weekBody(days: WeekDraft): WeekSpec {
  const week = closedWeek();
  for (const day of WEEKDAYS) week[day] = days[day].open ? normalizeIntervals(days[day].intervals) : [];
  return week;
}

/** Holidays as the server takes them: names trimmed (left out when empty), by first day. */
export function holidaysBody(holidays: readonly (HolidayDraft | HolidaySpec)[]): HolidaySpec[] {
  return holidays
    .map((h) => {
      const name = (h.name ?? "").trim();
      const spec: HolidaySpec = { startDate: h.startDate, endDate: h.endDate };
      return name ? { name, ...spec } : spec;
    })
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.endDate.localeCompare(b.endDate));
}

function sameWeek(a: WeekSpec, b: WeekSpec): boolean {
  return WEEKDAYS.every((day) => JSON.stringify(normalizeIntervals(a[day] ?? [])) === JSON.stringify(normalizeIntervals(b[day] ?? [])));
}

function sameHolidays(a: readonly HolidaySpec[], b: readonly HolidaySpec[]): boolean {
  return JSON.stringify(holidaysBody(a)) === JSON.stringify(holidaysBody(b));
}

/** The POST body; an empty name is left out so the server numbers the period. */
export function hoursCreateBody(d: HoursDraft): CreateWorkingHours {
  const body: CreateWorkingHours = {
    timeZone: d.timeZone.trim(),
    days: weekBody(d.days),
    holidays: holidaysBody(d.holidays),
    isDefault: d.isDefault,
  };
  const name = d.name.trim();
  return name ? { name, ...body } : body;
}

/** The PATCH body for what changed (the week and holidays whole); null when nothing did. */
export function hoursPatch(h: WorkingHours, d: HoursDraft): PatchWorkingHours | null {
  const patch: PatchWorkingHours = {};
  const name = d.name.trim();
  if (name !== h.name) patch.name = name;
  const timeZone = d.timeZone.trim();
  if (timeZone !== h.timeZone) patch.timeZone = timeZone;
  const days = weekBody(d.days);
  if (!sameWeek(days, h.days)) patch.days = days;
  const holidays = holidaysBody(d.holidays);
  if (!sameHolidays(holidays, h.holidays)) patch.holidays = holidays;
  if (d.isDefault !== h.isDefault) patch.isDefault = d.isDefault;
  return Object.keys(patch).length > 0 ? patch : null;
}

// --- Lists --------------------------------------------------------------------------------------

/** By name, as the server lists them. */
export function sortHours<T extends { name: string }>(periods: readonly T[]): T[] {
  return [...periods].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The list after a period was created or changed: replaced or added, by name; when it is the
 * default now, the previous default has lost the mark (as on the server).
 */
export function applyHours(periods: readonly WorkingHours[], changed: WorkingHours): WorkingHours[] {
  const others = periods
    .filter((p) => p.id !== changed.id)
    .map((p) => (changed.isDefault && p.isDefault ? { ...p, isDefault: false } : p));
  return sortHours([...others, changed]);
}

// --- Summaries ----------------------------------------------------------------------------------

/** "Mon–Fri", "Sat, Sun", "Mon, Wed": runs of three or more days with a dash. */
function daysText(days: readonly Weekday[]): string {
  if (days.length === 7) return "Every day";
  const runs: Weekday[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run && WEEKDAYS.indexOf(day) === WEEKDAYS.indexOf(run[run.length - 1]) + 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) =>
      run.length >= 3 ? `${WEEKDAY_SHORT[run[0]]}–${WEEKDAY_SHORT[run[run.length - 1]]}` : run.map((d) => WEEKDAY_SHORT[d]).join(", "),
    )
    .join(", ");
}

/**
 * The week in one line: days with the same hours together, e.g. "Mon–Fri 09:00–17:00;
 * Sat 10:00–14:00" or "Mon–Thu 09:00–12:00, 13:00–17:00; Fri 09:00–15:00"; "Closed every day".
 */
export function weekSummary(week: WeekSpec): string {
  const groups = new Map<string, Weekday[]>();
  for (const day of WEEKDAYS) {
    const intervals = normalizeIntervals(week[day] ?? []);
    if (intervals.length === 0) continue;
    const key = intervals.map((i) => `${i.start}–${i.end}`).join(", ");
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  if (groups.size === 0) return "Closed every day";
  return [...groups.entries()].map(([hours, days]) => `${daysText(days)} ${hours}`).join("; ");
}

function dateParts(date: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** "Dec 24, 2026", "Dec 24–26, 2026", "Nov 30 – Dec 2, 2026", "Dec 31, 2026 – Jan 1, 2027". */
export function holidayDates(h: Pick<HolidaySpec, "startDate" | "endDate">): string {
  const a = dateParts(h.startDate);
  const b = dateParts(h.endDate);
  if (!a || !b) return `${h.startDate} – ${h.endDate}`;
  const day = (p: { m: number; d: number }) => `${MONTHS[p.m - 1]} ${p.d}`;
  if (h.startDate === h.endDate) return `${day(a)}, ${a.y}`;
  if (a.y !== b.y) return `${day(a)}, ${a.y} – ${day(b)}, ${b.y}`;
  if (a.m === b.m) return `${day(a)}–${b.d}, ${a.y}`;
  return `${day(a)} – ${day(b)}, ${a.y}`;
}

/** The holiday that is on or next, on `today` ("YYYY-MM-DD"); undefined when none is ahead. */
export function nextHoliday<T extends Pick<HolidaySpec, "startDate" | "endDate">>(holidays: readonly T[], today: string): T | undefined {
  return [...holidays].filter((h) => h.endDate >= today).sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
}

/** "No holidays", "1 holiday", "3 holidays · next: Christmas, Dec 24–26, 2026" (or "· now: …"). */
export function holidaysSummary(holidays: readonly HolidaySpec[], today: string): string {
  if (holidays.length === 0) return "No holidays";
  const count = holidays.length === 1 ? "1 holiday" : `${holidays.length} holidays`;
  const next = nextHoliday(holidays, today);
  if (!next) return count;
  const when = next.startDate <= today ? "now" : "next";
  const name = next.name?.trim();
  return `${count} · ${when}: ${name ? `${name}, ` : ""}${holidayDates(next)}`;
}

// --- Time zones ---------------------------------------------------------------------------------

/** Used where the browser can't list its zones. */
const FALLBACK_ZONES: readonly string[] = [
  "UTC",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/New_York",
  "America/Sao_Paulo",
  "Asia/Dubai",
  "Asia/Kolkata",
  "Asia/Shanghai",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Europe/Berlin",
  "Europe/Copenhagen",
  "Europe/Helsinki",
  "Europe/London",
  "Europe/Madrid",
  "Europe/Oslo",
  "Europe/Paris",
  "Europe/Stockholm",
  "Pacific/Auckland",
];

/** The browser's own IANA zone ("UTC" when it doesn't say). */
export function ownTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** The IANA zones the browser knows (Intl.supportedValuesOf), or a short list of common ones. */
export function supportedTimeZones(): string[] {
  const intl = Intl as { supportedValuesOf?: (key: "timeZone") => string[] };
  try {
    if (typeof intl.supportedValuesOf === "function") {
      const zones = intl.supportedValuesOf("timeZone");
      if (zones.length > 0) return zones.includes("UTC") ? zones : [...zones, "UTC"];
    }
  } catch {
    // Fall through to the short list.
  }
  return [...FALLBACK_ZONES];
}

/**
 * The picker's zones: the browser's own first, then the current value when the list doesn't
 * have it (so an existing period keeps its zone), then the rest alphabetically.
 */
export function timeZoneOptions(
  current: string,
  supported: readonly string[] = supportedTimeZones(),
  own: string = ownTimeZone(),
): string[] {
  const first = [own, current.trim()].filter((z, i, all) => z && all.indexOf(z) === i);
  const rest = [...new Set(supported)].filter((z) => !first.includes(z)).sort((a, b) => a.localeCompare(b));
  return [...first, ...rest];
}

// --- Open now -----------------------------------------------------------------------------------

interface ZonedParts {
  date: string;
  weekday: string;
  time: string;
}

/** The calendar date, short weekday and HH:MM of an instant in a zone (the browser's on a bad zone). */
export function zonedParts(at: Date | number, timeZone?: string): ZonedParts {
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
  } catch {
    format = new Intl.DateTimeFormat("en-US", options);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(at)) parts[p.type] = p.value;
  const hour = parts.hour === "24" ? "00" : parts.hour;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: parts.weekday, time: `${hour}:${parts.minute}` };
}

/** Today's date ("YYYY-MM-DD") in a zone. */
export function todayIn(timeZone?: string, now: Date | number = Date.now()): string {
  return zonedParts(now, timeZone).date;
}

function daysBetween(from: string, to: string): number {
  const a = dateParts(from);
  const b = dateParts(to);
  if (!a || !b) return Number.NaN;
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/**
 * When a closed period opens, in its own zone: "Opens today 13:00", "Opens tomorrow 09:00",
 * "Opens Mon 09:00" within the week, "Opens Jan 5 09:00" (with the year when not this one) later.
 */
export function opensText(nextOpening: string, timeZone: string, now: Date | number = Date.now()): string {
  const t = Date.parse(nextOpening);
  if (Number.isNaN(t)) return "Closed now";
  const when = zonedParts(t, timeZone);
  const today = zonedParts(now, timeZone).date;
  const days = daysBetween(today, when.date);
  if (days <= 0) return `Opens today ${when.time}`;
  if (days === 1) return `Opens tomorrow ${when.time}`;
  if (days < 7) return `Opens ${when.weekday} ${when.time}`;
  const p = dateParts(when.date);
  if (!p) return `Opens ${when.date} ${when.time}`;
  const year = p.y === dateParts(today)?.y ? "" : `, ${p.y}`;
  return `Opens ${MONTHS[p.m - 1]} ${p.d}${year} ${when.time}`;
}

/** "Open now", "Opens Mon 09:00" (in the period's zone) or, with no working time ahead, "Closed, no opening ahead". */
export function openState(h: Pick<WorkingHours, "openNow" | "nextOpening" | "timeZone">, now: Date | number = Date.now()): string {
  if (h.openNow) return "Open now";
  if (h.nextOpening) return opensText(h.nextOpening, h.timeZone, now);
  return "Closed, no opening ahead";
}

// --- A queue's hours and away message -----------------------------------------------------------

export interface QueueHoursDraft {
  /** "" for always open. */
  workingHoursId: string;
  awayEnabled: boolean;
  awayMessage: string;
  closeConversation: boolean;
}

/** The draft for what the server answered (null while unknown: always open, no away message). */
export function queueHoursDraft(v: QueueWorkingHours | null | undefined): QueueHoursDraft {
  return {
    workingHoursId: v?.workingHoursId ?? "",
    awayEnabled: v?.awayMessage.enabled ?? false,
    awayMessage: v?.awayMessage.message ?? "",
    closeConversation: v?.awayMessage.closeConversation ?? false,
  };
}

/** Why the away message can't be saved: switched on without text, or too long. */
export function awayMessageError(d: QueueHoursDraft): string | null {
  const text = d.awayMessage.trim();
  if (d.awayEnabled && !text) return "Write the away message before switching it on.";
  const length = [...text].length;
  if (length > AWAY_MESSAGE_MAX) return `Use at most ${AWAY_MESSAGE_MAX} characters (${length} now).`;
  return null;
}

/** The PATCH body for what changed (null for always open, null for a removed text); null when nothing did. */
export function queueHoursPatch(saved: QueueHoursDraft, d: QueueHoursDraft): PatchQueueWorkingHours | null {
  const patch: PatchQueueWorkingHours = {};
  if (d.workingHoursId !== saved.workingHoursId) patch.workingHoursId = d.workingHoursId || null;
  const away: NonNullable<PatchQueueWorkingHours["awayMessage"]> = {};
  if (d.awayEnabled !== saved.awayEnabled) away.enabled = d.awayEnabled;
  const text = d.awayMessage.trim();
  if (text !== saved.awayMessage.trim()) away.message = text || null;
  if (d.closeConversation !== saved.closeConversation) away.closeConversation = d.closeConversation;
  if (Object.keys(away).length > 0) patch.awayMessage = away;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** A queue's state now: "Always open" without a period, else "Open now" or when its period opens. */
export function queueOpenState(
  v: Pick<QueueWorkingHours, "workingHoursId" | "openNow">,
  period: Pick<WorkingHours, "nextOpening" | "timeZone"> | undefined,
  now: Date | number = Date.now(),
): string {
  if (!v.workingHoursId) return "Always open";
  if (v.openNow) return "Open now";
  if (period?.nextOpening) return opensText(period.nextOpening, period.timeZone, now);
  return "Closed now";
}
