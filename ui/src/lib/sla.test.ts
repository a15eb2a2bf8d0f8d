// Unit tests for the SLA logic: badge metric, countdown texts and tones, summaries, drafts,
// bodies and patches, checks, and list order.
import { describe, expect, it } from "vitest";
import type { ConversationSla, MetricState, SlaPolicy } from "./api/types";
import { attributeCatalog } from "./routes";
import {
  addSeverity,
  badgeMetric,
  emptySlaDraft,
  firstSlaError,
  formatCountdown,
  formatDue,
  formatMinutes,
  metricLabel,
  metricView,
  metricViews,
  minutesError,
  moveItem,
  moveSeverity,
  newSeverityDraft,
  nextSeverityName,
  positionError,
  positionTarget,
  queuesSummary,
  removeSeverity,
  severityBody,
  severitySummary,
  slaBadgeView,
  slaCreateBody,
  slaDraft,
  slaDraftErrors,
  slaIsLive,
  slaPatch,
  sortPolicies,
  validityState,
  validitySummary,
  type SlaPolicyDraft,
} from "./sla";
import { CONDITION_CATALOGUE } from "./test-catalogues";

const catalog = attributeCatalog(CONDITION_CATALOGUE);
const NOW = Date.UTC(2026, 0, 6, 8, 0, 0);
const at = (ms: number) => new Date(ms).toISOString();
const MIN = 60_000;

function metric(over: Partial<MetricState> = {}): MetricState {
  return { metric: "FirstResponse", status: "Running", targetMinutes: 60, remainingSeconds: 3600, breaches: 0, ...over };
}

function sla(metrics: MetricState[], over: Partial<ConversationSla> = {}): ConversationSla {
  return {
    policyId: "p1",
    policyName: "VIP",
    severityId: "s1",
    severityName: "Normal",
    severities: [
      { id: "s1", name: "Normal" },
      { id: "s2", name: "Urgent" },
    ],
    metrics,
    breached: false,
    ...over,
  };
}

function policy(over: Partial<SlaPolicy> = {}): SlaPolicy {
  return {
    id: "p1",
    name: "VIP",
    enabled: true,
    position: 0,
    conditions: [[{ attribute: "channel", operator: "is", value: "Email" }]],
    queues: ["q1"],
    ignoredQueues: [],
    validFrom: "2026-01-01",
    excludeAutomated: false,
    severities: [
      { id: "s1", name: "Normal", firstResponseMinutes: 60, resolutionMinutes: 1440, coverage: "WorkingHours" },
      { id: "s2", name: "Urgent", firstResponseMinutes: 15, coverage: "Always" },
    ],
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
    ...over,
  };
}

describe("metric labels and durations", () => {
  it("names the metrics", () => {
    expect(metricLabel("FirstResponse")).toBe("First response");
    expect(metricLabel("NextReply")).toBe("Next reply");
    expect(metricLabel("Resolution")).toBe("Resolution");
    expect(metricLabel("Other")).toBe("Other");
  });

  it("formats countdowns", () => {
    expect(formatCountdown(45)).toBe("45s");
    expect(formatCountdown(12 * 60 + 30)).toBe("12m");
    expect(formatCountdown(65 * 60)).toBe("1h 05m");
    expect(formatCountdown(26 * 3600 + 60)).toBe("1d 02h");
    expect(formatCountdown(-5)).toBe("0s");
  });

  it("formats minutes for the list", () => {
    expect(formatMinutes(90)).toBe("1 h 30 min");
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(60)).toBe("1 h");
    expect(formatMinutes(1500)).toBe("1 d 1 h");
    expect(formatMinutes(527040)).toBe("366 d");
    expect(formatMinutes(null)).toBe("");
    expect(formatMinutes(0)).toBe("");
  });

  it("says when something is due in local time", () => {
    // Tuesday 6 January 2026, 09:20 local.
    const due = new Date(2026, 0, 6, 9, 20).getTime();
    expect(formatDue(at(due), due - 3600_000)).toBe("Tue 09:20");
    expect(formatDue(at(due), due - 10 * 24 * 3600_000)).toBe("Jan 6 09:20");
    expect(formatDue(null, due)).toBe("");
  });
});

