// Settings › Routes logic: the condition builder's catalog (the attributes and operators the server
// serves, plus the custom attributes), what value a condition takes, summaries of condition groups,
// drafts and bodies for the API, and the routing order (the moves are in order.ts). No Svelte here.
import type { Channel, ConditionCatalogue, ConditionSpec, CustomAttribute, Priority, Route, RouteBody, ValueKind } from "./api/types";
import { Channel as Channels, Gender, Priority as Priorities } from "./api/enums";
import { sortByPosition } from "./order";

export { dropTarget, keyboardMoveTarget, moveItem } from "./order";

// --- Attributes and operators -------------------------------------------------------------------

/**
 * How a condition's value is entered and sent (the server says which kind each attribute takes):
 * text → string; channel → one of CHANNELS; boolean → true / false; date → YYYY-MM-DD from a date
 * input; gender → Male / Female; tags → tag names from GET /v1/tags (string[]); queues → queue ids
 * (string[]); list → free text, one item per entry (string[]).
 */
export type { ValueKind };

export type ConditionValue = ConditionSpec["value"];

/** An attribute conditions can look at: a built-in one as the server serves it, or a custom one. */
export interface AttributeDef {
  /** What the server calls it, e.g. `person.city`. */
  id: string;
  label: string;
  /** The heading it is listed under in the picker. */
  group: string;
  /** The operators the server accepts for it, by name ("is", "starts with"…). */
  operators: readonly string[];
  /** The value kind for its non-list operators ("in list"/"not in list" always take a list). */
  value: ValueKind;
}

/** What the condition builder offers: every attribute in picker order, and the operators. */
export interface AttributeCatalog {
  attributes: readonly AttributeDef[];
  /** The operators custom attributes take. */
  customOperators: readonly string[];
  /** Every operator, in the order they are offered. */
  operators: readonly string[];
}

export const CHANNELS: readonly Channel[] = Channels;

export const GENDERS: readonly string[] = Gender;

export const ROUTE_PRIORITIES: readonly Priority[] = Priorities;

/** The prefix of custom attributes per entity type. */
const CUSTOM_PREFIX: Record<CustomAttribute["entityType"], string> = {
  Conversation: "custom.conversation",
  Contact: "custom.person",
  Company: "custom.company",
};

/** The condition builder's group for custom attributes per entity type. */
const CUSTOM_GROUP: Record<CustomAttribute["entityType"], string> = {
  Conversation: "Custom (conversation)",
  Contact: "Custom (person)",
  Company: "Custom (company)",
};

/**
 * The condition builder's catalog: the server's built-in attributes (GET /v1/catalogues/conditions,
 * in its order) plus the unarchived custom ones, by label within each entity, with the operators the
 * server gives custom attributes.
 */
export function attributeCatalog(server: ConditionCatalogue, custom: readonly CustomAttribute[] = []): AttributeCatalog {
  const extra = custom
    .filter((a) => !a.isArchived)
    .map(
      (a): AttributeDef => ({
        id: `${CUSTOM_PREFIX[a.entityType]}.${a.identifier}`,
        label: a.label || a.identifier,
        group: CUSTOM_GROUP[a.entityType],
        operators: server.customOperators,
        value: "text",
      }),
    )
    .sort((a, b) => a.group.localeCompare(b.group) || a.label.localeCompare(b.label));
  return { attributes: [...server.attributes, ...extra], customOperators: server.customOperators, operators: server.operators };
}

/** A catalog with nothing in it: what summaries read while the server's has not arrived (or could not be had). */
export const EMPTY_CATALOG: AttributeCatalog = { attributes: [], customOperators: [], operators: [] };

/**
 * The definition of an attribute. Custom attributes that are archived or not loaded yet (and any
 * other `custom.` name) get the custom operators; anything else unknown is offered every operator
 * as free text, so an existing route can still be shown and edited.
 */
