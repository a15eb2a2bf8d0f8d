//! Capacity settings: the installation's default capacity per channel group, which conversation
//! statuses count toward capacity, and each agent's own capacity.

use crate::{Result, Service, ServiceError};
use serde_json::json;
use switchboard_engine::access::Permission;
use switchboard_engine::capacity::{Capacity, CountedStatuses, PartialCapacity};
use switchboard_engine::kinds::Status;
use switchboard_store::users::User;
use switchboard_store::{settings, statuses, users, Tx};
use uuid::Uuid;

const DEFAULTS_KEY: &str = "capacity.defaults";
const COUNTED_KEY: &str = "capacity.countedStatuses";
/// The largest capacity one can set for a channel group.
pub const MAX_CAPACITY: u32 = 1000;

/// The installation's capacity settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapacitySettings {
    pub defaults: Capacity,
    pub counted: CountedStatuses,
}

impl CapacitySettings {
    /// The statuses whose conversations occupy an agent (Open always).
    pub fn counted_statuses(&self) -> Vec<Status> {
        [Status::Open, Status::Waiting, Status::Solved]
            .into_iter()
            .filter(|s| switchboard_engine::capacity::counts(*s, self.counted))
            .collect()
    }
}

fn read_u32(v: &serde_json::Value, key: &str, fallback: u32) -> u32 {
    v.get(key).and_then(|x| x.as_u64()).and_then(|x| u32::try_from(x).ok()).unwrap_or(fallback)
}

pub(crate) async fn load(tx: &mut Tx) -> Result<CapacitySettings> {
    let base = Capacity::default();
    let defaults = match settings::get(tx, DEFAULTS_KEY).await? {
        Some(v) => Capacity {
            email: read_u32(&v, "email", base.email),
            live_messaging: read_u32(&v, "liveMessaging", base.live_messaging),
            live_chat: read_u32(&v, "liveChat", base.live_chat),
        },
        None => base,
    };
    let base = CountedStatuses::default();
    let counted = match settings::get(tx, COUNTED_KEY).await? {
        Some(v) => CountedStatuses {
            waiting: v.get("waiting").and_then(|x| x.as_bool()).unwrap_or(base.waiting),
            solved: v.get("solved").and_then(|x| x.as_bool()).unwrap_or(base.solved),
        },
        None => base,
    };
    Ok(CapacitySettings { defaults, counted })
}

fn check(field: &str, value: Option<u32>) -> Result<()> {
    match value {
        Some(v) if v > MAX_CAPACITY => Err(switchboard_engine::RuleError::CapacityOutOfRange {
            field: field.to_owned(),
            max: MAX_CAPACITY,
            value: v,
        }
        .into()),
        _ => Ok(()),
    }
}

fn check_all(c: &PartialCapacity) -> Result<()> {
    check("capacity.email", c.email)?;
    check("capacity.liveMessaging", c.live_messaging)?;
    check("capacity.liveChat", c.live_chat)
}

/// A change to one agent's capacity: per group, leave as is, set, or clear (use the default).
#[derive(Debug, Clone, Copy, Default)]
pub struct CapacityChanges {
    pub email: Option<Option<u32>>,
    pub live_messaging: Option<Option<u32>>,
    pub live_chat: Option<Option<u32>>,
}

impl Service {
    pub async fn capacity_settings(&self, by: &User) -> Result<CapacitySettings> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        load(&mut tx).await
    }

    /// Changes the default capacities and which statuses count. Capacity may have grown or
    /// occupancy dropped for everyone, so every agent's state is checked and waiting work offered.
    pub async fn update_capacity_settings(
        &self,
        by: &User,
        defaults: PartialCapacity,
        counted: Option<CountedStatuses>,
    ) -> Result<CapacitySettings> {
        crate::access::require(by, Permission::Configure)?;
        check_all(&defaults)?;
        let mut work = self.work().await?;
        let mut current = load(&mut work.tx).await?;
        current.defaults = Capacity::resolve(defaults, current.defaults);
        if let Some(c) = counted {
            current.counted = c;
        }
        let d = current.defaults;
        let value = json!({ "email": d.email, "liveMessaging": d.live_messaging, "liveChat": d.live_chat });
        settings::put(&mut work.tx, DEFAULTS_KEY, &value).await?;
        let c = current.counted;
        settings::put(&mut work.tx, COUNTED_KEY, &json!({ "waiting": c.waiting, "solved": c.solved })).await?;
        work.triggers.serve_everyone = true;
        self.finish(work).await?;
        Ok(current)
    }

    /// Back to the default choice of counted statuses (Open and Waiting).
    pub async fn reset_counted_statuses(&self, by: &User) -> Result<CapacitySettings> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        settings::reset(&mut work.tx, COUNTED_KEY).await?;
        let current = load(&mut work.tx).await?;
        work.triggers.serve_everyone = true;
        self.finish(work).await?;
        Ok(current)
    }

    /// Sets or clears an agent's own capacity per channel group.
    pub async fn set_agent_capacity(
        &self,
        by: &User,
        agent: Uuid,
        changes: CapacityChanges,
    ) -> Result<PartialCapacity> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let user = users::get(&mut work.tx, agent)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {agent} not found")))?;
        if !user.user_type.handles_conversations() {
            return Err(switchboard_engine::RuleError::UserNotAgentOrAdmin(agent).into());
        }
        let state = statuses::work_of(&mut work.tx, agent)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {agent} not found")))?;
        let mut c = state.capacity;
        if let Some(v) = changes.email {
            c.email = v;
        }
        if let Some(v) = changes.live_messaging {
            c.live_messaging = v;
        }
        if let Some(v) = changes.live_chat {
            c.live_chat = v;
        }
        check_all(&c)?;
        statuses::set_capacity(&mut work.tx, agent, c).await?;
        work.triggers.touched.push(agent);
        work.triggers.serve.push(agent);
        self.finish(work).await?;
        Ok(c)
    }
}
