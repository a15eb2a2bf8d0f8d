//! The life of a conversation: which commands its current state allows, and what they change.

use crate::error::RuleError;
use crate::kinds::{Direction, Status};
use crate::status::{Incoming, StatusGroup};
use crate::user::Actor;
use crate::Timestamp;
use uuid::Uuid;

/// Who a conversation is assigned to, and since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    pub agent_id: Uuid,
    pub assigned_at: Timestamp,
}

/// The part of a conversation the rules look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConversationSnapshot {
    pub id: i64,
    pub status: Status,
    pub queue_id: Option<Uuid>,
    pub assignment: Option<Assignment>,
}

impl ConversationSnapshot {
    /// Every change but reopen needs a conversation that is not Closed.
    pub fn ensure_changeable(&self) -> Result<(), RuleError> {
        if self.status == Status::Closed {
            return Err(RuleError::ConversationClosed(self.id));
        }
        Ok(())
    }

    pub fn assignee(&self) -> Option<Uuid> {
        self.assignment.map(|a| a.agent_id)
    }
}

/// The outcome of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimDecision {
    /// The agent already has it: nothing changes.
    AlreadyTheirs,
    /// Assign to the agent, taking it from `previous` if someone had it.
    Assign { previous: Option<Uuid> },
}

/// An agent claims a conversation. Without `force`, an assigned conversation is never taken over.
pub fn claim(conversation: &ConversationSnapshot, agent: &Actor, force: bool) -> Result<ClaimDecision, RuleError> {
    conversation.ensure_changeable()?;
    agent.ensure_handles_conversations()?;
    match conversation.assignee() {
        Some(current) if current == agent.id => Ok(ClaimDecision::AlreadyTheirs),
        Some(current) if !force => Err(RuleError::AlreadyAssigned { conversation: conversation.id, agent: current }),
        previous => Ok(ClaimDecision::Assign { previous }),
    }
}

/// Closing keeps the assignment (it says who handled the conversation) and stops all changes.
pub fn close(conversation: &ConversationSnapshot) -> Result<(), RuleError> {
    if conversation.status == Status::Closed {
        return Err(RuleError::AlreadyClosed(conversation.id));
    }
    Ok(())
}

/// Where a conversation's agent stands when it is reopened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The user still exists, is enabled and handles conversations.
    pub enabled: bool,
    /// They reach the queue it reopens in (a member, or a manager of every conversation).
    pub reaches_queue: bool,
    pub group: StatusGroup,
}

/// Why reopening took a conversation from its agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Released {
    /// The agent was disabled or removed.
    Disabled,
    /// The agent is in an Unavailable status: they receive nothing.
    Unavailable,
    /// The agent no longer reaches the conversation's queue.
    OutOfQueue,
}

impl Released {
    pub fn as_str(self) -> &'static str {
        match self {
            Released::Disabled => "Disabled",
            Released::Unavailable => "Unavailable",
            Released::OutOfQueue => "OutOfQueue",
        }
    }
}

/// What reopening does: the conversation is Open again in `queue_id`; its agent keeps it unless
/// `released` says why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reopen {
    pub queue_id: Uuid,
    pub released: Option<(Uuid, Released)>,
}

/// Reopens a Closed conversation in its own queue, or in the Default queue when it has none. The
/// agent who had it keeps it when they may still receive it as a transfer (an Unavailable agent
/// receives nothing) and still reach the queue; otherwise it is offered to the queue again.
/// `assignee` is the agent's standing (None when the user no longer exists).
pub fn reopen(
    conversation: &ConversationSnapshot,
    default_queue: Uuid,
    assignee: Option<Standing>,
) -> Result<Reopen, RuleError> {
    if conversation.status != Status::Closed {
        return Err(RuleError::NotClosed(conversation.id));
    }
    let released = conversation.assignee().and_then(|agent| {
        let reason = match assignee {
            None => Released::Disabled,
            Some(s) if !s.enabled => Released::Disabled,
            Some(s) if !s.group.receives(Incoming::Transfer) => Released::Unavailable,
            Some(s) if !s.reaches_queue => Released::OutOfQueue,
            Some(_) => return None,
        };
        Some((agent, reason))
    });
    Ok(Reopen { queue_id: conversation.queue_id.unwrap_or(default_queue), released })
}

