// Unit tests for the working-hours logic: times of day, the week and holidays in the form, checks,
// bodies, summaries, the time zone list, "Open now" / "Opens …" and a queue's away message.
import { describe, expect, it } from "vitest";
import type { QueueWorkingHours, WorkingHours } from "./api/types";
import {
  addHoliday,
  addInterval,
  applyHours,
  awayMessageError,
  closedWeek,
  copyDay,
  dayErrors,
  defaultWeek,
  emptyHoursDraft,
  firstHoursError,
  formatTime,
  holidayDates,
  holidayError,
  holidaysBody,
  holidaysSummary,
  hoursCreateBody,
  hoursDraft,
  hoursDraftErrors,
  hoursNameError,
  hoursPatch,
  intervalError,
  nextInterval,
  normalizeTime,
  openState,
  opensText,
  parseTime,
  queueHoursDraft,
  queueHoursPatch,
  queueOpenState,
  removeHoliday,
  removeInterval,
  setDayOpen,
  setHoliday,
  setIntervalTime,
  timeZoneOptions,
  todayIn,
  weekBody,
  weekDraft,
  WEEKDAYS,
  WEEKDAY_LABELS,
  weekSummary,
  zonedParts,
} from "./hours";

function period(fields: Partial<WorkingHours> = {}): WorkingHours {
  return {
    id: "h1",
    name: "Support",
    timeZone: "Europe/Copenhagen",
    days: defaultWeek(),
    holidays: [],
    isDefault: false,
    openNow: true,
    nextOpening: "2026-03-02T08:00:00Z",
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...fields,
  };
}

describe("weekdays and weeks", () => {
  it("lists the week Monday first with labels", () => {
    expect(WEEKDAYS).toEqual(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);
    expect(WEEKDAYS.map((d) => WEEKDAY_LABELS[d])).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
  });

  it("starts a period Monday to Friday 09:00–17:00, the weekend off", () => {
    const week = defaultWeek();
    expect(week.monday).toEqual([{ start: "09:00", end: "17:00" }]);
    expect(week.friday).toEqual([{ start: "09:00", end: "17:00" }]);
    expect(week.saturday).toEqual([]);
    expect(week.sunday).toEqual([]);
    // Each day has its own copy.
    week.monday[0].end = "12:00";
    expect(week.tuesday[0].end).toBe("17:00");
    expect(Object.values(closedWeek()).every((d) => d.length === 0)).toBe(true);
  });
});

describe("times of day", () => {
  it("reads HH:MM from 00:00 to 24:00", () => {
    expect(parseTime("00:00")).toBe(0);
    expect(parseTime("09:30")).toBe(570);
    expect(parseTime(" 9:05 ")).toBe(545);
    expect(parseTime("24:00")).toBe(1440);
    for (const bad of ["24:01", "25:00", "12:60", "9", "09.00", "", "ab:cd", "123:00"]) expect(parseTime(bad)).toBeNull();
  });

  it("writes and normalizes HH:MM", () => {
    expect(formatTime(0)).toBe("00:00");
    expect(formatTime(1440)).toBe("24:00");
    expect(normalizeTime("9:00")).toBe("09:00");
    expect(normalizeTime(" 9.00 ")).toBe("9.00");
  });
});