export function findAttribute(catalog: AttributeCatalog, id: string): AttributeDef {
  const found = catalog.attributes.find((a) => a.id === id);
  if (found) return found;
  if (/^custom\.(conversation|person|company)\./.test(id)) return { id, label: id, group: "Custom", operators: catalog.customOperators, value: "text" };
  return { id, label: id, group: "Other", operators: catalog.operators, value: "text" };
}

export function allowedOperators(catalog: AttributeCatalog, attribute: string): readonly string[] {
  return findAttribute(catalog, attribute).operators;
}

export function operatorAllowed(catalog: AttributeCatalog, attribute: string, operator: string): boolean {
  return allowedOperators(catalog, attribute).includes(operator);
}

export function isListOperator(operator: string): boolean {
  return operator === "in list" || operator === "not in list";
}

/** The kind of value a condition takes. */
export function valueKind(catalog: AttributeCatalog, attribute: string, operator: string): ValueKind {
  const a = findAttribute(catalog, attribute);
  if (isListOperator(operator)) return a.value === "tags" || a.value === "queues" ? a.value : "list";
  // A single item of a list-only attribute is plain text.
  if (a.value === "tags" || a.value === "queues" || a.value === "list") return "text";
  return a.value;
}

export function isListKind(kind: ValueKind): boolean {
  return kind === "tags" || kind === "queues" || kind === "list";
}

/** The empty value of a kind (a channel and a gender start at their first choice). */
export function defaultValue(kind: ValueKind): ConditionValue {
  switch (kind) {
    case "boolean":
      return true;
    case "channel":
      return CHANNELS[0];
    case "gender":
      return GENDERS[0];
    case "tags":
    case "queues":
    case "list":
      return [];
    default:
      return "";
  }
}

/** Keeps what can be kept of a value when its kind changes, else the kind's default. */
export function coerceValue(value: ConditionValue, kind: ValueKind): ConditionValue {
  if (isListKind(kind)) {
    if (Array.isArray(value)) return value;
    if (typeof value === "string" && value.trim()) return [value.trim()];
    return [];
  }
  if (kind === "boolean") {
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "false") return value === "true";
    return true;
  }
  const text = Array.isArray(value) ? (value[0] ?? "") : typeof value === "boolean" ? "" : value;
  if (kind === "channel") return (CHANNELS as readonly string[]).includes(text) ? text : CHANNELS[0];
  if (kind === "gender") return GENDERS.includes(text) ? text : GENDERS[0];
  if (kind === "date") return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : "";
  return text;
}

/** A new condition: the first attribute, its first operator and an empty value. */
export function newCondition(catalog: AttributeCatalog): ConditionSpec {
  const a = catalog.attributes[0];
  // An empty catalog offers nothing to pick: the condition shows as incomplete.
  if (!a) return { attribute: "", operator: catalog.operators[0] ?? "", value: "" };
  const operator = a.operators[0] ?? "";
  return { attribute: a.id, operator, value: defaultValue(valueKind(catalog, a.id, operator)) };
}

/**
 * Picks another attribute: the operator is kept when allowed; the value starts empty again, since
 * a value meant for one attribute ("refund" for the message) is rarely meant for the next (the sender).
 */
export function changeAttribute(catalog: AttributeCatalog, c: ConditionSpec, attribute: string): ConditionSpec {
  if (attribute === c.attribute) return c;
  const ops = allowedOperators(catalog, attribute);
  const operator = ops.includes(c.operator) ? c.operator : (ops[0] ?? c.operator);
  return { attribute, operator, value: defaultValue(valueKind(catalog, attribute, operator)) };
}

export function changeOperator(catalog: AttributeCatalog, c: ConditionSpec, operator: string): ConditionSpec {
  return { ...c, operator, value: coerceValue(c.value, valueKind(catalog, c.attribute, operator)) };
}

