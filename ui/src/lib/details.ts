// Pure logic of the conversation details panel: metadata JSON, custom attribute values, ratings,
// activity wording, linked-conversation requests and anonymization.
import type {
  Activity,
  AttributeEntity,
  AttributeValue,
  AttributeValueDto,
  Conversation,
  CreateLinked,
  CustomAttribute,
  LinkType,
  Me,
  Metadata,
  Rating,
} from "./api/types";

// --- Metadata -----------------------------------------------------------------------------------

/** The server refuses metadata larger than this (compact JSON, in bytes). */
export const MAX_METADATA_BYTES = 64 * 1024;

export type MetadataParse = { ok: true; value: Metadata } | { ok: false; error: string };

/** Checks edited metadata text: it must be a JSON object (blank text means an empty object). */
export function parseMetadata(text: string): MetadataParse {
  if (text.trim() === "") return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error && err.message ? ` (${err.message})` : "";
    return { ok: false, error: `This is not valid JSON${detail}.` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const what = value === null ? "null" : Array.isArray(value) ? "a list" : `a ${typeof value}`;
    return { ok: false, error: `Metadata must be a JSON object like {"key": "value"}, not ${what}.` };
  }
  if (new TextEncoder().encode(JSON.stringify(value)).length > MAX_METADATA_BYTES) {
    return { ok: false, error: "Metadata must be at most 64 KiB." };
  }
  return { ok: true, value: value as Metadata };
}

/** Metadata as editable text. */
export function formatMetadata(metadata: Metadata | null | undefined): string {
  return JSON.stringify(metadata ?? {}, null, 2);
}

export interface MetadataEntry {
  key: string;
  /** Strings as they are; anything else as compact JSON. */
  value: string;
  /** The value is shown as JSON (it was not a string). */
  json: boolean;
}

/** Key/value rows for the read-only view, in the object's order. */
export function metadataEntries(metadata: Metadata | null | undefined): MetadataEntry[] {
  return Object.entries(metadata ?? {}).map(([key, value]) =>
    typeof value === "string" ? { key, value, json: false } : { key, value: JSON.stringify(value) ?? "null", json: true },
  );
}

// --- Custom attributes --------------------------------------------------------------------------

export type AttributeField =
  | { def: CustomAttribute; kind: "Text"; value: string }
  | { def: CustomAttribute; kind: "Select"; options: string[]; value: string[] };

/**
 * One field per non-archived attribute of the entity (Conversation unless told otherwise), in
 * definition order, with the entity's value (matched by attribute id, else identifier) coerced to
 * the field's kind.
 */
export function attributeFields(
  definitions: readonly CustomAttribute[],
  values: readonly AttributeValueDto[] | null | undefined,
  entity: AttributeEntity = "Conversation",
): AttributeField[] {
  return definitions
    .filter((d) => d.entityType === entity && !d.isArchived)
    .map((def) => {
      const found = (values ?? []).find((v) => v.id === def.id) ?? (values ?? []).find((v) => v.identifier === def.identifier);
      const raw = found?.value;
      if (def.inputDefinition?._type === "Select") {
        const options = optionValues(def);
        const value = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw.map(String) : raw === "" ? [] : [String(raw)];
        return { def, kind: "Select" as const, options, value: orderByOptions(value, options, true) };
      }
      const value = raw === undefined || raw === null ? "" : Array.isArray(raw) ? raw.join(", ") : String(raw);
      return { def, kind: "Text" as const, value };
    });
}

function optionValues(def: CustomAttribute): string[] {
  return (def.inputDefinition?.options ?? []).map((o) => o.value);
}

/** De-duplicated values in option order; values that are no option go last (kept) or are dropped. */
function orderByOptions(values: readonly string[], options: readonly string[], keepUnknown: boolean): string[] {
  const set = new Set(values);
  const known = options.filter((o) => set.has(o));
  const unknown = keepUnknown ? [...set].filter((v) => !options.includes(v)) : [];
  return [...known, ...unknown];
}

/**
 * The value to send for a field: Text is trimmed; Select keeps only real options, once each, in
 * option order. An empty value is null, which clears the attribute.
 */
export function normalizeAttributeValue(field: AttributeField, value: AttributeValue | null): AttributeValue | null {
  if (field.kind === "Text") {
    const text = (Array.isArray(value) ? value.join(", ") : (value ?? "")).trim();
    return text === "" ? null : text;
  }
  const list = value === null ? [] : Array.isArray(value) ? value : [value];
  const picked = orderByOptions(list, field.options, false);
  return picked.length === 0 ? null : picked;
}

/** Whether two values mean the same for this field (after normalization). */
export function sameAttributeValue(field: AttributeField, a: AttributeValue | null, b: AttributeValue | null): boolean {
  return JSON.stringify(normalizeAttributeValue(field, a)) === JSON.stringify(normalizeAttributeValue(field, b));
}

/** The PATCH body for a field's new value, or null when nothing changed. */
export function attributePatch(
  field: AttributeField,
  value: AttributeValue | null,
): Record<string, AttributeValue | null> | null {
  if (sameAttributeValue(field, field.value, value)) return null;
  return { [field.def.id]: normalizeAttributeValue(field, value) };
}

/** A Select's values after (un)checking one option, in option order. */
export function toggleOption(values: readonly string[], option: string, checked: boolean, options: readonly string[]): string[] {
  const next = checked ? [...values, option] : values.filter((v) => v !== option);
  return orderByOptions(next, options, true);
}

// --- Ratings ------------------------------------------------------------------------------------

