// Capacity forms: reading a capacity field (empty = the default), the PATCH bodies for an agent's
// own capacity and the installation defaults, and the conversation statuses that count.
import type { Capacity, CountedStatuses, ConversationStatus, OwnCapacity, PatchCapacity } from "./api/types";

/** The largest capacity the server takes for a channel group. */
export const MAX_CAPACITY = 1000;

export type CapacityKey = keyof Capacity;

/** The channel groups with a capacity (calls are always one at a time). */
export const CAPACITY_GROUPS: readonly { key: CapacityKey; label: string; hint: string }[] = [
  { key: "email", label: "Email", hint: "Email conversations" },
  { key: "liveMessaging", label: "Live messaging", hint: "SMS, WhatsApp and other messaging" },
  { key: "liveChat", label: "Live chat", hint: "Website chat widget" },
];

export const CALLS_NOTE = "Calls are always one at a time.";

/** What is typed in each capacity field. */
export type CapacityDraft = Record<CapacityKey, string>;

export interface ParsedCapacity {
  /** The number, or null for an empty field (the default). */
  value: number | null;
  error: string | null;
}

/**
 * Reads a capacity field: empty means "use the default" (null), unless `required`; otherwise a
 * whole number from 0 to 1000.
 */
export function parseCapacity(text: string, required = false): ParsedCapacity {
  const t = text.trim();
  if (!t) return { value: null, error: required ? `Enter a number from 0 to ${MAX_CAPACITY}.` : null };
  if (!/^\d+$/.test(t)) return { value: null, error: `Enter a whole number from 0 to ${MAX_CAPACITY}.` };
  const value = Number(t);
  if (value > MAX_CAPACITY) return { value: null, error: `Use at most ${MAX_CAPACITY}.` };
  return { value, error: null };
}

/** The fields for a capacity: set groups as numbers, missing ones empty. */
export function capacityDraft(capacity: OwnCapacity | Capacity | null | undefined): CapacityDraft {
  const text = (v: number | null | undefined) => (typeof v === "number" ? String(v) : "");
  return { email: text(capacity?.email), liveMessaging: text(capacity?.liveMessaging), liveChat: text(capacity?.liveChat) };
}

/** Each field's error (null when fine). */
export function capacityErrors(draft: CapacityDraft, required = false): Record<CapacityKey, string | null> {
  return {
    email: parseCapacity(draft.email, required).error,
    liveMessaging: parseCapacity(draft.liveMessaging, required).error,
    liveChat: parseCapacity(draft.liveChat, required).error,
  };
}

export function hasCapacityErrors(errors: Record<CapacityKey, string | null>): boolean {
  return CAPACITY_GROUPS.some((g) => errors[g.key] !== null);
}

/**
 * The PATCH body for an agent's own capacity: the changed groups only, a number to set and null
 * to go back to the default. Null when nothing changed; throws on a field with an error.
 */
export function ownCapacityPatch(own: OwnCapacity | null | undefined, draft: CapacityDraft): PatchCapacity | null {
  const patch: PatchCapacity = {};
  for (const { key } of CAPACITY_GROUPS) {
    const parsed = parseCapacity(draft[key]);
    if (parsed.error) throw new Error(parsed.error);
    const current = own?.[key] ?? null;
    if (parsed.value !== current) patch[key] = parsed.value;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The changed installation defaults (every field is required); null when nothing changed. */
export function defaultsPatch(defaults: Capacity, draft: CapacityDraft): Partial<Capacity> | null {
  const patch: Partial<Capacity> = {};
  for (const { key } of CAPACITY_GROUPS) {
    const parsed = parseCapacity(draft[key], true);
    if (parsed.error || parsed.value === null) throw new Error(parsed.error ?? "Enter a number.");
    if (parsed.value !== defaults[key]) patch[key] = parsed.value;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The capacity an agent works with: their own where set, the default elsewhere. */
export function effectiveCapacity(own: OwnCapacity | null | undefined, defaults: Capacity): Capacity {
  return {
    email: own?.email ?? defaults.email,
    liveMessaging: own?.liveMessaging ?? defaults.liveMessaging,
    liveChat: own?.liveChat ?? defaults.liveChat,
  };
}

// --- Counted statuses -------------------------------------------------------------------------

/** The default: Open and Waiting conversations occupy their agent, Solved ones don't. */
export const DEFAULT_COUNTED: CountedStatuses = { waiting: true, solved: false };

/** The rows of the counted statuses: Open always counts (locked); Waiting and Solved can be excluded. */
export const COUNTED_ROWS: readonly { status: ConversationStatus; key: keyof CountedStatuses | null; hint: string }[] = [
  { status: "Open", key: null, hint: "Always counts" },
  { status: "Waiting", key: "waiting", hint: "Waiting for the customer's answer" },
  { status: "Solved", key: "solved", hint: "Solved but not yet closed" },
];

export function isDefaultCounted(counted: CountedStatuses): boolean {
  return counted.waiting === DEFAULT_COUNTED.waiting && counted.solved === DEFAULT_COUNTED.solved;
}

/** "Open, Waiting": the statuses that count, in workflow order. */
export function countedSummary(counted: CountedStatuses): string {
  return COUNTED_ROWS.filter((r) => r.key === null || counted[r.key])
    .map((r) => r.status)
    .join(", ");
}
