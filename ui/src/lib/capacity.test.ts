// Unit tests for the capacity forms: reading fields, the agent and default PATCH bodies, and counted statuses.
import { describe, expect, it } from "vitest";
import {
  capacityDraft,
  capacityErrors,
  countedSummary,
  COUNTED_ROWS,
  DEFAULT_COUNTED,
  defaultsPatch,
  effectiveCapacity,
  hasCapacityErrors,
  isDefaultCounted,
  ownCapacityPatch,
  parseCapacity,
} from "./capacity";

describe("parseCapacity", () => {
  it("reads an empty field as the default, or asks for a number when required", () => {
    expect(parseCapacity("")).toEqual({ value: null, error: null });
    expect(parseCapacity("   ")).toEqual({ value: null, error: null });
    expect(parseCapacity("", true)).toEqual({ value: null, error: "Enter a number from 0 to 1000." });
  });

  it("takes whole numbers from 0 to 1000", () => {
    expect(parseCapacity("0")).toEqual({ value: 0, error: null });
    expect(parseCapacity(" 12 ")).toEqual({ value: 12, error: null });
    expect(parseCapacity("007")).toEqual({ value: 7, error: null });
    expect(parseCapacity("1000")).toEqual({ value: 1000, error: null });
    expect(parseCapacity("1001")).toEqual({ value: null, error: "Use at most 1000." });
  });

  it("refuses anything else", () => {
    for (const bad of ["-1", "2.5", "1e3", "five", "3 4", "+3", "0x10"]) {
      expect(parseCapacity(bad).error, bad).toBe("Enter a whole number from 0 to 1000.");
    }
  });
});

describe("capacity drafts and bodies", () => {
  it("shows set groups as numbers and missing ones empty", () => {
    expect(capacityDraft({ email: 3 })).toEqual({ email: "3", liveMessaging: "", liveChat: "" });
    expect(capacityDraft({ email: 0, liveMessaging: null, liveChat: 8 })).toEqual({ email: "0", liveMessaging: "", liveChat: "8" });
    expect(capacityDraft(null)).toEqual({ email: "", liveMessaging: "", liveChat: "" });
    expect(capacityDraft({ email: 5, liveMessaging: 6, liveChat: 7 })).toEqual({ email: "5", liveMessaging: "6", liveChat: "7" });
  });

  it("reports each field's error", () => {
    const errors = capacityErrors({ email: "x", liveMessaging: "", liveChat: "4" });
    expect(errors).toEqual({ email: "Enter a whole number from 0 to 1000.", liveMessaging: null, liveChat: null });
    expect(hasCapacityErrors(errors)).toBe(true);
    expect(hasCapacityErrors(capacityErrors({ email: "", liveMessaging: "", liveChat: "" }))).toBe(false);
    expect(capacityErrors({ email: "", liveMessaging: "1", liveChat: "1" }, true).email).not.toBeNull();
  });

  it("patches an agent's changed groups: a number sets, empty clears (null)", () => {
    const own = { email: 3, liveChat: 8 };
    expect(ownCapacityPatch(own, { email: "3", liveMessaging: "", liveChat: "8" })).toBeNull();
    expect(ownCapacityPatch(own, { email: "4", liveMessaging: "2", liveChat: "" })).toEqual({ email: 4, liveMessaging: 2, liveChat: null });
    expect(ownCapacityPatch(undefined, { email: "0", liveMessaging: "", liveChat: "" })).toEqual({ email: 0 });
    expect(() => ownCapacityPatch(own, { email: "lots", liveMessaging: "", liveChat: "" })).toThrow(/whole number/);
  });

  it("patches changed defaults, every field required", () => {
    const defaults = { email: 5, liveMessaging: 5, liveChat: 5 };
    expect(defaultsPatch(defaults, { email: "5", liveMessaging: "5", liveChat: "5" })).toBeNull();
    expect(defaultsPatch(defaults, { email: "10", liveMessaging: "5", liveChat: "3" })).toEqual({ email: 10, liveChat: 3 });
    expect(() => defaultsPatch(defaults, { email: "", liveMessaging: "5", liveChat: "5" })).toThrow(/0 to 1000/);
  });

  it("resolves the capacity an agent works with", () => {
    const defaults = { email: 10, liveMessaging: 5, liveChat: 3 };
    expect(effectiveCapacity({ liveChat: 8 }, defaults)).toEqual({ email: 10, liveMessaging: 5, liveChat: 8 });
    expect(effectiveCapacity({ email: 0, liveMessaging: null }, defaults)).toEqual({ email: 0, liveMessaging: 5, liveChat: 3 });
    expect(effectiveCapacity(null, defaults)).toEqual(defaults);
  });
});

describe("counted statuses", () => {
  it("always counts Open; Waiting by default, Solved not", () => {
    expect(COUNTED_ROWS.map((r) => [r.status, r.key])).toEqual([
      ["Open", null],
      ["Waiting", "waiting"],
      ["Solved", "solved"],
    ]);
    expect(DEFAULT_COUNTED).toEqual({ waiting: true, solved: false });
    expect(isDefaultCounted({ waiting: true, solved: false })).toBe(true);
    expect(isDefaultCounted({ waiting: true, solved: true })).toBe(false);
    expect(isDefaultCounted({ waiting: false, solved: false })).toBe(false);
  });

  it("summarises what counts", () => {
    expect(countedSummary({ waiting: true, solved: false })).toBe("Open, Waiting");
    expect(countedSummary({ waiting: false, solved: false })).toBe("Open");
    expect(countedSummary({ waiting: true, solved: true })).toBe("Open, Waiting, Solved");
    expect(countedSummary({ waiting: false, solved: true })).toBe("Open, Solved");
  });
});