describe("metric views", () => {
  it("counts down a running metric from dueAt", () => {
    const v = metricView(metric({ dueAt: at(NOW + 12 * MIN + 30_000) }), NOW);
    expect(v).toMatchObject({ state: "running", tone: "ok", text: "12m left", live: true, label: "First response", target: "1 h" });
    expect(metricView(metric({ targetMinutes: 120, dueAt: at(NOW + 65 * MIN) }), NOW).text).toBe("1h 05m left");
  });

  it("warns under 20% of the target left", () => {
    expect(metricView(metric({ dueAt: at(NOW + 11 * MIN + 59_000) }), NOW).tone).toBe("warning");
    expect(metricView(metric({ dueAt: at(NOW + 12 * MIN) }), NOW).tone).toBe("ok");
  });

  it("is overdue once past dueAt, before the server says Breached", () => {
    const v = metricView(metric({ dueAt: at(NOW - 3 * MIN - 10_000) }), NOW);
    expect(v).toMatchObject({ state: "overdue", tone: "danger", text: "Overdue 3m" });
    expect(metricView(metric({ dueAt: at(NOW - 20_000) }), NOW).text).toBe("Overdue 20s");
  });

  it("falls back to remainingSeconds without dueAt", () => {
    expect(metricView(metric({ remainingSeconds: 600 }), NOW)).toMatchObject({ text: "10m left", live: false });
    expect(metricView(metric({ remainingSeconds: -120 }), NOW)).toMatchObject({ state: "overdue", text: "Overdue 2m" });
  });

  it("shows on hold with when it is due, paused, waiting, met, stopped and breached", () => {
    const due = new Date(2026, 0, 6, 9, 20).getTime();
    expect(metricView(metric({ status: "OnHold", dueAt: at(due) }), due - 3600_000)).toMatchObject({
      state: "on-hold",
      tone: "muted",
      text: "On hold · due Tue 09:20",
    });
    expect(metricView(metric({ status: "OnHold" }), NOW).text).toBe("On hold");
    expect(metricView(metric({ status: "Paused" }), NOW)).toMatchObject({ state: "paused", tone: "muted", text: "Paused" });
    expect(metricView(metric({ status: "Waiting" }), NOW)).toMatchObject({ state: "waiting", tone: "muted", text: "Waiting" });
    expect(metricView(metric({ status: "Met" }), NOW)).toMatchObject({ state: "met", tone: "ok", text: "Met" });
    expect(metricView(metric({ status: "Stopped" }), NOW)).toMatchObject({ state: "stopped", tone: "muted", text: "Stopped" });
    const breached = metricView(metric({ metric: "NextReply", status: "Breached", breaches: 3, remainingSeconds: -60 }), NOW);
    expect(breached).toMatchObject({ state: "breached", tone: "danger", text: "Breached", breaches: 3 });
    expect(breached.title).toContain("3 times");
  });
});

describe("badge metric", () => {
  it("shows a breached metric first", () => {
    const m = badgeMetric(
      [
        metric({ metric: "FirstResponse", dueAt: at(NOW + MIN) }),
        metric({ metric: "Resolution", status: "Breached", breachedAt: at(NOW - MIN) }),
      ],
      NOW,
    );
    expect(m?.metric).toBe("Resolution");
  });

  it("else the running or on-hold metric due first", () => {
    const metrics = [
      metric({ metric: "Resolution", dueAt: at(NOW + 60 * MIN) }),
      metric({ metric: "NextReply", status: "OnHold", dueAt: at(NOW + 30 * MIN) }),
      metric({ metric: "FirstResponse", status: "Waiting" }),
    ];
    expect(badgeMetric(metrics, NOW)?.metric).toBe("NextReply");
  });

  it("else paused, then waiting, then met", () => {
    expect(badgeMetric([metric({ status: "Met" }), metric({ metric: "Resolution", status: "Paused" })], NOW)?.metric).toBe("Resolution");
    expect(badgeMetric([metric({ status: "Met" }), metric({ metric: "NextReply", status: "Waiting" })], NOW)?.metric).toBe("NextReply");
    expect(badgeMetric([metric({ status: "Stopped" }), metric({ metric: "Resolution", status: "Met" })], NOW)?.metric).toBe("Resolution");
    expect(badgeMetric([], NOW)).toBeNull();
  });

  it("gives the badge view and whether it ticks", () => {
    const live = sla([metric({ dueAt: at(NOW + 5 * MIN) })]);
    expect(slaBadgeView(live, NOW)).toMatchObject({ text: "5m left", tone: "warning", metric: "FirstResponse" });
    expect(slaIsLive(live)).toBe(true);
    expect(slaIsLive(sla([metric({ status: "Paused" })]))).toBe(false);
    expect(slaBadgeView(null, NOW)).toBeNull();
    expect(slaBadgeView(sla([]), NOW)).toBeNull();
  });

  it("lists every metric in order", () => {
    const views = metricViews(
      sla([metric({ metric: "Resolution", status: "Paused" }), metric({ metric: "FirstResponse", status: "Met" }), metric({ metric: "NextReply", status: "Waiting" })]),
      NOW,
    );
    expect(views.map((v) => v.metric)).toEqual(["FirstResponse", "NextReply", "Resolution"]);
  });
});

