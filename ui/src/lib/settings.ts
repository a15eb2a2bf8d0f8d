// Settings area logic: who may see and change which section, and the checks forms make before
// the server does (it enforces all of them too). No Svelte here, so all of it is unit-tested.
import type {
  Agent,
  AttributeKind,
  Channel,
  EndpointKind,
  Me,
  PatchAgent,
  Permission,
  QueueNotifications,
  Role,
  SubscriptionBody,
  UserType,
  WebhookSubscription,
  WebhookFormatEntry,
} from "./api/types";
import { EndpointKind as EndpointKinds, Role as Roles } from "./api/enums";

// --- Sections and permissions -------------------------------------------------------------------

export type SettingsSection =
  | "agents"
  | "board"
  | "statuses"
  | "capacity"
  | "handling"
  | "queues"
  | "hours"
  | "waiting"
  | "sla"
  | "routes"
  | "teams"
  | "tags"
  | "attributes"
  | "endpoints"
  | "companies"
  | "webhooks"
  | "email";

export interface SectionInfo {
  id: SettingsSection;
  label: string;
  description: string;
}

/** The sections in navigation order. */
export const SECTIONS: readonly SectionInfo[] = [
  { id: "agents", label: "Agents", description: "People and bots who work in Switchboard, their roles and API tokens." },
  { id: "board", label: "Agent status", description: "Who is available right now, and how much each agent is working on." },
  { id: "statuses", label: "Statuses", description: "The statuses agents can choose, in four groups that decide what they receive." },
  { id: "capacity", label: "Capacity", description: "How many conversations an agent handles at once, and which statuses count." },
  { id: "handling", label: "Handling", description: "How agents pick up conversations: replying to unassigned work takes it." },
  { id: "queues", label: "Queues", description: "Where conversations wait, who works them and how agents are alerted." },
  { id: "hours", label: "Working hours", description: "When queues are open: weekly hours in a time zone, split shifts and holidays." },
  { id: "waiting", label: "Waiting strategies", description: "What customers get while they wait: messages, or greetings and hold music on calls." },
  { id: "sla", label: "SLA policies", description: "Response and resolution times conversations are held to, by severity; the first policy that applies wins." },
  { id: "routes", label: "Routes", description: "Which queue new conversations go to: the first enabled route that matches wins." },
  { id: "teams", label: "Teams", description: "Groups of agents, for organising people." },
  { id: "tags", label: "Tags", description: "Labels agents can put on conversations." },
  { id: "attributes", label: "Custom attributes", description: "Extra fields on conversations and contacts." },
  { id: "endpoints", label: "Contact endpoints", description: "Email addresses, phone numbers and chat widgets customers reach you on." },
  { id: "companies", label: "Companies", description: "The companies customers belong to, their details and their people." },
  { id: "webhooks", label: "Webhooks", description: "Send events to other systems as they happen." },
  { id: "email", label: "Email", description: "The mail server invite and password links are emailed through." },
];

/** What the signed-in user may do in a section. */
export type Access = "edit" | "read" | "none";

/**
 * What the signed-in user may do, as the server decided it from its role rules (GET /v1/me). The UI
 * only reads these facts, so it never disagrees with the server about who may do what.
 */
export type Principal = Pick<Me, "permissions" | "maySetOthersStatus" | "maySetOwnStatus">;

