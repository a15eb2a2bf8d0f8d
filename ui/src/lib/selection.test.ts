import { describe, expect, it } from "vitest";
import { clickSelect, rangeBetween } from "./selection";

describe("selection", () => {
  const order = [5, 4, 3, 2, 1];
  it("toggles one, and shift takes the range from the anchor either way", () => {
    let s = clickSelect(new Set(), order, null, 4, false);
    expect([...s]).toEqual([4]);
    s = clickSelect(s, order, 4, 2, true);
    expect([...s].sort()).toEqual([2, 3, 4]);
    s = clickSelect(s, order, 2, 5, true);
    expect([...s].sort()).toEqual([2, 3, 4, 5]);
    s = clickSelect(s, order, 5, 3, false);
    expect([...s].sort()).toEqual([2, 4, 5]);
    expect(rangeBetween(order, 99, 3)).toEqual([3]);
    expect(rangeBetween(order, 3, 99)).toEqual([]);
  });
});
