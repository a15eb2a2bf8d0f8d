// Changing a selection of conversations: what to tell the user afterwards, and how to undo the
// changes that can be undone (transfer, priority, tags) by putting back what each had before.
import type { BulkAction, BulkOutcome, Conversation } from "./api/types";

export type { BulkAction, BulkOutcome };

/** One request of an undo: these conversations get this action. */
export interface BulkCall {
  ids: number[];
  action: BulkAction;
}

const VERBS: Record<BulkAction["_type"], string> = {
  Assign: "Assigned",
  Unassign: "Unassigned",
  Transfer: "Transferred",
  Tag: "Tagged",
  Untag: "Untagged",
  Status: "Updated",
  Priority: "Updated",
  Close: "Closed",
};

function plural(n: number): string {
  return `${n} conversation${n === 1 ? "" : "s"}`;
}

/** "Transferred 3 conversations", or what failed and why (the first reason). */
export function summarize(action: BulkAction, outcomes: readonly BulkOutcome[]): { message: string; failed: number } {
  const failed = outcomes.filter((o) => o._type === "BulkActionFailure");
  const done = outcomes.length - failed.length;
  const verb = VERBS[action._type];
  if (failed.length === 0) return { message: `${verb} ${plural(done)}`, failed: 0 };
  const first = failed[0];
  const why = `#${first.conversationId}: ${first.error?.message ?? "refused"}`;
  const head = done === 0 ? `Nothing changed` : `${verb} ${done} of ${plural(outcomes.length)}`;
  return { message: `${head}. ${failed.length} not changed — ${why}`, failed: failed.length };
}

function groupBy<K>(items: readonly Conversation[], key: (c: Conversation) => K): Map<K, number[]> {
  const out = new Map<K, number[]>();
  for (const c of items) out.set(key(c), [...(out.get(key(c)) ?? []), c.id]);
  return out;
}

/**
 * The requests that put back what the succeeded conversations had before `action`, or null when
 * it can't be undone (assignment, status and closing have side effects of their own).
 */
export function undoPlan(action: BulkAction, before: readonly Conversation[], outcomes: readonly BulkOutcome[]): BulkCall[] | null {
  const ok = new Set(outcomes.filter((o) => o._type === "BulkActionSuccess").map((o) => o.conversationId));
  const changed = before.filter((c) => ok.has(c.id));
  if (changed.length === 0) return null;
  switch (action._type) {
    case "Transfer": {
      const calls: BulkCall[] = [];
      for (const [queueId, ids] of groupBy(changed, (c) => c.queue?.id ?? null)) {
        if (queueId && queueId !== action.queueId) calls.push({ ids, action: { _type: "Transfer", queueId } });
      }
      return calls.length > 0 ? calls : null;
    }
    case "Priority": {
      const calls: BulkCall[] = [];
      for (const [priority, ids] of groupBy(changed, (c) => c.priority)) {
        if (priority !== action.priority) calls.push({ ids, action: { _type: "Priority", priority } });
      }
      return calls.length > 0 ? calls : null;
    }
    case "Tag": {
      const ids = changed.filter((c) => !(c.tags ?? []).some((t) => t.id === action.tagId)).map((c) => c.id);
      return ids.length > 0 ? [{ ids, action: { _type: "Untag", tagId: action.tagId } }] : null;
    }
    case "Untag": {
      const ids = changed.filter((c) => (c.tags ?? []).some((t) => t.id === action.tagId)).map((c) => c.id);
      return ids.length > 0 ? [{ ids, action: { _type: "Tag", tagId: action.tagId } }] : null;
    }
    default:
      return null;
  }
}