/** Whether the server granted `permission`. */
function holds(me: Principal, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** Shown on sections the user may look at but not change. */
export const READ_ONLY_NOTE = "View only: only admins and account managers can change this.";

/** Changing the setup needs the server's Configure permission. */
export function mayConfigure(me: Principal): boolean {
  return holds(me, "Configure");
}

/** Reading the directory (the setup, agents, companies) needs the server's ReadDirectory permission. */
export function mayReadDirectory(me: Principal): boolean {
  return holds(me, "ReadDirectory");
}

/** Changing end users (their details, companies and custom attribute values) needs ManageEndUsers. */
export function mayManageEndUsers(me: Principal): boolean {
  return holds(me, "ManageEndUsers");
}

/** Whether the user has a status of their own to set (they handle conversations), as the server says. */
export function hasAgentStatus(me: Principal): boolean {
  return me.maySetOwnStatus;
}

/** Whether `me` may set the status of `agentId`: their own, or another agent's, as the server says. */
export function maySetStatusOf(me: Principal & { id: string }, agentId: string): boolean {
  return me.id === agentId ? me.maySetOwnStatus : me.maySetOthersStatus;
}

/** Whether the user may set other agents' statuses, as the server says. */
export function maySetOthersStatus(me: Principal): boolean {
  return me.maySetOthersStatus;
}

/** What the server answers users without ManageEndUsers. */
export const MANAGE_END_USERS_FORBIDDEN = "Only agents, managers and admins can change end users";

/** Shown on Settings › Companies to those who may read but not change end users. */
export const COMPANIES_READ_ONLY_NOTE = "View only: only agents, managers and admins can change companies.";

/**
 * Webhooks hold URLs and secrets, so even reading them needs Configure. Companies belong with the
 * customers: whoever may change end users (ManageEndUsers) changes them, not Configure.
 */
export function sectionAccess(me: Principal, section: SettingsSection): Access {
  if (section === "companies") return mayManageEndUsers(me) ? "edit" : mayReadDirectory(me) ? "read" : "none";
  if (mayConfigure(me)) return "edit";
  // Webhooks and the mail server hold URLs, secrets and passwords: even reading them needs Configure.
  if (section === "webhooks" || section === "email") return "none";
  return mayReadDirectory(me) ? "read" : "none";
}

/**
 * What the user may do in a section as the Settings area shows it: as sectionAccess, except the
 * Agent status board, where working means setting other agents' statuses (maySetOthersStatus).
 */
export function effectiveAccess(me: Principal, section: SettingsSection): Access {
  const access = sectionAccess(me, section);
  if (section !== "board" || access === "none") return access;
  return maySetOthersStatus(me) ? "edit" : "read";
}

/** The sections the user may open, in navigation order. */
export function visibleSections(me: Principal): SectionInfo[] {
  return SECTIONS.filter((s) => sectionAccess(me, s.id) !== "none");
}

/** The Settings button is shown only to users who may open at least one section. */
export function maySeeSettings(me: Principal): boolean {
  return visibleSections(me).length > 0;
}

/** The section to show: the requested one if the user may open it, else the first they may. */
export function pickSection(me: Principal, wanted: SettingsSection | null | undefined): SettingsSection | null {
  const visible = visibleSections(me);
  if (wanted && visible.some((s) => s.id === wanted)) return wanted;
  return visible[0]?.id ?? null;
}

// --- Agents and roles ---------------------------------------------------------------------------

export const USER_TYPES: readonly UserType[] = ["Agent", "Admin", "Bot"];

export const USER_TYPE_HINTS: Record<UserType, string> = {
  Agent: "Works on conversations with the permissions of their roles.",
  Admin: "May do everything, whatever their roles.",
  Bot: "An integration: acts only through the API with a token.",
};

export const ROLES: readonly Role[] = Roles;

export const ROLE_LABELS: Record<Role, string> = {
  Agent: "Agent",
  Manager: "Manager",
  AnalyticsManager: "Analytics manager",
  AccountManager: "Account manager",
};

export const ROLE_HINTS: Record<Role, string> = {
  Agent: "Conversations in their queues",
  Manager: "All conversations and reports",
  AnalyticsManager: "Reports",
  AccountManager: "Changes the setup",
};

/** Agent and Manager exclude each other: the Manager role already includes what an Agent may do. */
const EXCLUSIVE: Partial<Record<Role, Role>> = { Agent: "Manager", Manager: "Agent" };

export const ROLE_CONFLICT = "Choose Agent or Manager, not both: a Manager may already do everything an Agent may.";

/** The selected role that keeps `role` from being added, if any. */
export function roleBlockedBy(roles: readonly Role[], role: Role): Role | null {
  const other = EXCLUSIVE[role];
  return other && !roles.includes(role) && roles.includes(other) ? other : null;
}

/** Turns a role on or off, in the standard order; a role blocked by another one is not added. */
export function toggleRole(roles: readonly Role[], role: Role, on: boolean): Role[] {
  if (on && roleBlockedBy(roles, role)) return ROLES.filter((r) => roles.includes(r));
  const set = new Set(roles);
  if (on) set.add(role);
  else set.delete(role);
  return ROLES.filter((r) => set.has(r));
}

/** Why a set of roles is refused, or null when it is valid. */
export function roleError(roles: readonly Role[]): string | null {
  return roles.includes("Agent") && roles.includes("Manager") ? ROLE_CONFLICT : null;
}

export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((r) => b.includes(r));
}

