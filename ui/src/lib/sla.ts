// SLA logic: metric labels, which metric a badge shows and its countdown text and tone, policy
// summaries, drafts and bodies for the API (PATCH only what changed), checks naming the field,
// and the list order. No Svelte here, so all of it is unit-tested.
import type {
  ConditionSpec,
  ConversationSla,
  Coverage,
  CreateSlaPolicy,
  Metric,
  MetricState,
  MetricStatus,
  PatchSlaPolicy,
  Severity,
  SlaPolicy,
} from "./api/types";
import { isCalendarDate } from "./patch";
import { sortByPosition } from "./order";
import { cleanGroups, conditionError, type AttributeCatalog } from "./routes";
import { MONTHS, timeValue } from "./time";

export { dropTarget, keyboardMoveTarget, moveItem } from "./order";

// --- Metrics ------------------------------------------------------------------------------------

/** The three metrics, in the order they are shown. */
export const METRICS: readonly Metric[] = ["FirstResponse", "NextReply", "Resolution"];

export const METRIC_LABELS: Record<Metric, string> = {
  FirstResponse: "First response",
  NextReply: "Next reply",
  Resolution: "Resolution",
};

export function metricLabel(metric: string): string {
  return METRIC_LABELS[metric as Metric] ?? metric;
}

export const COVERAGES: readonly Coverage[] = ["Always", "WorkingHours"];

export const COVERAGE_LABELS: Record<Coverage, string> = {
  Always: "Always",
  WorkingHours: "Working hours only",
};

/** Below this share of its target left, a running metric is shown as a warning. */
export const WARNING_FRACTION = 0.2;

/** The badge's state (`data-state`): the server's status, with "overdue" once past due before it says Breached. */
export type SlaState = "running" | "overdue" | "breached" | "on-hold" | "paused" | "waiting" | "met" | "stopped";

/** How a metric is coloured. */
export type SlaTone = "ok" | "warning" | "danger" | "muted";