describe("policy summaries", () => {
  const names: Record<string, string> = { q1: "Billing", q2: "Sales", q3: "Spam" };
  const queueName = (id: string) => names[id];

  it("sums up the queues", () => {
    expect(queuesSummary([], [], queueName)).toBe("All queues");
    expect(queuesSummary(undefined, ["q3"], queueName)).toBe("All queues but Spam");
    expect(queuesSummary(["q1", "q2"], [], queueName)).toBe("Billing, Sales");
    expect(queuesSummary(["q1"], ["q3", "gone"], queueName)).toBe("Billing; ignored in Spam, Unknown queue");
  });

  it("sums up the validity and whether it holds today (UTC days, both included)", () => {
    expect(validitySummary(null, null)).toBe("Always valid");
    expect(validitySummary("2026-01-01", null)).toBe("From 2026-01-01");
    expect(validitySummary(undefined, "2026-06-30")).toBe("Until 2026-06-30");
    expect(validitySummary("2026-01-01", "2026-06-30")).toBe("2026-01-01 to 2026-06-30");
    expect(validityState("2026-01-06", "2026-01-06", NOW)).toBe("valid");
    expect(validityState("2026-01-07", null, NOW)).toBe("upcoming");
    expect(validityState(null, "2026-01-05", NOW)).toBe("expired");
  });

  it("sums up a severity's times and coverage", () => {
    expect(severitySummary({ name: "Normal", firstResponseMinutes: 60, nextReplyMinutes: 30, resolutionMinutes: 1440, coverage: "WorkingHours" })).toBe(
      "first response 1 h, next reply 30 min, resolution 1 d · working hours only",
    );
    expect(severitySummary({ name: "Urgent", resolutionMinutes: 90 })).toBe("resolution 1 h 30 min · around the clock");
  });
});

