import { describe, expect, it } from "vitest";
import type { Activity, Assignee } from "./api/types";
import { assigneeOptions, handOver, releasedReason } from "./assign";

function agent(name: string, over: Partial<Assignee> = {}): Assignee {
  return {
    agentId: name.toLowerCase(),
    name,
    email: `${name.toLowerCase()}@example.com`,
    status: { id: "s", name: "Busy", group: "Busy", isDefault: true, automatic: false, deleted: false },
    online: true,
    load: { group: "Email", used: 1, capacity: 5 },
    receives: true,
    reachesQueue: true,
    mayRead: true,
    current: false,
    ...over,
  };
}

const names: Record<string, string> = { ann: "Ann", bob: "Bob", me: "Me" };
const nameOf = (id: string) => names[id] ?? id;

describe("assigneeOptions", () => {
  it("shows status and load, and who can't receive it is not choosable (except oneself)", () => {
    const offline = { id: "o", name: "Offline", group: "Unavailable" as const, isDefault: true, automatic: false, deleted: false };
    const rows = assigneeOptions(
      [
        agent("Ann", { current: true }),
        agent("Bob", { status: offline, receives: false, online: false }),
        agent("Me", { agentId: "me", status: offline, receives: false }),
        agent("Cy", { mayRead: false, reachesQueue: false }),
      ],
      "me",
      "emails",
    );
    expect(rows[0]).toMatchObject({ label: "Ann", detail: "Busy · 1/5 emails", current: true, disabled: false });
    expect(rows[1]).toMatchObject({ disabled: true, detail: "Offline · not signed in · 1/5 emails" });
    expect(rows[1].hint).toContain("receives no conversations");
    expect(rows[2]).toMatchObject({ label: "Me (you)", disabled: false });
    expect(rows[3].hint).toContain("Not in this queue");
    expect(rows[0].keywords).toContain("ann@example.com");
  });
});

describe("handOver", () => {
  it("asks before taking a colleague's conversation, never for unassigned work", () => {
    expect(handOver(null, "me", "me", nameOf)).toEqual({ kind: "assign" });
    expect(handOver("me", "me", "me", nameOf)).toEqual({ kind: "nothing" });
    const take = handOver("ann", "me", "me", nameOf);
    expect(take).toMatchObject({ kind: "confirm", title: "Take over from Ann?", confirmLabel: "Take over" });
    const give = handOver("ann", "bob", "me", nameOf);
    expect(give).toMatchObject({ kind: "confirm", title: "Give this conversation to Bob?" });
    if (give.kind === "confirm") expect(give.body).toBe("Ann has this conversation now. Bob gets it, and Ann is told.");
    const mine = handOver("me", "bob", "me", nameOf);
    if (mine.kind === "confirm") expect(mine.body).toBe("You have this conversation now. Bob gets it.");
  });
});

describe("releasedReason", () => {
  const entry = (type: string, detail: Record<string, unknown> = {}): Activity =>
    ({ _type: type, activityType: `${type}ActivityType`, activityTimestamp: "", conversationId: 1, id: type, detail }) as Activity;
  it("reads why reopening took the conversation from its agent", () => {
    const log = [entry("ConversationClosed"), entry("ConversationReopened"), entry("ConversationUnassigned", { agentId: "ann", reason: "Unavailable" })];
    expect(releasedReason(log, nameOf)).toBe(
      "Ann is in an Unavailable status and receives no conversations, so it was offered to the queue again.",
    );
    // Kept by its agent this time: an older release does not count.
    expect(releasedReason([...log, entry("ConversationClosed"), entry("ConversationReopened")], nameOf)).toBeNull();
    expect(releasedReason([entry("ConversationReopened"), entry("ConversationUnassigned", { agentId: "ann" })], nameOf)).toBeNull();
  });
});
