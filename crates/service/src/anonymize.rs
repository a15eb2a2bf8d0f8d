//! Anonymization: erasing a conversation's, a message's or an end user's personal content for
//! good, keeping only the skeleton (who, when, which queue) marked as anonymized.

use crate::events::EventKind;
use crate::unit::conversation::load;
use crate::{Result, Service, ServiceError};
use chrono::{DateTime, Utc};
use switchboard_engine::access::Permission;
use switchboard_engine::kinds::Status;
use switchboard_store::users::User;
use switchboard_store::{activity, conversations, custom_attributes, end_users, messages, notes, ratings};
use uuid::Uuid;

/// What was anonymized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Conversation,
    Message,
    EndUser,
}

/// The record of an anonymization: done by the time it is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: Uuid,
    pub target: Target,
    pub target_entity_id: String,
    pub initiated_at: DateTime<Utc>,
    pub requested_by: Uuid,
}

impl Service {
    /// Erases a conversation's content. An open conversation is refused unless `force`, which
    /// closes it first.
    pub async fn anonymize_conversation(&self, by: &User, id: i64, force: bool) -> Result<Request> {
        crate::access::require(by, Permission::Anonymize)?;
        let mut work = self.work().await?;
        let mut c = load(&mut work.tx, id).await?;
        let now = work.now;
        if c.status != Status::Closed {
            if !force {
                return Err(switchboard_engine::RuleError::AnonymizeOpen(id).into());
            }
            crate::unit::conversation::close_in(&mut work, &mut c, Some(by.id)).await?;
        }
        // The index is told which words to drop, so it goes first, while the texts exist.
        crate::unit::index::unindex_conversation(&mut work.tx, id).await?;
        messages::erase_conversation(&mut work.tx, id, now).await?;
        notes::erase_conversation(&mut work.tx, id).await?;
        activity::erase_details(&mut work.tx, id).await?;
        ratings::erase_comments(&mut work.tx, id).await?;
        custom_attributes::clear_entity(&mut work.tx, &id.to_string()).await?;
        c.subject = None;
        c.topic = None;
        c.summary = None;
        c.preview = None;
        c.metadata = Default::default();
        c.anonymized_at = Some(now);
        c.updated_at = now;
        conversations::update(&mut work.tx, &c).await?;
        work.emit(EventKind::ConversationUpdated, c.id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
        self.finish(work).await?;
        self.flush_erasure().await;
        Ok(Request {
            id: Uuid::new_v4(),
            target: Target::Conversation,
            target_entity_id: id.to_string(),
            initiated_at: now,
            requested_by: by.id,
        })
    }

    /// Erases one message's content and attachments.
    pub async fn anonymize_message(&self, by: &User, conversation: i64, message: Uuid) -> Result<Request> {
        crate::access::require(by, Permission::Anonymize)?;
        let mut work = self.work().await?;
        let mut c = load(&mut work.tx, conversation).await?;
        let m = messages::get(&mut work.tx, conversation, message).await?.ok_or_else(|| {
            ServiceError::NotFound(format!("Message {message} not found in conversation {conversation}"))
        })?;
        let now = work.now;
        crate::unit::index::unindex_message(&mut work.tx, m.id, m.content.value()).await?;
        messages::erase(&mut work.tx, m.id, now).await?;
        // The inbox preview may quote it.
        c.preview = messages::of_conversation(&mut work.tx, conversation)
            .await?
            .into_iter()
            .rev()
            .find(|x| x.anonymized_at.is_none() && x.id != m.id)
            .map(|x| switchboard_engine::content::preview(x.content.value(), 200));
        c.updated_at = now;
        conversations::update(&mut work.tx, &c).await?;
        work.emit(EventKind::ConversationUpdated, c.id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
        self.finish(work).await?;
        self.flush_erasure().await;
        Ok(Request {
            id: Uuid::new_v4(),
            target: Target::Message,
            target_entity_id: format!("{conversation}_{message}"),
            initiated_at: now,
            requested_by: by.id,
        })
    }

    /// Erases an end user's personal details and custom attribute values.
    pub async fn anonymize_end_user(&self, by: &User, id: Uuid) -> Result<Request> {
        crate::access::require(by, Permission::Anonymize)?;
        let mut work = self.work().await?;
        end_users::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("End user {id} not found")))?;
        let now = work.now;
        end_users::erase(&mut work.tx, id, now).await?;
        custom_attributes::clear_entity(&mut work.tx, &id.to_string()).await?;
        self.finish(work).await?;
        self.flush_erasure().await;
        Ok(Request {
            id: Uuid::new_v4(),
            target: Target::EndUser,
            target_entity_id: id.to_string(),
            initiated_at: now,
            requested_by: by.id,
        })
    }

    /// Pushes the erased pages out of the write-ahead log, so no earlier copy remains on disk.
    /// A reader holding an old snapshot can delay it; the next checkpoint then completes it.
    async fn flush_erasure(&self) {
        if let Err(e) = self.store().checkpoint().await {
            tracing::warn!(error = %e, "checkpoint after an erasure did not complete");
        }
    }
}
