//! Read models: what one screen shows, read by one query in one read transaction, so its parts
//! agree with each other.

use crate::page::Page;
use crate::sla::{slas_in, SlaView};
use crate::{Result, Service};
use std::collections::HashMap;
use switchboard_engine::attributes::{AttributeEntity, AttributeValue};
use switchboard_store::conversations::{Conversation, Cursor, Filter};
use switchboard_store::custom_attributes::{self, Definition};
use switchboard_store::notes;
use switchboard_store::tags::Tag;
use switchboard_store::users::User;
use uuid::Uuid;

/// A conversation as its screen shows it: with its custom attribute values, SLA and tags.
#[derive(Debug, Clone)]
pub struct ConversationView {
    pub conversation: Conversation,
    pub attributes: Vec<(Definition, AttributeValue)>,
    pub sla: Option<SlaView>,
    pub tags: Vec<Tag>,
    /// Agents its notes named.
    pub mentioned: Vec<Uuid>,
}

/// A conversation as an inbox row shows it: with its SLA and its tags.
#[derive(Debug, Clone)]
pub struct InboxRow {
    pub conversation: Conversation,
    pub sla: Option<SlaView>,
    pub tags: Vec<Tag>,
    /// Agents its notes named.
    pub mentioned: Vec<Uuid>,
}

impl Service {
    /// One conversation the caller reaches, with its attribute values and SLA.
    pub async fn conversation_view(&self, by: &User, id: i64) -> Result<ConversationView> {
        let mut tx = self.store().read().await?;
        let conversation = crate::access::reach_conversation(&mut tx, by, id, self.default_queue_id()).await?;
        let attributes = custom_attributes::values_of(&mut tx, AttributeEntity::Conversation, &id.to_string()).await?;
        let sla = slas_in(&mut tx, &[id]).await?.remove(&id);
        let tags = switchboard_store::tags::of_conversation(&mut tx, id).await?;
        let mentioned = notes::mentioned_in(&mut tx, &[id]).await?.into_iter().map(|(_, a)| a).collect();
        Ok(ConversationView { conversation, attributes, sla, tags, mentioned })
    }

    /// How many conversations the caller reaches match the filter (an inbox view's count).
    pub async fn conversation_count(&self, by: &User, filter: &Filter) -> Result<i64> {
        let mut tx = self.store().read().await?;
        crate::access::reached_count(&mut tx, by, self.default_queue_id(), filter).await
    }

    /// A page of the conversations the caller reaches, each with its SLA (inbox rows).
    pub async fn conversation_rows(
        &self,
        by: &User,
        filter: &Filter,
        after: Option<Cursor>,
        limit: u32,
    ) -> Result<Page<InboxRow, Cursor>> {
        let mut tx = self.store().read().await?;
        let page = crate::access::reached_page(&mut tx, by, self.default_queue_id(), filter, after, limit).await?;
        let ids: Vec<i64> = page.items.iter().map(|c| c.id).collect();
        let mut slas = slas_in(&mut tx, &ids).await?;
        let mut tags: HashMap<i64, Vec<Tag>> = HashMap::new();
        for (conversation, tag) in switchboard_store::tags::of_conversations(&mut tx, &ids).await? {
            tags.entry(conversation).or_default().push(tag);
        }
        let mut mentioned: HashMap<i64, Vec<Uuid>> = HashMap::new();
        for (conversation, agent) in notes::mentioned_in(&mut tx, &ids).await? {
            mentioned.entry(conversation).or_default().push(agent);
        }
        let items = page.items.into_iter().map(|c| InboxRow {
            sla: slas.remove(&c.id),
            tags: tags.remove(&c.id).unwrap_or_default(),
            mentioned: mentioned.remove(&c.id).unwrap_or_default(),
            conversation: c,
        });
        Ok(Page { items: items.collect(), next: page.next })
    }
}
