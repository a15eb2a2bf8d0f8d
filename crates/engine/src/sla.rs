//! Service-level agreements: policies (an ordered list; the first enabled one whose validity,
//! queues and conditions fit a conversation applies), their severities with first response,
//! next reply and total resolution times counted Always or in working hours only, and the
//! assessment of a conversation's timeline against them.
//!
//! The assessment is a pure function of the conversation's timeline, its policy and severity,
//! its queue's working hours and `now`: recalculating after a transfer or a policy change is
//! running it again. Counting starts at the customer's first message (or at the bot's handover
//! when automated messages are excluded); next reply counts from each later customer message
//! that waits for an answer; everything pauses while the conversation is Solved, stops while it
//! is Closed, and a working-hours severity holds outside the queue's hours.

use crate::conditions::{Condition, Facts};
use crate::error::RuleError;
use crate::hours::Period;
use crate::kinds::Status;
use crate::Timestamp;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest target: a year in minutes.
pub const MAX_TARGET_MINUTES: u32 = 366 * 24 * 60;
/// Most severities in one policy.
pub const MAX_SEVERITIES: usize = 50;

/// When a severity's clocks run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum Coverage {
    /// Around the clock.
    #[default]
    Always,
    /// Only within the queue's working hours; on hold outside them.
    WorkingHours,
}

/// A severity level of a policy. The first of a policy is its Default severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Severity {
    /// Given by the server when absent.
    #[serde(default = "Uuid::nil")]
    pub id: Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_reply_minutes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution_minutes: Option<u32>,
    #[serde(default)]
    pub coverage: Coverage,
}

impl Severity {
    pub fn target(&self, m: Metric) -> Option<u32> {
        match m {
            Metric::FirstResponse => self.first_response_minutes,
            Metric::NextReply => self.next_reply_minutes,
            Metric::Resolution => self.resolution_minutes,
        }
    }
}

fn bad(message: impl Into<String>) -> RuleError {
    RuleError::BadSla(message.into())
}

/// Checks a policy's severities: at least the Default one, each with at least one time.
pub fn check_severities(severities: &[Severity]) -> Result<(), RuleError> {
    if severities.is_empty() {
        return Err(bad("a policy needs at least its Default severity"));
    }
    if severities.len() > MAX_SEVERITIES {
        return Err(bad(format!("at most {MAX_SEVERITIES} severities")));
    }
    for (i, s) in severities.iter().enumerate() {
        let name = s.name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(bad(format!("severities[{i}].name must have 1 to 100 characters")));
        }
        if severities[..i].iter().any(|o| o.name.trim().eq_ignore_ascii_case(name)) {
            return Err(bad(format!("two severities are named '{name}'")));
        }
        let targets = [s.first_response_minutes, s.next_reply_minutes, s.resolution_minutes];
        if targets.iter().all(Option::is_none) {
            return Err(bad(format!(
                "severity '{name}' needs at least one of firstResponseMinutes, nextReplyMinutes and resolutionMinutes"
            )));
        }
        if targets.iter().flatten().any(|&m| m == 0 || m > MAX_TARGET_MINUTES) {
            return Err(bad(format!("severity '{name}': times are minutes from 1 to {MAX_TARGET_MINUTES}")));
        }
    }
    Ok(())
}

/// What decides whether a policy applies to a conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct Applicability {
    pub enabled: bool,
    /// Valid from 00:00 UTC of the first day to 24:00 of the last (both optional).
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    /// Condition groups: every condition of a group must hold; one group is enough.
    pub groups: Vec<Vec<Condition>>,
    /// Only these queues (all when empty).
    pub queues: Vec<Uuid>,
    /// Never these queues.
    pub ignored_queues: Vec<Uuid>,
}

impl Applicability {
    /// Whether the policy applies to a conversation with these facts, in this queue, that
    /// started at `started`.
    pub fn applies(&self, facts: &Facts, queue: Option<Uuid>, started: Timestamp) -> bool {
        let day = started.date_naive();
        self.enabled
            && self.valid_from.is_none_or(|f| f <= day)
            && self.valid_until.is_none_or(|u| day <= u)
            && (self.queues.is_empty() || queue.is_some_and(|q| self.queues.contains(&q)))
            && queue.is_none_or(|q| !self.ignored_queues.contains(&q))
            && self.groups.iter().any(|g| g.iter().all(|c| c.matches(facts)))
    }
}

