//! Changing many conversations at once (the inbox's selection): each conversation is changed
//! by its own command in its own transaction, so one refusal leaves the others done and says
//! why beside its id.

use crate::conversations::ConversationChanges;
use crate::{Result, Service};
use switchboard_engine::access::Permission;
use switchboard_engine::kinds::{Priority, Status};
use switchboard_store::users::User;
use uuid::Uuid;

/// What to do to every chosen conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkAction {
    /// Give them to an agent; `force` takes them from whoever has them.
    Assign {
        agent: Uuid,
        force: bool,
    },
    Unassign,
    Transfer {
        queue: Uuid,
    },
    Tag {
        tag: Uuid,
    },
    Untag {
        tag: Uuid,
    },
    /// Open, Waiting or Solved (closing is its own action).
    Status(Status),
    Priority(Priority),
    Close,
}

impl Service {
    /// Applies `action` to each conversation in turn; the answer lists each id with its outcome,
    /// in the order asked (an id asked twice is done once).
    pub async fn bulk_conversations(
        &self,
        by: &User,
        ids: &[i64],
        action: BulkAction,
    ) -> Result<Vec<(i64, Result<()>)>> {
        crate::access::require(by, Permission::Conversations)?;
        switchboard_engine::bulk::check_size("conversations", ids.len())?;
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids.iter().filter(|id| seen.insert(**id)) {
            let outcome = match action {
                BulkAction::Assign { agent, force } => self.claim(by, id, agent, force).await,
                BulkAction::Unassign => {
                    let changes = ConversationChanges { agent_id: Some(None), ..Default::default() };
                    self.update_conversation(by, id, changes).await.map(|_| ())
                }
                BulkAction::Transfer { queue } => self.transfer(by, id, queue, None).await,
                BulkAction::Tag { tag } => self.tag_conversation(by, id, tag).await,
                BulkAction::Untag { tag } => self.untag_conversation(by, id, tag).await,
                BulkAction::Status(status) => {
                    let changes = ConversationChanges { status: Some(status), ..Default::default() };
                    self.update_conversation(by, id, changes).await.map(|_| ())
                }
                BulkAction::Priority(priority) => {
                    let changes = ConversationChanges { priority: Some(priority), ..Default::default() };
                    self.update_conversation(by, id, changes).await.map(|_| ())
                }
                BulkAction::Close => self.close(by, id, None).await,
            };
            out.push((id, outcome));
        }
        Ok(out)
    }
}
