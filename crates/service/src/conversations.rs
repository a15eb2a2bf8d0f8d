//! Conversation commands: create, read, list, update, and the actions agents take on them.

use crate::events::EventKind;
use crate::page::Page;
use crate::unit::conversation::{
    assign, close_in, ensure_receives, load, load_acting_user, load_acting_user_or, load_queue_from_body,
    move_to_queue, reopen_in, unassign,
};
use crate::unit::timeline::{insert_message, NewMessage};
use crate::work::Work;
use crate::{Result, Service, ServiceError};
use serde_json::json;
use switchboard_engine::access::Permission;
use switchboard_engine::activity::ActivityKind;
use switchboard_engine::content::validate_name;
use switchboard_engine::conversation::{self as rules, Assignment, ClaimDecision};
use switchboard_engine::kinds::{Channel, Direction, LinkType, Priority, Status};
use switchboard_engine::RuleError;
use switchboard_store::conversations::{self, Conversation, Cursor, Filter};
use switchboard_store::queues::{self};
use switchboard_store::tags::{self, Tag};
use switchboard_store::users::{self, User};
use switchboard_store::{activity, end_users, Tx};
use uuid::Uuid;

/// A conversation to create (Dixa's create body and Infobip's fields, already parsed).
#[derive(Debug, Clone, Default)]
pub struct NewConversation {
    pub requester_id: Uuid,
    pub channel: Channel,
    pub direction: Option<Direction>,
    pub subject: Option<String>,
    pub topic: Option<String>,
    pub summary: Option<String>,
    pub language: Option<String>,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub queue_id: Option<Uuid>,
    pub agent_id: Option<Uuid>,
    pub integration_email: Option<String>,
    pub contact_endpoint_id: Option<String>,
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
    pub message: Option<NewMessage>,
    /// Set when creating a side conversation or follow-up of another conversation.
    pub link: Option<(i64, LinkType)>,
    /// When the conversation started (imports); now otherwise.
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Infobip's update: every set field changes, until the conversation is Closed.
#[derive(Debug, Clone, Default)]
pub struct ConversationChanges {
    pub topic: Option<Option<String>>,
    pub summary: Option<Option<String>>,
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub channel: Option<Channel>,
    pub queue_id: Option<Uuid>,
    /// `Some(None)` unassigns.
    pub agent_id: Option<Option<Uuid>>,
}

const MAX_TEXT_FIELD: usize = 1000;
pub use switchboard_engine::conversation::MAX_METADATA_BYTES;

fn optional_text(field: &'static str, value: Option<String>) -> Result<Option<String>> {
    match value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
        Some(v) => Ok(Some(validate_name(field, &v, MAX_TEXT_FIELD)?)),
        None => Ok(None),
    }
}

/// Who did it: the named user when given and valid, otherwise the caller.
async fn author(tx: &mut Tx, by: &User, user_id: Option<Uuid>) -> Result<Uuid> {
    match user_id {
        Some(id) => Ok(load_acting_user(tx, id).await?.id),
        None => Ok(by.id),
    }
}

impl Service {
    pub async fn create_conversation(&self, by: &User, input: NewConversation) -> Result<Conversation> {
        crate::access::require(by, Permission::Conversations)?;
        let mut work = self.work().await?;
        work.by = Some(by.id);
        let conversation = create_in(&mut work, self.default_queue_id(), by, input).await?;
        self.finish(work).await?;
        Ok(conversation)
    }

    pub async fn conversation(&self, by: &User, id: i64) -> Result<Conversation> {
        let mut tx = self.store().read().await?;
        crate::access::reach_conversation(&mut tx, by, id, self.default_queue_id()).await
    }

