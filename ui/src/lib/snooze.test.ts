import { describe, expect, it } from "vitest";
import { localInputValue, parseLocalInput, snoozeChoices } from "./snooze";

describe("snoozeChoices", () => {
  it("offers three hours on, tomorrow 09:00 and next Monday 09:00 (local time)", () => {
    const wednesday = new Date(2026, 0, 7, 14, 30).getTime();
    const [later, tomorrow, monday] = snoozeChoices(wednesday);
    expect(new Date(later.until).getTime()).toBe(wednesday + 3 * 3600_000);
    expect(new Date(tomorrow.until)).toEqual(new Date(2026, 0, 8, 9, 0));
    expect(new Date(monday.until)).toEqual(new Date(2026, 0, 12, 9, 0));
    // On a Monday, "Monday" is a week on.
    const onMonday = snoozeChoices(new Date(2026, 0, 12, 8, 0).getTime())[2];
    expect(new Date(onMonday.until)).toEqual(new Date(2026, 0, 19, 9, 0));
  });
});

describe("local input values", () => {
  it("round-trip, and refuse what is not a time", () => {
    const t = new Date(2026, 5, 1, 9, 5).getTime();
    expect(localInputValue(t)).toBe("2026-06-01T09:05");
    expect(parseLocalInput("2026-06-01T09:05")).toBe(new Date(t).toISOString());
    expect(parseLocalInput("")).toBeNull();
    expect(parseLocalInput("tomorrow")).toBeNull();
  });
});
