//! Service-level agreements in the service: the ordered list of policies, which policy and
//! severity each conversation has, and its assessment kept current. Commands note the
//! conversations whose SLA may have changed (`Triggers::sla`); [`settle`] recalculates them
//! before the unit commits, records breaches, publishes changes and keeps one timer per
//! conversation at its next deadline. A policy change recalculates every open conversation.

use crate::events::EventKind;
use crate::work::Work;
use crate::{Result, Service, ServiceError};
use chrono::NaiveDate;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use switchboard_engine::access::Permission;
use switchboard_engine::conditions::{ConditionSpec, FactNeeds};
use switchboard_engine::content::validate_name;
use switchboard_engine::hours::Period;
use switchboard_engine::sla::{self as rules, Applicability, MetricState, PolicySpec, Severity, Terms};
use switchboard_store::conversations;
use switchboard_store::sla::{self as store, BreachRow, ConversationSla, PolicyRow};
use switchboard_store::timers;
use switchboard_store::users::User;
use switchboard_store::Tx;
use uuid::Uuid;

/// The timer of a conversation's next SLA deadline.
pub const DUE_TIMER: &str = "sla.due";
const MAX_NAME_CHARS: usize = 200;
/// Conversations recalculated per batch after a policy change.
const BATCH: u32 = 1000;

/// A policy with its rules read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub row: PolicyRow,
    pub spec: PolicySpec,
}

fn decode(row: PolicyRow) -> Result<Policy> {
    let spec = serde_json::from_str(&row.spec).map_err(|e| {
        ServiceError::Store(switchboard_store::StoreError::Corrupt(format!("SLA policy {}: {e}", row.id)))
    })?;
    Ok(Policy { row, spec })
}

/// A policy to create: its rules, and optionally a name ("SLA policy #N") and the switch (on).
#[derive(Debug, Clone)]
pub struct PolicyFields {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub spec: PolicySpec,
}

/// Changes to a policy; absent fields stay as they are (lists are replaced whole; a validity
/// date set to None is cleared).
#[derive(Debug, Clone, Default)]
pub struct PolicyChanges {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub conditions: Option<Vec<Vec<ConditionSpec>>>,
    pub queues: Option<Vec<Uuid>>,
    pub ignored_queues: Option<Vec<Uuid>>,
    pub valid_from: Option<Option<NaiveDate>>,
    pub valid_until: Option<Option<NaiveDate>>,
    pub exclude_automated: Option<bool>,
    pub severities: Option<Vec<Severity>>,
}

impl PolicyChanges {
    fn changes_rules(&self) -> bool {
        self.conditions.is_some()
            || self.queues.is_some()
            || self.ignored_queues.is_some()
            || self.valid_from.is_some()
            || self.valid_until.is_some()
            || self.exclude_automated.is_some()
            || self.severities.is_some()
    }

    /// The rules with these changes made.
    fn apply(self, mut spec: PolicySpec) -> PolicySpec {
        if let Some(v) = self.conditions {
            spec.conditions = v;
        }
        if let Some(v) = self.queues {
            spec.queues = v;
        }
        if let Some(v) = self.ignored_queues {
            spec.ignored_queues = v;
        }
        if let Some(v) = self.valid_from {
            spec.valid_from = v;
        }
        if let Some(v) = self.valid_until {
            spec.valid_until = v;
        }
        if let Some(v) = self.exclude_automated {
            spec.exclude_automated = v;
        }
        if let Some(v) = self.severities {
            spec.severities = v;
        }
        spec
    }
}

/// A conversation's SLA as clients see it.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaView {
    pub conversation_id: i64,
    pub policy_id: Uuid,
    pub policy_name: String,
    pub severity_id: Uuid,
    pub severity_name: String,
    /// The policy's severities, to choose from: (id, name).
    pub severities: Vec<(Uuid, String)>,
    pub metrics: Vec<MetricState>,
    pub breached: bool,
    pub next_due: Option<DateTime<Utc>>,
}

