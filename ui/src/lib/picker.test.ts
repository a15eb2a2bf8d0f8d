import { describe, expect, it } from "vitest";
import { filterOptions, firstEnabled, moveActive, type PickerOption } from "./picker";

const options: PickerOption[] = [
  { id: "a", label: "Alice Smith", keywords: "alice@example.com Busy" },
  { id: "b", label: "Bob Jones", keywords: "Offline", disabled: true },
  { id: "c", label: "Cy Young", keywords: "Available" },
];

describe("filterOptions", () => {
  it("matches every word in the label or keywords, ignoring case", () => {
    expect(filterOptions(options, "").map((o) => o.id)).toEqual(["a", "b", "c"]);
    expect(filterOptions(options, "ALI").map((o) => o.id)).toEqual(["a"]);
    expect(filterOptions(options, "example busy").map((o) => o.id)).toEqual(["a"]);
    expect(filterOptions(options, "available").map((o) => o.id)).toEqual(["c"]);
    expect(filterOptions(options, "alice young")).toEqual([]);
  });
});

describe("moveActive", () => {
  it("skips disabled options and stops at the ends", () => {
    expect(firstEnabled(options)).toBe(0);
    expect(moveActive(options, 0, 1)).toBe(2);
    expect(moveActive(options, 2, 1)).toBe(2);
    expect(moveActive(options, 2, -1)).toBe(0);
    expect(moveActive(options, 0, -1)).toBe(0);
    expect(moveActive(options, 0, "end")).toBe(2);
    expect(moveActive(options, 2, "home")).toBe(0);
    expect(moveActive([], 0, 1)).toBe(-1);
    expect(firstEnabled([{ id: "x", label: "X", disabled: true }])).toBe(-1);
  });
});
