//! Agent statuses: the four groups and what each lets an agent receive, the default statuses,
//! and the automatic switch to Full Capacity and back.

use crate::error::RuleError;
use serde::{Deserialize, Serialize};

/// The group a status belongs to decides what an agent in it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum StatusGroup {
    /// Signed in and taking new conversations.
    Available,
    /// Takes transferred conversations, not new ones.
    Busy,
    /// Away from the computer: takes transferred conversations, not new ones.
    Away,
    /// Not signed in: receives nothing.
    Unavailable,
}

/// How a conversation reaches an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incoming {
    /// Automatic assignment of a conversation waiting in a queue.
    New,
    /// Someone hands the agent a conversation.
    Transfer,
}

impl StatusGroup {
    pub const ALL: [StatusGroup; 4] =
        [StatusGroup::Available, StatusGroup::Busy, StatusGroup::Away, StatusGroup::Unavailable];

    pub fn as_str(self) -> &'static str {
        match self {
            StatusGroup::Available => "Available",
            StatusGroup::Busy => "Busy",
            StatusGroup::Away => "Away",
            StatusGroup::Unavailable => "Unavailable",
        }
    }

    pub fn parse(s: &str) -> Result<Self, RuleError> {
        StatusGroup::ALL
            .into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| RuleError::UnknownStatusGroup(s.to_owned()))
    }

    /// Whether an agent in this group may receive a conversation arriving this way.
    pub fn receives(self, incoming: Incoming) -> bool {
        match (self, incoming) {
            (StatusGroup::Available, _) => true,
            (StatusGroup::Busy | StatusGroup::Away, Incoming::Transfer) => true,
            (StatusGroup::Busy | StatusGroup::Away, Incoming::New) => false,
            (StatusGroup::Unavailable, _) => false,
        }
    }
}

/// The predefined statuses. Full Capacity is never chosen: the system switches to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DefaultStatus {
    Available,
    Busy,
    Away,
    Offline,
    FullCapacity,
}

impl DefaultStatus {
    pub const ALL: [DefaultStatus; 5] = [
        DefaultStatus::Available,
        DefaultStatus::Busy,
        DefaultStatus::Away,
        DefaultStatus::Offline,
        DefaultStatus::FullCapacity,
    ];

    /// The key stored with the status row.
    pub fn key(self) -> &'static str {
        match self {
            DefaultStatus::Available => "available",
            DefaultStatus::Busy => "busy",
            DefaultStatus::Away => "away",
            DefaultStatus::Offline => "offline",
            DefaultStatus::FullCapacity => "full_capacity",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        DefaultStatus::ALL.into_iter().find(|d| d.key() == key)
    }

    pub fn group(self) -> StatusGroup {
        match self {
            DefaultStatus::Available => StatusGroup::Available,
            DefaultStatus::Busy | DefaultStatus::FullCapacity => StatusGroup::Busy,
            DefaultStatus::Away => StatusGroup::Away,
            DefaultStatus::Offline => StatusGroup::Unavailable,
        }
    }
}

/// What the rules need to know of a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusFacts<'a> {
    pub name: &'a str,
    pub group: StatusGroup,
    pub default: Option<DefaultStatus>,
    pub archived: bool,
}

/// Whether an agent may set themselves (or be set) to this status.
pub fn may_choose(status: &StatusFacts) -> Result<(), RuleError> {
    if status.default == Some(DefaultStatus::FullCapacity) {
        return Err(RuleError::FullCapacityIsAutomatic);
    }
    if status.archived {
        return Err(RuleError::StatusArchived(status.name.to_owned()));
    }
    Ok(())
}

/// Whether a status may be renamed, moved to another group or deleted: only custom ones.
pub fn may_edit(status: &StatusFacts) -> Result<(), RuleError> {
    if status.default.is_some() {
        return Err(RuleError::DefaultStatusFixed);
    }
    Ok(())
}

/// The group an agent is effectively in: their chosen status's, except that an agent who chose
/// an Available status and is at Full Capacity shows Full Capacity (Busy).
pub fn effective_group(chosen: StatusGroup, full: bool) -> StatusGroup {
    if chosen == StatusGroup::Available && full {
        DefaultStatus::FullCapacity.group()
    } else {
        chosen
    }
}

/// A change of the capacity state, to record and publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapacityChange {
    /// Workload reached 90 % or more: Full Capacity.
    BecameFull,
    /// Workload dropped below: Under Capacity again.
    BecameUnder,
}

pub fn capacity_change(was_full: bool, is_full: bool) -> Option<CapacityChange> {
    match (was_full, is_full) {
        (false, true) => Some(CapacityChange::BecameFull),
        (true, false) => Some(CapacityChange::BecameUnder),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_receive_as_the_guide_says() {
        use Incoming::*;
        assert!(StatusGroup::Available.receives(New) && StatusGroup::Available.receives(Transfer));
        for g in [StatusGroup::Busy, StatusGroup::Away] {
            assert!(!g.receives(New), "{g:?} gets no new conversations");
            assert!(g.receives(Transfer), "{g:?} gets transferred ones");
        }
        assert!(!StatusGroup::Unavailable.receives(New) && !StatusGroup::Unavailable.receives(Transfer));
    }

    #[test]
    fn full_capacity_is_automatic_and_defaults_are_fixed() {
        let full = StatusFacts {
            name: "Full Capacity",
            group: StatusGroup::Busy,
            default: Some(DefaultStatus::FullCapacity),
            archived: false,
        };
        assert_eq!(may_choose(&full), Err(RuleError::FullCapacityIsAutomatic));
        let away =
            StatusFacts { name: "Away", group: StatusGroup::Away, default: Some(DefaultStatus::Away), archived: false };
        assert!(may_choose(&away).is_ok());
        assert_eq!(may_edit(&away), Err(RuleError::DefaultStatusFixed));
        let lunch = StatusFacts { name: "Lunch", group: StatusGroup::Away, default: None, archived: false };
        assert!(may_edit(&lunch).is_ok() && may_choose(&lunch).is_ok());
        assert_eq!(
            may_choose(&StatusFacts { archived: true, ..lunch }),
            Err(RuleError::StatusArchived("Lunch".into()))
        );
    }

    #[test]
    fn full_capacity_replaces_available_only() {
        assert_eq!(effective_group(StatusGroup::Available, true), StatusGroup::Busy);
        assert_eq!(effective_group(StatusGroup::Available, false), StatusGroup::Available);
        assert_eq!(effective_group(StatusGroup::Away, true), StatusGroup::Away);
        assert_eq!(capacity_change(false, true), Some(CapacityChange::BecameFull));
        assert_eq!(capacity_change(true, false), Some(CapacityChange::BecameUnder));
        assert_eq!(capacity_change(true, true), None);
    }

    #[test]
    fn groups_parse_leniently_and_name_bad_input() {
        assert_eq!(StatusGroup::parse(" away "), Ok(StatusGroup::Away));
        let e = StatusGroup::parse("Lunch").unwrap_err().to_string();
        assert!(e.contains("Lunch"), "{e}");
        for d in DefaultStatus::ALL {
            assert_eq!(DefaultStatus::from_key(d.key()), Some(d));
        }
    }
}
