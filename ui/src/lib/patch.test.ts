// Unit tests for partial attribute changes: text and list changes, list normalisation and the list
// editor's checks, and calendar dates.
import { describe, expect, it } from "vitest";
import {
  addToList,
  dateError,
  isCalendarDate,
  listChange,
  listInputError,
  MAX_ATTRIBUTE_TEXT,
  MAX_LIST_ITEMS,
  normalizeList,
  removeFromList,
  sameList,
  splitListInput,
  textChange,
  textError,
} from "./patch";

describe("list normalisation", () => {
  it("trims items, drops empty ones and repeats that differ only in case (the first spelling stays)", () => {
    expect(normalizeList([" VIP ", "", "   ", "vip", "Gold", "gold ", "Vip"])).toEqual(["VIP", "Gold"]);
    expect(normalizeList([])).toEqual([]);
    expect(normalizeList(["b", "a", "B"])).toEqual(["b", "a"]);
  });

  it("splits typed text on commas and line breaks", () => {
    expect(splitListInput("acme.test, acme.example\nACME.test,,  ")).toEqual(["acme.test", "acme.example"]);
    expect(splitListInput("   ")).toEqual([]);
  });

  it("adds typed items after the listed ones, without repeats, and removes one", () => {
    expect(addToList(["VIP"], " gold, vip ")).toEqual(["VIP", "gold"]);
    expect(addToList([], "")).toEqual([]);
    expect(removeFromList(["VIP", "gold"], "VIP")).toEqual(["gold"]);
    expect(removeFromList(["VIP"], "vip")).toEqual(["VIP"]);
  });

  it("compares lists once normalised, spelling and order included", () => {
    expect(sameList(["a", "b"], [" a", "b", "A"])).toBe(true);
    expect(sameList(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameList(["vip"], ["VIP"])).toBe(false);
    expect(sameList([], ["  "])).toBe(true);
  });

  it("says why typed text can't be added", () => {
    expect(listInputError(["VIP"], "")).toBeNull();
    expect(listInputError(["VIP"], "gold")).toBeNull();
    expect(listInputError(["VIP"], " vip ")).toBe("“vip” is already listed.");
    expect(listInputError(["VIP", "gold"], "vip, GOLD")).toBe("These are already listed.");
    expect(listInputError(["VIP"], "vip, new")).toBeNull();
    expect(listInputError([], "x".repeat(MAX_ATTRIBUTE_TEXT + 1))).toMatch(/at most 500 characters/);
    const full = Array.from({ length: MAX_LIST_ITEMS }, (_, i) => `t${i}`);
    expect(listInputError(full, "one more")).toMatch(/at most 100 items/);
    // Other limits for longer lists (senders: 500 of up to 320 characters).
    expect(listInputError(full, "one more", 500, 320)).toBeNull();
    expect(listInputError([], "x".repeat(321), 500, 320)).toMatch(/at most 320 characters/);
  });
});

describe("partial changes", () => {
  it("leaves an unchanged text out, sends an emptied one as null and a new one trimmed", () => {
    expect(textChange("Oslo", "Oslo")).toBeUndefined();
    expect(textChange("Oslo", "  Oslo ")).toBeUndefined();
    expect(textChange(null, "")).toBeUndefined();
    expect(textChange(undefined, "   ")).toBeUndefined();
    expect(textChange("Oslo", "")).toBeNull();
    expect(textChange("Oslo", "  ")).toBeNull();
    expect(textChange("Oslo", " Bergen ")).toBe("Bergen");
    expect(textChange(null, "Bergen")).toBe("Bergen");
  });

  it("leaves an unchanged list out, sends an emptied one as null and a changed one normalised", () => {
    expect(listChange(["VIP"], ["VIP"])).toBeUndefined();
    expect(listChange(["VIP"], [" VIP ", "vip"])).toBeUndefined();
    expect(listChange(undefined, [])).toBeUndefined();
    expect(listChange(null, ["  "])).toBeUndefined();
    expect(listChange(["VIP"], [])).toBeNull();
    expect(listChange(["VIP"], ["VIP", " gold"])).toEqual(["VIP", "gold"]);
    expect(listChange(["VIP", "gold"], ["gold"])).toEqual(["gold"]);
    expect(listChange(["vip"], ["VIP"])).toEqual(["VIP"]);
    expect(listChange(undefined, ["a", "A"])).toEqual(["a"]);
  });

  it("refuses texts the server wouldn't keep", () => {
    expect(textError("")).toBeNull();
    expect(textError(`  ${"x".repeat(MAX_ATTRIBUTE_TEXT)}  `)).toBeNull();
    expect(textError("x".repeat(MAX_ATTRIBUTE_TEXT + 1))).toMatch(/at most 500/);
  });
});

describe("calendar dates", () => {
  it("accepts real days written YYYY-MM-DD", () => {
    for (const d of ["1990-05-17", "2024-02-29", "2000-02-29", "1999-12-31", "0001-01-01"]) expect(isCalendarDate(d)).toBe(true);
  });

  it("refuses days that don't exist and other spellings", () => {
    for (const d of ["2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "0000-01-01"]) {
      expect(isCalendarDate(d)).toBe(false);
    }
    for (const d of ["1990-5-17", "17-05-1990", "1990/05/17", "1990-05-17T00:00:00Z", " 1990-05-17", "", "yesterday"]) {
      expect(isCalendarDate(d)).toBe(false);
    }
  });

  it("explains a refused date; empty is allowed (no date)", () => {
    expect(dateError("")).toBeNull();
    expect(dateError("  ")).toBeNull();
    expect(dateError("1990-05-17")).toBeNull();
    expect(dateError(" 1990-05-17 ")).toBeNull();
    expect(dateError("2023-02-29")).toBe("That day doesn't exist.");
    expect(dateError("17.05.1990")).toBe("Enter a date as YYYY-MM-DD.");
  });
});
