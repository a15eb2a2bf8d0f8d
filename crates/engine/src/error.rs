//! Why a rule refused a command; each variant maps to one client-facing message.

use uuid::Uuid;

/// Why a step of the manual clock is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ClockStep {
    #[error("must not be negative")]
    Negative,
    #[error("is too large")]
    TooLarge,
    #[error("moves the clock out of range")]
    OutOfRange,
}

/// What is already taken when something is created or renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    TeamName,
    TagName,
    QueueName,
    AgentEmail,
    EndUserExternalId,
    ContactEndpoint,
    SlaPolicyName,
    WaitingStrategyName,
    WorkingHoursName,
    StatusName,
    ViewName,
}

impl Taken {
    fn text(self, name: &str) -> String {
        match self {
            Taken::TeamName => format!("A team named {name} already exists"),
            Taken::TagName => format!("A tag named {name} already exists"),
            Taken::QueueName => format!("A queue named {name} already exists"),
            Taken::AgentEmail => format!("An agent with email {name} already exists"),
            Taken::EndUserExternalId => format!("An end user with externalId {name} already exists"),
            Taken::ContactEndpoint => format!("Contact endpoint {name} already exists"),
            Taken::SlaPolicyName => format!("An SLA policy named '{name}' already exists"),
            Taken::WaitingStrategyName => format!("A waiting strategy named '{name}' already exists"),
            Taken::WorkingHoursName => format!("Working hours named '{name}' already exist"),
            Taken::StatusName => format!("A status named {name} already exists"),
            Taken::ViewName => format!("You already have a view named {name}"),
        }
    }
}

