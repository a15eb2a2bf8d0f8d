//! Authorization, decided once: what the caller holds and reaches, from the engine's access rules
//! and the membership stored at the moment of the check.

use crate::auth::principal;
use crate::page::{page, Page};
use crate::{Result, Service};
use switchboard_engine::access::{self, Permission, Reach, Scope};
use switchboard_store::conversations::{self, Conversation, Cursor, Filter};
use switchboard_store::users::User;
use switchboard_store::{queues, Tx};

/// 403 unless the caller holds the permission.
pub fn require(by: &User, permission: Permission) -> Result<()> {
    Ok(access::require(principal(by), permission)?)
}

/// The conversations the caller reaches now (an agent's queues as stored in this transaction).
pub(crate) async fn reach(tx: &mut Tx, by: &User, default_queue: uuid::Uuid) -> Result<Reach> {
    Ok(match access::conversation_scope(principal(by)) {
        Scope::All => Reach::All,
        Scope::Nothing => Reach::Nothing,
        Scope::OwnQueues => {
            let mut queues = queues::joined_by(tx, by.id).await?;
            if by.user_type.handles_conversations() {
                queues.insert(0, default_queue);
            }
            Reach::Agent { id: by.id, queues }
        }
    })
}

/// A conversation by id, 404 when it doesn't exist (no reach check: callers decide).
pub(crate) async fn load_conversation(tx: &mut Tx, id: i64) -> Result<Conversation> {
    conversations::get(tx, id)
        .await?
        .ok_or_else(|| crate::ServiceError::NotFound(format!("Conversation {id} not found")))
}

/// Where a conversation's agent stands for reopening it in `queue`: still enabled, reaching
/// that queue, and in which status group (None when the user no longer exists).
pub(crate) async fn standing(
    tx: &mut Tx,
    agent: uuid::Uuid,
    queue: uuid::Uuid,
    default_queue: uuid::Uuid,
) -> Result<Option<switchboard_engine::conversation::Standing>> {
    let Some(user) = switchboard_store::users::get(tx, agent).await? else {
        return Ok(None);
    };
    let enabled = user.actor().ensure_handles_conversations().is_ok();
    let reaches_queue = reach(tx, &user, default_queue).await?.covers(Some(queue), None);
    let group = switchboard_store::statuses::work_of(tx, agent)
        .await?
        .map_or(switchboard_engine::status::StatusGroup::Unavailable, |w| w.group);
    Ok(Some(switchboard_engine::conversation::Standing { enabled, reaches_queue, group }))
}

/// Loads a conversation the caller may act on, in the command's transaction: 403 without the
/// permission, 404 when it doesn't exist, 403 when it is out of the caller's reach.
pub(crate) async fn reach_conversation(
    tx: &mut Tx,
    by: &User,
    id: i64,
    default_queue: uuid::Uuid,
) -> Result<Conversation> {
    require(by, Permission::Conversations)?;
    let c = load_conversation(tx, id).await?;
    ensure_reaches(&reach(tx, by, default_queue).await?, &c)?;
    Ok(c)
}

/// The reach of a user as stored now: nothing once they are disabled or gone.
async fn reach_now(tx: &mut Tx, user_id: uuid::Uuid, default_queue: uuid::Uuid) -> Result<Reach> {
    match switchboard_store::users::get(tx, user_id).await? {
        Some(user) if user.enabled => reach(tx, &user, default_queue).await,
        _ => Ok(Reach::Nothing),
    }
}

/// The store's filter form of a reach: None for everything.
pub(crate) fn visible_to(reach: &Reach) -> Option<(uuid::Uuid, Vec<uuid::Uuid>)> {
    match reach {
        Reach::All => None,
        Reach::Agent { id, queues } => Some((*id, queues.clone())),
        Reach::Nothing => Some((uuid::Uuid::nil(), Vec::new())),
    }
}

/// 403 unless the conversation is within the reach.
pub(crate) fn ensure_reaches(reach: &Reach, c: &Conversation) -> Result<()> {
    if reach.covers(c.queue_id, c.assignment.as_ref().map(|a| a.agent_id)) {
        Ok(())
    } else {
        Err(switchboard_engine::RuleError::OutOfReach(c.id).into())
    }
}

/// A page of the conversations matching the filter that the caller reaches (whatever the
/// filter asks for), latest activity first.
pub(crate) async fn reached_page(
    tx: &mut Tx,
    by: &User,
    default_queue: uuid::Uuid,
    filter: &Filter,
    after: Option<Cursor>,
    limit: u32,
) -> Result<Page<Conversation, Cursor>> {
    require(by, Permission::Conversations)?;
    let reach = reach(tx, by, default_queue).await?;
    let filter = &Filter { visible_to: visible_to(&reach), ..filter.clone() };
    let rows = conversations::list_keyed(tx, filter, after, limit + 1).await?;
    let keyed = page(rows, limit, |(_, k)| *k);
    Ok(Page { items: keyed.items.into_iter().map(|(c, _)| c).collect(), next: keyed.next })
}

/// How many conversations the caller reaches match the filter.
pub(crate) async fn reached_count(tx: &mut Tx, by: &User, default_queue: uuid::Uuid, filter: &Filter) -> Result<i64> {
    require(by, Permission::Conversations)?;
    let reach = reach(tx, by, default_queue).await?;
    Ok(conversations::count(tx, &Filter { visible_to: visible_to(&reach), ..filter.clone() }).await?)
}

/// One event-stream subscriber's view of the bus: each event is let through only if the
/// subscriber reaches it at the moment it is published, so a change of membership or roles
/// applies to streams already open.
pub struct Viewer {
    service: Service,
    user_id: uuid::Uuid,
    generation: u64,
    reach: Reach,
}

impl Viewer {
    /// Whether this event may be shown to the subscriber.
    pub async fn sees(&mut self, event: &crate::Event) -> bool {
        let generation = self.service.access_generation();
        if generation != self.generation {
            self.generation = generation;
            self.reach = match self.service.store().read().await {
                Ok(mut tx) => {
                    reach_now(&mut tx, self.user_id, self.service.default_queue_id()).await.unwrap_or(Reach::Nothing)
                }
                Err(_) => Reach::Nothing,
            };
        }
        self.reach.covers(event.queue_id, event.agent_id)
    }
}

impl Service {
    /// A view of the event bus for this caller (see [`Viewer`]).
    pub async fn viewer(&self, by: &User) -> Result<Viewer> {
        // Read the generation first: a change committed meanwhile makes the viewer reload.
        let generation = self.access_generation();
        require(by, Permission::Conversations)?;
        let reach = reach(&mut self.store().read().await?, by, self.default_queue_id()).await?;
        Ok(Viewer { service: self.clone(), user_id: by.id, generation, reach })
    }
}
