//! Who belongs to a queue (everyone who handles conversations is in the Default queue) and
//! whether queues pick their own senders.

use crate::Result;
use switchboard_engine::user::UserType;
use switchboard_store::queues::{self, Member, Queue};
use switchboard_store::{users, Tx};
use uuid::Uuid;

pub(crate) const SENDERS_KEY: &str = "senders.perQueue";

/// The "select senders for each queue" switch.
pub(crate) async fn senders_switch(tx: &mut Tx) -> Result<bool> {
    Ok(switchboard_store::settings::get(tx, SENDERS_KEY).await?.and_then(|v| v.as_bool()).unwrap_or(false))
}

/// Every agent and admin belongs to the Default queue without being added; other queues have
/// the members they were given.
pub(crate) async fn members_of(tx: &mut Tx, queue: &Queue) -> Result<Vec<Member>> {
    if !queue.is_default {
        return Ok(queues::members(tx, queue.id).await?);
    }
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = users::list(tx, &[UserType::Agent, UserType::Admin], after.clone(), 500).await?;
        let done = page.len() < 500;
        after = page.last().map(|u| (u.created_at.timestamp_millis(), u.id.to_string()));
        out.extend(
            page.into_iter()
                .filter(|u| u.user_type.handles_conversations())
                .map(|u| Member { user_id: u.id, added_at: u.created_at }),
        );
        if done {
            return Ok(out);
        }
    }
}

/// Whether the user belongs to the queue (see [`members_of`]).
pub(crate) async fn is_member(tx: &mut Tx, queue: &Queue, user: Uuid) -> Result<bool> {
    if queue.is_default {
        return Ok(users::get(tx, user).await?.is_some_and(|u| u.user_type.handles_conversations()));
    }
    Ok(queues::has_member(tx, queue.id, user).await?)
}
