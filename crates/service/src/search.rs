//! Conversation search: the index is fed as content arrives, and queried with highlights.

use crate::page::{page, Page};
use crate::unit::index::subject_text;
use crate::{Result, Service};
use switchboard_engine::access::Permission;
use switchboard_engine::content::preview;
use switchboard_engine::search::{self as rules};
use switchboard_store::search::{self, Filter, Kind};
use switchboard_store::users::User;
use switchboard_store::{conversations, messages, notes};
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

impl Service {
    /// Conversations whose subject, messages or notes match, the most recent match first. A query that is a
    /// short id (`123`, `#123`) also finds that conversation, first; then come the conversations of
    /// customers whose name, email or phone number match.
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
            return Err(switchboard_engine::RuleError::EmptySearch.into());
        }
        let by_short_id = rules::short_id(value);
        let query = match rules::index_query(value, exact) {
            Ok(q) => Some(q),
            Err(_) if by_short_id.is_some() => None,
            Err(e) => return Err(switchboard_engine::RuleError::from(e).into()),
        };
        crate::access::require(by, Permission::Conversations)?;
        let mut tx = self.store().read().await?;
        let reach = crate::access::reach(&mut tx, by, self.default_queue_id()).await?;
        let filter = &Filter { visible_to: crate::access::visible_to(&reach), ..filter.clone() };
        // One ordered list, paged by offset: the short id, then the conversations of matching
        // customers (latest activity first), then text matches (latest match first).
        let mut all: Vec<i64> = Vec::new();
        if let Some(short) = by_short_id {
            all.extend(search::by_short_id(&mut tx, short, filter).await?);
        }
        let wanted = offset + limit + 1;
        let terms = rules::customer_terms(value);
        for id in search::by_customer(&mut tx, &terms, filter, wanted).await? {
            if !all.contains(&id) {
                all.push(id);
            }
        }
        if let Some(q) = &query {
            for id in search::conversations(&mut tx, q, filter, 0, wanted).await? {
                if !all.contains(&id) {
                    all.push(id);
                }
            }
        }
        let ids: Vec<i64> = all.into_iter().skip(offset as usize).take(limit as usize + 1).collect();
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