/** A required name: trimmed, not empty, at most `max` characters. */
export function nameError(value: string, max = 200, what = "a name"): string | null {
  const v = value.trim();
  if (!v) return `Enter ${what}.`;
  if ([...v].length > max) return `Use at most ${max} characters.`;
  return null;
}

/** An optional email address: empty, or something with an @ and no spaces. */
export function emailError(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (!/^[^\s@]+@[^\s@]+$/.test(v) || v.length > 320) return "Enter an email address like name@example.com.";
  return null;
}

export interface AgentDraft {
  displayName: string;
  email: string;
  roles: Role[];
  enabled: boolean;
}

/** The PATCH body for what changed (an empty email clears it); null when nothing did. */
export function agentPatch(agent: Agent, draft: AgentDraft): PatchAgent | null {
  const patch: PatchAgent = {};
  const name = draft.displayName.trim();
  if (name !== agent.displayName) patch.displayName = name;
  const email = draft.email.trim();
  if (email !== (agent.email ?? "")) patch.email = email;
  if (!sameRoles(draft.roles, agent.roles)) patch.roles = ROLES.filter((r) => draft.roles.includes(r));
  if (draft.enabled !== agent.enabled) patch.enabled = draft.enabled;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Agents that may join a queue or team: enabled agents and admins (not bots) not already in it, by name. */
export function memberCandidates(agents: readonly Agent[], memberIds: Iterable<string>): Agent[] {
  const taken = new Set(memberIds);
  return agents
    .filter((a) => a.enabled && a.userType !== "Bot" && !taken.has(a.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

// --- Queues -------------------------------------------------------------------------------------

export const NOTIFICATION_SWITCHES: readonly { key: keyof QueueNotifications; label: string; hint: string }[] = [
  { key: "newConversation", label: "New conversation", hint: "A conversation arrives in the queue" },
  { key: "newMessage", label: "New message", hint: "A customer writes in a conversation assigned to the agent" },
  { key: "desktop", label: "Desktop notification", hint: "Show a notification from the desktop app" },
  { key: "sound", label: "Sound", hint: "Play a sound" },
];

/** The Default queue first, then by name. */
export function sortQueues<T extends { name: string; isDefault: boolean }>(queues: readonly T[]): T[] {
  return [...queues].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
}

// --- Tags ---------------------------------------------------------------------------------------

export const DEFAULT_TAG_COLOR = "#2f6fde";

/** `#RRGGBB`, as the color input gives it. */
export function colorError(value: string): string | null {
  return /^#[0-9a-fA-F]{6}$/.test(value.trim()) ? null : "Use a colour like #2F6FDE.";
}

/** Lower-cases a colour and adds a missing "#" ("2F6FDE" → "#2f6fde"). */
export function normalizeColor(value: string): string {
  const v = value.trim().toLowerCase();
  return /^[0-9a-f]{6}$/.test(v) ? `#${v}` : v;
}

// --- Custom attributes --------------------------------------------------------------------------

export const ATTRIBUTE_KINDS: readonly AttributeKind[] = ["Text", "Select"];

/** Lower-case letters, digits and _, at most 100 characters. */
export function identifierError(value: string): string | null {
  if (!value) return "Enter an identifier.";
  if (value.length > 100) return "Use at most 100 characters.";
  if (!/^[a-z0-9_]+$/.test(value)) return "Use lower-case letters, digits and _ only.";
  return null;
}

/** An identifier suggested from a label ("Order no." → "order_no"). */
export function identifierFromLabel(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 100);
}

/** One option per line; blank lines are ignored. */
export function parseOptions(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A Select needs at least one option and no repeats; a Text attribute has none. */
export function optionsError(kind: AttributeKind, options: readonly string[]): string | null {
  if (kind === "Text") return null;
  if (options.length === 0) return "Add at least one option, one per line.";
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o)) return `“${o}” is listed twice.`;
    seen.add(o);
  }
  return null;
}

// --- Contact endpoints and flows ----------------------------------------------------------------

export const ENDPOINT_KINDS: readonly EndpointKind[] = EndpointKinds;

export const ENDPOINT_PLACEHOLDERS: Record<EndpointKind, string> = {
  Email: "support@example.com",
  Phone: "+4512345678",
  Widget: "website-chat",
};

/** The same checks the server makes on an endpoint's address. */
export function endpointAddressError(kind: EndpointKind, address: string): string | null {
  const a = address.trim();
  if (!a) return "Enter an address.";
  switch (kind) {
    case "Email":
      return a.includes("@") && !/\s/.test(a) && a.length <= 320 ? null : "Enter an email address like support@example.com.";
    case "Phone":
      return /^\+\d{7,15}$/.test(a) ? null : "Enter a phone number in E.164 form, e.g. +4512345678.";
    case "Widget":
      return /^[A-Za-z0-9_-]{1,100}$/.test(a) ? null : "Use letters, digits, - and _ only.";
  }
}

/** The channels whose flows are listed, and their names. */
export const FLOW_CHANNELS: readonly Channel[] = ["Email", "PstnPhone", "Sms", "WhatsApp", "WidgetChat"];

export const CHANNEL_LABELS: Partial<Record<Channel, string>> = {
  Email: "Email",
  PstnPhone: "Phone",
  Sms: "SMS",
  WhatsApp: "WhatsApp",
  WidgetChat: "Chat widget",
};

// --- Webhooks -----------------------------------------------------------------------------------

/** A format's name, as the server's catalogue lists it (`Dixa`, `Interaction`). */
export type WebhookFormat = string;

/** The format subscriptions start with: the catalogue's first. */
export function defaultFormat(formats: readonly WebhookFormatEntry[]): WebhookFormat {
  return formats[0]?.format ?? "Dixa";
}

/** What the catalogue says a format is for; "" for one it doesn't list. */
export function formatHint(formats: readonly WebhookFormatEntry[], format: WebhookFormat): string {
  return formats.find((f) => f.format === format)?.description ?? "";
}

/** The events a format can send, in the server's order (none for a format it doesn't list). */
export function webhookEvents(formats: readonly WebhookFormatEntry[], format: WebhookFormat): readonly string[] {
  return formats.find((f) => f.format === format)?.events ?? [];
}

/** Keeps only the format's events, once each, in the standard order (e.g. after the format changed). */
export function normalizeEvents(formats: readonly WebhookFormatEntry[], format: WebhookFormat, events: readonly string[]): string[] {
  return webhookEvents(formats, format).filter((e) => events.includes(e));
}

export function toggleEvent(formats: readonly WebhookFormatEntry[], format: WebhookFormat, events: readonly string[], event: string, on: boolean): string[] {
  const set = new Set(events);
  if (on) set.add(event);
  else set.delete(event);
  return normalizeEvents(formats, format, [...set]);
}

/** "All events" (an empty list means all of them, including ones added later), else what is picked. */
export function eventsSummary(events: readonly string[]): string {
  if (events.length === 0) return "All events";
  if (events.length <= 2) return events.join(", ");
  return `${events.length} events`;
}

/** An http(s) URL with a host and no spaces, as the server requires. */
export function webhookUrlError(value: string): string | null {
  const url = value.trim();
  if (!url) return "Enter the URL to send events to.";
  const m = /^https?:\/\/([^/?#]*)/i.exec(url);
  if (!m || !/^https?:\/\//.test(url) || !m[1] || /\s/.test(url)) return "Enter an http:// or https:// URL.";
  return null;
}

/** Optional; when given, at least 16 characters. */
export function secretError(value: string): string | null {
  return value && value.length < 16 ? "Use at least 16 characters, or leave it empty." : null;
}

export interface WebhookDraft {
  name: string;
  url: string;
  /** Empty: generated by the server on create, unchanged on edit. */
  secret: string;
  format: WebhookFormat;
  events: string[];
  enabled: boolean;
}

export function emptyWebhookDraft(formats: readonly WebhookFormatEntry[]): WebhookDraft {
  return { name: "", url: "", secret: "", format: defaultFormat(formats), events: [], enabled: true };
}

export function webhookDraft(formats: readonly WebhookFormatEntry[], w: WebhookSubscription): WebhookDraft {
  return { name: w.name, url: w.url, secret: "", format: w.format, events: normalizeEvents(formats, w.format, w.events), enabled: w.enabled };
}

export function webhookDraftErrors(d: WebhookDraft): { name: string | null; url: string | null; secret: string | null } {
  return { name: nameError(d.name), url: webhookUrlError(d.url), secret: secretError(d.secret) };
}

/** The POST body; the secret is left out when empty so the server generates one. */
export function webhookCreateBody(formats: readonly WebhookFormatEntry[], d: WebhookDraft): SubscriptionBody {
  const body: SubscriptionBody = {
    name: d.name.trim(),
    url: d.url.trim(),
    format: d.format,
    events: normalizeEvents(formats, d.format, d.events),
    enabled: d.enabled,
  };
  if (d.secret) body.secret = d.secret;
  return body;
}

/** The PATCH body for what changed; null when nothing did. */
export function webhookPatch(formats: readonly WebhookFormatEntry[], w: WebhookSubscription, d: WebhookDraft): SubscriptionBody | null {
  const patch: SubscriptionBody = {};
  const name = d.name.trim();
  const url = d.url.trim();
  if (name !== w.name) patch.name = name;
  if (url !== w.url) patch.url = url;
  if (d.format !== w.format) patch.format = d.format;
  const events = normalizeEvents(formats, d.format, d.events);
  if (patch.format || events.length !== w.events.length || events.some((e) => !w.events.includes(e))) patch.events = events;
  if (d.enabled !== w.enabled) patch.enabled = d.enabled;
  if (d.secret) patch.secret = d.secret;
  return Object.keys(patch).length > 0 ? patch : null;
}

export type DeliveryState = "Pending" | "Delivered" | "Failed" | "Unknown";

export function deliveryState(status: string): DeliveryState {
  return status === "Pending" || status === "Delivered" || status === "Failed" ? status : "Unknown";
}

/** "85 ms", "1.2 s", "2 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

// --- Lists --------------------------------------------------------------------------------------

/** Appends the items not already listed (by id), e.g. a further page after a local insert. */
export function mergeById<T extends { id: string }>(existing: readonly T[], incoming: readonly T[]): T[] {
  const seen = new Set(existing.map((x) => x.id));
  const added: T[] = [];
  for (const item of incoming) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    added.push(item);
  }
  return [...existing, ...added];
}

/** Replaces the item with the same id in place, or inserts it at the start or end. */
export function upsertById<T extends { id: string }>(list: readonly T[], item: T, where: "start" | "end" = "end"): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i >= 0) return list.map((x, j) => (j === i ? item : x));
  return where === "start" ? [item, ...list] : [...list, item];
}
