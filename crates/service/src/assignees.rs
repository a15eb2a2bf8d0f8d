//! Who a conversation can be handed to: each agent with their status, load and reach, for the
//! assignment picker and for mentions.

use crate::auth::principal;
use crate::statuses::AgentWork;
use crate::{Result, Service};
use switchboard_engine::access::{self, Scope};
use switchboard_engine::capacity::ChannelGroup;
use switchboard_engine::status::Incoming;
use switchboard_store::users::{self, User};

/// One agent as the picker shows them for one conversation.
#[derive(Debug, Clone)]
pub struct Assignee {
    pub agent: User,
    pub work: AgentWork,
    /// The conversation's channel group.
    pub group: ChannelGroup,
    /// Conversations of that group they hold, and may hold.
    pub used: u32,
    pub capacity: u32,
    /// They reach the conversation's queue: they may read it without having it.
    pub reaches_queue: bool,
    /// Their status receives a handed-over conversation (everything but Unavailable).
    pub receives: bool,
    /// The conversation is theirs now.
    pub current: bool,
}

impl Assignee {
    /// Whether they may read the conversation: it is theirs, or in their reach.
    pub fn may_read(&self) -> bool {
        self.current || self.reaches_queue
    }
}

impl Service {
    /// The agents and admins who handle conversations, for one conversation the caller reaches:
    /// the current agent first, then those who reach its queue and receive it, least loaded
    /// first, then by name.
    pub async fn assignees(&self, by: &User, id: i64) -> Result<Vec<Assignee>> {
        let mut tx = self.store().read().await?;
        let default_queue = self.default_queue_id();
        let c = crate::access::reach_conversation(&mut tx, by, id, default_queue).await?;
        let queue = c.queue_id.unwrap_or(default_queue);
        let group = ChannelGroup::of(c.channel);
        let current = c.assignment.map(|a| a.agent_id);
        let mut out = Vec::new();
        for work in crate::statuses::works_in(&mut tx, None).await? {
            let Some(agent) = users::get(&mut tx, work.agent_id).await? else { continue };
            if access::conversation_scope(principal(&agent)) == Scope::Nothing {
                continue;
            }
            let reaches_queue = crate::access::reach(&mut tx, &agent, default_queue).await?.covers(Some(queue), None);
            out.push(Assignee {
                group,
                used: work.occupancy.of(group),
                capacity: work.capacity.of(group),
                receives: work.status.group.receives(Incoming::Transfer),
                current: current == Some(agent.id),
                reaches_queue,
                agent,
                work,
            });
        }
        out.sort_by(|a, b| {
            let load = |x: &Assignee| f64::from(x.used) / f64::from(x.capacity.max(1));
            b.current
                .cmp(&a.current)
                .then((b.reaches_queue && b.receives).cmp(&(a.reaches_queue && a.receives)))
                .then(load(a).total_cmp(&load(b)))
                .then_with(|| a.agent.display_name.to_lowercase().cmp(&b.agent.display_name.to_lowercase()))
        });
        Ok(out)
    }
}