export interface MetricView {
  metric: Metric;
  label: string;
  state: SlaState;
  tone: SlaTone;
  /** "12m left", "Overdue 3m", "On hold · due Tue 09:20", "Paused", "Met", "Breached". */
  text: string;
  /** A longer description for tooltips. */
  title: string;
  /** The target as "1 h 30 min". */
  target: string;
  /** Breaches so far (next reply can breach several times). */
  breaches: number;
  /** Whether the text changes as time passes (the clock then ticks every second). */
  live: boolean;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** A duration for countdowns: "45s", "12m", "1h 05m", "2d 03h". Negative counts as 0. */
export function formatCountdown(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad2(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${pad2(h % 24)}h`;
}

const WEEKDAYS: readonly string[] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** When something is due, in local time: "Tue 09:20" within a week, else "Mar 4 09:20". */
export function formatDue(iso: string | null | undefined, now: number): string {
  const t = timeValue(iso);
  if (!t) return "";
  const d = new Date(t);
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  if (Math.abs(t - now) < 6 * 24 * 3600_000) return `${WEEKDAYS[d.getDay()]} ${time}`;
  return `${MONTHS[d.getMonth()]} ${d.getDate()} ${time}`;
}

/** "1 h 30 min" from 90, "45 min", "1 d 2 h"; "" for none. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes) || minutes <= 0) return "";
  const total = Math.round(minutes);
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  const parts: string[] = [];
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  return parts.join(" ");
}

/** Seconds left before a metric breaches: from dueAt and now, else as of the last recalculation. */
export function secondsLeft(m: MetricState, now: number): number {
  const due = timeValue(m.dueAt);
  if (due) return (due - now) / 1000;
  return m.remainingSeconds;
}

/** The state, tone and text of one metric at `now`. */
export function metricView(m: MetricState, now: number): MetricView {
  const label = metricLabel(m.metric);
  const target = formatMinutes(m.targetMinutes);
  const view = (state: SlaState, tone: SlaTone, text: string, detail: string, live = false): MetricView => ({
    metric: m.metric,
    label,
    state,
    tone,
    text,
    title: `${label}: ${detail}${target ? ` (target ${target})` : ""}`,
    target,
    breaches: m.breaches,
    live,
  });
  switch (m.status) {
    case "Running": {
      const left = secondsLeft(m, now);
      const live = !!m.dueAt;
      const due = m.dueAt ? `, due ${formatDue(m.dueAt, now)}` : "";
      if (left <= 0) {
        const text = `Overdue ${formatCountdown(-left)}`;
        return view("overdue", "danger", text, `${text}${due}`, live);
      }
      const warning = left < m.targetMinutes * 60 * WARNING_FRACTION;
      const text = `${formatCountdown(Math.ceil(left))} left`;
      return view("running", warning ? "warning" : "ok", text, `${text}${due}`, live);
    }
    case "OnHold": {
      const text = m.dueAt ? `On hold · due ${formatDue(m.dueAt, now)}` : "On hold";
      return view("on-hold", "muted", text, `${text}, counting again when working hours resume`);
    }
    case "Paused":
      return view("paused", "muted", "Paused", "Paused (the conversation is solved)");
    case "Waiting":
      return view("waiting", "muted", "Waiting", "Waiting (not started yet)");
    case "Stopped":
      return view("stopped", "muted", "Stopped", "Stopped (the conversation is closed)");
    case "Met":
      return view("met", "ok", "Met", "Met");
    case "Breached": {
      const times = m.breaches > 1 ? ` ${m.breaches} times` : "";
      return view("breached", "danger", "Breached", `Breached${times}`);
    }
    default:
      return view("waiting", "muted", String(m.status), String(m.status));
  }
}

const RANK: Record<MetricStatus, number> = {
  Breached: 0,
  Running: 1,
  OnHold: 1,
  Paused: 2,
  Waiting: 3,
  Met: 4,
  Stopped: 5,
};

/** When a metric is (or was) due, for ordering the urgent ones. */
function dueTime(m: MetricState, now: number): number {
  if (m.status === "Breached") return timeValue(m.breachedAt) || timeValue(m.dueAt) || now;
  const due = timeValue(m.dueAt);
  return due || now + m.remainingSeconds * 1000;
}

/**
 * The metric a badge shows, the most urgent: a Breached one first, else the running or on-hold one
 * due first, else a paused one, a waiting one, a met one, a stopped one. Null without metrics.
 */
export function badgeMetric(metrics: readonly MetricState[], now: number): MetricState | null {
  let best: MetricState | null = null;
  for (const m of metrics) {
    if (!best) {
      best = m;
      continue;
    }
    const rank = RANK[m.status] ?? 9;
    const bestRank = RANK[best.status] ?? 9;
    if (rank < bestRank || (rank === bestRank && rank <= 1 && dueTime(m, now) < dueTime(best, now))) best = m;
  }
  return best;
}

/** What the SLA badge shows for a conversation at `now`, or null when there is nothing to show. */
export function slaBadgeView(sla: ConversationSla | null | undefined, now: number): MetricView | null {
  if (!sla) return null;
  const m = badgeMetric(sla.metrics, now);
  return m ? metricView(m, now) : null;
}

/** Every metric's view, in METRICS order. */
export function metricViews(sla: ConversationSla | null | undefined, now: number): MetricView[] {
  if (!sla) return [];
  const order = (m: MetricState) => {
    const i = METRICS.indexOf(m.metric);
    return i < 0 ? METRICS.length : i;
  };
  return [...sla.metrics].sort((a, b) => order(a) - order(b)).map((m) => metricView(m, now));
}

/** Whether a countdown is on screen, so the clock should tick every second. */
export function slaIsLive(sla: ConversationSla | null | undefined): boolean {
  return !!sla && sla.metrics.some((m) => m.status === "Running" && !!m.dueAt);
}

// --- Summaries ----------------------------------------------------------------------------------

/** "first response 1 h, next reply 30 min, resolution 1 d · working hours only". */
export function severitySummary(s: Severity): string {
  const times = [
    s.firstResponseMinutes ? `first response ${formatMinutes(s.firstResponseMinutes)}` : "",
    s.nextReplyMinutes ? `next reply ${formatMinutes(s.nextReplyMinutes)}` : "",
    s.resolutionMinutes ? `resolution ${formatMinutes(s.resolutionMinutes)}` : "",
  ].filter(Boolean);
  const coverage = s.coverage === "WorkingHours" ? "working hours only" : "around the clock";
  return `${times.join(", ") || "no times"} · ${coverage}`;
}

/** "All queues", "Billing, Sales", "All queues but Spam", "Billing; ignored in Spam": where a policy applies. */
export function queuesSummary(
  queues: readonly string[] | null | undefined,
  ignored: readonly string[] | null | undefined,
  queueName: (id: string) => string | undefined,
): string {
  const name = (id: string) => queueName(id) ?? "Unknown queue";
  const applied = (queues ?? []).map(name);
  const skipped = (ignored ?? []).map(name);
  if (applied.length === 0) return skipped.length ? `All queues but ${skipped.join(", ")}` : "All queues";
  return skipped.length ? `${applied.join(", ")}; ignored in ${skipped.join(", ")}` : applied.join(", ");
}

/** "Always valid", "From 2026-01-01", "Until 2026-06-30", "2026-01-01 to 2026-06-30". */
export function validitySummary(from: string | null | undefined, until: string | null | undefined): string {
  if (from && until) return `${from} to ${until}`;
  if (from) return `From ${from}`;
  if (until) return `Until ${until}`;
  return "Always valid";
}

/** Today's UTC day as YYYY-MM-DD (validity is in UTC days). */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** Whether the policy applies today by its dates: "upcoming" before its first day, "expired" after its last. */
export function validityState(
  from: string | null | undefined,
  until: string | null | undefined,
  now: number,
): "valid" | "upcoming" | "expired" {
  const today = utcDay(now);
  if (from && today < from) return "upcoming";
  if (until && today > until) return "expired";
  return "valid";
}

// --- Drafts -------------------------------------------------------------------------------------

/** The longest time a severity may set, in minutes (366 days). */
export const MAX_SLA_MINUTES = 527_040;

export const POLICY_NAME_MAX = 200;
export const SEVERITY_NAME_MAX = 100;

export const EXCLUDE_AUTOMATED_HELP =
  "Away messages, waiting-strategy messages, workflow and bot messages don't count; with a bot, the clock starts when it hands the conversation over.";

export type TimeKey = "firstResponse" | "nextReply" | "resolution";

export const TIME_KEYS: readonly TimeKey[] = ["firstResponse", "nextReply", "resolution"];

export const TIME_LABELS: Record<TimeKey, string> = {
  firstResponse: "First response",
  nextReply: "Next reply",
  resolution: "Resolution",
};

export interface SeverityDraft {
  /** Kept from the server so conversations keep the severity chosen; absent for a new one. */
  id?: string;
  /** A key for the editor's list (the id, or made up for a new one). */
  key: string;
  name: string;
  /** Minutes; null (an empty input) when not measured. */
  firstResponse: number | null;
  nextReply: number | null;
  resolution: number | null;
  coverage: Coverage;
}

export interface SlaPolicyDraft {
  name: string;
  enabled: boolean;
  groups: ConditionSpec[][];
  /** Queue ids where it applies (all when empty). */
  queues: string[];
  /** Queue ids where it is ignored. */
  ignoredQueues: string[];
  /** YYYY-MM-DD or "" for none. */
  validFrom: string;
  validUntil: string;
  excludeAutomated: boolean;
  severities: SeverityDraft[];
}

let keySeq = 0;

function newKey(): string {
  keySeq += 1;
  return `new-${keySeq}`;
}

export function newSeverityDraft(name = ""): SeverityDraft {
  return { key: newKey(), name, firstResponse: null, nextReply: null, resolution: null, coverage: "Always" };
}

export function severityDraft(s: Severity): SeverityDraft {
  return {
    id: s.id,
    key: s.id ?? newKey(),
    name: s.name,
    firstResponse: s.firstResponseMinutes ?? null,
    nextReply: s.nextReplyMinutes ?? null,
    resolution: s.resolutionMinutes ?? null,
    coverage: s.coverage ?? "Always",
  };
}

/** A new policy: enabled, one condition to fill in and a Default severity to give times. */
export function emptySlaDraft(firstCondition?: ConditionSpec): SlaPolicyDraft {
  return {
    name: "",
    enabled: true,
    groups: firstCondition ? [[firstCondition]] : [],
    queues: [],
    ignoredQueues: [],
    validFrom: "",
    validUntil: "",
    excludeAutomated: false,
    severities: [newSeverityDraft("Normal")],
  };
}

export function slaDraft(p: SlaPolicy): SlaPolicyDraft {
  return {
    name: p.name,
    enabled: p.enabled,
    groups: p.conditions.map((g) => g.map((c) => ({ ...c, value: Array.isArray(c.value) ? [...c.value] : c.value }))),
    queues: [...(p.queues ?? [])],
    ignoredQueues: [...(p.ignoredQueues ?? [])],
    validFrom: p.validFrom ?? "",
    validUntil: p.validUntil ?? "",
    excludeAutomated: p.excludeAutomated ?? false,
    severities: p.severities.map(severityDraft),
  };
}

// --- Severities list ----------------------------------------------------------------------------

/** A name "Severity N" not used yet, for a new severity. */
export function nextSeverityName(list: readonly SeverityDraft[]): string {
  const used = new Set(list.map((s) => s.name.trim().toLowerCase()));
  for (let n = list.length + 1; ; n++) {
    const name = `Severity ${n}`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

export function addSeverity(list: readonly SeverityDraft[]): SeverityDraft[] {
  return [...list, newSeverityDraft(nextSeverityName(list))];
}

export function removeSeverity(list: readonly SeverityDraft[], index: number): SeverityDraft[] {
  return list.filter((_, i) => i !== index);
}

/** Moves a severity to index `to` (clamped); moving one to the top makes it the Default. */
export function moveSeverity(list: readonly SeverityDraft[], index: number, to: number): SeverityDraft[] {
  if (index < 0 || index >= list.length) return [...list];
  const rest = list.filter((_, i) => i !== index);
  rest.splice(Math.max(0, Math.min(to, rest.length)), 0, list[index]);
  return rest;
}

// --- Checks -------------------------------------------------------------------------------------

export interface SeverityErrors {
  name: string | null;
  firstResponse: string | null;
  nextReply: string | null;
  resolution: string | null;
  /** None of the three times set. */
  times: string | null;
}

export interface SlaDraftErrors {
  name: string | null;
  validFrom: string | null;
  validUntil: string | null;
  queues: string | null;
  /** Per group, per condition. */
  conditions: (string | null)[][];
  /** No condition at all. */
  conditionsMissing: string | null;
  severities: SeverityErrors[];
  /** No severity at all. */
  severitiesMissing: string | null;
  any: boolean;
}

/** A time in minutes: empty, or a whole number from 1 to MAX_SLA_MINUTES. */
export function minutesError(value: number | string | null | undefined, what: string): string | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SLA_MINUTES) return `${what} must be a whole number of minutes from 1 to ${MAX_SLA_MINUTES}.`;
  return null;
}

/** The minutes an input holds, or null when empty (or not a number). */
export function minutesValue(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function severityErrors(s: SeverityDraft, index: number, all: readonly SeverityDraft[]): SeverityErrors {
  const where = `Severity ${index + 1}`;
  const name = s.name.trim();
  let nameError: string | null = null;
  if (!name) nameError = `${where}: enter a name.`;
  else if ([...name].length > SEVERITY_NAME_MAX) nameError = `${where}: use at most ${SEVERITY_NAME_MAX} characters for the name.`;
  else {
    const first = all.findIndex((o) => o.name.trim().toLowerCase() === name.toLowerCase());
    if (first !== index) nameError = `${where}: the name ${name} is already used by severity ${first + 1}.`;
  }
  const time = (key: TimeKey) => {
    const e = minutesError(s[key], TIME_LABELS[key].toLowerCase());
    return e ? `${where}: ${e}` : null;
  };
  const firstResponse = time("firstResponse");
  const nextReply = time("nextReply");
  const resolution = time("resolution");
  const anySet = TIME_KEYS.some((k) => minutesValue(s[k]) !== null);
  const times = anySet ? null : `${where}: set at least one of first response, next reply or resolution.`;
  return { name: nameError, firstResponse, nextReply, resolution, times };
}

/** Why a draft would be refused, each message naming its field. */
export function slaDraftErrors(catalog: AttributeCatalog, d: SlaPolicyDraft, editing: boolean): SlaDraftErrors {
  const name = d.name.trim();
  const nameError = editing && !name ? "Name: enter a name." : [...name].length > POLICY_NAME_MAX ? `Name: use at most ${POLICY_NAME_MAX} characters.` : null;
  const dateError = (value: string, label: string) =>
    !value.trim() || isCalendarDate(value.trim()) ? null : `${label}: enter a real day as YYYY-MM-DD.`;
  const validFrom = dateError(d.validFrom, "Valid from");
  let validUntil = dateError(d.validUntil, "Valid until");
  if (!validFrom && !validUntil && d.validFrom.trim() && d.validUntil.trim() && d.validUntil.trim() < d.validFrom.trim()) {
    validUntil = "Valid until is before valid from.";
  }
  const both = d.queues.filter((q) => d.ignoredQueues.includes(q));
  const queues = both.length ? "Queues: a queue can't be both applied and ignored." : null;
  const conditions = d.groups.map((g) => g.map((c) => conditionError(catalog, c)));
  const conditionsMissing = cleanGroups(d.groups).length === 0 ? "Conditions: add at least one condition." : null;
  const severities = d.severities.map((s, i) => severityErrors(s, i, d.severities));
  const severitiesMissing = d.severities.length === 0 ? "Severities: add at least one severity." : null;
  const any =
    !!nameError ||
    !!validFrom ||
    !!validUntil ||
    !!queues ||
    !!conditionsMissing ||
    !!severitiesMissing ||
    conditions.some((g) => g.some(Boolean)) ||
    severities.some((s) => Object.values(s).some(Boolean));
  return { name: nameError, validFrom, validUntil, queues, conditions, conditionsMissing, severities, severitiesMissing, any };
}

/** The first problem, for the message beside the Save button; null when there is none. */
export function firstSlaError(e: SlaDraftErrors): string | null {
  if (e.name) return e.name;
  if (e.validFrom) return e.validFrom;
  if (e.validUntil) return e.validUntil;
  if (e.queues) return e.queues;
  if (e.conditionsMissing) return e.conditionsMissing;
  for (const [g, group] of e.conditions.entries()) {
    for (const [i, message] of group.entries()) {
      if (message) return `Condition ${i + 1} of group ${g + 1}: ${message}`;
    }
  }
  if (e.severitiesMissing) return e.severitiesMissing;
  for (const s of e.severities) {
    const message = s.name ?? s.firstResponse ?? s.nextReply ?? s.resolution ?? s.times;
    if (message) return message;
  }
  return null;
}

// --- Bodies -------------------------------------------------------------------------------------

/** A severity as sent: its id when it has one, the times set, the coverage. */
export function severityBody(s: SeverityDraft): Severity {
  const body: Severity = { name: s.name.trim(), coverage: s.coverage };
  if (s.id) body.id = s.id;
  const firstResponse = minutesValue(s.firstResponse);
  const nextReply = minutesValue(s.nextReply);
  const resolution = minutesValue(s.resolution);
  if (firstResponse !== null) body.firstResponseMinutes = firstResponse;
  if (nextReply !== null) body.nextReplyMinutes = nextReply;
  if (resolution !== null) body.resolutionMinutes = resolution;
  return body;
}

/** A stored severity in the shape severityBody gives, for comparing. */
function storedSeverity(s: Severity): Severity {
  return severityBody(severityDraft(s));
}

/** Ids as a set (order doesn't matter), for comparing. */
function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((id, i) => id === y[i]);
}

export function slaCreateBody(d: SlaPolicyDraft): CreateSlaPolicy {
  const body: CreateSlaPolicy = {
    enabled: d.enabled,
    conditions: cleanGroups(d.groups),
    queues: [...new Set(d.queues)],
    ignoredQueues: [...new Set(d.ignoredQueues)],
    excludeAutomated: d.excludeAutomated,
    severities: d.severities.map(severityBody),
  };
  const name = d.name.trim();
  if (name) body.name = name;
  if (d.validFrom.trim()) body.validFrom = d.validFrom.trim();
  if (d.validUntil.trim()) body.validUntil = d.validUntil.trim();
  return body;
}

/** The PATCH body for what changed (a cleared date as null); null when nothing did. */
export function slaPatch(p: SlaPolicy, d: SlaPolicyDraft): PatchSlaPolicy | null {
  const patch: PatchSlaPolicy = {};
  const name = d.name.trim();
  if (name !== p.name) patch.name = name;
  if (d.enabled !== p.enabled) patch.enabled = d.enabled;
  const groups = cleanGroups(d.groups);
  if (JSON.stringify(groups) !== JSON.stringify(cleanGroups(p.conditions))) patch.conditions = groups;
  if (!sameIds(d.queues, p.queues ?? [])) patch.queues = [...new Set(d.queues)];
  if (!sameIds(d.ignoredQueues, p.ignoredQueues ?? [])) patch.ignoredQueues = [...new Set(d.ignoredQueues)];
  const from = d.validFrom.trim() || null;
  const until = d.validUntil.trim() || null;
  if (from !== (p.validFrom ?? null)) patch.validFrom = from;
  if (until !== (p.validUntil ?? null)) patch.validUntil = until;
  if (d.excludeAutomated !== (p.excludeAutomated ?? false)) patch.excludeAutomated = d.excludeAutomated;
  const severities = d.severities.map(severityBody);
  if (JSON.stringify(severities) !== JSON.stringify(p.severities.map(storedSeverity))) patch.severities = severities;
  return Object.keys(patch).length > 0 ? patch : null;
}

// --- Order --------------------------------------------------------------------------------------

/** List order: by position, then by creation. */
export function sortPolicies(policies: readonly SlaPolicy[]): SlaPolicy[] {
  return sortByPosition(policies);
}

/**
 * The index "Send to position…" moves to from what was typed (1 is the top), or null when it is
 * not a whole number from 1 to `length`.
 */
export function positionTarget(text: string, length: number): number | null {
  const v = text.trim();
  if (!/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= length ? n - 1 : null;
}

export function positionError(text: string, length: number): string | null {
  if (positionTarget(text, length) !== null) return null;
  return length === 1 ? "There is only position 1." : `Enter a position from 1 to ${length}.`;
}