/// A policy's rules as stored and exchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PolicySpec {
    /// Condition groups over conversation, person and company attributes (the routing
    /// attributes): every condition of a group must hold; one group is enough. At least one.
    pub conditions: Vec<Vec<crate::conditions::ConditionSpec>>,
    /// The queues where it applies (all when empty).
    #[serde(default)]
    pub queues: Vec<Uuid>,
    /// The queues where it is ignored.
    #[serde(default)]
    pub ignored_queues: Vec<Uuid>,
    /// First day of validity (UTC), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<String>, format = Date))]
    pub valid_from: Option<NaiveDate>,
    /// Last day of validity (UTC, included), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<String>, format = Date))]
    pub valid_until: Option<NaiveDate>,
    /// Leave automated messages (away, waiting strategy, workflow, bot) out of the SLA.
    #[serde(default)]
    pub exclude_automated: bool,
    /// The first is the Default severity.
    pub severities: Vec<Severity>,
}

impl PolicySpec {
    /// Checks the rules and gives severities without an id one (`new_id` makes them).
    pub fn check(&mut self, mut new_id: impl FnMut() -> Uuid) -> Result<(), RuleError> {
        if self.conditions.is_empty() || self.conditions.iter().any(Vec::is_empty) {
            return Err(bad("set at least one condition (and no empty condition group)"));
        }
        for spec in self.conditions.iter().flatten() {
            spec.to_condition().map_err(|e| bad(e.to_string()))?;
        }
        if let (Some(f), Some(u)) = (self.valid_from, self.valid_until) {
            if u < f {
                return Err(bad(format!("validUntil ({u}) is before validFrom ({f})")));
            }
        }
        check_severities(&self.severities)?;
        for i in 0..self.severities.len() {
            let id = self.severities[i].id;
            if id.is_nil() || self.severities[..i].iter().any(|o| o.id == id) {
                self.severities[i].id = new_id();
            }
            self.severities[i].name = self.severities[i].name.trim().to_owned();
        }
        Ok(())
    }

    /// The rules that pick conversations, for a policy that is `enabled` or not.
    pub fn applicability(&self, enabled: bool) -> Applicability {
        Applicability {
            enabled,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            // Conditions were checked when stored; one that no longer reads is left out.
            groups: self.conditions.iter().map(|g| g.iter().filter_map(|c| c.to_condition().ok()).collect()).collect(),
            queues: self.queues.clone(),
            ignored_queues: self.ignored_queues.clone(),
        }
    }

    /// A severity by id, else the Default one.
    pub fn severity(&self, id: Option<Uuid>) -> Option<&Severity> {
        id.and_then(|id| self.severities.iter().find(|s| s.id == id)).or_else(|| self.severities.first())
    }
}

/// The first policy, in list order, that applies.
pub fn first_applying<'a, P>(
    policies: &'a [P],
    rules: impl Fn(&P) -> &Applicability,
    facts: &Facts,
    queue: Option<Uuid>,
    started: Timestamp,
) -> Option<&'a P> {
    policies.iter().find(|p| rules(p).applies(facts, queue, started))
}

/// The three measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum Metric {
    FirstResponse,
    NextReply,
    Resolution,
}

impl Metric {
    pub const ALL: [Metric; 3] = [Metric::FirstResponse, Metric::NextReply, Metric::Resolution];

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::FirstResponse => "FirstResponse",
            Metric::NextReply => "NextReply",
            Metric::Resolution => "Resolution",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Metric::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Something that happened in a conversation, as the SLA sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happening {
    /// The customer wrote.
    Inbound,
    /// Someone answered; `automated` for away messages, waiting strategies, workflows and bots.
    Outbound { automated: bool },
    /// The conversation's status became this.
    Status(Status),
    /// A bot handed the conversation over to people.
    Handover,
}

/// How a metric stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum MetricStatus {
    /// Not started: nothing to answer yet.
    Waiting,
    /// Counting down.
    Running,
    /// A working-hours severity outside the queue's hours.
    OnHold,
    /// The conversation is Solved.
    Paused,
    /// The conversation is Closed.
    Stopped,
    /// Done within the time.
    Met,
    /// Past the time (done late, or still open).
    Breached,
}

