//! Capacity: how many conversations an agent can hold per channel group, and the Full Capacity
//! rule (the occupancy percentages of Email, Live Messaging and Live Chat adding up to 90 or more).

use crate::kinds::{Channel, Status};

/// The channel groups capacity is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum ChannelGroup {
    Email,
    /// SMS, WhatsApp, Messenger and the other instant messaging channels.
    LiveMessaging,
    /// The website chat widget.
    LiveChat,
    /// Phone calls: always a capacity of one, occupied only while the call lasts.
    Voice,
}

impl ChannelGroup {
    pub fn of(channel: Channel) -> Self {
        match channel {
            Channel::Email | Channel::ContactForm => ChannelGroup::Email,
            Channel::WidgetChat => ChannelGroup::LiveChat,
            Channel::PstnPhone | Channel::Voicemail | Channel::Callback => ChannelGroup::Voice,
            Channel::Sms
            | Channel::WhatsApp
            | Channel::Messenger
            | Channel::FacebookMessenger
            | Channel::Instagram
            | Channel::Generic
            | Channel::NoChannel => ChannelGroup::LiveMessaging,
        }
    }
}

/// The installation's default capacity for live messaging, when neither agent nor settings say.
pub const DEFAULT_LIVE_MESSAGING_CAPACITY: u32 = 5;

/// Capacities per group; the agent's own setting wins over the installation default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    pub email: u32,
    pub live_messaging: u32,
    pub live_chat: u32,
}

impl Default for Capacity {
    fn default() -> Self {
        Capacity {
            email: DEFAULT_LIVE_MESSAGING_CAPACITY,
            live_messaging: DEFAULT_LIVE_MESSAGING_CAPACITY,
            live_chat: DEFAULT_LIVE_MESSAGING_CAPACITY,
        }
    }
}

impl Capacity {
    /// The agent's capacities where set, the defaults elsewhere.
    pub fn resolve(agent: PartialCapacity, defaults: Capacity) -> Capacity {
        Capacity {
            email: agent.email.unwrap_or(defaults.email),
            live_messaging: agent.live_messaging.unwrap_or(defaults.live_messaging),
            live_chat: agent.live_chat.unwrap_or(defaults.live_chat),
        }
    }

    pub fn of(&self, group: ChannelGroup) -> u32 {
        match group {
            ChannelGroup::Email => self.email,
            ChannelGroup::LiveMessaging => self.live_messaging,
            ChannelGroup::LiveChat => self.live_chat,
            ChannelGroup::Voice => 1,
        }
    }
}

/// An agent's own capacity settings; unset groups use the installation default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PartialCapacity {
    pub email: Option<u32>,
    pub live_messaging: Option<u32>,
    pub live_chat: Option<u32>,
}

/// Conversations an agent holds per group (the statuses that count; see [`counts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Occupancy {
    pub email: u32,
    pub live_messaging: u32,
    pub live_chat: u32,
    /// Calls in progress.
    pub voice: u32,
}

impl Occupancy {
    pub fn of(&self, group: ChannelGroup) -> u32 {
        match group {
            ChannelGroup::Email => self.email,
            ChannelGroup::LiveMessaging => self.live_messaging,
            ChannelGroup::LiveChat => self.live_chat,
            ChannelGroup::Voice => self.voice,
        }
    }
}

/// Which conversation statuses occupy capacity: Open always; Waiting and Solved as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountedStatuses {
    pub waiting: bool,
    pub solved: bool,
}

impl Default for CountedStatuses {
    /// The default counts Open and Waiting; Solved conversations no longer occupy an agent.
    fn default() -> Self {
        CountedStatuses { waiting: true, solved: false }
    }
}

/// Whether a conversation in this status occupies its agent.
pub fn counts(status: Status, counted: CountedStatuses) -> bool {
    match status {
        Status::Open => true,
        Status::Waiting => counted.waiting,
        Status::Solved => counted.solved,
        Status::Closed => false,
    }
}

/// The Full Capacity rule: the occupancy percentages of Email, Live Messaging and Live Chat add
/// up to 90 or more. Computed on exact fractions (a group with no capacity adds nothing).
pub fn is_full(occupancy: Occupancy, capacity: Capacity) -> bool {
    // Sum of occ/cap over the groups >= 90/100, compared without rounding.
    let parts = [
        (occupancy.email, capacity.email),
        (occupancy.live_messaging, capacity.live_messaging),
        (occupancy.live_chat, capacity.live_chat),
    ];
    let (mut num, mut den): (u128, u128) = (0, 1);
    for (occ, cap) in parts.into_iter().filter(|(_, c)| *c > 0) {
        num = num * u128::from(cap) + u128::from(occ) * den;
        den *= u128::from(cap);
    }
    num * 100 >= 90 * den
}

/// Whether the agent can take one more conversation of this group.
pub fn has_room(occupancy: Occupancy, capacity: Capacity, group: ChannelGroup) -> bool {
    occupancy.of(group) < capacity.of(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guides_full_capacity_example() {
        // Live Messaging 2/6 + Live Chat 1/5 + Email 3/10 = 33 % + 20 % + 30 % = 83 %: under.
        let capacity = Capacity { email: 10, live_messaging: 6, live_chat: 5 };
        let under = Occupancy { email: 3, live_messaging: 2, live_chat: 1, voice: 0 };
        assert!(!is_full(under, capacity));
        // One more email: 33 % + 20 % + 40 % = 93 %: full.
        let full = Occupancy { email: 4, ..under };
        assert!(is_full(full, capacity));
    }

    #[test]
    fn exactly_ninety_is_full() {
        let capacity = Capacity { email: 10, live_messaging: 10, live_chat: 10 };
        assert!(is_full(Occupancy { email: 9, ..Default::default() }, capacity));
        assert!(!is_full(Occupancy { email: 8, ..Default::default() }, capacity));
    }

    #[test]
    fn the_agents_capacity_comes_first_then_the_default() {
        let defaults = Capacity { email: 10, live_messaging: 5, live_chat: 3 };
        let c = Capacity::resolve(PartialCapacity { live_chat: Some(8), ..Default::default() }, defaults);
        assert_eq!(c, Capacity { email: 10, live_messaging: 5, live_chat: 8 });
        assert_eq!(c.of(ChannelGroup::Voice), 1, "calls are always one");
        assert_eq!(Capacity::default().live_messaging, 5);
    }

    #[test]
    fn open_always_counts_waiting_and_solved_as_configured() {
        let d = CountedStatuses::default();
        assert!(counts(Status::Open, d) && counts(Status::Waiting, d) && !counts(Status::Solved, d));
        let none = CountedStatuses { waiting: false, solved: false };
        assert!(counts(Status::Open, none) && !counts(Status::Waiting, none));
        assert!(!counts(Status::Closed, CountedStatuses { waiting: true, solved: true }));
    }

    #[test]
    fn channels_fall_into_groups() {
        assert_eq!(ChannelGroup::of(Channel::WhatsApp), ChannelGroup::LiveMessaging);
        assert_eq!(ChannelGroup::of(Channel::WidgetChat), ChannelGroup::LiveChat);
        assert_eq!(ChannelGroup::of(Channel::Email), ChannelGroup::Email);
        assert_eq!(ChannelGroup::of(Channel::PstnPhone), ChannelGroup::Voice);
        let room = Occupancy { live_chat: 2, ..Default::default() };
        assert!(has_room(room, Capacity { live_chat: 3, ..Default::default() }, ChannelGroup::LiveChat));
        assert!(!has_room(room, Capacity { live_chat: 2, ..Default::default() }, ChannelGroup::LiveChat));
    }
}
