//! A conversation's timeline: messages to and from the customer, and internal notes.

use crate::unit::timeline::{insert_message, insert_note};
pub use crate::unit::timeline::{NewMessage, NewNote, MAX_ATTACHMENTS, SYSTEM_AUTHOR};
use crate::work::Work;
use crate::{Result, Service, ServiceError};
use switchboard_engine::conversation as rules;
use switchboard_engine::handling::{assigns_on_reply, Reply};
use switchboard_store::conversations;
use switchboard_store::messages::{self, Message};
use switchboard_store::notes::{self, Note};
use switchboard_store::users::User;

/// One item of a bulk note request: the note, or why it was refused.
pub type BulkResult = std::result::Result<Note, ServiceError>;

impl Service {
    /// Adds a message. A customer writing to a Closed conversation continues it: it is reopened
    /// in its last queue and offered again, as a new interaction. A message sent again with an
    /// external id the conversation already has is answered with the stored one, changing nothing
    /// (a client retrying after a lost answer).
    pub async fn add_message(&self, by: &User, id: i64, input: NewMessage) -> Result<Message> {
        let mut work = self.work().await?;
        work.by = Some(by.id);
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        if let Some(ext) = input.external_id.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            if let Some(stored) = messages::by_external_id(&mut work.tx, c.id, ext).await? {
                return Ok(stored);
            }
        }
        if rules::message_reopens(&c.snapshot(), input.direction) {
            let customer = c.requester_id;
            crate::unit::conversation::reopen_in(&mut work, &mut c, customer, self.default_queue_id()).await?;
        }
        let message = insert_message(&mut work, &mut c, input).await?;
        let reply = Reply { direction: message.direction, automated: message.automated.is_some() };
        let settings = crate::handling::load(&mut work.tx).await?;
        if assigns_on_reply(&c.snapshot(), reply, settings) {
            // The replier takes it themself: no receiving check, as when they claim it.
            let agent = message.author_id;
            crate::unit::conversation::assign(&mut work, &mut c, agent, None, agent).await?;
            conversations::update(&mut work.tx, &c).await?;
        }
        self.finish(work).await?;
        Ok(message)
    }

    pub async fn messages(&self, by: &User, id: i64) -> Result<Vec<Message>> {
        let mut tx = self.store().read().await?;
        crate::access::reach_conversation(&mut tx, by, id, self.default_queue_id()).await?;
        Ok(messages::of_conversation(&mut tx, id).await?)
    }

    pub async fn add_note(&self, by: &User, id: i64, input: NewNote) -> Result<Note> {
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        let note =
            insert_note(&mut work, &mut c, by, input, self.default_queue_id(), |_| "Agent was not found".to_owned())
                .await?;
        self.finish(work).await?;
        Ok(note)
    }

    /// Adds several notes in one transaction; each refused item is reported, the good ones kept.
    pub async fn add_notes(&self, by: &User, id: i64, inputs: Vec<NewNote>) -> Result<Vec<BulkResult>> {
        crate::access::require(by, switchboard_engine::access::Permission::Conversations)?;
        switchboard_engine::bulk::check_size("notes", inputs.len())?;
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        rules::edit(&c.snapshot())?;
        let mut results = Vec::with_capacity(inputs.len());
        for input in inputs {
            // A refused item must leave nothing behind, so each runs inside a savepoint.
            sqlx_savepoint(&mut work, "SAVEPOINT note").await?;
            match insert_note(&mut work, &mut c, by, input, self.default_queue_id(), |id| {
                format!("An agent with id:{id} cannot be found in org.")
            })
            .await
            {
                Ok(note) => {
                    sqlx_savepoint(&mut work, "RELEASE note").await?;
                    results.push(Ok(note));
                }
                Err(e @ (ServiceError::Invalid(_) | ServiceError::Unknown(_) | ServiceError::Conflict(_))) => {
                    sqlx_savepoint(&mut work, "ROLLBACK TO note").await?;
                    sqlx_savepoint(&mut work, "RELEASE note").await?;
                    results.push(Err(e));
                }
                Err(other) => return Err(other),
            }
        }
        self.finish(work).await?;
        Ok(results)
    }

    pub async fn notes(&self, by: &User, id: i64) -> Result<Vec<Note>> {
        let mut tx = self.store().read().await?;
        crate::access::reach_conversation(&mut tx, by, id, self.default_queue_id()).await?;
        Ok(notes::of_conversation(&mut tx, id).await?)
    }
}

async fn sqlx_savepoint(work: &mut Work, statement: &str) -> Result<()> {
    switchboard_store::savepoint(&mut work.tx, statement).await?;
    Ok(())
}