    pub async fn conversations(
        &self,
        by: &User,
        filter: &Filter,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<Page<Conversation, Cursor>> {
        let mut tx = self.store().read().await?;
        crate::access::reached_page(&mut tx, by, self.default_queue_id(), filter, after, limit).await
    }

    /// Infobip's update: topic, summary, status, priority, channel, queue and agent.
    pub async fn update_conversation(&self, by: &User, id: i64, changes: ConversationChanges) -> Result<Conversation> {
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        rules::edit(&c.snapshot())?;
        let now = work.now;
        let before = c.clone();
        if let Some(topic) = changes.topic {
            c.topic = optional_text("topic", topic)?;
        }
        if let Some(summary) = changes.summary {
            c.summary = optional_text("summary", summary)?;
        }
        if let Some(priority) = changes.priority {
            c.priority = priority;
        }
        if let Some(channel) = changes.channel {
            c.channel = channel;
        }
        if let Some(status) = changes.status.filter(|s| *s != Status::Closed && *s != c.status) {
            crate::unit::conversation::change_status(&mut work, &mut c, status);
        }
        // Field edits are one "updated" event; moves, assignment and closing have their own.
        let edited = c != before;
        if let Some(queue_id) = changes.queue_id {
            if c.queue_id != Some(queue_id) {
                let queue = load_queue_from_body(&mut work.tx, queue_id).await?;
                move_to_queue(&mut work, &mut c, &queue, by.id).await?;
            }
        }
        if let Some(agent) = changes.agent_id {
            match agent {
                Some(agent_id) => {
                    let user = load_acting_user(&mut work.tx, agent_id).await?;
                    if let ClaimDecision::Assign { previous } = rules::claim(&c.snapshot(), &user.actor(), true)? {
                        assign(&mut work, &mut c, user.id, previous, by.id).await?;
                    }
                }
                None => unassign(&mut work, &mut c, by.id).await?,
            }
        }
        if changes.status == Some(Status::Closed) {
            close_in(&mut work, &mut c, Some(by.id)).await?;
        }
        if c == before {
            // Nothing asked for differs from what is there: no write, no event, no new activity.
            return Ok(c);
        }
        c.updated_at = now;
        conversations::update(&mut work.tx, &c).await?;
        let (old_subject, new_subject) = (
            crate::unit::index::subject_text(before.subject.as_deref(), before.topic.as_deref()),
            crate::unit::index::subject_text(c.subject.as_deref(), c.topic.as_deref()),
        );
        crate::unit::index::reindex_subject(&mut work.tx, c.id, old_subject, new_subject).await?;
        if edited {
            work.emit(EventKind::ConversationUpdated, c.id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
        }
        self.finish(work).await?;
        Ok(c)
    }

    /// An agent takes a conversation; without `force` an assigned one is left alone (409).
    pub async fn claim(&self, by: &User, id: i64, agent_id: Uuid, force: bool) -> Result<()> {
        let mut work = self.work().await?;
        work.by = Some(by.id);
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        let agent = users::get(&mut work.tx, agent_id)
            .await?
            .ok_or_else(|| ServiceError::Unknown("Agent was not found".into()))?;
        if let ClaimDecision::Assign { previous } = rules::claim(&c.snapshot(), &agent.actor(), force)? {
            assign(&mut work, &mut c, agent.id, previous, by.id).await?;
            c.updated_at = work.now;
            conversations::update(&mut work.tx, &c).await?;
        }
        self.finish(work).await?;
        Ok(())
    }

    pub async fn close(&self, by: &User, id: i64, user_id: Option<Uuid>) -> Result<()> {
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        let author = author(&mut work.tx, by, user_id).await?;
        close_in(&mut work, &mut c, Some(author)).await?;
        conversations::update(&mut work.tx, &c).await?;
        self.finish(work).await?;
        Ok(())
    }

    /// Reopens a Closed conversation and offers it again in its queue (or the Default queue).
    pub async fn reopen(&self, by: &User, id: i64, user_id: Option<Uuid>) -> Result<()> {
        let mut work = self.work().await?;
        work.by = Some(by.id);
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        let author = author(&mut work.tx, by, user_id).await?;
        reopen_in(&mut work, &mut c, author, self.default_queue_id()).await?;
        conversations::update(&mut work.tx, &c).await?;
        self.finish(work).await?;
        Ok(())
    }

    /// Merges a conversation into another of the same customer: its messages and notes join
    /// the other's timeline (in the order they were written) and it is closed, so its agent's
    /// occupancy drops and automatic assignment serves them again.
    pub async fn merge(&self, by: &User, id: i64, into: i64, user_id: Option<Uuid>) -> Result<Conversation> {
        crate::access::require(by, Permission::Conversations)?;
        if id == into {
            return Err(RuleError::MergeIntoItself.into());
        }
        let mut work = self.work().await?;
        let mut source = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        let mut target = conversations::get(&mut work.tx, into)
            .await?
            .ok_or_else(|| ServiceError::Unknown("Target conversation does not exist".into()))?;
        let reach = crate::access::reach(&mut work.tx, by, self.default_queue_id()).await?;
        crate::access::ensure_reaches(&reach, &target)?;
        let author = author(&mut work.tx, by, user_id).await?;
        rules::edit(&source.snapshot())?;
        rules::edit(&target.snapshot())?;
        let clashing = switchboard_store::messages::shared_external_ids(&mut work.tx, id, into).await?;
        let side = |c: &Conversation| rules::MergeSide {
            id: c.id,
            requester: c.requester_id,
            anonymized: c.anonymized_at.is_some(),
        };
        rules::merge(side(&source), side(&target), &clashing)?;
        switchboard_store::messages::move_all(&mut work.tx, id, into).await?;
        switchboard_store::notes::move_all(&mut work.tx, id, into).await?;
        switchboard_store::search::move_items(&mut work.tx, id, into).await?;
        close_in(&mut work, &mut source, Some(author)).await?;
        source.preview = None;
        conversations::update(&mut work.tx, &source).await?;
        work.log(id, ActivityKind::ConversationMerged, Some(author), json!({ "intoConversationId": into })).await?;
        work.log(into, ActivityKind::ConversationMerged, Some(author), json!({ "fromConversationId": id })).await?;
        if let Some(last) = switchboard_store::messages::latest(&mut work.tx, into).await? {
            target.preview =
                Some(switchboard_engine::content::preview(last.content.value(), crate::unit::timeline::PREVIEW_CHARS));
        }
        target.updated_at = work.now;
        conversations::update(&mut work.tx, &target).await?;
        work.emit(EventKind::ConversationUpdated, into, target.queue_id, target.assignment.map(|a| a.agent_id), None);
        work.sla.push((into, true));
        self.finish(work).await?;
        Ok(target)
    }

    pub async fn transfer(&self, by: &User, id: i64, queue_id: Uuid, user_id: Option<Uuid>) -> Result<()> {
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        let author = author(&mut work.tx, by, user_id).await?;
        work.by = Some(author);
        rules::edit(&c.snapshot())?;
        let queue = load_queue_from_body(&mut work.tx, queue_id).await?;
        if c.queue_id == Some(queue.id) {
            // Already there: nothing moves, nothing is logged.
            return Ok(());
        }
        move_to_queue(&mut work, &mut c, &queue, author).await?;
        c.updated_at = work.now;
        conversations::update(&mut work.tx, &c).await?;
        self.finish(work).await?;
        Ok(())
    }

    /// Applies an active tag; tagging twice changes nothing.
    pub async fn tag_conversation(&self, by: &User, id: i64, tag_id: Uuid) -> Result<()> {
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        let tag = tags::get(&mut work.tx, tag_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Tag {tag_id} not found")))?;
        rules::edit(&c.snapshot())?;
        if tag.state != switchboard_engine::kinds::TagState::Active {
            return Err(switchboard_engine::RuleError::InactiveTag(tag_id).into());
        }
        if tags::tag_conversation(&mut work.tx, id, tag_id, work.now).await? {
            work.log(id, ActivityKind::TagAdded, Some(by.id), json!({ "tagId": tag_id, "tag": tag.name })).await?;
            work.emit(EventKind::ConversationTagAdded, id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
            work.sla.push((id, true));
            c.updated_at = work.now;
            conversations::update(&mut work.tx, &c).await?;
        }
        self.finish(work).await?;
        Ok(())
    }

    /// Removes a tag, active or not; removing an absent tag changes nothing.
    pub async fn untag_conversation(&self, by: &User, id: i64, tag_id: Uuid) -> Result<()> {
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        let tag = tags::get(&mut work.tx, tag_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Tag {tag_id} not found")))?;
        rules::edit(&c.snapshot())?;
        if tags::untag_conversation(&mut work.tx, id, tag_id).await? {
            work.log(id, ActivityKind::TagRemoved, Some(by.id), json!({ "tagId": tag_id, "tag": tag.name })).await?;
            work.emit(EventKind::ConversationTagRemoved, id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
            work.sla.push((id, true));
            c.updated_at = work.now;
            conversations::update(&mut work.tx, &c).await?;
        }
        self.finish(work).await?;
        Ok(())
    }

    pub async fn conversation_tags(&self, by: &User, id: i64) -> Result<Vec<Tag>> {
        let mut tx = self.store().read().await?;
        crate::access::reach_conversation(&mut tx, by, id, self.default_queue_id()).await?;
        Ok(tags::of_conversation(&mut tx, id).await?)
    }

    /// Infobip's route: unassigns the conversation and runs the routes again (the Default queue
    /// when none matches).
    pub async fn route(&self, by: &User, id: i64) -> Result<Conversation> {
        self.reroute(by, id, false).await
    }

    /// Bot handover: a bot that served a conversation hands it to people. The routes pick the
    /// queue as for a new conversation, and automatic assignment finds an agent there. Only a
    /// conversation no agent holds yet can be handed over (409 otherwise).
    pub async fn handover(&self, by: &User, id: i64) -> Result<Conversation> {
        self.reroute(by, id, true).await
    }

    async fn reroute(&self, by: &User, id: i64, handover: bool) -> Result<Conversation> {
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        rules::edit(&c.snapshot())?;
        if handover {
            if let Some(a) = c.assignment {
                return Err(RuleError::HandoverHeld { conversation: id, agent: a.agent_id }.into());
            }
        }
        unassign(&mut work, &mut c, by.id).await?;
        let facts = crate::routing::facts_for(&mut work.tx, &c, None).await?;
        let d = crate::routing::destination(&mut work.tx, &facts, self.default_queue_id()).await?;
        if let Some(p) = d.priority {
            c.priority = p;
        }
        let target = queues::get(&mut work.tx, d.queue)
            .await?
            .ok_or_else(|| ServiceError::Internal("The routed queue is missing".into()))?;
        if c.queue_id == Some(target.id) {
            c.queued_at = Some(work.now);
            work.triggers.offer.push(c.id);
            work.entered.push(c.id);
        } else {
            move_to_queue(&mut work, &mut c, &target, by.id).await?;
        }
        work.sla.push((c.id, true));
        if handover {
            work.log(
                c.id,
                ActivityKind::ConversationTransferred,
                Some(by.id),
                json!({ "handover": true, "toQueueId": target.id }),
            )
            .await?;
        }
        c.updated_at = work.now;
        conversations::update(&mut work.tx, &c).await?;
        self.finish(work).await?;
        Ok(c)
    }

    /// Replaces the conversation's metadata (a JSON object shown to agents).
    pub async fn set_metadata(
        &self,
        by: &User,
        id: i64,
        metadata: serde_json::Map<String, serde_json::Value>,
    ) -> Result<serde_json::Map<String, serde_json::Value>> {
        rules::metadata_fits(serde_json::Value::Object(metadata.clone()).to_string().len())?;
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        rules::edit(&c.snapshot())?;
        c.metadata = metadata;
        c.updated_at = work.now;
        conversations::update(&mut work.tx, &c).await?;
        work.emit(EventKind::ConversationUpdated, c.id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
        self.finish(work).await?;
        Ok(c.metadata)
    }

    /// Creates a side conversation or follow-up of `parent`.
    pub async fn create_linked(
        &self,
        by: &User,
        parent: i64,
        kind: LinkType,
        input: NewConversation,
    ) -> Result<Conversation> {
        let mut work = self.work().await?;
        let p = crate::access::reach_conversation(&mut work.tx, by, parent, self.default_queue_id()).await?;
        if kind == LinkType::SideConversation {
            // A side conversation is part of handling the parent, so the parent must be open.
            rules::edit(&p.snapshot())?;
        }
        let input = NewConversation { link: Some((parent, kind)), ..input };
        let c = create_in(&mut work, self.default_queue_id(), by, input).await?;
        self.finish(work).await?;
        Ok(c)
    }

    /// The conversations created from this one (side conversations, follow-ups).
    /// The conversations made from this one that the caller reaches (a side conversation may
    /// be in a queue the caller doesn't belong to).
    pub async fn linked(&self, by: &User, id: i64) -> Result<Vec<Conversation>> {
        crate::access::require(by, switchboard_engine::access::Permission::Conversations)?;
        let mut tx = self.store().read().await?;
        let parent = load(&mut tx, id).await?;
        let reach = crate::access::reach(&mut tx, by, self.default_queue_id()).await?;
        crate::access::ensure_reaches(&reach, &parent)?;
        let filter =
            Filter { parent_id: Some(id), visible_to: crate::access::visible_to(&reach), ..Default::default() };
        Ok(conversations::list(&mut tx, &filter, None, 1000).await?)
    }

    /// The organization's activity log within [from, to), in the order it was written.
    pub async fn organization_activity(
        &self,
        by: &User,
        from: Option<chrono::DateTime<chrono::Utc>>,
        to: Option<chrono::DateTime<chrono::Utc>>,
        after: Option<activity::Cursor>,
        limit: u32,
    ) -> Result<Page<activity::Entry, activity::Cursor>> {
        crate::access::require(by, Permission::Reports)?;
        let mut tx = self.store().read().await?;
        let rows = activity::list(&mut tx, from, to, after, limit + 1).await?;
        let more = rows.len() > limit as usize;
        let mut rows = rows;
        rows.truncate(limit as usize);
        let next = if more { rows.last().map(|(seq, _)| *seq) } else { None };
        Ok(Page { items: rows.into_iter().map(|(_, e)| e).collect(), next })
    }

    pub async fn activity_log(&self, by: &User, id: i64) -> Result<Vec<activity::Entry>> {
        let mut tx = self.store().read().await?;
        crate::access::reach_conversation(&mut tx, by, id, self.default_queue_id()).await?;
        Ok(activity::of_conversation(&mut tx, id).await?)
    }
}

/// Creates a conversation (and its first message) inside an open unit of work.
pub(crate) async fn create_in(
    work: &mut Work,
    default_queue: Uuid,
    by: &User,
    input: NewConversation,
) -> Result<Conversation> {
    let now = work.now;
    end_users::get(&mut work.tx, input.requester_id)
        .await?
        .ok_or_else(|| ServiceError::Unknown("Requester does not exist".into()))?;
    let named_queue = match input.queue_id {
        Some(id) => Some(load_queue_from_body(&mut work.tx, id).await?),
        None => None,
    };
    let status = input.status.unwrap_or_default();
    rules::creatable(status)?;
    let agent = match input.agent_id {
        Some(id) => Some(load_acting_user_or(&mut work.tx, id, "Agent does not exist").await?),
        None => None,
    };
    // A new conversation handed to someone else goes only to an agent who receives transfers;
    // an import records history and is exempt.
    if let (Some(a), None) = (&agent, input.created_at) {
        if a.id != by.id {
            ensure_receives(&mut work.tx, a.id).await?;
        }
    }
    if let Some((parent, _)) = input.link {
        load(&mut work.tx, parent).await?;
    }
    let direction =
        input.direction.or_else(|| input.message.as_ref().map(|m| m.direction)).unwrap_or(Direction::Inbound);
    let created_at = input.created_at.unwrap_or(now);
    if let Some(m) = &input.metadata {
        rules::metadata_fits(serde_json::Value::Object(m.clone()).to_string().len())?;
    }
    let mut conversation = Conversation {
        id: 0,
        short_id: 0,
        link: input.link,
        channel: input.channel,
        direction,
        status,
        status_updated_at: created_at,
        priority: input.priority.unwrap_or_default(),
        topic: optional_text("topic", input.topic)?,
        summary: optional_text("summary", input.summary)?,
        subject: optional_text("subject", input.subject)?,
        language: optional_text("language", input.language)?,
        queue_id: None,
        queued_at: Some(created_at),
        assignment: agent.as_ref().map(|a| Assignment { agent_id: a.id, assigned_at: now }),
        requester_id: input.requester_id,
        integration_email: optional_text("emailIntegrationId", input.integration_email)?,
        contact_endpoint_id: optional_text("contactEndpointId", input.contact_endpoint_id)?,
        metadata: input.metadata.unwrap_or_default(),
        preview: None,
        anonymized_at: None,
        snoozed_until: None,
        created_at,
        updated_at: now,
    };
    // No queue named: the routes decide (the first enabled match; the Default queue otherwise).
    let queue = match named_queue {
        Some(q) => q,
        None => {
            let facts = crate::routing::facts_for(&mut work.tx, &conversation, input.message.as_ref()).await?;
            let d = crate::routing::destination(&mut work.tx, &facts, default_queue).await?;
            if input.priority.is_none() {
                if let Some(p) = d.priority {
                    conversation.priority = p;
                }
            }
            queues::get(&mut work.tx, d.queue)
                .await?
                .ok_or_else(|| ServiceError::Internal("The routed queue is missing".into()))?
        }
    };
    conversation.queue_id = Some(queue.id);
    let (id, short_id) = conversations::insert(&mut work.tx, &conversation).await?;
    let mut conversation = Conversation { id, short_id, ..conversation };
    let subject = crate::unit::index::subject_text(conversation.subject.as_deref(), conversation.topic.as_deref());
    crate::unit::index::reindex_subject(&mut work.tx, id, None, subject).await?;
    let mut detail = json!({ "queueId": queue.id });
    if let Some((parent, kind)) = input.link {
        detail["parentId"] = json!(parent);
        detail["linkType"] = json!(kind.as_str());
    }
    work.log(id, ActivityKind::ConversationCreated, Some(by.id), detail).await?;
    work.emit(EventKind::ConversationCreated, id, Some(queue.id), conversation.assignment.map(|a| a.agent_id), None);
    if let Some(a) = conversation.assignment {
        switchboard_store::assignment::record(&mut work.tx, id, a.agent_id, conversation.requester_id, now).await?;
        work.log(id, ActivityKind::ConversationAssigned, Some(by.id), json!({ "agentId": a.agent_id })).await?;
        work.emit(EventKind::ConversationAssigned, id, Some(queue.id), Some(a.agent_id), None);
        work.triggers.touched.push(a.agent_id);
    } else {
        work.triggers.offer.push(id);
        work.entered.push(id);
    }
    if let Some(message) = input.message {
        insert_message(work, &mut conversation, message).await?;
        work.mark_last_initial();
    }
    work.sla.push((conversation.id, true));
    // A customer writing outside the queue's hours hears so (not for imports of history).
    if input.created_at.is_none() {
        crate::hours::away_on_create(work, &mut conversation).await?;
    }
    Ok(conversation)
}
