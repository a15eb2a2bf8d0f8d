//! Feeding the search index as subjects, messages and notes arrive, change or are erased.

use crate::Result;
use switchboard_engine::content::preview;
use switchboard_store::search::{self, Kind};
use switchboard_store::{conversations, messages, notes, Tx};
use uuid::Uuid;

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