describe("the week in the form", () => {
  it("switches days off keeping their intervals, and back on", () => {
    let days = weekDraft(defaultWeek());
    days = setDayOpen(days, "monday", false);
    expect(days.monday).toEqual({ open: false, intervals: [{ start: "09:00", end: "17:00" }] });
    expect(weekBody(days).monday).toEqual([]);
    days = setDayOpen(days, "monday", true);
    expect(weekBody(days).monday).toEqual([{ start: "09:00", end: "17:00" }]);
    days = setDayOpen(days, "saturday", true);
    expect(days.saturday).toEqual({ open: true, intervals: [{ start: "09:00", end: "17:00" }] });
  });

  it("adds split shifts after the last interval and switches a day off with its last one", () => {
    let days = weekDraft(defaultWeek());
    days = setIntervalTime(days, "monday", 0, "end", "12:00");
    days = addInterval(days, "monday");
    expect(days.monday.intervals).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "17:00" },
    ]);
    days = addInterval(days, "sunday");
    expect(days.sunday).toEqual({ open: true, intervals: [{ start: "09:00", end: "17:00" }] });
    days = removeInterval(days, "sunday", 0);
    expect(days.sunday).toEqual({ open: false, intervals: [] });
    days = removeInterval(days, "monday", 0);
    expect(days.monday).toEqual({ open: true, intervals: [{ start: "13:00", end: "17:00" }] });
  });

  it("suggests the next interval an hour later, up to 24:00", () => {
    expect(nextInterval([])).toEqual({ start: "09:00", end: "17:00" });
    expect(nextInterval([{ start: "09:00", end: "17:00" }])).toEqual({ start: "18:00", end: "22:00" });
    expect(nextInterval([{ start: "20:00", end: "23:30" }])).toEqual({ start: "23:30", end: "24:00" });
    expect(nextInterval([{ start: "00:00", end: "24:00" }])).toEqual({ start: "", end: "" });
  });

  it("copies one day's hours to others", () => {
    let days = weekDraft(closedWeek());
    days = addInterval(days, "monday");
    days = setIntervalTime(days, "monday", 0, "start", "08:00");
    days = copyDay(days, "monday", ["tuesday", "wednesday"]);
    expect(weekBody(days).wednesday).toEqual([{ start: "08:00", end: "17:00" }]);
    expect(weekBody(days).thursday).toEqual([]);
    days = setIntervalTime(days, "tuesday", 0, "end", "16:00");
    expect(days.wednesday.intervals[0].end).toBe("17:00");
  });

  it("edits holidays; the last day follows a later first day", () => {
    let holidays = addHoliday([]);
    expect(holidays).toEqual([{ name: "", startDate: "", endDate: "" }]);
    holidays = setHoliday(holidays, 0, { startDate: "2026-12-24" });
    expect(holidays[0].endDate).toBe("2026-12-24");
    holidays = setHoliday(holidays, 0, { endDate: "2026-12-26", name: "Christmas" });
    holidays = setHoliday(holidays, 0, { startDate: "2026-12-25" });
    expect(holidays[0]).toEqual({ name: "Christmas", startDate: "2026-12-25", endDate: "2026-12-26" });
    holidays = setHoliday(holidays, 0, { startDate: "2026-12-28" });
    expect(holidays[0].endDate).toBe("2026-12-28");
    expect(removeHoliday(addHoliday(holidays), 0)).toEqual([{ name: "", startDate: "", endDate: "" }]);
  });
});

describe("checks", () => {
  it("names a bad time, a missing one and an interval that doesn't end after it starts", () => {
    expect(intervalError({ start: "09:00", end: "17:00" })).toBeNull();
    expect(intervalError({ start: "22:00", end: "24:00" })).toBeNull();
    expect(intervalError({ start: "", end: "17:00" })).toBe("Enter the start as HH:MM, e.g. 09:00.");
    expect(intervalError({ start: "09:00", end: "25:00" })).toBe("The end “25:00” is not a time of day: use HH:MM, 00:00 to 24:00.");
    expect(intervalError({ start: "17:00", end: "9:00" })).toBe("The interval must end after it starts (17:00–09:00).");
    expect(intervalError({ start: "09:00", end: "09:00" })).toBe("The interval must end after it starts (09:00–09:00).");
  });

  it("refuses overlapping intervals in a day but lets them touch; a day off isn't checked", () => {
    const overlap = { open: true, intervals: [{ start: "13:00", end: "17:00" }, { start: "09:00", end: "13:30" }] };
    expect(dayErrors(overlap).day).toBe("09:00–13:30 and 13:00–17:00 overlap.");
    expect(dayErrors({ open: true, intervals: [{ start: "09:00", end: "12:00" }, { start: "12:00", end: "17:00" }] }).day).toBeNull();
    expect(dayErrors({ ...overlap, open: false })).toEqual({ intervals: [null, null], day: null });
    const many = { open: true, intervals: Array.from({ length: 25 }, (_, i) => ({ start: formatTime(i * 50), end: formatTime(i * 50 + 10) })) };
    expect(dayErrors(many).day).toBe("Use at most 24 intervals a day.");
  });

  it("checks holidays: both days chosen, the last not before the first", () => {
    expect(holidayError({ name: "", startDate: "2026-12-24", endDate: "2026-12-24" })).toBeNull();
    expect(holidayError({ name: "", startDate: "", endDate: "" })).toBe("Choose the holiday's first day.");
    expect(holidayError({ name: "", startDate: "2026-12-24", endDate: "" })).toBe("Choose the holiday's last day.");
    expect(holidayError({ name: "X", startDate: "2026-12-24", endDate: "2026-12-23" })).toBe(
      "The holiday can't end (2026-12-23) before it starts (2026-12-24).",
    );
  });

  it("takes no name for a new period, needs one when editing, and refuses one taken", () => {
    const periods = [period(), period({ id: "h2", name: "Weekend" })];
    expect(hoursNameError("", periods)).toBeNull();
    expect(hoursNameError("  ", periods, "h1")).toBe("Enter a name.");
    expect(hoursNameError("weekend", periods)).toBe("Working hours named Weekend already exist.");
    expect(hoursNameError("Support", periods, "h1")).toBeNull();
    expect(hoursNameError("x".repeat(201), periods)).toBe("Use at most 200 characters.");
  });

  it("collects the form's problems and names the first with its day", () => {
    const d = emptyHoursDraft("Europe/Copenhagen");
    expect(hoursDraftErrors(d, []).any).toBe(false);
    d.days = setIntervalTime(d.days, "wednesday", 0, "end", "08:00");
    d.holidays = [{ name: "", startDate: "2026-12-24", endDate: "2026-12-01" }];
    const e = hoursDraftErrors(d, []);
    expect(e.any).toBe(true);
    expect(e.days.wednesday.intervals).toEqual(["The interval must end after it starts (09:00–08:00)."]);
    expect(e.holidays[0]).toMatch(/before it starts/);
    expect(firstHoursError(e)).toBe("Wednesday: The interval must end after it starts (09:00–08:00).");
    d.timeZone = " ";
    expect(firstHoursError(hoursDraftErrors(d, []))).toBe("Choose a time zone.");
    expect(firstHoursError(hoursDraftErrors(emptyHoursDraft("UTC"), []))).toBeNull();
  });
});