describe("drafts and bodies", () => {
  it("round-trips a policy through its draft", () => {
    const draft = slaDraft(policy());
    expect(draft).toMatchObject({ name: "VIP", validFrom: "2026-01-01", validUntil: "", queues: ["q1"] });
    expect(draft.severities[0]).toMatchObject({ id: "s1", key: "s1", firstResponse: 60, nextReply: null, resolution: 1440, coverage: "WorkingHours" });
    expect(slaPatch(policy(), draft)).toBeNull();
  });

  it("patches only what changed, with ids kept and cleared dates as null", () => {
    const draft = slaDraft(policy());
    draft.validFrom = "";
    draft.validUntil = "2026-12-31";
    draft.severities[1].nextReply = 30;
    expect(slaPatch(policy(), draft)).toEqual({
      validFrom: null,
      validUntil: "2026-12-31",
      severities: [
        { id: "s1", name: "Normal", firstResponseMinutes: 60, resolutionMinutes: 1440, coverage: "WorkingHours" },
        { id: "s2", name: "Urgent", firstResponseMinutes: 15, nextReplyMinutes: 30, coverage: "Always" },
      ],
    });
  });

  it("patches the name, switches, conditions and queues", () => {
    const draft = slaDraft(policy());
    draft.name = " Gold ";
    draft.enabled = false;
    draft.excludeAutomated = true;
    draft.groups[0][0].value = "Sms";
    draft.queues = [];
    draft.ignoredQueues = ["q3"];
    expect(slaPatch(policy(), draft)).toEqual({
      name: "Gold",
      enabled: false,
      excludeAutomated: true,
      conditions: [[{ attribute: "channel", operator: "is", value: "Sms" }]],
      queues: [],
      ignoredQueues: ["q3"],
    });
  });

  it("doesn't patch queues picked in another order", () => {
    const p = policy({ queues: ["q1", "q2"] });
    const draft = slaDraft(p);
    draft.queues = ["q2", "q1"];
    expect(slaPatch(p, draft)).toBeNull();
  });

  it("sends a reordered severity list whole (the first is the Default)", () => {
    const draft = slaDraft(policy());
    draft.severities = moveSeverity(draft.severities, 1, 0);
    expect(slaPatch(policy(), draft)?.severities?.map((s) => s.id)).toEqual(["s2", "s1"]);
  });

  it("creates without the empty name or dates, new severities without ids", () => {
    const draft = emptySlaDraft({ attribute: "channel", operator: "is", value: "Email" });
    draft.severities[0].firstResponse = 30;
    draft.queues = ["q1", "q1"];
    expect(slaCreateBody(draft)).toEqual({
      enabled: true,
      conditions: [[{ attribute: "channel", operator: "is", value: "Email" }]],
      queues: ["q1"],
      ignoredQueues: [],
      excludeAutomated: false,
      severities: [{ name: "Normal", firstResponseMinutes: 30, coverage: "Always" }],
    });
    draft.name = "Gold";
    draft.validFrom = "2026-02-01";
    draft.validUntil = "2026-03-01";
    expect(slaCreateBody(draft)).toMatchObject({ name: "Gold", validFrom: "2026-02-01", validUntil: "2026-03-01" });
  });

  it("leaves empty times out of a severity", () => {
    expect(severityBody({ ...newSeverityDraft("A"), resolution: 120, coverage: "WorkingHours" })).toEqual({
      name: "A",
      resolutionMinutes: 120,
      coverage: "WorkingHours",
    });
  });
});

describe("severity list", () => {
  it("adds with a free name, removes and moves", () => {
    const list = [newSeverityDraft("Normal"), newSeverityDraft("Severity 2")];
    expect(nextSeverityName(list)).toBe("Severity 3");
    const added = addSeverity(list);
    expect(added.map((s) => s.name)).toEqual(["Normal", "Severity 2", "Severity 3"]);
    expect(new Set(added.map((s) => s.key)).size).toBe(3);
    expect(removeSeverity(added, 1).map((s) => s.name)).toEqual(["Normal", "Severity 3"]);
    expect(moveSeverity(added, 2, 0).map((s) => s.name)).toEqual(["Severity 3", "Normal", "Severity 2"]);
    expect(moveSeverity(added, 0, 9).map((s) => s.name)).toEqual(["Severity 2", "Severity 3", "Normal"]);
  });
});