/** Why a condition would be refused, or null. */
export function conditionError(catalog: AttributeCatalog, c: ConditionSpec): string | null {
  const a = findAttribute(catalog, c.attribute);
  if (!operatorAllowed(catalog, c.attribute, c.operator)) return `“${c.operator}” can't be used with ${a.label}.`;
  const kind = valueKind(catalog, c.attribute, c.operator);
  if (isListKind(kind)) return Array.isArray(c.value) && c.value.some((v) => v.trim()) ? null : "Add at least one value.";
  if (kind === "boolean") return typeof c.value === "boolean" ? null : "Choose yes or no.";
  if (typeof c.value !== "string" || !c.value.trim()) return kind === "date" ? "Pick a date." : "Enter a value.";
  if (kind === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(c.value)) return "Use a date like 1990-04-25.";
  return null;
}

/** "a, b, c" for the list input; parseListInput reads it back. */
export function formatList(value: ConditionValue): string {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/**
 * The items typed in a list input, as typed: blank ones are kept so that the text round-trips
 * through formatList while typing (cleanGroups drops them before sending).
 */
export function parseListInput(text: string): string[] {
  return text === "" ? [] : text.split(/,\s*/);
}

// --- Summaries ----------------------------------------------------------------------------------

const CHANNEL_NAMES: Partial<Record<string, string>> = {
  WidgetChat: "Chat widget",
  Sms: "SMS",
  PstnPhone: "Phone",
};

export function channelLabel(channel: string): string {
  return CHANNEL_NAMES[channel] ?? channel;
}

/** "Person city", "Email subject", "Channel": the attribute as read in a sentence. */
export function attributeLabel(catalog: AttributeCatalog, attribute: string): string {
  const a = findAttribute(catalog, attribute);
  // "Person birth date", but "Company VAT number": an acronym keeps its capitals.
  const acronym = a.label.length > 1 && a.label.charAt(1) === a.label.charAt(1).toUpperCase() && /[A-Z]/.test(a.label.charAt(1));
  const label = acronym ? a.label : `${a.label.charAt(0).toLowerCase()}${a.label.slice(1)}`;
  if (a.group === "Person" || a.group === "Company" || a.group === "Email") return `${a.group} ${label}`;
  return a.label;
}

/** Turns a queue id into its name for summaries; unknown ids are shown as they are. */
export type QueueNamer = (id: string) => string | undefined;

function valueText(catalog: AttributeCatalog, c: ConditionSpec, queueName?: QueueNamer): string {
  const kind = valueKind(catalog, c.attribute, c.operator);
  if (Array.isArray(c.value)) {
    const items = c.value
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => (kind === "queues" ? (queueName?.(v) ?? v) : v));
    return items.length ? items.join(", ") : "(none)";
  }
  if (typeof c.value === "boolean") return c.value ? "yes" : "no";
  if (kind === "channel") return channelLabel(c.value);
  return `“${c.value}”`;
}

export function conditionSummary(catalog: AttributeCatalog, c: ConditionSpec, queueName?: QueueNamer): string {
  return `${attributeLabel(catalog, c.attribute)} ${c.operator} ${valueText(catalog, c, queueName)}`;
}

/** One line for a route's conditions: groups joined with OR, conditions within one with "and". */
export function conditionsSummary(
  catalog: AttributeCatalog,
  groups: readonly (readonly ConditionSpec[])[],
  queueName?: QueueNamer,
): string {
  const parts = groups.filter((g) => g.length > 0).map((g) => g.map((c) => conditionSummary(catalog, c, queueName)));
  if (parts.length === 0) return "Every conversation";
  if (parts.length === 1) return parts[0].join(" and ");
  return parts.map((p) => (p.length > 1 ? `(${p.join(" and ")})` : p[0])).join(" OR ");
}

// --- Drafts and bodies --------------------------------------------------------------------------

export interface RouteDraft {
  name: string;
  queueId: string;
  /** "" for none. */
  priority: Priority | "";
  enabled: boolean;
  groups: ConditionSpec[][];
}

