// Unit tests for queue assignment modes, the sticky window and the senders editor.
import { describe, expect, it } from "vitest";
import {
  addSender,
  ASSIGNMENT_MODES,
  assignmentModeSummary,
  assignmentPatch,
  removeSender,
  sameSenders,
  senderError,
  sendersBody,
  sendersDraft,
  setDefaultSender,
  STICKY_WINDOWS,
  stickyWindowLabel,
} from "./queues";

describe("assignment mode", () => {
  it("offers both modes and the four windows", () => {
    expect(ASSIGNMENT_MODES.map((m) => m.mode)).toEqual(["AnyAvailable", "LastInteracted"]);
    expect(STICKY_WINDOWS.map((w) => [w.window, w.label])).toEqual([
      ["Days30", "30 days"],
      ["Days60", "60 days"],
      ["Year", "1 year"],
      ["Ever", "Ever"],
    ]);
    expect(stickyWindowLabel("Year")).toBe("1 year");
  });

  it("summarises a queue's mode", () => {
    expect(assignmentModeSummary({ assignmentMode: "AnyAvailable", stickyWindow: "Days30" })).toBe("Any available agent");
    expect(assignmentModeSummary({ assignmentMode: "LastInteracted", stickyWindow: "Days60" })).toBe("Last agent (60 days)");
    expect(assignmentModeSummary({ assignmentMode: "LastInteracted", stickyWindow: "Ever" })).toBe("Last agent (ever)");
  });

  it("patches only what changed", () => {
    const q = { assignmentMode: "AnyAvailable", stickyWindow: "Days30" } as const;
    expect(assignmentPatch(q, "AnyAvailable", "Days30")).toBeNull();
    expect(assignmentPatch(q, "LastInteracted", "Days30")).toEqual({ assignmentMode: "LastInteracted" });
    expect(assignmentPatch(q, "LastInteracted", "Year")).toEqual({ assignmentMode: "LastInteracted", stickyWindow: "Year" });
    expect(assignmentPatch(q, "AnyAvailable", "Ever")).toEqual({ stickyWindow: "Ever" });
  });
});

describe("senders", () => {
  it("takes the named default, else the first", () => {
    expect(sendersDraft({ senders: ["a@x.io", "+4512345678"], defaultSender: "+4512345678" })).toEqual({
      senders: ["a@x.io", "+4512345678"],
      defaultSender: "+4512345678",
    });
    expect(sendersDraft({ senders: ["a@x.io", "b@x.io"], defaultSender: "B@X.IO" }).defaultSender).toBe("b@x.io");
    expect(sendersDraft({ senders: ["a@x.io", "b@x.io"] }).defaultSender).toBe("a@x.io");
    expect(sendersDraft({ senders: ["a@x.io"], defaultSender: "gone@x.io" }).defaultSender).toBe("a@x.io");
    expect(sendersDraft({ senders: [] })).toEqual({ senders: [], defaultSender: null });
    expect(sendersDraft(null)).toEqual({ senders: [], defaultSender: null });
  });

  it("checks a new sender: not empty, 320 characters, not listed in any case", () => {
    expect(senderError("web-chat", ["a@x.io"])).toBeNull();
    expect(senderError("  ", [])).toMatch(/Enter/);
    expect(senderError("x".repeat(321), [])).toBe("Use at most 320 characters.");
    expect(senderError(" A@X.io ", ["a@x.io"])).toBe("A@X.io is already listed.");
  });

  it("adds senders at the end, the first one becoming the default", () => {
    let d = sendersDraft(null);
    d = addSender(d, " a@x.io ");
    d = addSender(d, "+4512345678");
    expect(d).toEqual({ senders: ["a@x.io", "+4512345678"], defaultSender: "a@x.io" });
    expect(addSender(d, "A@x.io")).toBe(d);
    expect(addSender(d, "")).toBe(d);
  });

  it("moves the default to the first one left when it is removed", () => {
    const d = { senders: ["a@x.io", "b@x.io", "c@x.io"], defaultSender: "b@x.io" };
    expect(removeSender(d, "a@x.io")).toEqual({ senders: ["b@x.io", "c@x.io"], defaultSender: "b@x.io" });
    expect(removeSender(d, "b@x.io")).toEqual({ senders: ["a@x.io", "c@x.io"], defaultSender: "a@x.io" });
    expect(removeSender({ senders: ["a@x.io"], defaultSender: "a@x.io" }, "a@x.io")).toEqual({ senders: [], defaultSender: null });
  });

  it("picks a listed sender as the default only", () => {
    const d = { senders: ["a@x.io", "b@x.io"], defaultSender: "a@x.io" };
    expect(setDefaultSender(d, "b@x.io").defaultSender).toBe("b@x.io");
    expect(setDefaultSender(d, "z@x.io")).toBe(d);
  });

  it("builds the PUT body and compares drafts", () => {
    const d = { senders: ["a@x.io", "b@x.io"], defaultSender: "b@x.io" };
    expect(sendersBody(d)).toEqual({ senders: ["a@x.io", "b@x.io"], defaultSender: "b@x.io" });
    expect(sendersBody({ senders: [], defaultSender: null })).toEqual({ senders: [] });
    expect(sameSenders(d, { ...d, senders: [...d.senders] })).toBe(true);
    expect(sameSenders(d, { ...d, defaultSender: "a@x.io" })).toBe(false);
    expect(sameSenders(d, { senders: ["b@x.io", "a@x.io"], defaultSender: "b@x.io" })).toBe(false);
    expect(sameSenders(d, { senders: ["a@x.io"], defaultSender: "b@x.io" })).toBe(false);
  });
});