async fn load_policies(tx: &mut Tx) -> Result<Vec<(Policy, Applicability)>> {
    let mut out = Vec::new();
    for row in store::policies(tx).await? {
        let p = decode(row)?;
        let a = p.spec.applicability(p.row.enabled);
        out.push((p, a));
    }
    Ok(out)
}

/// Recalculates the SLA of conversations: `reselect` picks their policy again (new, moved,
/// changed facts, changed policies); otherwise they keep their policy and severity.
pub(crate) async fn recalculate(work: &mut Work, ids: &[(i64, bool)], severity: Option<(i64, Uuid)>) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let policies = load_policies(&mut work.tx).await?;
    let only: Vec<i64> = ids.iter().map(|(id, _)| *id).collect();
    let existing: HashMap<i64, ConversationSla> =
        store::of_conversations(&mut work.tx, &only).await?.into_iter().map(|s| (s.conversation_id, s)).collect();
    // Without policies (and nothing left from earlier ones) there is nothing to assess.
    if policies.is_empty() && existing.is_empty() {
        return Ok(());
    }
    let timelines = store::timelines(&mut work.tx, &only).await?;
    let reselect: HashMap<i64, bool> = ids.iter().copied().collect();
    // Only the facts the enabled policies' conditions look at are loaded.
    let needs =
        FactNeeds::of(policies.iter().filter(|(p, _)| p.row.enabled).flat_map(|(_, a)| a.groups.iter().flatten()));
    let mut periods: HashMap<Uuid, Option<Period>> = HashMap::new();
    let mut writes = Vec::new();
    let mut removals = Vec::new();
    let mut breaches = Vec::new();
    let mut timer_rows = Vec::new();
    for (id, timeline) in timelines {
        let Some(c) = conversations::get(&mut work.tx, id).await? else { continue };
        let old = existing.get(&id);
        let keep = old.and_then(|o| policies.iter().find(|(p, _)| p.row.id == o.policy_id));
        let chosen = if reselect.get(&id).copied().unwrap_or(false) || keep.is_none() {
            if policies.iter().any(|(p, _)| p.row.enabled) {
                let facts = crate::routing::facts_needed(&mut work.tx, &c, None, needs).await?;
                rules::first_applying(&policies, |p| &p.1, &facts, c.queue_id, c.created_at)
            } else {
                None
            }
        } else {
            keep
        };
        let Some((policy, _)) = chosen else {
            if old.is_some() {
                removals.push(id);
            }
            continue;
        };
        let wanted = match severity {
            Some((cid, sev)) if cid == id => Some(sev),
            _ => old.filter(|o| o.policy_id == policy.row.id).map(|o| o.severity_id),
        };
        let Some(sev) = policy.spec.severity(wanted) else { continue };
        let period = match c.queue_id {
            Some(q) => match periods.get(&q) {
                Some(p) => p.clone(),
                None => {
                    let p = crate::hours::period_of_queue(&mut work.tx, q).await?;
                    periods.insert(q, p.clone());
                    p
                }
            },
            None => None,
        };
        let terms = Terms { severity: sev, exclude_automated: policy.spec.exclude_automated, period: period.as_ref() };
        let (metrics, found) = rules::assess(&timeline, terms, work.now);
        let next_due = rules::next_due(&metrics);
        // Strictly later than now: a wake-up at now would fire again and again.
        let wakeup = rules::next_wakeup(&metrics, terms, work.now).filter(|t| *t > work.now);
        let text = serde_json::to_string(&metrics).map_err(|e| ServiceError::Internal(e.to_string()))?;
        let row = ConversationSla {
            conversation_id: id,
            policy_id: policy.row.id,
            severity_id: sev.id,
            metrics: text,
            next_due,
            breached: !found.is_empty(),
            updated_at: work.now,
        };
        let changed = old.is_none_or(|o| {
            o.policy_id != row.policy_id
                || o.severity_id != row.severity_id
                || o.metrics != row.metrics
                || o.next_due != row.next_due
        });
        let old_breaches: usize = old
            .and_then(|o| serde_json::from_str::<Vec<MetricState>>(&o.metrics).ok())
            .map(|m| m.iter().map(|s| s.breaches as usize).sum())
            .unwrap_or(0);
        let new_breaches: usize = metrics.iter().map(|s| s.breaches as usize).sum();
        if new_breaches > old_breaches || (old.is_none_or(|o| o.policy_id != row.policy_id) && new_breaches > 0) {
            work.emit(EventKind::ConversationSlaBreached, id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
        } else if changed {
            work.emit(EventKind::ConversationSlaUpdated, id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
        }
        breaches.extend(found.into_iter().map(|(metric, cycle, at)| BreachRow {
            conversation_id: id,
            metric: metric.as_str().to_owned(),
            cycle: i64::from(cycle),
            policy_id: policy.row.id,
            severity: sev.name.clone(),
            breached_at: at,
        }));
        if let Some(at) = wakeup {
            timer_rows.push((id, at));
        }
        if changed {
            writes.push(row);
        }
    }
    store::upsert_many(&mut work.tx, &writes).await?;
    store::remove_many(&mut work.tx, &removals).await?;
    let assessed: Vec<i64> = only.iter().copied().filter(|id| !removals.contains(id)).collect();
    store::replace_breaches(&mut work.tx, &assessed, &breaches).await?;
    timers::delete_for_conversations(&mut work.tx, DUE_TIMER, &only).await?;
    timers::insert_many(&mut work.tx, DUE_TIMER, &timer_rows).await?;
    if !timer_rows.is_empty() {
        work.timers_added = true;
    }
    Ok(())
}

/// Recalculates the conversations the unit touched.
pub(crate) async fn settle(work: &mut Work) -> Result<()> {
    let mut wanted: Vec<(i64, bool)> = Vec::new();
    for (id, reselect) in std::mem::take(&mut work.sla) {
        match wanted.iter_mut().find(|(i, _)| *i == id) {
            Some(w) => w.1 |= reselect,
            None => wanted.push((id, reselect)),
        }
    }
    recalculate(work, &wanted, None).await
}

/// A conversation's deadline came: its SLA is recalculated (recording the breach).
pub(crate) async fn due(work: &mut Work, timer: &switchboard_store::timers::Timer) -> Result<()> {
    if let Some(id) = timer.conversation_id {
        recalculate(work, &[(id, false)], None).await?;
    }
    Ok(())
}

/// Recalculates every open conversation, a batch at a time, inside the unit.
async fn recalculate_open(work: &mut Work) -> Result<()> {
    let mut after = 0;
    loop {
        let ids = store::open_conversations(&mut work.tx, after, BATCH).await?;
        let Some(last) = ids.last().copied() else { break };
        let batch: Vec<(i64, bool)> = ids.iter().map(|id| (*id, true)).collect();
        recalculate(work, &batch, None).await?;
        after = last;
    }
    Ok(())
}

async fn check_spec(tx: &mut Tx, spec: &mut PolicySpec) -> Result<()> {
    spec.check(Uuid::new_v4)?;
    for q in spec.queues.iter().chain(&spec.ignored_queues) {
        if switchboard_store::queues::get(tx, *q).await?.is_none() {
            return Err(ServiceError::Unknown(format!("Queue {q} does not exist")));
        }
    }
    Ok(())
}

/// A stored SLA as clients see it, under its policy.
fn view(sla: ConversationSla, policy: &Policy) -> SlaView {
    let severity = policy.spec.severity(Some(sla.severity_id));
    SlaView {
        conversation_id: sla.conversation_id,
        policy_id: policy.row.id,
        policy_name: policy.row.name.clone(),
        severity_id: sla.severity_id,
        severity_name: severity.map(|s| s.name.clone()).unwrap_or_default(),
        severities: policy.spec.severities.iter().map(|s| (s.id, s.name.clone())).collect(),
        metrics: serde_json::from_str(&sla.metrics).unwrap_or_default(),
        breached: sla.breached,
        next_due: sla.next_due,
    }
}

impl Service {
    pub async fn sla_policies(&self, by: &User) -> Result<Vec<Policy>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        store::policies(&mut tx).await?.into_iter().map(decode).collect()
    }

    pub async fn sla_policy(&self, by: &User, id: Uuid) -> Result<Policy> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let row = store::policy(&mut tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("SLA policy {id} not found")))?;
        decode(row)
    }

    /// Adds a policy at `position` (the end of the list when absent) and recalculates every
    /// open conversation.
    pub async fn create_sla_policy(&self, by: &User, f: PolicyFields, position: Option<usize>) -> Result<Policy> {
        crate::access::require(by, Permission::Configure)?;
        let mut spec = f.spec;
        let mut work = self.work().await?;
        check_spec(&mut work.tx, &mut spec).await?;
        let name = match f.name {
            Some(n) => validate_name("name", &n, MAX_NAME_CHARS)?,
            None => {
                let mut n = store::policy_count(&mut work.tx).await? + 1;
                while store::policy_name_taken(&mut work.tx, &format!("SLA policy #{n}"), None).await? {
                    n += 1;
                }
                format!("SLA policy #{n}")
            }
        };
        if store::policy_name_taken(&mut work.tx, &name, None).await? {
            return Err(switchboard_engine::RuleError::AlreadyExists {
                what: switchboard_engine::Taken::SlaPolicyName,
                name: name.to_string(),
            }
            .into());
        }
        let text = serde_json::to_string(&spec).map_err(|e| ServiceError::Internal(e.to_string()))?;
        let row = PolicyRow {
            id: Uuid::new_v4(),
            name,
            enabled: f.enabled.unwrap_or(true),
            position: i64::MAX,
            spec: text,
            created_at: work.now,
            updated_at: work.now,
        };
        store::upsert_policy(&mut work.tx, &row).await?;
        let mut order: Vec<Uuid> = store::policies(&mut work.tx).await?.into_iter().map(|p| p.id).collect();
        if let Some(pos) = position {
            order.retain(|id| *id != row.id);
            order.insert(pos.min(order.len()), row.id);
        }
        store::set_positions(&mut work.tx, &order).await?;
        recalculate_open(&mut work).await?;
        let id = row.id;
        self.finish(work).await?;
        self.sla_policy(by, id).await
    }

    /// Changes a policy and recalculates every open conversation.
    pub async fn update_sla_policy(&self, by: &User, id: Uuid, mut f: PolicyChanges) -> Result<Policy> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let row = store::policy(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("SLA policy {id} not found")))?;
        let mut p = decode(row)?;
        if let Some(name) = f.name.take() {
            let name = validate_name("name", &name, MAX_NAME_CHARS)?;
            if store::policy_name_taken(&mut work.tx, &name, Some(id)).await? {
                return Err(switchboard_engine::RuleError::AlreadyExists {
                    what: switchboard_engine::Taken::SlaPolicyName,
                    name: name.to_string(),
                }
                .into());
            }
            p.row.name = name;
        }
        if let Some(v) = f.enabled {
            p.row.enabled = v;
        }
        if f.changes_rules() {
            let mut spec = f.apply(p.spec.clone());
            check_spec(&mut work.tx, &mut spec).await?;
            p.spec = spec;
        }
        p.row.spec = serde_json::to_string(&p.spec).map_err(|e| ServiceError::Internal(e.to_string()))?;
        p.row.updated_at = work.now;
        store::upsert_policy(&mut work.tx, &p.row).await?;
        recalculate_open(&mut work).await?;
        self.finish(work).await?;
        self.sla_policy(by, id).await
    }

    /// Deletes a policy: it applies to no conversation anymore (open ones are recalculated).
    pub async fn delete_sla_policy(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        store::policy(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("SLA policy {id} not found")))?;
        store::delete_policy(&mut work.tx, id).await?;
        let order: Vec<Uuid> = store::policies(&mut work.tx).await?.into_iter().map(|p| p.id).collect();
        store::set_positions(&mut work.tx, &order).await?;
        recalculate_open(&mut work).await?;
        self.finish(work).await
    }

    /// Moves a policy to a position in the list (0: the top) and recalculates.
    pub async fn move_sla_policy(&self, by: &User, id: Uuid, position: usize) -> Result<Vec<Policy>> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut order: Vec<Uuid> = store::policies(&mut work.tx).await?.into_iter().map(|p| p.id).collect();
        if !order.contains(&id) {
            return Err(ServiceError::NotFound(format!("SLA policy {id} not found")));
        }
        order.retain(|p| *p != id);
        order.insert(position.min(order.len()), id);
        store::set_positions(&mut work.tx, &order).await?;
        recalculate_open(&mut work).await?;
        self.finish(work).await?;
        self.sla_policies(by).await
    }

    /// A conversation's SLA; None when no policy applies to it.
    pub async fn conversation_sla(&self, by: &User, id: i64) -> Result<Option<SlaView>> {
        let mut tx = self.store().read().await?;
        crate::access::reach_conversation(&mut tx, by, id, self.default_queue_id()).await?;
        Ok(slas_in(&mut tx, &[id]).await?.remove(&id))
    }

    /// An agent sets a conversation's severity (one of its policy's).
    pub async fn set_severity(&self, by: &User, id: i64, severity: Uuid) -> Result<SlaView> {
        let mut work = self.work().await?;
        let c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        switchboard_engine::conversation::edit(&c.snapshot())?;
        let current =
            store::of_conversation(&mut work.tx, id).await?.ok_or(switchboard_engine::RuleError::NoSlaPolicy(id))?;
        let policy = decode(
            store::policy(&mut work.tx, current.policy_id)
                .await?
                .ok_or(switchboard_engine::RuleError::NoSlaPolicy(id))?,
        )?;
        if !policy.spec.severities.iter().any(|s| s.id == severity) {
            let severities = policy.spec.severities.iter().map(|s| s.name.clone()).collect();
            return Err(switchboard_engine::RuleError::UnknownSeverity {
                severity,
                policy: policy.row.name.clone(),
                severities,
            }
            .into());
        }
        recalculate(&mut work, &[(id, false)], Some((id, severity))).await?;
        self.finish(work).await?;
        self.conversation_sla(by, id).await?.ok_or_else(|| switchboard_engine::RuleError::SlaChanged.into())
    }

    /// Breaches between two moments, oldest first (a page after `after`).
    pub async fn sla_breaches(
        &self,
        by: &User,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        after: Option<(i64, i64, String, i64)>,
        limit: u32,
    ) -> Result<Vec<BreachRow>> {
        crate::access::require(by, Permission::Reports)?;
        let mut tx = self.store().read().await?;
        Ok(store::breaches(&mut tx, from, to, after, limit).await?)
    }
}

/// The SLAs of these conversations, by conversation id, read in the caller's transaction.
pub(crate) async fn slas_in(tx: &mut switchboard_store::Tx, ids: &[i64]) -> Result<HashMap<i64, SlaView>> {
    let mut out = HashMap::new();
    let mut policies: HashMap<Uuid, Option<Policy>> = HashMap::new();
    for s in store::of_conversations(tx, ids).await? {
        let policy = match policies.get(&s.policy_id) {
            Some(p) => p.clone(),
            None => {
                let p = store::policy(tx, s.policy_id).await?.map(decode).transpose()?;
                policies.insert(s.policy_id, p.clone());
                p
            }
        };
        let Some(policy) = policy else { continue };
        out.insert(s.conversation_id, view(s, &policy));
    }
    Ok(out)
}