/// One metric of a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MetricState {
    pub metric: Metric,
    pub target_minutes: u32,
    pub status: MetricStatus,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "instant")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<String>, format = DateTime))]
    pub started_at: Option<Timestamp>,
    /// When it breaches if nothing happens (running or on hold, not yet breached).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "instant")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<String>, format = DateTime))]
    pub due_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "instant")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<String>, format = DateTime))]
    pub completed_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "instant")]
    #[cfg_attr(feature = "schema", schema(value_type = Option<String>, format = DateTime))]
    pub breached_at: Option<Timestamp>,
    /// Counted time left (negative once breached), in seconds, as of the assessment.
    pub remaining_seconds: i64,
    /// Breaches so far: several for next reply, one at most for the others.
    pub breaches: u32,
}

/// Instants as the API writes them: RFC 3339 in UTC with milliseconds.
mod instant {
    use crate::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        let raw: Option<String> = Option::deserialize(d)?;
        raw.map(|r| {
            chrono::DateTime::parse_from_rfc3339(&r)
                .map(|t| t.with_timezone(&chrono::Utc))
                .map_err(serde::de::Error::custom)
        })
        .transpose()
    }
}

/// Every breach of an assessment, for reports: (metric, cycle, when).
pub type Breach = (Metric, u32, Timestamp);

/// How far `amount` of counted time reaches, and how much of it lies between two moments.
struct Counter<'a> {
    /// Intervals where the clocks run (not Solved, not Closed); the last may be open-ended.
    active: Vec<(Timestamp, Option<Timestamp>)>,
    period: Option<&'a Period>,
}

impl Counter<'_> {
    fn measure(&self, a: Timestamp, b: Timestamp) -> Duration {
        if b <= a {
            return Duration::zero();
        }
        match self.period {
            Some(p) => p.working_time(a, b),
            None => b - a,
        }
    }

    /// Counted time between `from` and `to`.
    fn elapsed(&self, from: Timestamp, to: Timestamp) -> Duration {
        self.active
            .iter()
            .map(|&(a, b)| {
                let (s, e) = (a.max(from), b.map_or(to, |b| b.min(to)));
                self.measure(s, e)
            })
            .fold(Duration::zero(), |x, y| x + y)
    }

    /// The moment `amount` of counted time has passed since `from`; None when the clocks stop
    /// before (paused or closed for good, or no working time ahead).
    fn reach(&self, from: Timestamp, amount: Duration) -> Option<Timestamp> {
        let mut left = amount;
        for &(a, b) in &self.active {
            let s = a.max(from);
            if b.is_some_and(|b| b <= s) {
                continue;
            }
            let end = match (self.period, b) {
                (Some(p), b) => p.add_working_time(s, left).filter(|t| b.is_none_or(|b| *t <= b)),
                (None, b) => Some(s + left).filter(|t| b.is_none_or(|b| *t <= b)),
            };
            if let Some(t) = end {
                return Some(t);
            }
            if let Some(b) = b {
                left -= self.measure(s, b);
            }
        }
        None
    }
}

/// What the assessment needs to know besides the timeline.
#[derive(Debug, Clone, Copy)]
pub struct Terms<'a> {
    pub severity: &'a Severity,
    pub exclude_automated: bool,
    /// The queue's working hours (None: always open).
    pub period: Option<&'a Period>,
}