/// The furthest ahead a conversation can be snoozed.
pub const MAX_SNOOZE_DAYS: i64 = 365;

/// Snoozing sets a conversation aside until `until`: it is Waiting until then, and wakes Open
/// (sooner if the customer writes). Closed conversations can't be snoozed; the time must be
/// ahead, within [`MAX_SNOOZE_DAYS`].
pub fn snooze(conversation: &ConversationSnapshot, until: Timestamp, now: Timestamp) -> Result<(), RuleError> {
    conversation.ensure_changeable()?;
    if until <= now {
        return Err(RuleError::SnoozeInThePast);
    }
    if until > now + chrono::Duration::days(MAX_SNOOZE_DAYS) {
        return Err(RuleError::SnoozeTooFar { max_days: MAX_SNOOZE_DAYS });
    }
    Ok(())
}

/// Whether a wake-up at `due` reopens the conversation: it is still Waiting on that snooze
/// (a customer's message or an agent's change since then ended the snooze).
pub fn wakes(status: Status, snoozed_until: Option<Timestamp>, due: Timestamp) -> bool {
    status == Status::Waiting && snoozed_until == Some(due)
}

/// What a transfer to another queue does to the assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transfer {
    /// The assignee to take the conversation from, when they are not a member of the target queue.
    pub unassign: Option<Uuid>,
}

/// Moves a conversation to `target`. The assignee keeps it when they belong to the target queue;
/// otherwise it is unassigned there, ready to be offered to the target's agents.
pub fn transfer(
    conversation: &ConversationSnapshot,
    assignee_is_member_of_target: bool,
) -> Result<Transfer, RuleError> {
    conversation.ensure_changeable()?;
    let unassign = match conversation.assignee() {
        Some(agent) if !assignee_is_member_of_target => Some(agent),
        _ => None,
    };
    Ok(Transfer { unassign })
}

/// The status after a message arrives. A customer writing again reopens work on a Waiting or
/// Solved conversation; an agent's reply leaves the status as it is.
pub fn status_after_message(conversation: &ConversationSnapshot, direction: Direction) -> Result<Status, RuleError> {
    conversation.ensure_changeable()?;
    Ok(match (direction, conversation.status) {
        (Direction::Inbound, Status::Waiting | Status::Solved) => Status::Open,
        (_, status) => status,
    })
}

/// Largest metadata object, as JSON text.
pub const MAX_METADATA_BYTES: usize = 64 * 1024;

/// A conversation is made in any status but Closed.
pub fn creatable(status: Status) -> Result<(), RuleError> {
    if status == Status::Closed {
        Err(RuleError::CreateClosed)
    } else {
        Ok(())
    }
}

/// Metadata is kept up to [`MAX_METADATA_BYTES`] of JSON text.
pub fn metadata_fits(json_bytes: usize) -> Result<(), RuleError> {
    if json_bytes > MAX_METADATA_BYTES {
        Err(RuleError::MetadataTooLarge { max: MAX_METADATA_BYTES })
    } else {
        Ok(())
    }
}

/// What merging looks at in each of the two conversations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MergeSide {
    pub id: i64,
    pub requester: Uuid,
    pub anonymized: bool,
}

/// One customer's conversation merges into another of theirs; neither may be anonymized, and
/// their messages' external ids must stay unique in the merged timeline.
pub fn merge(source: MergeSide, target: MergeSide, shared_external_ids: &[String]) -> Result<(), RuleError> {
    if source.id == target.id {
        return Err(RuleError::MergeIntoItself);
    }
    if source.requester != target.requester {
        return Err(RuleError::MergeOtherCustomer);
    }
    if source.anonymized || target.anonymized {
        return Err(RuleError::MergeAnonymized);
    }
    match shared_external_ids.first() {
        Some(ext) => Err(RuleError::MergeSharedExternalId(ext.clone())),
        None => Ok(()),
    }
}

/// An anonymized conversation stays closed: its content is gone.
pub fn reopenable(id: i64, anonymized: bool) -> Result<(), RuleError> {
    if anonymized {
        Err(RuleError::ReopenAnonymized(id))
    } else {
        Ok(())
    }
}

