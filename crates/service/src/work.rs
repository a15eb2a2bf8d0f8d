//! A unit of work: one transaction, one "now", and the events and log entries it produces.

use crate::events::{EventKind, Pending, StatusChange};
use crate::Result;
use chrono::{DateTime, Utc};
use switchboard_engine::activity::ActivityKind;
use switchboard_engine::kinds::Direction;
use switchboard_store::{activity, Store, Tx, WriterGuard};
use uuid::Uuid;

pub(crate) struct Work {
    pub tx: Tx,
    pub now: DateTime<Utc>,
    events: Vec<Pending>,
    /// What automatic assignment must look at before the unit commits.
    pub triggers: Triggers,
    /// Timers were written: the scheduler should look again.
    pub timers_added: bool,
    /// Conversations that entered a queue: their waiting strategy starts if no agent takes them.
    pub entered: Vec<i64>,
    /// Conversations whose SLA may have changed; true: pick their policy again.
    pub sla: Vec<(i64, bool)>,
    /// Someone's queues, roles or enabled state changed: their reach must be looked up again.
    pub reach_changed: bool,
    /// The user whose command this is, where its events name them (alerts skip one's own doing).
    pub by: Option<Uuid>,
}

/// Automatic assignment's triggers, collected while a command runs and settled once at its end
/// (see `assignment::settle`), when the conversations are in their final state.
#[derive(Debug, Default)]
pub(crate) struct Triggers {
    /// Conversations that may need an agent: new, moved, unassigned, reopened.
    pub offer: Vec<i64>,
    /// Agents who may take waiting work: they became available or their occupancy dropped.
    pub serve: Vec<Uuid>,
    /// Agents whose occupancy changed: their Full Capacity state is checked.
    pub touched: Vec<Uuid>,
    /// Run bulk assignment over every queue (settings that free room for everyone changed).
    pub serve_everyone: bool,
    /// Queues whose working hours began: bulk assignment runs over them.
    pub opened_queues: Vec<Uuid>,
}

impl Triggers {
    pub fn is_empty(&self) -> bool {
        self.offer.is_empty()
            && self.serve.is_empty()
            && self.touched.is_empty()
            && !self.serve_everyone
            && self.opened_queues.is_empty()
    }
}

impl Work {
    pub async fn begin(store: &Store, now: DateTime<Utc>) -> Result<Self> {
        Ok(Work {
            tx: store.begin().await?,
            now,
            events: Vec::new(),
            triggers: Triggers::default(),
            timers_added: false,
            entered: Vec::new(),
            sla: Vec::new(),
            reach_changed: false,
            by: None,
        })
    }

    /// Writes an activity-log entry for a conversation.
    pub async fn log(
        &mut self,
        conversation_id: i64,
        kind: ActivityKind,
        author_id: Option<Uuid>,
        detail: serde_json::Value,
    ) -> Result<()> {
        let entry = activity::Entry { id: Uuid::new_v4(), conversation_id, kind, author_id, at: self.now, detail };
        activity::insert(&mut self.tx, &entry).await?;
        Ok(())
    }

    /// Writes several activity-log entries at once (large automatic assignment runs).
    pub async fn log_many(
        &mut self,
        entries: impl IntoIterator<Item = (i64, ActivityKind, Option<Uuid>, serde_json::Value)>,
    ) -> Result<()> {
        let at = self.now;
        let rows: Vec<activity::Entry> = entries
            .into_iter()
            .map(|(conversation_id, kind, author_id, detail)| activity::Entry {
                id: Uuid::new_v4(),
                conversation_id,
                kind,
                author_id,
                at,
                detail,
            })
            .collect();
        activity::insert_many(&mut self.tx, &rows).await?;
        Ok(())
    }

    /// Queues an event, published only if the transaction commits.
    pub fn emit(
        &mut self,
        kind: EventKind,
        conversation_id: i64,
        queue_id: Option<Uuid>,
        agent_id: Option<Uuid>,
        direction: Option<Direction>,
    ) {
        self.events.push(Pending {
            kind,
            conversation_id: Some(conversation_id),
            queue_id,
            agent_id,
            direction,
            initial: false,
            message_id: None,
            status: None,
            by: self.by,
            mentions: Vec::new(),
            at: self.now,
        });
    }

    /// Queues an agent's status change.
    pub fn emit_status(&mut self, agent: Uuid, change: StatusChange) {
        self.events.push(Pending {
            kind: EventKind::AgentStatusChanged,
            conversation_id: None,
            queue_id: None,
            agent_id: Some(agent),
            direction: None,
            initial: false,
            message_id: None,
            status: Some(change),
            by: self.by,
            mentions: Vec::new(),
            at: self.now,
        });
    }

    /// Names who the latest queued event is the doing of: None for the installation's own
    /// (automatic assignment), whoever's command set it off; a note's author for a note.
    pub fn set_last_by(&mut self, by: Option<Uuid>) {
        if let Some(last) = self.events.last_mut() {
            last.by = by;
        }
    }

    /// Names the agents the latest queued event (a new note) mentions.
    pub fn set_last_mentions(&mut self, agents: Vec<Uuid>) {
        if let Some(last) = self.events.last_mut() {
            last.mentions = agents;
        }
    }

    /// Names the message of the latest queued event.
    pub fn set_last_message(&mut self, message: Uuid) {
        if let Some(last) = self.events.last_mut() {
            last.message_id = Some(message);
        }
    }

    /// The events queued so far.
    pub fn pending(&self) -> &[Pending] {
        &self.events
    }

    /// Marks the latest queued event as part of a conversation's creation.
    pub fn mark_last_initial(&mut self) {
        if let Some(last) = self.events.last_mut() {
            last.initial = true;
        }
    }

    /// Commits and hands back the events to publish, with the writer lock still held so that
    /// they can be published before the next command commits.
    pub async fn commit(self) -> Result<(Vec<Pending>, Option<WriterGuard>)> {
        let guard = self.tx.commit_holding().await?;
        Ok((self.events, guard))
    }
}
