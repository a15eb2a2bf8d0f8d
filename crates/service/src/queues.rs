//! Queues: their settings, members and senders, and the Default queue every agent is in.

use crate::unit::membership::{members_of, senders_switch, SENDERS_KEY};
use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::content::validate_name;
use switchboard_engine::{RuleError, Taken};
use switchboard_store::queues::{self, Member, Queue};
use switchboard_store::users::{self, User};
use uuid::Uuid;

/// Queue settings a supervisor can change.
#[derive(Debug, Clone, Default)]
pub struct QueueChanges {
    pub name: Option<String>,
    pub auto_assignment: Option<bool>,
    pub notify_new_conversation: Option<bool>,
    pub notify_new_message: Option<bool>,
    pub notify_desktop: Option<bool>,
    pub notify_sound: Option<bool>,
    pub mode: Option<switchboard_engine::assignment::QueueMode>,
}

impl Service {
    pub async fn create_queue(&self, by: &User, name: Option<String>) -> Result<Queue> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let name = match name {
            Some(n) => {
                let name = validate_name("name", &n, 200)?;
                // Two queues of one name would be told apart by nobody in a picker or a report.
                if queues::name_taken(&mut work.tx, &name).await? {
                    return Err(RuleError::AlreadyExists { what: Taken::QueueName, name }.into());
                }
                name
            }
            // Supervisors rename later; a fresh queue gets a numbered placeholder name.
            None => {
                let mut n = queues::list(&mut work.tx).await?.len();
                while queues::name_taken(&mut work.tx, &format!("Queue #{n}")).await? {
                    n += 1;
                }
                format!("Queue #{n}")
            }
        };
        let queue = Queue {
            id: Uuid::new_v4(),
            name,
            is_default: false,
            auto_assignment: true,
            notify_new_conversation: true,
            notify_new_message: true,
            notify_desktop: true,
            notify_sound: true,
            mode: switchboard_engine::assignment::QueueMode::default(),
            created_at: work.now,
        };
        queues::insert(&mut work.tx, &queue).await?;
        // New queues keep the default working hours (existing ones keep theirs when it changes).
        if let Some(period_id) = crate::hours::default_period_id(&mut work.tx).await? {
            let hours = switchboard_store::hours::QueueHours { period_id: Some(period_id), ..Default::default() };
            switchboard_store::hours::set_of_queue(&mut work.tx, queue.id, &hours).await?;
        }
        self.finish(work).await?;
        Ok(queue)
    }

    pub async fn queue(&self, by: &User, id: Uuid) -> Result<Queue> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        queues::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Queue {id} not found")))
    }

    pub async fn queues(&self, by: &User) -> Result<Vec<Queue>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        Ok(queues::list(&mut tx).await?)
    }

    pub async fn update_queue(&self, by: &User, id: Uuid, changes: QueueChanges) -> Result<Queue> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut queue = queues::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {id} not found")))?;
        if let Some(name) = changes.name {
            let name = validate_name("name", &name, 200)?;
            if !name.eq_ignore_ascii_case(&queue.name) && queues::name_taken(&mut work.tx, &name).await? {
                return Err(RuleError::AlreadyExists { what: Taken::QueueName, name }.into());
            }
            queue.name = name;
        }
        if let Some(v) = changes.auto_assignment {
            if v && !queue.auto_assignment {
                // Turned on: the queue's waiting conversations go to its available agents.
                work.triggers.serve_everyone = true;
            }
            queue.auto_assignment = v;
        }
        if let Some(m) = changes.mode {
            queue.mode = m;
        }
        if let Some(v) = changes.notify_new_conversation {
            queue.notify_new_conversation = v;
        }
        if let Some(v) = changes.notify_new_message {
            queue.notify_new_message = v;
        }
        if let Some(v) = changes.notify_desktop {
            queue.notify_desktop = v;
        }
        if let Some(v) = changes.notify_sound {
            queue.notify_sound = v;
        }
        queues::update(&mut work.tx, &queue).await?;
        self.finish(work).await?;
        Ok(queue)
    }

    /// Adds agents to a queue. All or nothing: one unknown id or a bot refuses the whole request.
    pub async fn add_queue_members(&self, by: &User, queue_id: Uuid, agent_ids: &[Uuid]) -> Result<Vec<Member>> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let queue = queues::get(&mut work.tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        for id in agent_ids {
            let user = users::get(&mut work.tx, *id)
                .await?
                .ok_or_else(|| ServiceError::Unknown(format!("Agent {id} not found")))?;
            if !user.user_type.handles_conversations() {
                return Err(switchboard_engine::RuleError::UserNotAgentOrAdmin(*id).into());
            }
            if !queue.is_default {
                work.reach_changed = true;
                queues::add_member(&mut work.tx, queue_id, *id, work.now).await?;
                // A new member may take the queue's waiting work.
                work.triggers.serve.push(*id);
            }
        }
        let members = members_of(&mut work.tx, &queue).await?;
        self.finish(work).await?;
        Ok(members)
    }

    /// Removes agents from a queue. Everyone belongs to the Default queue, so it refuses.
    pub async fn remove_queue_members(&self, by: &User, queue_id: Uuid, agent_ids: &[Uuid]) -> Result<Vec<Member>> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let queue = queues::get(&mut work.tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        if queue.is_default {
            return Err(switchboard_engine::RuleError::DefaultQueueMembers.into());
        }
        for id in agent_ids {
            work.reach_changed = true;
            queues::remove_member(&mut work.tx, queue_id, *id).await?;
        }
        let members = members_of(&mut work.tx, &queue).await?;
        self.finish(work).await?;
        Ok(members)
    }

    /// Deletes a queue that holds no active conversation (409 otherwise); the Default queue
    /// stays. Routes leading to it must be changed first.
    pub async fn delete_queue(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let queue = queues::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {id} not found")))?;
        if queue.is_default {
            return Err(switchboard_engine::RuleError::DefaultQueueDeleted.into());
        }
        let active = queues::active_conversations(&mut work.tx, id).await?;
        if active > 0 {
            return Err(switchboard_engine::RuleError::QueueHasActive { queue: queue.name.clone(), active }.into());
        }
        let routes: Vec<String> = switchboard_store::routes::list(&mut work.tx)
            .await?
            .into_iter()
            .filter(|r| r.queue_id == id)
            .map(|r| r.name)
            .collect();
        if !routes.is_empty() {
            return Err(switchboard_engine::RuleError::QueueRouted { queue: queue.name.clone(), routes }.into());
        }
        work.reach_changed = true;
        queues::delete(&mut work.tx, id, work.now).await?;
        self.finish(work).await
    }

    /// Whether queues limit senders (the installation-wide switch; off by default).
    pub async fn senders_per_queue(&self, by: &User) -> Result<bool> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        senders_switch(&mut tx).await
    }

    pub async fn set_senders_per_queue(&self, by: &User, on: bool) -> Result<bool> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        switchboard_store::settings::put(&mut work.tx, SENDERS_KEY, &serde_json::Value::Bool(on)).await?;
        self.finish(work).await?;
        Ok(on)
    }

    /// The queue's senders, the default first among equals (flagged).
    pub async fn queue_senders(&self, by: &User, queue_id: Uuid) -> Result<Vec<queues::Sender>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        queues::get(&mut tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        Ok(queues::senders(&mut tx, queue_id).await?)
    }

    /// Replaces the queue's senders. One is the default: the one named, else the first.
    pub async fn set_queue_senders(
        &self,
        by: &User,
        queue_id: Uuid,
        senders: Vec<String>,
        default: Option<String>,
    ) -> Result<Vec<queues::Sender>> {
        crate::access::require(by, Permission::Configure)?;
        let mut cleaned: Vec<String> = Vec::new();
        for s in senders {
            let s = validate_name("senders", &s, 320)?;
            if !cleaned.iter().any(|c| c.eq_ignore_ascii_case(&s)) {
                cleaned.push(s);
            }
        }
        let default =
            match default.map(|d| d.trim().to_owned()) {
                Some(d) => Some(cleaned.iter().find(|c| c.eq_ignore_ascii_case(&d)).cloned().ok_or_else(|| {
                    ServiceError::from(switchboard_engine::RuleError::DefaultSenderMissing(d.clone()))
                })?),
                None => cleaned.first().cloned(),
            };
        let list: Vec<queues::Sender> = cleaned
            .into_iter()
            .map(|s| queues::Sender { is_default: Some(&s) == default.as_ref(), sender: s })
            .collect();
        let mut work = self.work().await?;
        queues::get(&mut work.tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        queues::set_senders(&mut work.tx, queue_id, &list).await?;
        self.finish(work).await?;
        Ok(list)
    }

    pub async fn queue_members(&self, by: &User, queue_id: Uuid) -> Result<Vec<Member>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let queue = queues::get(&mut tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue_id} not found")))?;
        members_of(&mut tx, &queue).await
    }
}
