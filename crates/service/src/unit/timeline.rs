//! Messages and notes written inside a unit of work: checked, stored, indexed, logged and
//! published, with what they change on the conversation.

use crate::events::EventKind;
use crate::work::Work;
use crate::{Result, ServiceError};
use chrono::{DateTime, Utc};
use serde_json::json;
use switchboard_engine::activity::ActivityKind;
use switchboard_engine::content::{preview, validate_note, Attachment, Content};
use switchboard_engine::conversation as rules;
use switchboard_engine::kinds::{Automation, Direction};
use switchboard_engine::mention::{self, Candidate};
use switchboard_engine::user::UserType;
use switchboard_engine::RuleError;
use switchboard_store::conversations::{self, Conversation};
use switchboard_store::messages::{self, Message};
use switchboard_store::notes::{self, Note};
use switchboard_store::users::{self, User};
use uuid::Uuid;

/// Most attachments one message may carry.
pub const MAX_ATTACHMENTS: usize = 20;

/// Length of the latest-message preview kept on the conversation.
pub(crate) const PREVIEW_CHARS: usize = 200;

/// The author of automated messages: the installation itself (no user has this id).
pub const SYSTEM_AUTHOR: Uuid = Uuid::nil();

/// A message to add. Inbound messages are the requester's; outbound ones need an agent.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub direction: Direction,
    pub content: Content,
    pub attachments: Vec<Attachment>,
    pub agent_id: Option<Uuid>,
    pub external_id: Option<String>,
    /// The addresses of an email message.
    pub email: Option<switchboard_engine::content::EmailHeaders>,
    /// When it was written (imports); now otherwise.
    pub created_at: Option<DateTime<Utc>>,
    /// Sent by automation (away message, waiting strategy, workflow): no agent writes it.
    /// Messages of bot users are marked `Bot` by themselves.
    pub automated: Option<Automation>,
}

/// A note to add; the author defaults to the caller, the time to now.
#[derive(Debug, Clone)]
pub struct NewNote {
    pub message: String,
    pub agent_id: Option<Uuid>,
    pub created_at: Option<DateTime<Utc>>,
    /// Agents the note names; each must be able to open the conversation.
    pub mentions: Vec<Uuid>,
}

/// Adds a message inside an open unit of work, updating the conversation in memory and in the store.
pub(crate) async fn insert_message(work: &mut Work, c: &mut Conversation, input: NewMessage) -> Result<Message> {
    let status = rules::status_after_message(&c.snapshot(), input.direction)?;
    input.content.validate()?;
    if input.attachments.len() > MAX_ATTACHMENTS {
        return Err(RuleError::TooManyAttachments { max: MAX_ATTACHMENTS }.into());
    }
    for a in &input.attachments {
        a.validate()?;
    }
    let mut automated = input.automated;
    let author_id = match (input.direction, input.agent_id, automated) {
        (Direction::Inbound, _, _) => c.requester_id,
        // Automation speaks for the installation, not for an agent.
        (Direction::Outbound, None, Some(_)) => SYSTEM_AUTHOR,
        (Direction::Outbound, agent_id, _) => {
            let agent_id = agent_id.ok_or(RuleError::OutboundWithoutAgent)?;
            let agent = users::get(&mut work.tx, agent_id)
                .await?
                .ok_or_else(|| ServiceError::Unknown("Agent was not found".into()))?;
            agent.actor().ensure_handles_conversations()?;
            if agent.user_type == UserType::Bot {
                automated = automated.or(Some(Automation::Bot));
            }
            agent.id
        }
    };
    let external_id = input.external_id.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty());
    if let Some(ext) = &external_id {
        if messages::external_id_taken(&mut work.tx, c.id, ext).await? {
            return Err(RuleError::DuplicateExternalId.into());
        }
    }
    let message = Message {
        id: Uuid::new_v4(),
        conversation_id: c.id,
        direction: input.direction,
        author_id,
        content: input.content,
        attachments: input.attachments,
        external_id,
        email: input.email.map(|e| e.cleaned()).transpose()?,
        created_at: input.created_at.unwrap_or(work.now),
        anonymized_at: None,
        automated,
    };
    messages::insert(&mut work.tx, &message).await?;
    crate::unit::index::index_message(&mut work.tx, c.id, message.id, message.content.value()).await?;
    c.preview = Some(preview(message.content.value(), PREVIEW_CHARS));
    if status != c.status {
        c.status = status;
        c.status_updated_at = work.now;
    }
    if input.direction == Direction::Inbound && c.assignment.is_none() && message.created_at == work.now {
        // The customer writing after the agent left starts a new interaction: the conversation
        // is offered again in its last queue, from now. (Writing again while still waiting for
        // a first agent keeps the place in the queue.)
        let left =
            switchboard_store::activity::last_of_kind(&mut work.tx, c.id, ActivityKind::ConversationUnassigned).await?;
        if left.is_some_and(|t| c.queued_at.is_none_or(|q| t > q)) {
            c.queued_at = Some(work.now);
            work.entered.push(c.id);
        }
    }
    c.updated_at = work.now;
    conversations::update(&mut work.tx, c).await?;
    work.log(
        c.id,
        ActivityKind::MessageAdded,
        Some(author_id),
        json!({ "messageId": message.id, "direction": message.direction }),
    )
    .await?;
    work.emit(
        EventKind::ConversationMessageAdded,
        c.id,
        c.queue_id,
        c.assignment.map(|a| a.agent_id),
        Some(message.direction),
    );
    work.set_last_message(message.id);
    work.sla.push((c.id, false));
    Ok(message)
}