describe("checks", () => {
  function valid(): SlaPolicyDraft {
    const d = emptySlaDraft({ attribute: "channel", operator: "is", value: "Email" });
    d.severities[0].firstResponse = 60;
    return d;
  }

  it("accepts a complete draft", () => {
    const e = slaDraftErrors(catalog, valid(), false);
    expect(e.any).toBe(false);
    expect(firstSlaError(e)).toBeNull();
  });

  it("needs a name only when editing", () => {
    expect(slaDraftErrors(catalog, valid(), true).name).toBe("Name: enter a name.");
    expect(slaDraftErrors(catalog, valid(), false).name).toBeNull();
  });

  it("needs at least one time per severity, naming the severity", () => {
    const d = valid();
    d.severities = [...d.severities, newSeverityDraft("Urgent")];
    const e = slaDraftErrors(catalog, d, false);
    expect(e.severities[1].times).toBe("Severity 2: set at least one of first response, next reply or resolution.");
    expect(firstSlaError(e)).toBe("Severity 2: set at least one of first response, next reply or resolution.");
  });

  it("checks minutes, names and their uniqueness", () => {
    const d = valid();
    d.severities[0].nextReply = 0;
    d.severities[0].resolution = 527041;
    d.severities = [...d.severities, { ...newSeverityDraft(" normal "), firstResponse: 1.5 }];
    const e = slaDraftErrors(catalog, d, false);
    expect(e.severities[0].nextReply).toBe("Severity 1: next reply must be a whole number of minutes from 1 to 527040.");
    expect(e.severities[0].resolution).toContain("resolution must be a whole number");
    expect(e.severities[1].name).toBe("Severity 2: the name normal is already used by severity 1.");
    expect(e.severities[1].firstResponse).toContain("Severity 2: first response");
    expect(minutesError(527040, "x")).toBeNull();
    expect(minutesError(null, "x")).toBeNull();
  });

  it("checks the validity dates", () => {
    const d = valid();
    d.validFrom = "2026-03-01";
    d.validUntil = "2026-02-01";
    expect(firstSlaError(slaDraftErrors(catalog, d, false))).toBe("Valid until is before valid from.");
    d.validUntil = "2026-02-30";
    expect(slaDraftErrors(catalog, d, false).validUntil).toBe("Valid until: enter a real day as YYYY-MM-DD.");
    d.validUntil = "2026-03-01";
    expect(slaDraftErrors(catalog, d, false).any).toBe(false);
  });

  it("needs a condition and a severity, and conditions must be complete", () => {
    const d = valid();
    d.groups = [];
    d.severities = [];
    const e = slaDraftErrors(catalog, d, false);
    expect(e.conditionsMissing).toBe("Conditions: add at least one condition.");
    expect(e.severitiesMissing).toBe("Severities: add at least one severity.");
    const d2 = valid();
    d2.groups = [[{ attribute: "content", operator: "contains", value: "" }]];
    expect(firstSlaError(slaDraftErrors(catalog, d2, false))).toBe("Condition 1 of group 1: Enter a value.");
    // The operators are the server's for the attribute.
    d2.groups = [[{ attribute: "person.birthDate", operator: "contains", value: "1990" }]];
    expect(firstSlaError(slaDraftErrors(catalog, d2, false))).toBe("Condition 1 of group 1: “contains” can't be used with Birth date.");
    d2.groups = [[{ attribute: "person.birthDate", operator: "before or on", value: "1990-04-25" }]];
    expect(slaDraftErrors(catalog, d2, false).any).toBe(false);
  });

  it("refuses a queue both applied and ignored", () => {
    const d = valid();
    d.queues = ["q1"];
    d.ignoredQueues = ["q1"];
    expect(slaDraftErrors(catalog, d, false).queues).toBe("Queues: a queue can't be both applied and ignored.");
  });
});

describe("order", () => {
  it("sorts by position then creation and moves like routes", () => {
    const a = policy({ id: "a", position: 1 });
    const b = policy({ id: "b", position: 0 });
    const c = policy({ id: "c", position: 1, createdAt: "2025-01-01T00:00:00Z" });
    const sorted = sortPolicies([a, b, c]);
    expect(sorted.map((p) => p.id)).toEqual(["b", "c", "a"]);
    expect(moveItem(sorted, "a", 0).map((p) => [p.id, p.position])).toEqual([
      ["a", 0],
      ["b", 1],
      ["c", 2],
    ]);
  });

  it("reads 'Send to position…' as a 1-based place", () => {
    expect(positionTarget("1", 3)).toBe(0);
    expect(positionTarget(" 3 ", 3)).toBe(2);
    expect(positionTarget("4", 3)).toBeNull();
    expect(positionTarget("0", 3)).toBeNull();
    expect(positionTarget("1.5", 3)).toBeNull();
    expect(positionTarget("", 3)).toBeNull();
    expect(positionError("2", 3)).toBeNull();
    expect(positionError("9", 3)).toBe("Enter a position from 1 to 3.");
    expect(positionError("2", 1)).toBe("There is only position 1.");
  });
});
