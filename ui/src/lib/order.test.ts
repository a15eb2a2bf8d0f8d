// Unit tests for lists the user puts in order: sorting by position and where a dragged row lands
// (the moves themselves are also tested through routes.test.ts and sla.test.ts).
import { describe, expect, it } from "vitest";
import { dropsAfter, sortByPosition } from "./order";

describe("order", () => {
  it("sorts by position, then by creation", () => {
    const items = [
      { id: "x", position: 1, createdAt: "2026-01-02T00:00:00Z" },
      { id: "y", position: 0, createdAt: "2026-01-03T00:00:00Z" },
      { id: "z", position: 1, createdAt: "2026-01-01T00:00:00Z" },
    ];
    expect(sortByPosition(items).map((x) => x.id)).toEqual(["y", "z", "x"]);
  });

  it("drops after a row when the pointer is in its bottom half", () => {
    const box = { top: 100, height: 40 };
    expect(dropsAfter(101, box)).toBe(false);
    expect(dropsAfter(120, box)).toBe(false);
    expect(dropsAfter(121, box)).toBe(true);
    expect(dropsAfter(139, box)).toBe(true);
  });
});