/// Whether a message reopens the conversation first: a customer writing after it was closed
/// continues it (a new interaction in its last queue); agents can't write to a Closed one.
pub fn message_reopens(conversation: &ConversationSnapshot, direction: Direction) -> bool {
    conversation.status == Status::Closed && direction == Direction::Inbound
}

/// Tags, notes and other edits only need a changeable conversation.
pub fn edit(conversation: &ConversationSnapshot) -> Result<(), RuleError> {
    conversation.ensure_changeable()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::user::UserType;
    use chrono::TimeZone;

    fn at(h: u32) -> Timestamp {
        chrono::Utc.with_ymd_and_hms(2026, 1, 5, h, 0, 0).unwrap()
    }

    fn agent(n: u128) -> Actor {
        Actor { id: Uuid::from_u128(n), user_type: UserType::Agent, enabled: true }
    }

    fn conversation(status: Status, assignee: Option<u128>) -> ConversationSnapshot {
        ConversationSnapshot {
            id: 7,
            status,
            queue_id: Some(Uuid::from_u128(100)),
            assignment: assignee.map(|n| Assignment { agent_id: Uuid::from_u128(n), assigned_at: at(9) }),
        }
    }

    #[test]
    fn claim_without_force_never_takes_an_assigned_conversation() {
        let c = conversation(Status::Open, Some(1));
        assert_eq!(
            claim(&c, &agent(2), false),
            Err(RuleError::AlreadyAssigned { conversation: 7, agent: Uuid::from_u128(1) })
        );
    }

    #[test]
    fn claim_with_force_takes_it_over() {
        let c = conversation(Status::Open, Some(1));
        assert_eq!(claim(&c, &agent(2), true), Ok(ClaimDecision::Assign { previous: Some(Uuid::from_u128(1)) }));
    }

    #[test]
    fn claiming_your_own_or_an_unassigned_conversation() {
        assert_eq!(claim(&conversation(Status::Open, Some(2)), &agent(2), false), Ok(ClaimDecision::AlreadyTheirs));
        assert_eq!(
            claim(&conversation(Status::Waiting, None), &agent(2), false),
            Ok(ClaimDecision::Assign { previous: None })
        );
    }

    #[test]
    fn bots_cannot_claim() {
        let bot = Actor { id: Uuid::from_u128(9), user_type: UserType::Bot, enabled: true };
        assert_eq!(claim(&conversation(Status::Open, None), &bot, true), Err(RuleError::NotAgentOrAdmin));
    }

    #[test]
    fn closed_conversations_refuse_every_change_but_reopen() {
        let c = conversation(Status::Closed, Some(1));
        assert_eq!(claim(&c, &agent(1), true), Err(RuleError::ConversationClosed(7)));
        assert_eq!(close(&c), Err(RuleError::AlreadyClosed(7)));
        assert_eq!(transfer(&c, true), Err(RuleError::ConversationClosed(7)));
        assert_eq!(edit(&c), Err(RuleError::ConversationClosed(7)));
        assert_eq!(status_after_message(&c, Direction::Inbound), Err(RuleError::ConversationClosed(7)));
        assert_eq!(creatable(Status::Closed), Err(RuleError::CreateClosed));
        assert_eq!(creatable(Status::Waiting), Ok(()));
        assert_eq!(metadata_fits(MAX_METADATA_BYTES + 1), Err(RuleError::MetadataTooLarge { max: MAX_METADATA_BYTES }));
        let side =
            |id, requester: u128, anonymized| MergeSide { id, requester: Uuid::from_u128(requester), anonymized };
        assert_eq!(merge(side(1, 5, false), side(1, 5, false), &[]), Err(RuleError::MergeIntoItself));
        assert_eq!(merge(side(1, 5, false), side(2, 6, false), &[]), Err(RuleError::MergeOtherCustomer));
        assert_eq!(merge(side(1, 5, true), side(2, 5, false), &[]), Err(RuleError::MergeAnonymized));
        let shared = vec!["ext-1".to_owned()];
        assert_eq!(
            merge(side(1, 5, false), side(2, 5, false), &shared),
            Err(RuleError::MergeSharedExternalId("ext-1".into()))
        );
        assert_eq!(merge(side(1, 5, false), side(2, 5, false), &[]), Ok(()));
        assert_eq!(reopenable(7, true), Err(RuleError::ReopenAnonymized(7)));
        // A customer's new message continues it (reopened first); an agent's is refused.
        assert!(message_reopens(&c, Direction::Inbound));
        assert!(!message_reopens(&c, Direction::Outbound));
        assert!(!message_reopens(&conversation(Status::Open, None), Direction::Inbound));
        assert!(reopen(&c, Uuid::from_u128(1), None).is_ok());
    }

    #[test]
    fn reopen_offers_it_in_its_queue_or_the_default_queue() {
        let default = Uuid::from_u128(1);
        let c = conversation(Status::Closed, Some(3));
        assert_eq!(reopen(&c, default, Some(STANDING)), Ok(Reopen { queue_id: Uuid::from_u128(100), released: None }));
        let mut queueless = conversation(Status::Closed, None);
        queueless.queue_id = None;
        assert_eq!(reopen(&queueless, default, None), Ok(Reopen { queue_id: default, released: None }));
        assert_eq!(reopen(&conversation(Status::Open, None), default, None), Err(RuleError::NotClosed(7)));
    }

    const STANDING: Standing = Standing { enabled: true, reaches_queue: true, group: StatusGroup::Busy };

    #[test]
    fn reopen_keeps_the_agent_who_may_still_receive_it() {
        let default = Uuid::from_u128(1);
        let c = conversation(Status::Closed, Some(3));
        let agent = Uuid::from_u128(3);
        let released = |s: Option<Standing>| reopen(&c, default, s).unwrap().released;
        // Available, Busy and Away agents receive transfers: they keep it.
        for group in [StatusGroup::Available, StatusGroup::Busy, StatusGroup::Away] {
            assert_eq!(released(Some(Standing { group, ..STANDING })), None);
        }
        // An Unavailable agent receives nothing.
        let away = Standing { group: StatusGroup::Unavailable, ..STANDING };
        assert_eq!(released(Some(away)), Some((agent, Released::Unavailable)));
        assert_eq!(released(Some(Standing { reaches_queue: false, ..STANDING })), Some((agent, Released::OutOfQueue)));
        assert_eq!(released(Some(Standing { enabled: false, ..STANDING })), Some((agent, Released::Disabled)));
        assert_eq!(released(None), Some((agent, Released::Disabled)));
    }

    #[test]
    fn snoozing_needs_an_open_conversation_and_a_time_ahead() {
        let now = chrono::DateTime::UNIX_EPOCH + chrono::Duration::days(100);
        let c = conversation(Status::Open, Some(3));
        assert_eq!(snooze(&c, now + chrono::Duration::hours(1), now), Ok(()));
        assert_eq!(snooze(&c, now, now), Err(RuleError::SnoozeInThePast));
        assert_eq!(
            snooze(&c, now + chrono::Duration::days(366), now),
            Err(RuleError::SnoozeTooFar { max_days: MAX_SNOOZE_DAYS })
        );
        assert_eq!(
            snooze(&conversation(Status::Closed, None), now + chrono::Duration::hours(1), now),
            Err(RuleError::ConversationClosed(7))
        );
        let due = now + chrono::Duration::hours(1);
        assert!(wakes(Status::Waiting, Some(due), due));
        assert!(!wakes(Status::Open, Some(due), due), "the customer wrote meanwhile");
        assert!(!wakes(Status::Waiting, Some(due + chrono::Duration::hours(1)), due), "snoozed again, later");
        assert!(!wakes(Status::Waiting, None, due));
    }

    #[test]
    fn transfer_keeps_the_agent_only_when_a_member_of_the_target() {
        let c = conversation(Status::Open, Some(4));
        assert_eq!(transfer(&c, true), Ok(Transfer { unassign: None }));
        assert_eq!(transfer(&c, false), Ok(Transfer { unassign: Some(Uuid::from_u128(4)) }));
    }

    #[test]
    fn a_customer_message_reopens_waiting_and_solved_work() {
        for s in [Status::Waiting, Status::Solved, Status::Open] {
            assert_eq!(status_after_message(&conversation(s, None), Direction::Inbound), Ok(Status::Open));
        }
        assert_eq!(
            status_after_message(&conversation(Status::Waiting, None), Direction::Outbound),
            Ok(Status::Waiting)
        );
    }
}