describe("bodies", () => {
  it("creates with the week, holidays and default mark; an empty name is left out", () => {
    const d = emptyHoursDraft("Europe/Copenhagen");
    d.days = setIntervalTime(d.days, "monday", 0, "start", "9:00");
    d.days = addInterval(setIntervalTime(d.days, "monday", 0, "end", "12:00"), "monday");
    d.days = setDayOpen(d.days, "friday", false);
    d.holidays = [
      { name: "  ", startDate: "2026-12-31", endDate: "2026-12-31" },
      { name: " Christmas ", startDate: "2026-12-24", endDate: "2026-12-26" },
    ];
    d.isDefault = true;
    expect(hoursCreateBody(d)).toEqual({
      timeZone: "Europe/Copenhagen",
      days: {
        monday: [
          { start: "09:00", end: "12:00" },
          { start: "13:00", end: "17:00" },
        ],
        tuesday: [{ start: "09:00", end: "17:00" }],
        wednesday: [{ start: "09:00", end: "17:00" }],
        thursday: [{ start: "09:00", end: "17:00" }],
        friday: [],
        saturday: [],
        sunday: [],
      },
      holidays: [
        { name: "Christmas", startDate: "2026-12-24", endDate: "2026-12-26" },
        { startDate: "2026-12-31", endDate: "2026-12-31" },
      ],
      isDefault: true,
    });
    d.name = " Support ";
    expect(hoursCreateBody(d).name).toBe("Support");
  });

  it("sends only what changed, the week and holidays whole", () => {
    const h = period({ holidays: [{ name: "Christmas", startDate: "2026-12-24", endDate: "2026-12-26" }] });
    const d = hoursDraft(h);
    expect(hoursPatch(h, d)).toBeNull();
    // Reordered intervals and a padded time are no change.
    d.days = setIntervalTime(d.days, "monday", 0, "start", "9:00");
    expect(hoursPatch(h, d)).toBeNull();
    d.days = setDayOpen(d.days, "saturday", true);
    d.isDefault = true;
    d.name = "Support desk";
    const patch = hoursPatch(h, d);
    expect(patch).toEqual({ name: "Support desk", days: { ...defaultWeek(), saturday: [{ start: "09:00", end: "17:00" }] }, isDefault: true });
    d.holidays = [];
    d.timeZone = "UTC";
    expect(hoursPatch(h, d)).toMatchObject({ holidays: [], timeZone: "UTC" });
  });

  it("keeps holiday names out when empty, sorted by first day", () => {
    expect(
      holidaysBody([
        { name: null, startDate: "2026-05-01", endDate: "2026-05-01" },
        { name: "New year", startDate: "2026-01-01", endDate: "2026-01-01" },
      ]),
    ).toEqual([
      { name: "New year", startDate: "2026-01-01", endDate: "2026-01-01" },
      { startDate: "2026-05-01", endDate: "2026-05-01" },
    ]);
  });

  it("moves the default mark in the list and keeps it by name", () => {
    const list = [period({ id: "a", name: "B", isDefault: true }), period({ id: "b", name: "C" })];
    const changed = period({ id: "c", name: "A", isDefault: true });
    expect(applyHours(list, changed).map((p) => [p.name, p.isDefault])).toEqual([
      ["A", true],
      ["B", false],
      ["C", false],
    ]);
    expect(applyHours(list, period({ id: "b", name: "0", isDefault: false })).map((p) => [p.name, p.isDefault])).toEqual([
      ["0", false],
      ["B", true],
    ]);
  });
});