export function emptyRouteDraft(queueId = ""): RouteDraft {
  return { name: "", queueId, priority: "", enabled: true, groups: [] };
}

export function routeDraft(r: Route): RouteDraft {
  return {
    name: r.name,
    queueId: r.queueId,
    priority: r.priority ?? "",
    enabled: r.enabled,
    groups: r.conditions.map((g) => g.map((c) => ({ ...c, value: Array.isArray(c.value) ? [...c.value] : c.value }))),
  };
}

/** Empty groups are dropped; list values lose blank entries. */
export function cleanGroups(groups: readonly (readonly ConditionSpec[])[]): ConditionSpec[][] {
  return groups
    .filter((g) => g.length > 0)
    .map((g) =>
      g.map((c) => ({
        attribute: c.attribute,
        operator: c.operator,
        value: Array.isArray(c.value) ? c.value.map((v) => v.trim()).filter(Boolean) : typeof c.value === "string" ? c.value.trim() : c.value,
      })),
    );
}

export interface RouteDraftErrors {
  name: string | null;
  queue: string | null;
  /** Per group, per condition. */
  conditions: (string | null)[][];
  any: boolean;
}

export function routeDraftErrors(catalog: AttributeCatalog, d: RouteDraft): RouteDraftErrors {
  const v = d.name.trim();
  const name = !v ? "Enter a name." : [...v].length > 200 ? "Use at most 200 characters." : null;
  const queue = d.queueId ? null : "Choose the queue conversations go to.";
  const conditions = d.groups.map((g) => g.map((c) => conditionError(catalog, c)));
  return { name, queue, conditions, any: !!name || !!queue || conditions.some((g) => g.some(Boolean)) };
}

export function routeCreateBody(d: RouteDraft): RouteBody {
  const body: RouteBody = { name: d.name.trim(), enabled: d.enabled, queueId: d.queueId, conditions: cleanGroups(d.groups) };
  if (d.priority) body.priority = d.priority;
  return body;
}

/** The PATCH body for what changed (priority null clears it); null when nothing did. */
export function routePatch(r: Route, d: RouteDraft): RouteBody | null {
  const patch: RouteBody = {};
  const name = d.name.trim();
  if (name !== r.name) patch.name = name;
  if (d.queueId !== r.queueId) patch.queueId = d.queueId;
  if ((d.priority || null) !== (r.priority ?? null)) patch.priority = d.priority || null;
  if (d.enabled !== r.enabled) patch.enabled = d.enabled;
  const groups = cleanGroups(d.groups);
  if (JSON.stringify(groups) !== JSON.stringify(cleanGroups(r.conditions))) patch.conditions = groups;
  return Object.keys(patch).length > 0 ? patch : null;
}

// --- Condition groups ---------------------------------------------------------------------------

export function addCondition(groups: readonly ConditionSpec[][], group: number, c: ConditionSpec): ConditionSpec[][] {
  return groups.map((g, i) => (i === group ? [...g, c] : g));
}

export function addGroup(groups: readonly ConditionSpec[][], c: ConditionSpec): ConditionSpec[][] {
  return [...groups, [c]];
}

/** Removes a condition; a group left empty goes too. */
export function removeCondition(groups: readonly ConditionSpec[][], group: number, index: number): ConditionSpec[][] {
  return groups.map((g, i) => (i === group ? g.filter((_, j) => j !== index) : g)).filter((g) => g.length > 0);
}

export function replaceCondition(groups: readonly ConditionSpec[][], group: number, index: number, c: ConditionSpec): ConditionSpec[][] {
  return groups.map((g, i) => (i === group ? g.map((x, j) => (j === index ? c : x)) : g));
}

// --- Order --------------------------------------------------------------------------------------

/** Routing order: by position, then by creation. */
export function sortRoutes<T extends { position: number; createdAt: string }>(routes: readonly T[]): T[] {
  return sortByPosition(routes);
}