/// The conversation's metrics under a severity, and every breach so far.
pub fn assess(
    timeline: &[(Timestamp, Happening)],
    terms: Terms<'_>,
    now: Timestamp,
) -> (Vec<MetricState>, Vec<Breach>) {
    let mut events: Vec<(Timestamp, Happening)> = timeline.iter().copied().filter(|(t, _)| *t <= now).collect();
    events.sort_by_key(|(t, _)| *t);

    // Where the clocks run, and the status now.
    let mut active = Vec::new();
    let mut status = Status::Open;
    let mut since: Option<Timestamp> = events.first().map(|(t, _)| *t);
    for &(t, h) in &events {
        if let Happening::Status(s) = h {
            let running = |s: Status| !matches!(s, Status::Solved | Status::Closed);
            match (running(status), running(s)) {
                (true, false) => {
                    if let Some(a) = since.take() {
                        active.push((a, Some(t)));
                    }
                }
                (false, true) => since = Some(t),
                _ => {}
            }
            status = s;
        }
    }
    if let Some(a) = since {
        if !matches!(status, Status::Solved | Status::Closed) {
            active.push((a, None));
        }
    }
    let coverage_period = match terms.severity.coverage {
        Coverage::Always => None,
        Coverage::WorkingHours => terms.period,
    };
    let counter = Counter { active, period: coverage_period };
    let counts = |h: Happening| match h {
        Happening::Outbound { automated } => !(automated && terms.exclude_automated),
        _ => false,
    };

    // The start: the customer's first message, or the handover after it when automation is
    // left out of the SLA.
    let first_inbound = events.iter().find(|(_, h)| *h == Happening::Inbound).map(|(t, _)| *t);
    let start = first_inbound.map(|fi| {
        if terms.exclude_automated {
            events.iter().find(|(t, h)| *h == Happening::Handover && *t >= fi).map_or(fi, |(t, _)| *t)
        } else {
            fi
        }
    });
    let live = |status_now: Status| match status_now {
        Status::Solved => MetricStatus::Paused,
        Status::Closed => MetricStatus::Stopped,
        _ if terms.severity.coverage == Coverage::WorkingHours && terms.period.is_some_and(|p| !p.is_open(now)) => {
            MetricStatus::OnHold
        }
        _ => MetricStatus::Running,
    };
    // One measured span: from its start to its end (None: still open).
    let judge = |metric: Metric, target: u32, from: Timestamp, end: Option<Timestamp>| -> MetricState {
        let target_d = Duration::minutes(i64::from(target));
        let until = end.unwrap_or(now);
        let elapsed = counter.elapsed(from, until);
        // An answer at the deadline is in time; an open wait that reached it has breached (so a
        // deadline timer firing at that very moment sees the breach).
        let late = if end.is_some() { elapsed > target_d } else { elapsed >= target_d };
        let breached_at = counter.reach(from, target_d).filter(|t| *t <= until && late);
        let status = match (end, late) {
            (_, true) => MetricStatus::Breached,
            (Some(_), false) => MetricStatus::Met,
            (None, false) => live(status),
        };
        let due_at = match status {
            MetricStatus::Running | MetricStatus::OnHold => counter.reach(from, target_d),
            _ => None,
        };
        MetricState {
            metric,
            target_minutes: target,
            status,
            started_at: Some(from),
            due_at,
            completed_at: end,
            breached_at: breached_at.or(late.then_some(until)),
            remaining_seconds: (target_d - elapsed).num_seconds(),
            breaches: u32::from(late),
        }
    };
    let waiting = |metric: Metric, target: u32| MetricState {
        metric,
        target_minutes: target,
        status: MetricStatus::Waiting,
        started_at: None,
        due_at: None,
        completed_at: None,
        breached_at: None,
        remaining_seconds: i64::from(target) * 60,
        breaches: 0,
    };

    let mut states = Vec::new();
    let mut breaches = Vec::new();
    let first_answer = start.and_then(|s| events.iter().find(|(t, h)| *t >= s && counts(*h)).map(|(t, _)| *t));

    if let Some(target) = terms.severity.target(Metric::FirstResponse) {
        let state = match start {
            Some(s) => judge(Metric::FirstResponse, target, s, first_answer),
            None => waiting(Metric::FirstResponse, target),
        };
        if let Some(at) = state.breached_at {
            breaches.push((Metric::FirstResponse, 1, at));
        }
        states.push(state);
    }

    if let Some(target) = terms.severity.target(Metric::NextReply) {
        // Each customer message after an answer opens a wait that the next answer closes.
        let mut cycles: Vec<(Timestamp, Option<Timestamp>)> = Vec::new();
        if let Some(first) = first_answer {
            let mut open: Option<Timestamp> = None;
            for &(t, h) in events.iter().filter(|(t, _)| *t > first) {
                match h {
                    Happening::Inbound if open.is_none() => open = Some(t),
                    h if counts(h) => {
                        if let Some(o) = open.take() {
                            cycles.push((o, Some(t)));
                        }
                    }
                    _ => {}
                }
            }
            if let Some(o) = open {
                cycles.push((o, None));
            }
        }
        let mut count = 0;
        let mut last = None;
        for (n, (from, end)) in cycles.into_iter().enumerate() {
            let state = judge(Metric::NextReply, target, from, end);
            if let Some(at) = state.breached_at {
                count += 1;
                breaches.push((Metric::NextReply, u32::try_from(n + 1).unwrap_or(u32::MAX), at));
            }
            last = Some(state);
        }
        let mut state = last.unwrap_or_else(|| waiting(Metric::NextReply, target));
        state.breaches = count;
        states.push(state);
    }

    if let Some(target) = terms.severity.target(Metric::Resolution) {
        let state = match start {
            Some(s) => {
                // Resolved while Solved (or Closed); a reopened conversation counts on.
                let end = match status {
                    Status::Solved | Status::Closed => {
                        events.iter().rev().find(|(_, h)| matches!(h, Happening::Status(_))).map(|(t, _)| *t)
                    }
                    _ => None,
                };
                judge(Metric::Resolution, target, s, end)
            }
            None => waiting(Metric::Resolution, target),
        };
        if let Some(at) = state.breached_at {
            breaches.push((Metric::Resolution, 1, at));
        }
        states.push(state);
    }
    (states, breaches)
}