/// A command that the rules refuse. The message is shown to API clients as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("Conversation {0} is closed and can't be changed; reopen it first")]
    ConversationClosed(i64),
    #[error("Conversation {0} is already closed")]
    AlreadyClosed(i64),
    #[error("Conversation {0} is not closed")]
    NotClosed(i64),
    #[error("Conversation {conversation} is already assigned to agent {agent}; claim with force to take it over")]
    AlreadyAssigned { conversation: i64, agent: Uuid },
    #[error("A user can't hold both the Agent and the Manager role")]
    AgentAndManager,
    #[error("Tag {0} is inactive; only active tags can be applied")]
    InactiveTag(Uuid),
    #[error("User is not agent/admin")]
    NotAgentOrAdmin,
    #[error("User {0} is disabled")]
    UserDisabled(Uuid),
    #[error("An outbound message needs an agentId")]
    OutboundWithoutAgent,
    #[error("Invalid input for Message: {0}")]
    InvalidMessage(&'static str),
    #[error("{field} must not be empty")]
    Empty { field: &'static str },
    #[error("{field} is too long (at most {max} characters)")]
    TooLong { field: &'static str, max: usize },
    #[error("Unknown status group '{0}'; use Available, Busy, Away or Unavailable")]
    UnknownStatusGroup(String),
    #[error("Full Capacity is set automatically and can't be chosen")]
    FullCapacityIsAutomatic,
    #[error("Status '{0}' was deleted and can't be chosen")]
    StatusArchived(String),
    #[error("Default statuses can't be changed or deleted")]
    DefaultStatusFixed,
    #[error("Unknown attribute '{0}'")]
    UnknownAttribute(String),
    #[error("Invalid attribute value: {0}")]
    BadAttribute(String),
    #[error("Invalid working hours: {0}")]
    BadHours(String),
    #[error("Invalid waiting strategy: {0}")]
    BadWaitingStrategy(String),
    #[error("Invalid SLA policy: {0}")]
    BadSla(String),
    #[error("Invalid audio file: {0}")]
    BadAudio(String),
    #[error("Only an admin can change an admin or make someone one")]
    AdminsOnlyByAdmins,
    #[error("This user has rights you don't have; only an admin can change them")]
    OutranksCaller,
    #[error("You can't change your own roles; ask an admin")]
    OwnRoles,
    #[error("{}", .0.refusal())]
    Missing(crate::permission::Permission),
    #[error("Conversation {0} is in a queue you don't belong to and isn't assigned to you")]
    OutOfReach(i64),
    #[error("Only the user themselves or an admin can issue their tokens")]
    TokenForSomeoneElse,
    #[error("Only the agent, managers and admins can change an agent's status")]
    StatusOfSomeoneElse,
    #[error("'{0}' is not a host name, an IP address or a network (CIDR)")]
    BadAllowedHost(String),
    #[error("{field} has too many entries (at most {max})")]
    TooMany { field: &'static str, max: usize },
    #[error("Calling {host} ({address}) is not allowed: {why}")]
    AddressNotAllowed { host: String, address: std::net::IpAddr, why: String },
    #[error("A conversation can't be created Closed")]
    CreateClosed,
    #[error("metadata is larger than {max} bytes")]
    MetadataTooLarge { max: usize },
    #[error("A conversation can't be merged into itself")]
    MergeIntoItself,
    #[error("Only conversations of the same customer can be merged")]
    MergeOtherCustomer,
    #[error("An anonymized conversation can't be merged")]
    MergeAnonymized,
    #[error("Both conversations have a message with externalId '{0}'")]
    MergeSharedExternalId(String),
    #[error("Conversation {0} is anonymized and can't be reopened")]
    ReopenAnonymized(i64),
    #[error("Invalid email address '{0}'")]
    BadEmail(String),
    #[error("You can't disable yourself")]
    DisableYourself,
    #[error("You can't delete yourself")]
    DeleteYourself,
    #[error("The last enabled admin can't be {0}")]
    LastAdmin(&'static str),
    #[error("Every agent belongs to the Default queue; members can't be removed from it")]
    DefaultQueueMembers,
    #[error("The Default queue can't be deleted")]
    DefaultQueueDeleted,
    #[error("Invalid color '{0}'; use #RRGGBB")]
    BadColor(String),
    #[error("Conversation {0} is not a call")]
    NotACall(i64),
    #[error("Invalid value for: query parameter query, it must not be empty")]
    EmptySearch,
    #[error("Invalid value for: body, at most {max} {what} at a time")]
    BulkTooLarge { what: &'static str, max: usize },
    #[error("Unknown text-to-speech language '{0}'")]
    UnknownLanguage(String),
    #[error("position must be between 1 and {max}")]
    PositionOutOfRange { max: u32 },
    #[error("{}", what.text(name))]
    AlreadyExists { what: Taken, name: String },
    #[error(transparent)]
    Query(#[from] crate::search::QueryError),
    #[error(transparent)]
    Rating(#[from] crate::rating::RatingError),
    #[error(transparent)]
    Condition(#[from] crate::conditions::ConditionError),
    #[error(transparent)]
    Attribute(#[from] crate::attributes::AttributeError),
    #[error("A condition group must have at least one condition")]
    EmptyConditionGroup,
    #[error("User {0} is not agent/admin")]
    UserNotAgentOrAdmin(Uuid),
    #[error("The rating was offered to another user")]
    RatingOfSomeoneElse,
    #[error("The clock is not manual")]
    ClockNotManual,
    #[error("seconds {0}")]
    ClockStep(ClockStep),
    #[error("Agent {0} is in an Unavailable status and can't receive conversations")]
    AgentUnavailable(Uuid),
    #[error("Invalid input for Message: at most {max} attachments")]
    TooManyAttachments { max: usize },
    #[error("Agent {0} can't see this conversation, so they can't be mentioned in it")]
    MentionOutOfReach(Uuid),
    #[error("You can keep at most {max} saved views")]
    TooManyViews { max: usize },
    #[error("Invalid value for: body, until must be in the future")]
    SnoozeInThePast,
    #[error("Invalid value for: body, until must be within {max_days} days")]
    SnoozeTooFar { max_days: i64 },
    #[error("Duplicate externalId")]
    DuplicateExternalId,
    #[error("Conversation {conversation} is already with agent {agent}; only a conversation no agent holds can be handed over")]
    HandoverHeld { conversation: i64, agent: Uuid },
    #[error("Conversation {0} is not closed; close it first or anonymize with force=true")]
    AnonymizeOpen(i64),
    #[error("{0} is required")]
    Required(&'static str),
    #[error("Unknown format '{0}'; expected Dixa or Interaction")]
    UnknownWebhookFormat(String),
    #[error("Unknown event '{event}' for the {format} format")]
    UnknownWebhookEvent { event: String, format: String },
    #[error("The secret must have at least {min} characters")]
    ShortSecret { min: usize },
    #[error("Invalid url '{url}': {why}")]
    BadUrl { url: String, why: String },
    #[error("A {entity} attribute with identifier {identifier} already exists")]
    AttributeExists { entity: &'static str, identifier: String },
    #[error("Invalid input for patching: unknown {noun} attribute {attribute}")]
    UnknownPatchAttribute { noun: &'static str, attribute: Uuid },
    #[error("No SLA policy applies to conversation {0}")]
    NoSlaPolicy(i64),
    #[error("Severity {severity} is not one of policy '{policy}' ({})", severities.join(", "))]
    UnknownSeverity { severity: Uuid, policy: String, severities: Vec<String> },
    #[error("The SLA changed meanwhile")]
    SlaChanged,
    #[error(
        "Queue {queue} has {active} active conversation(s); only a queue without active conversations can be deleted"
    )]
    QueueHasActive { queue: String, active: i64 },
    #[error("Queue {queue} is the destination of route(s) {}; change or delete them first", routes.join(", "))]
    QueueRouted { queue: String, routes: Vec<String> },
    #[error("The default sender {0} is not among the senders")]
    DefaultSenderMissing(String),
    #[error("Invalid sender '{0}'")]
    BadSender(String),
    #[error("At most {max} senders")]
    TooManySenders { max: usize },
    #[error("Sender {sender} already has a waiting strategy: '{strategy}' (one strategy per sender)")]
    SenderTaken { sender: String, strategy: String },
    #[error("This is a {0} strategy; its kind can't change")]
    StrategyKindFixed(String),
    #[error("Audio file {id} is played by waiting strategies: {}", strategies.join(", "))]
    AudioInUse { id: Uuid, strategies: Vec<String> },
    #[error("Conversation {0} is not waiting in a queue")]
    NotWaiting(i64),
    #[error("Invalid {kind} endpoint '{address}': use {hint}")]
    BadEndpoint { kind: &'static str, address: String, hint: &'static str },
    #[error("Status {0} was deleted")]
    StatusDeleted(String),
    #[error("{field} must be between 0 and {max}, not {value}")]
    CapacityOutOfRange { field: String, max: u32, value: u32 },
    #[error("Working hours '{name}' are used by queues: {}", queues.join(", "))]
    HoursInUse { name: String, queues: Vec<String> },
    #[error("Invalid value for: body, genericChannelName must be 1 to 200 characters")]
    BadChannelName,
    #[error("from must be before to")]
    ReversedRange,
    #[error("Invalid Idempotency-Key: 1 to 255 characters, no control characters")]
    BadIdempotencyKey,
    #[error("This Idempotency-Key was used for a different request")]
    IdempotencyKeyReused,
    #[error("A request with this Idempotency-Key is still running; send it again later")]
    IdempotencyKeyRunning,
    #[error("The password must be at least {min} characters long")]
    ShortPassword { min: usize },
    #[error("The password must be at most {max} characters long")]
    LongPassword { max: usize },
    #[error("The password must not be the email address")]
    PasswordIsEmail,
    #[error("The email or password is not right")]
    WrongCredentials,
    #[error("The current password is not right")]
    WrongCurrentPassword,
    #[error("Too many sign-in attempts; try again in {minutes} minute(s)")]
    TooManyAttempts { minutes: i64, seconds: i64 },
    #[error("This link was already used; ask an administrator for a new one")]
    LinkUsed,
    #[error("This link has expired; ask an administrator for a new one")]
    LinkExpired,
    #[error("{0} has no email address to sign in with; add one first")]
    NoEmailToSignIn(String),
    #[error(
        "A token named '{0}' already exists; revoke it first, or send replace: true to revoke it and issue a new one"
    )]
    TokenNameTaken(String),
    #[error("The SMTP host must be a host name or address, without a scheme or path")]
    SmtpHost,
    #[error("The SMTP port must be between 1 and 65535")]
    SmtpPort,
    #[error("The public address must be an http or https address without a path, e.g. https://help.example.com")]
    PublicAddress,
    #[error("An SMTP password needs a user name")]
    SmtpPasswordWithoutUser,
    #[error("No SMTP server is set up: add one in Settings › Email")]
    NoSmtp,
}