pub(crate) async fn insert_note(
    work: &mut Work,
    c: &mut Conversation,
    by: &User,
    input: NewNote,
    default_queue: Uuid,
    not_found: impl Fn(Uuid) -> String,
) -> Result<Note> {
    rules::edit(&c.snapshot())?;
    validate_note(&input.message)?;
    let author_id = match input.agent_id {
        Some(id) => {
            let author = users::get(&mut work.tx, id).await?.ok_or_else(|| ServiceError::Unknown(not_found(id)))?;
            if !author.enabled {
                return Err(RuleError::UserDisabled(id).into());
            }
            author.id
        }
        None => by.id,
    };
    let note = Note {
        id: Uuid::new_v4(),
        conversation_id: c.id,
        author_id,
        message: input.message.trim().to_owned(),
        created_at: input.created_at.unwrap_or(work.now),
    };
    let mut candidates = Vec::with_capacity(input.mentions.len());
    for agent in &input.mentions {
        candidates.push(match users::get(&mut work.tx, *agent).await? {
            Some(user) => Candidate {
                agent: user.id,
                handles: user.actor().ensure_handles_conversations().is_ok(),
                may_read: crate::access::reach(&mut work.tx, &user, default_queue)
                    .await?
                    .covers(c.queue_id, c.assignment.map(|a| a.agent_id)),
            },
            None => return Err(ServiceError::Unknown(not_found(*agent))),
        });
    }
    let mentioned = mention::check(&candidates)?;
    notes::insert(&mut work.tx, &note).await?;
    notes::insert_mentions(&mut work.tx, &note, &mentioned, work.now).await?;
    crate::unit::index::index_note(&mut work.tx, c.id, note.id, &note.message).await?;
    c.updated_at = work.now;
    conversations::update(&mut work.tx, c).await?;
    work.log(c.id, ActivityKind::NoteAdded, Some(author_id), json!({ "noteId": note.id, "mentions": mentioned }))
        .await?;
    work.emit(EventKind::ConversationNoteAdded, c.id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
    // The author's doing, whoever's token sent it (alerts skip one's own notes).
    work.set_last_by(Some(author_id));
    work.set_last_message(note.id);
    work.set_last_mentions(mentioned);
    Ok(note)
}
