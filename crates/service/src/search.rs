//! Conversation search: the index is fed as content arrives, and queried with highlights.

use crate::page::{page, Page};
use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::content::preview;
use switchboard_engine::search::{self as rules};
use switchboard_store::search::{self, Filter, Kind};
use switchboard_store::users::User;
use switchboard_store::{conversations, messages, notes, Tx};
use uuid::Uuid;

pub use switchboard_store::search::Filter as SearchFilter;

/// Characters of context kept around a match.
const WINDOW: usize = 300;

/// One matching conversation: its highlighted subject and its matching messages and notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub conversation_id: i64,
    pub subject: Vec<String>,
    pub inner: Vec<InnerHit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InnerHit {
    pub id: Uuid,
    pub kind: InnerKind,
    pub highlight: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InnerKind {
    Message,
    Note,
}

/// The text a conversation's subject entry is made of.
pub(crate) fn subject_text(subject: Option<&str>, topic: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [subject, topic].into_iter().flatten().filter(|s| !s.trim().is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join(" — "))
}

/// Re-indexes a conversation's subject entry after its subject or topic changed.
pub(crate) async fn reindex_subject(
    tx: &mut Tx,
    conversation: i64,
    before: Option<String>,
    after: Option<String>,
) -> Result<()> {
    let key = conversation.to_string();
    if before == after {
        return Ok(());
    }
    if let Some(old) = before {
        search::remove_item(tx, Kind::Subject, &key, &old).await?;
    }
    if let Some(new) = after {
        search::index(tx, conversation, Kind::Subject, &key, &new).await?;
    }
    Ok(())
}

/// What a message's entry is made of: the words a reader sees, not HTML tags.
fn message_text(content: &str) -> String {
    preview(content, usize::MAX)
}

pub(crate) async fn index_message(tx: &mut Tx, conversation: i64, id: Uuid, content: &str) -> Result<()> {
    Ok(search::index(tx, conversation, Kind::Message, &id.to_string(), &message_text(content)).await?)
}

pub(crate) async fn unindex_message(tx: &mut Tx, id: Uuid, content: &str) -> Result<()> {
    Ok(search::remove_item(tx, Kind::Message, &id.to_string(), &message_text(content)).await?)
}

pub(crate) async fn index_note(tx: &mut Tx, conversation: i64, id: Uuid, text: &str) -> Result<()> {
    Ok(search::index(tx, conversation, Kind::Note, &id.to_string(), text).await?)
}

/// Removes every entry of a conversation, given its current texts.
pub(crate) async fn unindex_conversation(tx: &mut Tx, conversation: i64) -> Result<()> {
    if let Some(c) = conversations::get(tx, conversation).await? {
        if let Some(text) = subject_text(c.subject.as_deref(), c.topic.as_deref()) {
            search::remove_item(tx, Kind::Subject, &conversation.to_string(), &text).await?;
        }
    }
    for m in messages::of_conversation(tx, conversation).await? {
        unindex_message(tx, m.id, m.content.value()).await?;
    }
    for n in notes::of_conversation(tx, conversation).await? {
        search::remove_item(tx, Kind::Note, &n.id.to_string(), &n.message).await?;
    }
    Ok(())
}

impl Service {
    /// Conversations whose subject, messages or notes match, the most recent match first. A query that is a
    /// short id (`123`, `#123`) also finds that conversation, first.
    /// Only conversations within the caller's reach are found, by words or by short id.
    pub async fn search(
        &self,
        by: &User,
        value: &str,
        exact: bool,
        filter: &Filter,
        offset: u32,
        limit: u32,
    ) -> Result<Page<Hit, u32>> {
        let value = value.trim();
        if value.is_empty() {
            return Err(ServiceError::Invalid("Invalid value for: query parameter query, it must not be empty".into()));
        }
        let by_short_id = rules::short_id(value);
        let query = match rules::index_query(value, exact) {
            Ok(q) => Some(q),
            Err(_) if by_short_id.is_some() => None,
            Err(e) => return Err(ServiceError::Invalid(e.to_string())),
        };
        crate::access::require(by, Permission::Conversations)?;
        let mut tx = self.store().read().await?;
        let reach = crate::access::reach(&mut tx, by, self.default_queue_id()).await?;
        let filter = &Filter { visible_to: crate::access::visible_to(&reach), ..filter.clone() };
        let mut ids = Vec::new();
        if let (Some(short), 0) = (by_short_id, offset) {
            ids.extend(search::by_short_id(&mut tx, short, filter).await?);
        }
        if let Some(q) = &query {
            for id in search::conversations(&mut tx, q, filter, offset, limit + 1).await? {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let mut hits = Vec::with_capacity(ids.len());
        for id in ids {
            let mut hit = Hit { conversation_id: id, subject: Vec::new(), inner: Vec::new() };
            if let Some(q) = &query {
                for (kind, item) in search::matches(&mut tx, q, id).await? {
                    match kind {
                        Kind::Subject => {
                            if let Some(c) = conversations::get(&mut tx, id).await? {
                                let text = subject_text(c.subject.as_deref(), c.topic.as_deref()).unwrap_or_default();
                                hit.subject.extend(rules::highlight(&text, value, exact, WINDOW));
                            }
                        }
                        Kind::Message => {
                            let Ok(mid) = Uuid::parse_str(&item) else { continue };
                            if let Some(m) = messages::get(&mut tx, id, mid).await? {
                                let text = preview(m.content.value(), usize::MAX);
                                if let Some(h) = rules::highlight(&text, value, exact, WINDOW) {
                                    hit.inner.push(InnerHit { id: mid, kind: InnerKind::Message, highlight: h });
                                }
                            }
                        }
                        Kind::Note => {
                            let Ok(nid) = Uuid::parse_str(&item) else { continue };
                            if let Some(n) = notes::get(&mut tx, id, nid).await? {
                                if let Some(h) = rules::highlight(&n.message, value, exact, WINDOW) {
                                    hit.inner.push(InnerHit { id: nid, kind: InnerKind::Note, highlight: h });
                                }
                            }
                        }
                    }
                }
            }
            hits.push(hit);
        }
        // `limit + 1` rows were asked for: the extra one only says another page exists.
        Ok(page(hits, limit, |_| offset + limit))
    }
}
