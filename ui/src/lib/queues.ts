// Queue assignment settings (any available agent or the one who last talked to the customer, and
// for how long) and the senders editor's list operations. No Svelte here, so all of it is unit-tested.
import type { AssignmentMode, PatchQueue, Queue, QueueSenders, StickyWindow } from "./api/types";

export const ASSIGNMENT_MODES: readonly { mode: AssignmentMode; label: string; hint: string }[] = [
  { mode: "AnyAvailable", label: "Any available agent", hint: "The available member with the most room, by the Weighted Sum Method." },
  {
    mode: "LastInteracted",
    label: "The agent who last interacted with the customer",
    hint: "When they are available and have room; anyone available otherwise.",
  },
];

export const STICKY_WINDOWS: readonly { window: StickyWindow; label: string }[] = [
  { window: "Days30", label: "30 days" },
  { window: "Days60", label: "60 days" },
  { window: "Year", label: "1 year" },
  { window: "Ever", label: "Ever" },
];

export function stickyWindowLabel(window: StickyWindow): string {
  return STICKY_WINDOWS.find((w) => w.window === window)?.label ?? window;
}

/** How a queue picks its agent, in a few words ("Last agent (60 days)"). */
export function assignmentModeSummary(queue: Pick<Queue, "assignmentMode" | "stickyWindow">): string {
  if (queue.assignmentMode === "LastInteracted") {
    const window = queue.stickyWindow === "Ever" ? "ever" : stickyWindowLabel(queue.stickyWindow);
    return `Last agent (${window})`;
  }
  return "Any available agent";
}

/** The PATCH body for a new mode or window; null when nothing changed. */
export function assignmentPatch(
  queue: Pick<Queue, "assignmentMode" | "stickyWindow">,
  mode: AssignmentMode,
  window: StickyWindow,
): PatchQueue | null {
  const patch: PatchQueue = {};
  if (mode !== queue.assignmentMode) patch.assignmentMode = mode;
  if (window !== queue.stickyWindow) patch.stickyWindow = window;
  return Object.keys(patch).length > 0 ? patch : null;
}

// --- Senders ------------------------------------------------------------------------------------

/** The longest sender the server takes. */
export const SENDER_MAX = 320;

/** The senders being edited; `defaultSender` is one of them (null only when there are none). */
export interface SendersDraft {
  senders: string[];
  defaultSender: string | null;
}

function sameSender(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

/** The draft for what the server answered: the default is the one named, else the first. */
export function sendersDraft(value: QueueSenders | null | undefined): SendersDraft {
  const senders = [...(value?.senders ?? [])];
  const named = value?.defaultSender ? senders.find((s) => sameSender(s, value.defaultSender ?? "")) : undefined;
  return { senders, defaultSender: named ?? senders[0] ?? null };
}

/** Why a sender can't be added: empty, too long or already listed (any case). */
export function senderError(text: string, senders: readonly string[]): string | null {
  const t = text.trim();
  if (!t) return "Enter an email address, number or widget id.";
  if ([...t].length > SENDER_MAX) return `Use at most ${SENDER_MAX} characters.`;
  if (senders.some((s) => sameSender(s, t))) return `${t} is already listed.`;
  return null;
}

/** Adds a sender at the end; the first one added becomes the default. Unchanged when invalid. */
export function addSender(draft: SendersDraft, text: string): SendersDraft {
  if (senderError(text, draft.senders)) return draft;
  const sender = text.trim();
  return { senders: [...draft.senders, sender], defaultSender: draft.defaultSender ?? sender };
}

/** Removes a sender; when it was the default, the first one left becomes the default. */
export function removeSender(draft: SendersDraft, sender: string): SendersDraft {
  const senders = draft.senders.filter((s) => s !== sender);
  const defaultSender = draft.defaultSender && draft.defaultSender !== sender ? draft.defaultSender : (senders[0] ?? null);
  return { senders, defaultSender };
}

/** Makes a listed sender the default. */
export function setDefaultSender(draft: SendersDraft, sender: string): SendersDraft {
  return draft.senders.includes(sender) ? { ...draft, defaultSender: sender } : draft;
}

/** The PUT body. */
export function sendersBody(draft: SendersDraft): QueueSenders {
  const body: QueueSenders = { senders: [...draft.senders] };
  if (draft.defaultSender) body.defaultSender = draft.defaultSender;
  return body;
}

/** Whether two drafts hold the same senders in the same order with the same default. */
export function sameSenders(a: SendersDraft, b: SendersDraft): boolean {
  return (
    a.senders.length === b.senders.length &&
    a.senders.every((s, i) => s === b.senders[i]) &&
    (a.defaultSender ?? null) === (b.defaultSender ?? null)
  );
}