export type RatingView =
  | { kind: "stars"; score: number; max: 5; label: string }
  | { kind: "thumbs"; up: boolean; label: string }
  | { kind: "pending"; label: string };

/** How a rating reads: 1–5 stars for Csat, a thumb for ThumbsUpOrDown, or "not rated yet". */
export function ratingView(rating: Rating): RatingView {
  const score = rating.ratingScore;
  if (rating.ratingStatus !== "Rated" || score === null || score === undefined) {
    return { kind: "pending", label: "Offered, not rated yet" };
  }
  if (rating.ratingType === "ThumbsUpOrDown") {
    const up = score > 0;
    return { kind: "thumbs", up, label: up ? "Thumbs up" : "Thumbs down" };
  }
  const stars = Math.min(5, Math.max(0, Math.round(score)));
  return { kind: "stars", score: stars, max: 5, label: `${stars} out of 5` };
}

// --- Activity -----------------------------------------------------------------------------------

export interface ActivityNames {
  /** The signed-in agent's id: their entries read "You ...". */
  meId?: string;
  /** An agent's display name, or null when unknown. */
  agent: (id: string) => string | null;
  /** A queue's name, or null when unknown. */
  queue: (id: string) => string | null;
}

/** Who did it: "You", the author's name or email, a known agent's name, else "Someone"/"Switchboard". */
export function activityAuthor(entry: Activity, names: ActivityNames): string {
  const a = entry.author;
  if (!a) return "Switchboard";
  if (names.meId && a.id === names.meId) return "You";
  return a.name?.trim() || names.agent(a.id) || a.email?.trim() || a.phoneNumber?.trim() || "Someone";
}

/** A human sentence for an activity-log entry, e.g. "You assigned it to Ada Lovelace". */
export function describeActivity(entry: Activity, names: ActivityNames): string {
  const who = activityAuthor(entry, names);
  const d = (entry.detail ?? {}) as Record<string, unknown>;
  const str = (key: string): string | null => (typeof d[key] === "string" && d[key] ? (d[key] as string) : null);
  const agent = (id: string | null): string | null => {
    if (!id) return null;
    if (names.meId && id === names.meId) return "you";
    return names.agent(id) ?? "another agent";
  };
  const queue = (id: string | null): string | null => (id ? (names.queue(id) ?? "another queue") : null);

  switch (entry._type) {
    case "ConversationCreated": {
      const link = str("linkType");
      const as = link === "SideConversation" ? " as a side conversation" : link === "FollowUp" ? " as a follow-up" : "";
      const q = queue(str("queueId"));
      return `${who} created the conversation${as}${q ? ` in ${q}` : ""}`;
    }
    case "MessageAdded":
      return str("direction") === "Outbound" ? `${who} replied` : `${who} sent a message`;
    case "NoteAdded":
      return `${who} added a note`;
    case "ConversationAssigned": {
      const target = str("agentId");
      if (target && entry.author && target === entry.author.id) return `${who} claimed the conversation`;
      const name = agent(target);
      return name ? `${who} assigned it to ${name}` : `${who} assigned the conversation`;
    }
    case "ConversationUnassigned": {
      const name = agent(str("agentId"));
      return name ? `${who} unassigned ${name}` : `${who} unassigned the conversation`;
    }
    case "ConversationTransferred": {
      const from = queue(str("fromQueueId"));
      const to = queue(str("toQueueId"));
      if (from && to) return `${who} transferred it from ${from} to ${to}`;
      return to ? `${who} transferred it to ${to}` : `${who} transferred the conversation`;
    }
    case "TagAdded": {
      const tag = str("tag");
      return tag ? `${who} added the tag “${tag}”` : `${who} added a tag`;
    }
    case "TagRemoved": {
      const tag = str("tag");
      return tag ? `${who} removed the tag “${tag}”` : `${who} removed a tag`;
    }
    case "ConversationClosed":
      return `${who} closed the conversation`;
    case "ConversationReopened":
      return `${who} reopened the conversation`;
    default:
      return `${who}: ${humanizeType(entry._type || entry.activityType || "activity")}`;
  }
}

/** "SlaBreached" / "SlaBreachedActivityType" → "sla breached". */
export function humanizeType(type: string): string {
  return type
    .replace(/ActivityType$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
}

// --- Linked conversations -----------------------------------------------------------------------

/** Human name of a link type. */
export function linkTypeLabel(type: LinkType): string {
  return type === "FollowUp" ? "Follow-up" : "Side conversation";
}

/** The create request for a side conversation or follow-up; blank subject/message are left out. */
export function linkedBody(type: LinkType, subject: string, message: string, agentId: string): CreateLinked {
  const body: CreateLinked = { _type: type };
  const s = subject.trim();
  if (s) body.subject = s;
  const m = message.trim();
  if (m) body.message = { content: { _type: "Text", value: m }, _type: "Outbound", agentId };
  return body;
}

// --- Anonymization ------------------------------------------------------------------------------

/** Anonymizing needs `force=true` (close first) unless the conversation is already Closed. */
export function anonymizeNeedsForce(conv: Pick<Conversation, "status">): boolean {
  return conv.status !== "Closed";
}

/** What the server answers users without the Anonymize permission (its own message). */
export const ANONYMIZE_FORBIDDEN = "Only managers, account managers and admins can anonymize";

/** Whether the signed-in user may anonymize: the server granted them the Anonymize permission. */
export function canAnonymize(me: Pick<Me, "permissions">): boolean {
  return me.permissions.includes("Anonymize");
}
