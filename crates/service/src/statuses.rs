//! Agent statuses: the catalogue (default and custom statuses), agents setting their status,
//! the status log, and each agent's live work state (status, capacity, occupancy).

use crate::unit::status::{load_status, status_change};
use crate::{Result, Service, ServiceError};
use chrono::{DateTime, Utc};
use switchboard_engine::access::Permission;
use switchboard_engine::capacity::{Capacity, Occupancy, PartialCapacity};
use switchboard_engine::content::validate_name;
use switchboard_engine::status::{self as rules, DefaultStatus, StatusGroup};
use switchboard_store::statuses::{self, AgentStatus, LogEntry};
use switchboard_store::timers::Timer;
use switchboard_store::users::{self, User};
use switchboard_store::Tx;
use uuid::Uuid;

/// An agent's work state right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentWork {
    pub agent_id: Uuid,
    /// The status the agent chose.
    pub status: AgentStatus,
    /// The status shown: Full Capacity while an agent who chose an Available status is full.
    pub shown: AgentStatus,
    pub since: DateTime<Utc>,
    pub full_capacity: bool,
    /// The agent's own settings (unset: the installation default).
    pub own_capacity: PartialCapacity,
    /// The capacity in force.
    pub capacity: Capacity,
    pub occupancy: Occupancy,
    pub last_assigned_at: Option<DateTime<Utc>>,
}

/// The timer that checks whether an agent who left is still gone.
pub const IDLE_TIMER: &str = "agent.idle";
/// How long an agent with no open window keeps their status before they are set Offline.
pub const IDLE_AFTER: chrono::Duration = chrono::Duration::minutes(5);

/// An agent's window closed `IDLE_AFTER` ago: unless they came back (a window open, or a
/// request since), the system signs them out: Offline, logged and published, so nothing more
/// is assigned to them and their utilization stays true.
pub(crate) async fn idle_check(service: &Service, work: &mut crate::work::Work, timer: &Timer) -> Result<()> {
    let Some(agent) = serde_json::from_str::<serde_json::Value>(&timer.payload)
        .ok()
        .and_then(|v| v.get("agentId").and_then(|a| a.as_str()).and_then(|a| Uuid::parse_str(a).ok()))
    else {
        return Ok(());
    };
    let presence = service.presence().of(agent);
    let recently_seen = presence.last_seen.is_some_and(|seen| work.now - seen < IDLE_AFTER);
    if presence.online || recently_seen {
        return Ok(());
    }
    let Some(w) = statuses::work_of(&mut work.tx, agent).await? else { return Ok(()) };
    if w.group == StatusGroup::Unavailable {
        return Ok(());
    }
    let offline = statuses::get_default(&mut work.tx, DefaultStatus::Offline).await?;
    // Signed out as of when the check was due, even if the clock got there late.
    statuses::set_status(&mut work.tx, agent, &offline, timer.due_at).await?;
    let change = status_change(&mut work.tx, agent).await?;
    work.emit_status(agent, change);
    tracing::info!(%agent, "agent signed out after their window stayed closed");
    Ok(())
}

impl Service {
    /// An agent's last window closed: if it stays closed for [`IDLE_AFTER`], they go Offline.
    pub async fn agent_disconnected(&self, agent: Uuid) -> Result<()> {
        if self.presence().of(agent).online {
            return Ok(());
        }
        let due = self.clock().now() + IDLE_AFTER;
        self.schedule(IDLE_TIMER, None, due, &serde_json::json!({ "agentId": agent })).await?;
        Ok(())
    }

