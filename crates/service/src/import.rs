//! Importing a conversation's history from another system (Dixa's generic-channel import).

use crate::conversations::{create_in, NewConversation};
use crate::unit::timeline::{insert_message, NewMessage};
use crate::{Result, Service, ServiceError};
use chrono::{DateTime, Utc};
use serde_json::json;
use switchboard_engine::access::Permission;
use switchboard_engine::conversation::Assignment;
use switchboard_engine::kinds::{Channel, Direction};
use switchboard_store::{conversations, users};
use uuid::Uuid;

/// A conversation to import with its messages.
#[derive(Debug, Clone)]
pub struct Import {
    pub channel_name: String,
    pub requester_id: Uuid,
    pub requester_connection_status: Option<String>,
    pub direction: Direction,
    pub messages: Vec<NewMessage>,
    pub created_at: DateTime<Utc>,
    pub assignment: Option<(Uuid, DateTime<Utc>)>,
    pub external_id: Option<String>,
}

/// The imported conversation and what could not be applied.
#[derive(Debug, Clone)]
pub struct Imported {
    pub id: i64,
    pub partial_errors: Vec<String>,
}

impl Service {
    /// Imports in one transaction. Unknown requesters and authors refuse the import; an
    /// assignment that can't be made or an attachment that can't be read is skipped and reported.
    pub async fn import_conversation(&self, by: &switchboard_store::users::User, input: Import) -> Result<Imported> {
        crate::access::require(by, Permission::Conversations)?;
        let name = input.channel_name.trim().to_owned();
        if name.is_empty() || name.len() > 200 {
            return Err(switchboard_engine::RuleError::BadChannelName.into());
        }
        switchboard_engine::bulk::check_import(input.messages.len())?;
        let mut work = self.work().await?;
        let mut partial_errors = Vec::new();
        let mut metadata = serde_json::Map::new();
        metadata.insert("genericChannelName".into(), json!(name));
        if let Some(s) = &input.requester_connection_status {
            metadata.insert("requesterConnectionStatus".into(), json!(s));
        }
        if let Some(e) = &input.external_id {
            metadata.insert("externalId".into(), json!(e));
        }
        let created = create_in(
            &mut work,
            self.default_queue_id(),
            by,
            NewConversation {
                requester_id: input.requester_id,
                channel: Channel::Generic,
                direction: Some(input.direction),
                metadata: Some(metadata),
                created_at: Some(input.created_at),
                ..Default::default()
            },
        )
        .await?;
        let mut c = created;
        let mut messages = input.messages;
        messages.sort_by_key(|m| m.created_at);
        for mut m in messages {
            if m.direction == Direction::Outbound {
                let known = match m.agent_id {
                    Some(a) => users::get(&mut work.tx, a).await?.is_some(),
                    None => false,
                };
                if !known {
                    return Err(ServiceError::Unknown("Agent does not exist".into()));
                }
            }
            let bad: Vec<usize> =
                m.attachments.iter().enumerate().filter(|(_, a)| a.validate().is_err()).map(|(i, _)| i).collect();
            if !bad.is_empty() {
                partial_errors.push(format!(
                    "Invalid attachment url in message. externalId: {}",
                    m.external_id.as_deref().unwrap_or("-")
                ));
                let mut i = 0;
                m.attachments.retain(|_| {
                    let keep = !bad.contains(&i);
                    i += 1;
                    keep
                });
            }
            insert_message(&mut work, &mut c, m).await?;
        }
        if let Some((agent, at)) = input.assignment {
            match users::get(&mut work.tx, agent).await? {
                Some(u) if u.actor().ensure_handles_conversations().is_ok() => {
                    c.assignment = Some(Assignment { agent_id: u.id, assigned_at: at });
                    work.log(
                        c.id,
                        switchboard_engine::activity::ActivityKind::ConversationAssigned,
                        Some(by.id),
                        json!({ "agentId": u.id }),
                    )
                    .await?;
                    work.emit(crate::events::EventKind::ConversationAssigned, c.id, c.queue_id, Some(u.id), None);
                    conversations::update(&mut work.tx, &c).await?;
                }
                _ => partial_errors.push("The conversation could not be assigned".into()),
            }
        }
        self.finish(work).await?;
        Ok(Imported { id: c.id, partial_errors })
    }
}