describe("summaries", () => {
  it("puts days with the same hours together", () => {
    expect(weekSummary(defaultWeek())).toBe("Mon–Fri 09:00–17:00");
    expect(weekSummary({ ...defaultWeek(), saturday: [{ start: "10:00", end: "14:00" }] })).toBe("Mon–Fri 09:00–17:00; Sat 10:00–14:00");
    const split = [
      { start: "13:00", end: "17:00" },
      { start: "09:00", end: "12:00" },
    ];
    expect(weekSummary({ ...closedWeek(), monday: split, wednesday: split, friday: [{ start: "09:00", end: "15:00" }] })).toBe(
      "Mon, Wed 09:00–12:00, 13:00–17:00; Fri 09:00–15:00",
    );
    const all = [{ start: "00:00", end: "24:00" }];
    expect(weekSummary({ monday: all, tuesday: all, wednesday: all, thursday: all, friday: all, saturday: all, sunday: all })).toBe(
      "Every day 00:00–24:00",
    );
    expect(weekSummary({ ...closedWeek(), saturday: all, sunday: all })).toBe("Sat, Sun 00:00–24:00");
    expect(weekSummary(closedWeek())).toBe("Closed every day");
  });

  it("writes holiday dates compactly", () => {
    expect(holidayDates({ startDate: "2026-12-24", endDate: "2026-12-24" })).toBe("Dec 24, 2026");
    expect(holidayDates({ startDate: "2026-12-24", endDate: "2026-12-26" })).toBe("Dec 24–26, 2026");
    expect(holidayDates({ startDate: "2026-11-30", endDate: "2026-12-02" })).toBe("Nov 30 – Dec 2, 2026");
    expect(holidayDates({ startDate: "2026-12-31", endDate: "2027-01-01" })).toBe("Dec 31, 2026 – Jan 1, 2027");
  });

  it("counts holidays and names the next or current one", () => {
    const holidays = [
      { name: "Christmas", startDate: "2026-12-24", endDate: "2026-12-26" },
      { startDate: "2026-05-01", endDate: "2026-05-01" },
      { name: "Old", startDate: "2025-01-01", endDate: "2025-01-01" },
    ];
    expect(holidaysSummary([], "2026-06-01")).toBe("No holidays");
    expect(holidaysSummary(holidays, "2026-06-01")).toBe("3 holidays · next: Christmas, Dec 24–26, 2026");
    expect(holidaysSummary(holidays, "2026-04-01")).toBe("3 holidays · next: May 1, 2026");
    expect(holidaysSummary(holidays, "2026-12-26")).toBe("3 holidays · now: Christmas, Dec 24–26, 2026");
    expect(holidaysSummary(holidays.slice(2), "2026-12-27")).toBe("1 holiday");
  });
});

describe("time zones", () => {
  it("offers the browser's zone first, keeps an unknown current one and sorts the rest", () => {
    expect(timeZoneOptions("Europe/Copenhagen", ["UTC", "Europe/Copenhagen", "America/New_York"], "Europe/Copenhagen")).toEqual([
      "Europe/Copenhagen",
      "America/New_York",
      "UTC",
    ]);
    expect(timeZoneOptions("Asia/Calcutta", ["UTC", "Asia/Kolkata"], "Europe/Oslo")).toEqual(["Europe/Oslo", "Asia/Calcutta", "Asia/Kolkata", "UTC"]);
    expect(timeZoneOptions("", ["UTC"], "UTC")).toEqual(["UTC"]);
  });

  it("lists the zones the runtime knows, with UTC and the runtime's own", () => {
    const options = timeZoneOptions("");
    expect(options.length).toBeGreaterThan(1);
    expect(options).toContain("UTC");
    expect(options[0]).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  });
});