    /// The statuses agents can be in; deleted custom ones only when asked for.
    pub async fn agent_statuses(&self, by: &User, include_deleted: bool) -> Result<Vec<AgentStatus>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        Ok(statuses::list(&mut tx).await?.into_iter().filter(|s| include_deleted || !s.archived).collect())
    }

    pub async fn agent_status(&self, by: &User, id: Uuid) -> Result<AgentStatus> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        load_status(&mut tx, id).await
    }

    /// Adds a custom status to a group.
    pub async fn create_agent_status(&self, by: &User, name: &str, group: StatusGroup) -> Result<AgentStatus> {
        crate::access::require(by, Permission::Configure)?;
        let name = validate_name("name", name, 60)?;
        let mut work = self.work().await?;
        if statuses::find_by_name(&mut work.tx, &name).await?.is_some() {
            return Err(switchboard_engine::RuleError::AlreadyExists {
                what: switchboard_engine::Taken::StatusName,
                name: name.to_string(),
            }
            .into());
        }
        let status = AgentStatus {
            id: Uuid::new_v4(),
            name,
            group,
            default: None,
            archived: false,
            position: 0,
            created_at: work.now,
        };
        statuses::insert(&mut work.tx, &status).await?;
        self.finish(work).await?;
        self.agent_status(by, status.id).await
    }

    /// Renames a custom status or moves it to another group. Agents in it follow: moving it
    /// into the Available group makes them candidates for waiting work.
    pub async fn update_agent_status(
        &self,
        by: &User,
        id: Uuid,
        name: Option<&str>,
        group: Option<StatusGroup>,
    ) -> Result<AgentStatus> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut status = load_status(&mut work.tx, id).await?;
        rules::may_edit(&status.facts())?;
        if status.archived {
            return Err(switchboard_engine::RuleError::StatusDeleted(status.name.clone()).into());
        }
        if let Some(n) = name {
            let n = validate_name("name", n, 60)?;
            if statuses::find_by_name(&mut work.tx, &n).await?.is_some_and(|other| other.id != id) {
                return Err(switchboard_engine::RuleError::AlreadyExists {
                    what: switchboard_engine::Taken::StatusName,
                    name: n.to_string(),
                }
                .into());
            }
            status.name = n;
        }
        let old_group = status.group;
        if let Some(g) = group {
            status.group = g;
        }
        statuses::update(&mut work.tx, &status).await?;
        if status.group != old_group {
            for w in statuses::work_of_agents(&mut work.tx, None).await?.into_iter().filter(|w| w.status_id == id) {
                statuses::log(&mut work.tx, w.user_id, &status, work.now).await?;
                if status.group == StatusGroup::Available {
                    work.triggers.serve.push(w.user_id);
                }
                let change = status_change(&mut work.tx, w.user_id).await?;
                work.emit_status(w.user_id, change);
            }
        }
        self.finish(work).await?;
        Ok(status)
    }

    /// Deletes a custom status; agents in it move to the default status of its group.
    pub async fn delete_agent_status(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut status = load_status(&mut work.tx, id).await?;
        rules::may_edit(&status.facts())?;
        if status.archived {
            return Err(ServiceError::NotFound(format!("Status {id} not found")));
        }
        status.archived = true;
        statuses::update(&mut work.tx, &status).await?;
        let fallback = match status.group {
            StatusGroup::Available => DefaultStatus::Available,
            StatusGroup::Busy => DefaultStatus::Busy,
            StatusGroup::Away => DefaultStatus::Away,
            StatusGroup::Unavailable => DefaultStatus::Offline,
        };
        let fallback = statuses::get_default(&mut work.tx, fallback).await?;
        for w in statuses::work_of_agents(&mut work.tx, None).await?.into_iter().filter(|w| w.status_id == id) {
            statuses::set_status(&mut work.tx, w.user_id, &fallback, work.now).await?;
            let change = status_change(&mut work.tx, w.user_id).await?;
            work.emit_status(w.user_id, change);
        }
        self.finish(work).await
    }

    /// Sets an agent's status. Coming into the Available group starts bulk assignment for them.
    pub async fn set_agent_status(&self, by: &User, agent: Uuid, status_id: Uuid) -> Result<AgentWork> {
        switchboard_engine::access::may_set_status(crate::auth::principal(by), by.id == agent)?;
        let mut work = self.work().await?;
        let user = users::get(&mut work.tx, agent)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {agent} not found")))?;
        user.actor().ensure_handles_conversations()?;
        let status = statuses::get(&mut work.tx, status_id)
            .await?
            .ok_or_else(|| ServiceError::Unknown(format!("Status {status_id} does not exist")))?;
        rules::may_choose(&status.facts())?;
        let before = statuses::work_of(&mut work.tx, agent)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {agent} not found")))?;
        if before.status_id != status.id {
            statuses::set_status(&mut work.tx, agent, &status, work.now).await?;
            if status.group == StatusGroup::Available {
                if before.group != StatusGroup::Available {
                    work.triggers.serve.push(agent);
                }
                // Full Capacity shows instead of an Available status while the agent is full.
                if before.full_capacity {
                    let shown = statuses::get_default(&mut work.tx, DefaultStatus::FullCapacity).await?;
                    statuses::log(&mut work.tx, agent, &shown, work.now).await?;
                }
            }
            let change = status_change(&mut work.tx, agent).await?;
            work.emit_status(agent, change);
        }
        self.finish(work).await?;
        self.agent_work(by, agent).await
    }

    /// One agent's status, capacity and occupancy.
    pub async fn agent_work(&self, by: &User, agent: Uuid) -> Result<AgentWork> {
        crate::access::require(by, Permission::ReadDirectory)?;
        self.agents_work(by, Some(agent))
            .await?
            .pop()
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {agent} not found")))
    }

    /// Every enabled agent's status, capacity and occupancy (or one agent's).
    pub async fn agents_work(&self, by: &User, only: Option<Uuid>) -> Result<Vec<AgentWork>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let ids = only.map(|a| vec![a]);
        works_in(&mut tx, ids.as_deref()).await
    }

    /// The status log within [from, to), oldest first: each entry is the status an agent was
    /// shown in from that moment (for utilization reports).
    pub async fn status_log(
        &self,
        by: &User,
        agent: Option<Uuid>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<LogEntry>> {
        crate::access::require(by, Permission::Reports)?;
        if from >= to {
            return Err(switchboard_engine::RuleError::ReversedRange.into());
        }
        let mut tx = self.store().read().await?;
        Ok(statuses::history(&mut tx, agent, from, to, limit).await?)
    }
}

/// Every enabled agent's (or only these agents') status, capacity and occupancy, read in `tx`.
pub(crate) async fn works_in(tx: &mut Tx, ids: Option<&[Uuid]>) -> Result<Vec<AgentWork>> {
    let settings = crate::capacity::load(tx).await?;
    let works = statuses::work_of_agents(tx, ids).await?;
    let states = crate::assignment::agent_states(tx, ids, &settings).await?;
    let catalogue = statuses::list(tx).await?;
    let full_status = statuses::get_default(tx, DefaultStatus::FullCapacity).await?;
    let mut out = Vec::with_capacity(works.len());
    for (w, s) in works.into_iter().zip(states) {
        let status = catalogue
            .iter()
            .find(|c| c.id == w.status_id)
            .cloned()
            .ok_or_else(|| ServiceError::NotFound(format!("Status {} not found", w.status_id)))?;
        let shown = if rules::effective_group(status.group, w.full_capacity) != status.group {
            full_status.clone()
        } else {
            status.clone()
        };
        out.push(AgentWork {
            agent_id: w.user_id,
            status,
            shown,
            since: w.status_since,
            full_capacity: w.full_capacity,
            own_capacity: w.capacity,
            capacity: s.capacity,
            occupancy: s.occupancy,
            last_assigned_at: w.last_assigned_at,
        });
    }
    Ok(out)
}
