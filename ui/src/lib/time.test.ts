// Unit tests for relative and absolute time formatting.
import { describe, expect, it } from "vitest";
import { formatRelative, timeValue } from "./time";

const NOW = new Date("2024-06-15T12:00:00Z").getTime();
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("formatRelative", () => {
  it("says just now for the last 45 seconds and for slightly future times", () => {
    expect(formatRelative(ago(0), NOW)).toBe("just now");
    expect(formatRelative(ago(44 * SEC), NOW)).toBe("just now");
    expect(formatRelative(ago(-5 * MIN), NOW)).toBe("just now");
  });

  it("uses minutes below an hour", () => {
    expect(formatRelative(ago(46 * SEC), NOW)).toBe("1m");
    expect(formatRelative(ago(5 * MIN), NOW)).toBe("5m");
    expect(formatRelative(ago(59 * MIN), NOW)).toBe("59m");
  });

  it("uses hours below a day and days below a week", () => {
    expect(formatRelative(ago(HOUR), NOW)).toBe("1h");
    expect(formatRelative(ago(23 * HOUR + 59 * MIN), NOW)).toBe("23h");
    expect(formatRelative(ago(DAY), NOW)).toBe("1d");
    expect(formatRelative(ago(6 * DAY), NOW)).toBe("6d");
  });

  it("uses a date beyond a week, with the year only when it differs", () => {
    const tenDays = new Date(NOW - 10 * DAY);
    expect(formatRelative(tenDays.toISOString(), NOW)).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/);
    expect(formatRelative("2021-03-04T12:00:00Z", NOW)).toMatch(/^Mar [345], 2021$/);
  });

  it("accepts a Date for now", () => {
    expect(formatRelative(ago(2 * HOUR), new Date(NOW))).toBe("2h");
  });

  it("returns an empty string for missing or invalid input", () => {
    expect(formatRelative(undefined, NOW)).toBe("");
    expect(formatRelative("", NOW)).toBe("");
    expect(formatRelative("not a date", NOW)).toBe("");
  });
});

describe("timeValue", () => {
  it("parses ISO timestamps and maps junk to 0", () => {
    expect(timeValue("1970-01-01T00:00:01Z")).toBe(1000);
    expect(timeValue(null)).toBe(0);
    expect(timeValue("nope")).toBe(0);
  });
});