describe("open now", () => {
  // Thursday 2026-03-05 10:00 in Copenhagen (UTC+1).
  const NOW = Date.parse("2026-03-05T09:00:00Z");

  it("reads an instant's date, weekday and time in a zone", () => {
    expect(zonedParts(NOW, "Europe/Copenhagen")).toEqual({ date: "2026-03-05", weekday: "Thu", time: "10:00" });
    expect(zonedParts(Date.parse("2026-03-05T23:30:00Z"), "Europe/Copenhagen")).toEqual({ date: "2026-03-06", weekday: "Fri", time: "00:30" });
    expect(todayIn("America/New_York", NOW)).toBe("2026-03-05");
  });

  it("says when a closed period opens, in its own zone", () => {
    const tz = "Europe/Copenhagen";
    expect(opensText("2026-03-05T12:00:00Z", tz, NOW)).toBe("Opens today 13:00");
    expect(opensText("2026-03-06T08:00:00Z", tz, NOW)).toBe("Opens tomorrow 09:00");
    expect(opensText("2026-03-09T08:00:00Z", tz, NOW)).toBe("Opens Mon 09:00");
    expect(opensText("2026-04-01T07:00:00Z", tz, NOW)).toBe("Opens Apr 1 09:00");
    expect(opensText("2027-01-04T08:00:00Z", tz, NOW)).toBe("Opens Jan 4, 2027 09:00");
  });

  it("says Open now, when it opens or that it never does", () => {
    expect(openState(period({ openNow: true }), NOW)).toBe("Open now");
    expect(openState(period({ openNow: false, nextOpening: "2026-03-09T08:00:00Z" }), NOW)).toBe("Opens Mon 09:00");
    expect(openState(period({ openNow: false, nextOpening: undefined }), NOW)).toBe("Closed, no opening ahead");
  });

  it("says a queue without hours is always open", () => {
    const p = period({ openNow: false, nextOpening: "2026-03-06T08:00:00Z" });
    expect(queueOpenState({ openNow: true }, undefined, NOW)).toBe("Always open");
    expect(queueOpenState({ workingHoursId: "h1", openNow: true }, p, NOW)).toBe("Open now");
    expect(queueOpenState({ workingHoursId: "h1", openNow: false }, p, NOW)).toBe("Opens tomorrow 09:00");
    expect(queueOpenState({ workingHoursId: "h1", openNow: false }, undefined, NOW)).toBe("Closed now");
  });
});

describe("a queue's hours and away message", () => {
  const answer: QueueWorkingHours = {
    workingHoursId: "h1",
    awayMessage: { enabled: true, message: "We are closed.", closeConversation: false },
    openNow: false,
  };

  it("drafts what the server answered", () => {
    expect(queueHoursDraft(answer)).toEqual({ workingHoursId: "h1", awayEnabled: true, awayMessage: "We are closed.", closeConversation: false });
    expect(queueHoursDraft(null)).toEqual({ workingHoursId: "", awayEnabled: false, awayMessage: "", closeConversation: false });
  });

  it("needs a text to switch the away message on, at most 5000 characters", () => {
    const d = queueHoursDraft(answer);
    expect(awayMessageError(d)).toBeNull();
    expect(awayMessageError({ ...d, awayMessage: "  " })).toBe("Write the away message before switching it on.");
    expect(awayMessageError({ ...d, awayEnabled: false, awayMessage: "" })).toBeNull();
    expect(awayMessageError({ ...d, awayMessage: "x".repeat(5001) })).toBe("Use at most 5000 characters (5001 now).");
  });

  it("sends only what changed, null for always open and for a removed text", () => {
    const saved = queueHoursDraft(answer);
    expect(queueHoursPatch(saved, { ...saved, awayMessage: " We are closed. " })).toBeNull();
    expect(queueHoursPatch(saved, { ...saved, workingHoursId: "" })).toEqual({ workingHoursId: null });
    expect(queueHoursPatch(saved, { ...saved, workingHoursId: "h2", closeConversation: true })).toEqual({
      workingHoursId: "h2",
      awayMessage: { closeConversation: true },
    });
    expect(queueHoursPatch(saved, { ...saved, awayEnabled: false, awayMessage: "" })).toEqual({
      awayMessage: { enabled: false, message: null },
    });
    expect(queueHoursPatch(saved, { ...saved, awayMessage: " Back at 9. " })).toEqual({ awayMessage: { message: "Back at 9." } });
  });
});
