import { describe, expect, it } from "vitest";
import type { Conversation } from "./api/types";
import { summarize, undoPlan, type BulkOutcome } from "./bulk";

const conv = (id: number, extra: Partial<Conversation>) => ({ id, priority: "Normal", ...extra }) as Conversation;
const ok = (id: number): BulkOutcome => ({ conversationId: id, _type: "BulkActionSuccess" });
const no = (id: number, message: string): BulkOutcome => ({ conversationId: id, _type: "BulkActionFailure", error: { message } });

describe("summarize", () => {
  it("counts what was done and names the first refusal", () => {
    const transfer = { _type: "Transfer" as const, queueId: "q2" };
    expect(summarize(transfer, [ok(1), ok(2)])).toEqual({ message: "Transferred 2 conversations", failed: 0 });
    expect(summarize(transfer, [ok(1), no(2, "Conversation 2 is closed")]).message).toBe(
      "Transferred 1 of 2 conversations. 1 not changed — #2: Conversation 2 is closed",
    );
    expect(summarize({ _type: "Close" }, [no(3, "x")]).message).toBe("Nothing changed. 1 not changed — #3: x");
  });
});

describe("undoPlan", () => {
  const a = conv(1, { queue: { id: "q1", queuedAt: "" }, priority: "Low", tags: [{ id: "vip", name: "vip", state: "Active" }] } as Partial<Conversation>);
  const b = conv(2, { queue: { id: "q3", queuedAt: "" }, priority: "High" } as Partial<Conversation>);
  it("puts back each conversation's queue, priority or tag, for those that changed", () => {
    expect(undoPlan({ _type: "Transfer", queueId: "q2" }, [a, b], [ok(1), ok(2)])).toEqual([
      { ids: [1], action: { _type: "Transfer", queueId: "q1" } },
      { ids: [2], action: { _type: "Transfer", queueId: "q3" } },
    ]);
    expect(undoPlan({ _type: "Priority", priority: "Urgent" }, [a, b], [ok(1), no(2, "x")])).toEqual([
      { ids: [1], action: { _type: "Priority", priority: "Low" } },
    ]);
    // Tagging undoes only where the tag is new; untagging only where it was.
    expect(undoPlan({ _type: "Tag", tagId: "vip" }, [a, b], [ok(1), ok(2)])).toEqual([{ ids: [2], action: { _type: "Untag", tagId: "vip" } }]);
    expect(undoPlan({ _type: "Untag", tagId: "vip" }, [a, b], [ok(1), ok(2)])).toEqual([{ ids: [1], action: { _type: "Tag", tagId: "vip" } }]);
    expect(undoPlan({ _type: "Close" }, [a], [ok(1)])).toBeNull();
    expect(undoPlan({ _type: "Transfer", queueId: "q2" }, [a], [no(1, "x")])).toBeNull();
  });
});
