//! Snoozing: a conversation set aside as Waiting until a time, when a timer wakes it Open.

use crate::events::EventKind;
use crate::work::Work;
use crate::{Result, Service};
use chrono::{DateTime, Utc};
use switchboard_engine::conversation as rules;
use switchboard_engine::kinds::Status;
use switchboard_store::conversations::{self, Conversation};
use switchboard_store::timers::{self, Timer};
use switchboard_store::users::User;

/// The timer that wakes a snoozed conversation.
pub const WAKE_TIMER: &str = "conversation.wake";

impl Service {
    /// Sets a conversation aside until `until`: Waiting now, Open again then (or as soon as the
    /// customer writes). Snoozing again moves the wake-up.
    pub async fn snooze(&self, by: &User, id: i64, until: DateTime<Utc>) -> Result<Conversation> {
        let mut work = self.work().await?;
        work.by = Some(by.id);
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        rules::snooze(&c.snapshot(), until, work.now)?;
        if c.status != Status::Waiting {
            crate::unit::conversation::change_status(&mut work, &mut c, Status::Waiting);
        }
        c.snoozed_until = Some(until);
        c.updated_at = work.now;
        conversations::update(&mut work.tx, &c).await?;
        timers::delete_for_conversations(&mut work.tx, WAKE_TIMER, &[id]).await?;
        timers::insert(&mut work.tx, WAKE_TIMER, Some(id), until, "{}").await?;
        work.timers_added = true;
        work.emit(EventKind::ConversationUpdated, id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
        self.finish(work).await?;
        Ok(c)
    }

    /// Ends a snooze now: the conversation is Open again.
    pub async fn wake(&self, by: &User, id: i64) -> Result<Conversation> {
        let mut work = self.work().await?;
        work.by = Some(by.id);
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        c.snapshot().ensure_changeable()?;
        if c.snoozed_until.is_some() {
            wake_in(&mut work, &mut c).await?;
        }
        self.finish(work).await?;
        Ok(c)
    }
}

async fn wake_in(work: &mut Work, c: &mut Conversation) -> Result<()> {
    crate::unit::conversation::change_status(work, c, Status::Open);
    c.updated_at = work.now;
    conversations::update(&mut work.tx, c).await?;
    timers::delete_for_conversations(&mut work.tx, WAKE_TIMER, &[c.id]).await?;
    work.emit(EventKind::ConversationUpdated, c.id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
    Ok(())
}

/// A wake-up came due: the conversation opens again unless its snooze already ended or moved.
pub(crate) async fn wake_timer(work: &mut Work, timer: &Timer) -> Result<()> {
    let Some(id) = timer.conversation_id else { return Ok(()) };
    let Some(mut c) = conversations::get(&mut work.tx, id).await? else { return Ok(()) };
    if rules::wakes(c.status, c.snoozed_until, timer.due_at) {
        wake_in(work, &mut c).await?;
    }
    Ok(())
}