/// The earliest moment an assessment changes by itself (a breach coming due).
pub fn next_due(states: &[MetricState]) -> Option<Timestamp> {
    states.iter().filter_map(|s| s.due_at).min()
}

/// When the assessment must be made again: at the next deadline, or earlier when a
/// working-hours severity's clocks go on hold or resume with the queue's hours.
pub fn next_wakeup(states: &[MetricState], terms: Terms<'_>, now: Timestamp) -> Option<Timestamp> {
    let due = next_due(states);
    let counting = states.iter().any(|s| matches!(s.status, MetricStatus::Running | MetricStatus::OnHold));
    let change = match (terms.severity.coverage, terms.period) {
        (Coverage::WorkingHours, Some(p)) if counting => p.next_change(now),
        _ => None,
    };
    match (due, change) {
        (Some(d), Some(c)) => Some(d.min(c)),
        (d, c) => d.or(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::{ConditionSpec, SpecValue};
    use crate::hours::{PeriodSpec, WeekSpec};
    use chrono::{TimeZone, Utc};

    fn at(d: u32, h: u32, m: u32) -> Timestamp {
        Utc.with_ymd_and_hms(2026, 1, d, h, m, 0).unwrap()
    }

    fn severity(fr: Option<u32>, nr: Option<u32>, res: Option<u32>, coverage: Coverage) -> Severity {
        Severity {
            id: Uuid::nil(),
            name: "Default".into(),
            first_response_minutes: fr,
            next_reply_minutes: nr,
            resolution_minutes: res,
            coverage,
        }
    }

    fn office() -> Period {
        PeriodSpec { time_zone: "UTC".into(), days: WeekSpec::weekdays("09:00", "17:00"), holidays: vec![] }
            .compile()
            .unwrap()
    }

    fn state(states: &[MetricState], m: Metric) -> &MetricState {
        states.iter().find(|s| s.metric == m).unwrap()
    }

    use Happening::*;

    #[test]
    fn first_response_counts_from_the_customers_first_message() {
        let s = severity(Some(30), None, None, Coverage::Always);
        let terms = Terms { severity: &s, exclude_automated: false, period: None };
        let tl = [(at(5, 9, 0), Status(crate::kinds::Status::Open)), (at(5, 9, 0), Inbound)];
        let (states, _) = assess(&tl, terms, at(5, 9, 10));
        let fr = state(&states, Metric::FirstResponse);
        assert_eq!(fr.status, MetricStatus::Running);
        assert_eq!(fr.due_at, Some(at(5, 9, 30)));
        assert_eq!(fr.remaining_seconds, 20 * 60);
        // Answered at 9:20: met. At 9:40 unanswered: breached at 9:30.
        let answered = [tl[0], tl[1], (at(5, 9, 20), Outbound { automated: false })];
        assert_eq!(state(&assess(&answered, terms, at(5, 10, 0)).0, Metric::FirstResponse).status, MetricStatus::Met);
        let at_deadline = assess(&tl, terms, at(5, 9, 30)).0;
        assert_eq!(state(&at_deadline, Metric::FirstResponse).status, MetricStatus::Breached, "reached is breached");
        assert_eq!(state(&at_deadline, Metric::FirstResponse).due_at, None);
        let in_time = [tl[0], tl[1], (at(5, 9, 30), Outbound { automated: false })];
        assert_eq!(state(&assess(&in_time, terms, at(5, 9, 30)).0, Metric::FirstResponse).status, MetricStatus::Met);
        let (states, breaches) = assess(&tl, terms, at(5, 9, 40));
        let fr = state(&states, Metric::FirstResponse);
        assert_eq!(fr.status, MetricStatus::Breached);
        assert_eq!(fr.breached_at, Some(at(5, 9, 30)));
        assert_eq!(fr.remaining_seconds, -10 * 60);
        assert_eq!(breaches, [(Metric::FirstResponse, 1, at(5, 9, 30))]);
    }

    #[test]
    fn a_working_hours_severity_holds_overnight_and_an_always_one_runs() {
        // Friday 16:50; 30 minutes first response.
        let p = office();
        let tl = [(at(9, 16, 50), Inbound)];
        let wh = severity(Some(30), None, None, Coverage::WorkingHours);
        let always = severity(Some(30), None, None, Coverage::Always);
        let night = at(9, 22, 0);
        let (states, _) = assess(&tl, Terms { severity: &wh, exclude_automated: false, period: Some(&p) }, night);
        let fr = state(&states, Metric::FirstResponse);
        assert_eq!(fr.status, MetricStatus::OnHold);
        assert_eq!(fr.due_at, Some(at(12, 9, 20)), "10 minutes on Friday, 20 on Monday");
        assert_eq!(fr.remaining_seconds, 20 * 60);
        let (states, _) = assess(&tl, Terms { severity: &always, exclude_automated: false, period: Some(&p) }, night);
        let fr = state(&states, Metric::FirstResponse);
        assert_eq!(fr.status, MetricStatus::Breached);
        assert_eq!(fr.breached_at, Some(at(9, 17, 20)));
    }

    #[test]
    fn next_reply_counts_from_each_later_customer_message() {
        let s = severity(Some(60), Some(15), None, Coverage::Always);
        let terms = Terms { severity: &s, exclude_automated: false, period: None };
        let tl = [
            (at(5, 9, 0), Inbound),
            (at(5, 9, 5), Inbound),
            (at(5, 9, 10), Outbound { automated: false }),
            (at(5, 10, 0), Inbound),
            (at(5, 10, 5), Inbound),
            (at(5, 10, 30), Outbound { automated: false }),
            (at(5, 11, 0), Inbound),
        ];
        let (states, breaches) = assess(&tl, terms, at(5, 11, 5));
        let nr = state(&states, Metric::NextReply);
        // The 10:00 wait was answered at 10:30 (late); the 11:00 one is running.
        assert_eq!(nr.status, MetricStatus::Running);
        assert_eq!(nr.started_at, Some(at(5, 11, 0)));
        assert_eq!(nr.due_at, Some(at(5, 11, 15)));
        assert_eq!(nr.breaches, 1);
        assert_eq!(breaches, [(Metric::NextReply, 1, at(5, 10, 15))]);
        // Before any answer there is no next reply to measure.
        let (states, _) = assess(&tl[..2], terms, at(5, 9, 6));
        assert_eq!(state(&states, Metric::NextReply).status, MetricStatus::Waiting);
    }

    #[test]
    fn solved_pauses_and_closed_stops() {
        let s = severity(None, None, Some(120), Coverage::Always);
        let terms = Terms { severity: &s, exclude_automated: false, period: None };
        let mut tl = vec![(at(5, 9, 0), Status(crate::kinds::Status::Open)), (at(5, 9, 0), Inbound)];
        tl.push((at(5, 10, 0), Status(crate::kinds::Status::Solved)));
        let (states, _) = assess(&tl, terms, at(5, 15, 0));
        let r = state(&states, Metric::Resolution);
        assert_eq!(r.status, MetricStatus::Met);
        assert_eq!(r.completed_at, Some(at(5, 10, 0)));
        // The customer writes again at 15:00: 60 minutes counted so far, 60 left.
        tl.push((at(5, 15, 0), Inbound));
        tl.push((at(5, 15, 0), Status(crate::kinds::Status::Open)));
        let (states, _) = assess(&tl, terms, at(5, 15, 30));
        let r = state(&states, Metric::Resolution);
        assert_eq!(r.status, MetricStatus::Running);
        assert_eq!(r.remaining_seconds, 30 * 60);
        assert_eq!(r.due_at, Some(at(5, 16, 0)));
        // Solved again at 15:40: paused, no deadline; closed: stays as it was.
        tl.push((at(5, 15, 40), Status(crate::kinds::Status::Solved)));
        let (states, _) = assess(&tl, terms, at(5, 18, 0));
        assert_eq!(state(&states, Metric::Resolution).status, MetricStatus::Met);
        assert_eq!(state(&states, Metric::Resolution).due_at, None);
        let mut open = tl.clone();
        open.pop();
        open.push((at(5, 15, 40), Status(crate::kinds::Status::Closed)));
        let (states, _) = assess(&open, terms, at(5, 23, 0));
        assert_eq!(state(&states, Metric::Resolution).remaining_seconds, 20 * 60, "nothing counted once closed");
        // A first response waiting while Solved is paused.
        let fr = severity(Some(10), None, None, Coverage::Always);
        let solved = [(at(5, 9, 0), Inbound), (at(5, 9, 2), Status(crate::kinds::Status::Solved))];
        let (states, _) =
            assess(&solved, Terms { severity: &fr, exclude_automated: false, period: None }, at(5, 12, 0));
        let f = state(&states, Metric::FirstResponse);
        assert_eq!(f.status, MetricStatus::Paused);
        assert_eq!(f.remaining_seconds, 8 * 60);
    }

    #[test]
    fn automated_messages_count_unless_excluded_and_then_the_handover_starts_the_clock() {
        let s = severity(Some(10), None, None, Coverage::Always);
        let tl = [
            (at(5, 9, 0), Inbound),
            (at(5, 9, 0), Outbound { automated: true }),
            (at(5, 9, 30), Handover),
            (at(5, 9, 35), Outbound { automated: false }),
        ];
        let counted = Terms { severity: &s, exclude_automated: false, period: None };
        let fr = assess(&tl, counted, at(5, 10, 0)).0.remove(0);
        assert_eq!((fr.status, fr.completed_at), (MetricStatus::Met, Some(at(5, 9, 0))));
        let excluded = Terms { severity: &s, exclude_automated: true, period: None };
        let fr = assess(&tl, excluded, at(5, 10, 0)).0.remove(0);
        assert_eq!(fr.started_at, Some(at(5, 9, 30)));
        assert_eq!((fr.status, fr.completed_at), (MetricStatus::Met, Some(at(5, 9, 35))));
    }

    #[test]
    fn policies_apply_by_validity_queue_and_conditions_in_order() {
        let q1 = Uuid::from_u128(1);
        let q2 = Uuid::from_u128(2);
        let vip = ConditionSpec {
            attribute: "conversationTags".into(),
            operator: "in list".into(),
            value: SpecValue::List(vec!["VIP".into()]),
        }
        .to_condition()
        .unwrap();
        let email = ConditionSpec {
            attribute: "channel".into(),
            operator: "is".into(),
            value: SpecValue::Text("Email".into()),
        }
        .to_condition()
        .unwrap();
        let rules = |groups: Vec<Vec<Condition>>| Applicability {
            enabled: true,
            valid_from: None,
            valid_until: None,
            groups,
            queues: vec![],
            ignored_queues: vec![],
        };
        let mut vip_only = rules(vec![vec![vip]]);
        vip_only.ignored_queues = vec![q2];
        let mut emails = rules(vec![vec![email]]);
        emails.valid_until = NaiveDate::from_ymd_opt(2026, 1, 5);
        let policies = [("vip", vip_only), ("email", emails)];
        let facts =
            Facts { channel: Some(crate::kinds::Channel::Email), tags: vec!["vip".into()], ..Default::default() };
        let pick = |f: &Facts, q, t| first_applying(&policies, |p| &p.1, f, q, t).map(|p| p.0);
        assert_eq!(pick(&facts, Some(q1), at(5, 23, 59)), Some("vip"), "the first in the list");
        assert_eq!(pick(&facts, Some(q2), at(5, 23, 59)), Some("email"), "the VIP policy ignores q2");
        assert_eq!(pick(&facts, Some(q2), at(6, 0, 0)), None, "the email policy's last day has passed");
        let mut off = policies.clone();
        off[0].1.enabled = false;
        assert_eq!(first_applying(&off, |p| &p.1, &facts, Some(q1), at(5, 9, 0)).map(|p| p.0), Some("email"));
    }

    #[test]
    fn severities_need_a_time_each() {
        assert!(check_severities(&[]).unwrap_err().to_string().contains("Default"));
        let none = severity(None, None, None, Coverage::Always);
        assert!(check_severities(&[none]).unwrap_err().to_string().contains("at least one of"));
        let a = severity(Some(5), None, None, Coverage::Always);
        assert!(check_severities(&[a.clone(), a.clone()]).unwrap_err().to_string().contains("two severities"));
        let zero = severity(Some(0), None, None, Coverage::Always);
        assert!(check_severities(&[zero]).is_err());
        assert!(check_severities(&[a]).is_ok());
    }
}
