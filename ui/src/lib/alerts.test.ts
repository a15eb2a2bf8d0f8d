import { describe, expect, it } from "vitest";
import { faviconUrl, marksUnread, parseUnread, unreadTitle } from "./alerts";

describe("alerts", () => {
  it("puts the unread count in front of the title", () => {
    expect(unreadTitle("Switchboard", 0)).toBe("Switchboard");
    expect(unreadTitle("Switchboard", 3)).toBe("(3) Switchboard");
    expect(unreadTitle("Switchboard", 120)).toBe("(99+) Switchboard");
  });

  it("draws a badge on the favicon only with unread work", () => {
    expect(decodeURIComponent(faviconUrl(0))).not.toContain("<circle");
    expect(decodeURIComponent(faviconUrl(2))).toContain(">2</text>");
    expect(decodeURIComponent(faviconUrl(12))).toContain(">9+</text>");
  });

  it("marks unread unless the conversation is open in a visible page", () => {
    expect(marksUnread(5, 5, true)).toBe(false);
    expect(marksUnread(5, 5, false)).toBe(true);
    expect(marksUnread(5, 6, true)).toBe(true);
    expect(marksUnread(5, null, true)).toBe(true);
  });

  it("reads stored ids defensively", () => {
    expect(parseUnread(null)).toEqual([]);
    expect(parseUnread("not json")).toEqual([]);
    expect(parseUnread('{"a":1}')).toEqual([]);
    expect(parseUnread('[1, "2", 3.5, 4]')).toEqual([1, 4]);
  });
});
