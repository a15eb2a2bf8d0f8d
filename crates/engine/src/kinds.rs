//! The closed vocabularies of the domain: channels, statuses, priorities, directions, tag states.
//!
//! Each enum serializes to Dixa's PascalCase name and parses leniently (case and underscores
//! ignored, plus Infobip's spellings such as `NO_CHANNEL` or `LIVE_CHAT`), so clients of
//! either API can send what they already send.

use std::fmt;

/// Lower-cases and drops `_`, `-` and spaces, so `NO_CHANNEL`, `no-channel` and `NoChannel` compare equal.
fn fold(input: &str) -> String {
    input.chars().filter(|c| !matches!(c, '_' | '-' | ' ')).flat_map(char::to_lowercase).collect()
}

/// The name of a vocabulary value that could not be parsed, with the vocabulary's allowed names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Unknown {kind} '{value}'; expected one of: {allowed}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
    pub allowed: String,
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident, $kind:literal {
            $( $(#[$vmeta:meta])* $variant:ident $( | $alias:literal )* ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical (Dixa) spelling, also the stored form.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant)),+
                }
            }

            /// Parses leniently: case, `_`, `-` and spaces are ignored, and known aliases accepted.
            pub fn parse(input: &str) -> Result<Self, UnknownValue> {
                let folded = fold(input);
                $(
                    if folded == fold(stringify!($variant)) $( || folded == fold($alias) )* {
                        return Ok($name::$variant);
                    }
                )+
                Err(UnknownValue {
                    kind: $kind,
                    value: input.to_owned(),
                    allowed: Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(deserializer)?;
                Self::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

vocabulary! {
    /// The channel a conversation runs on. `NoChannel` is the default when a client names none.
    #[derive(Default)]
    Channel, "channel" {
        Email,
        WidgetChat | "Chat" | "LiveChat",
        Sms,
        WhatsApp,
        Messenger,
        FacebookMessenger,
        Instagram,
        PstnPhone | "Voice" | "Phone",
        Voicemail,
        Callback,
        ContactForm,
        Generic,
        #[default]
        NoChannel,
    }
}

vocabulary! {
    /// Where a conversation stands. Dixa calls this `state`; Infobip `status`.
    #[derive(Default)]
    Status, "status" {
        #[default]
        Open,
        Waiting | "Pending",
        Solved,
        Closed,
    }
}

vocabulary! {
    /// How urgent a conversation is; ordered from least to most urgent.
    #[derive(Default)]
    Priority, "priority" {
        Low,
        #[default]
        Normal,
        High,
        Urgent,
    }
}

vocabulary! {
    /// The orders an inbox list can be read in.
    #[derive(Default)]
    ConversationSort, "sort" {
        /// Latest activity first.
        #[default]
        Latest,
        /// Least recent activity first: what has waited longest since anything happened.
        Oldest,
        /// Most urgent first, then latest activity.
        Priority,
        /// The nearest SLA deadline first; conversations without one last.
        SlaDue,
    }
}

vocabulary! {
    /// Where a conversation's SLA stands, as an inbox filter.
    SlaState, "SLA state" {
        /// A target was missed.
        Breached,
        /// Targets are running and none was missed.
        Running,
        /// No SLA policy applies.
        NoSla | "None",
    }
}

vocabulary! {
    /// Who a message or a conversation started from: the customer (Inbound) or the agent (Outbound).
    Direction, "direction" {
        Inbound,
        Outbound,
    }
}

vocabulary! {
    /// Whether a tag may be applied to conversations.
    TagState, "tag state" {
        Active,
        Inactive,
    }
}

vocabulary! {
    /// How a linked conversation relates to the one it came from.
    LinkType, "link type" {
        SideConversation,
        FollowUp,
    }
}

vocabulary! {
    /// What a contact endpoint is: an email address, a phone number or a chat widget.
    EndpointKind, "contact endpoint kind" {
        Email,
        Phone,
        Widget,
    }
}

impl EndpointKind {
    /// The channels a contact endpoint of this kind serves (one flow each).
    pub fn channels(self) -> &'static [Channel] {
        match self {
            EndpointKind::Email => &[Channel::Email],
            EndpointKind::Phone => &[Channel::PstnPhone, Channel::Sms, Channel::WhatsApp],
            EndpointKind::Widget => &[Channel::WidgetChat],
        }
    }
}

impl Channel {
    /// Dixa's `_type` for a conversation on this channel.
    pub fn conversation_type(self) -> &'static str {
        match self {
            Channel::Email => "EmailConversation",
            Channel::WidgetChat => "ChatConversation",
            Channel::Sms => "SmsConversation",
            Channel::WhatsApp => "WhatsAppConversation",
            Channel::Messenger | Channel::FacebookMessenger => "MessengerConversation",
            Channel::Instagram => "InstagramConversation",
            Channel::PstnPhone => "PstnPhoneConversation",
            Channel::Voicemail => "VoicemailConversation",
            Channel::Callback => "CallbackConversation",
            Channel::ContactForm => "ContactFormConversation",
            Channel::Generic => "GenericConversation",
            Channel::NoChannel => "Conversation",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_infobip_model() {
        assert_eq!(Status::default(), Status::Open);
        assert_eq!(Priority::default(), Priority::Normal);
        assert_eq!(Channel::default(), Channel::NoChannel);
    }

    #[test]
    fn parses_dixa_and_infobip_spellings() {
        assert_eq!(Channel::parse("NO_CHANNEL"), Ok(Channel::NoChannel));
        assert_eq!(Channel::parse("WidgetChat"), Ok(Channel::WidgetChat));
        assert_eq!(Channel::parse("LIVE_CHAT"), Ok(Channel::WidgetChat));
        assert_eq!(Status::parse("OPEN"), Ok(Status::Open));
        assert_eq!(Priority::parse("urgent"), Ok(Priority::Urgent));
        assert_eq!(Direction::parse("Outbound"), Ok(Direction::Outbound));
    }

    #[test]
    fn unknown_values_name_the_allowed_ones() {
        let err = Priority::parse("Critical").unwrap_err();
        assert_eq!(err.to_string(), "Unknown priority 'Critical'; expected one of: Low, Normal, High, Urgent");
    }

    #[test]
    fn serializes_to_the_canonical_name() {
        assert_eq!(serde_json::to_string(&Status::Waiting).unwrap(), "\"Waiting\"");
        let parsed: Status = serde_json::from_str("\"PENDING\"").unwrap();
        assert_eq!(parsed, Status::Waiting);
    }

    #[test]
    fn priorities_are_ordered_by_urgency() {
        assert!(Priority::Urgent > Priority::High);
        assert!(Priority::High > Priority::Normal);
        assert!(Priority::Normal > Priority::Low);
    }
}

vocabulary! {
    /// What sent an automated message; a message without one was written by a person. SLA
    /// policies that exclude automated messages ignore these.
    Automation, "automation" {
        AwayMessage | "Away",
        WaitingStrategy,
        Workflow,
        Bot,
    }
}
