//! Why a command failed, in the terms the API turns into status codes.

use switchboard_engine::kinds::UnknownValue;
use switchboard_engine::RuleError;
use switchboard_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The thing named in the path does not exist (404).
    #[error("{0}")]
    NotFound(String),
    /// The request is wrong: bad values, a rule's refusal (400).
    #[error("{0}")]
    Invalid(String),
    /// Something the request's body names does not exist (400, with the seed's text).
    #[error("{0}")]
    Unknown(String),
    /// The request clashes with the current state: a Closed conversation, a duplicate (409).
    #[error("{0}")]
    Conflict(String),
    /// The caller may not do this (403).
    #[error("{0}")]
    Forbidden(String),
    /// No valid token (401).
    #[error("A valid API token is required")]
    Unauthorized,
    /// A sign-in refused: wrong credentials (401), saying no more than the rule's text.
    #[error("{0}")]
    SignIn(String),
    /// Too many attempts: try again after this many seconds (429).
    #[error("{message}")]
    Throttled { message: String, retry_after: i64 },
    /// A one-time link that was used or expired (410).
    #[error("{0}")]
    Gone(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A state the service itself should never be in (a value it can't encode, a row that
    /// vanished inside a transaction): a bug, answered 500 and logged.
    #[error("{0}")]
    Internal(String),
    /// A server this one relies on (an SMTP server) refused or could not be reached.
    #[error("{0}")]
    Upstream(String),
    /// The machine refused something (a directory, a file): not the client's doing.
    #[error("{0}")]
    Io(String),
}

impl From<RuleError> for ServiceError {
    fn from(e: RuleError) -> Self {
        let message = e.to_string();
        match e {
            RuleError::ConversationClosed(_)
            | RuleError::AlreadyClosed(_)
            | RuleError::NotClosed(_)
            | RuleError::AlreadyAssigned { .. }
            | RuleError::FullCapacityIsAutomatic
            | RuleError::StatusArchived(_)
            | RuleError::DefaultStatusFixed
            | RuleError::AlreadyExists { .. }
            | RuleError::AttributeExists { .. }
            | RuleError::NoSlaPolicy(_)
            | RuleError::SlaChanged
            | RuleError::QueueHasActive { .. }
            | RuleError::QueueRouted { .. }
            | RuleError::SenderTaken { .. }
            | RuleError::AudioInUse { .. }
            | RuleError::NotWaiting(_)
            | RuleError::StatusDeleted(_)
            | RuleError::HoursInUse { .. }
            | RuleError::AgentUnavailable(_)
            | RuleError::HandoverHeld { .. }
            | RuleError::AnonymizeOpen(_)
            | RuleError::Rating(switchboard_engine::rating::RatingError::AlreadyRated)
            | RuleError::ClockNotManual
            | RuleError::MergeAnonymized
            | RuleError::MergeSharedExternalId(_)
            | RuleError::ReopenAnonymized(_)
            | RuleError::DisableYourself
            | RuleError::DeleteYourself
            | RuleError::LastAdmin(_)
            | RuleError::DefaultQueueMembers
            | RuleError::DefaultQueueDeleted
            | RuleError::IdempotencyKeyReused
            | RuleError::IdempotencyKeyRunning
            | RuleError::TokenNameTaken(_) => ServiceError::Conflict(message),
            RuleError::WrongCredentials => ServiceError::SignIn(message),
            RuleError::TooManyAttempts { seconds, .. } => ServiceError::Throttled { message, retry_after: seconds },
            RuleError::LinkUsed | RuleError::LinkExpired => ServiceError::Gone(message),
            RuleError::Missing(_)
            | RuleError::OutOfReach(_)
            | RuleError::AdminsOnlyByAdmins
            | RuleError::OutranksCaller
            | RuleError::OwnRoles
            | RuleError::TokenForSomeoneElse
            | RuleError::StatusOfSomeoneElse => ServiceError::Forbidden(message),
            RuleError::AgentAndManager
            | RuleError::InactiveTag(_)
            | RuleError::NotAgentOrAdmin
            | RuleError::UserDisabled(_)
            | RuleError::OutboundWithoutAgent
            | RuleError::InvalidMessage(_)
            | RuleError::Empty { .. }
            | RuleError::TooLong { .. }
            | RuleError::UnknownStatusGroup(_)
            | RuleError::UnknownAttribute(_)
            | RuleError::BadAttribute(_)
            | RuleError::BadHours(_)
            | RuleError::BadWaitingStrategy(_)
            | RuleError::BadSla(_)
            | RuleError::BadAudio(_)
            | RuleError::CreateClosed
            | RuleError::MetadataTooLarge { .. }
            | RuleError::MergeIntoItself
            | RuleError::MergeOtherCustomer
            | RuleError::BadEmail(_)
            | RuleError::BadColor(_)
            | RuleError::NotACall(_)
            | RuleError::EmptySearch
            | RuleError::UnknownPatchAttribute { .. }
            | RuleError::UnknownSeverity { .. }
            | RuleError::DefaultSenderMissing(_)
            | RuleError::BadSender(_)
            | RuleError::TooManySenders { .. }
            | RuleError::StrategyKindFixed(_)
            | RuleError::BadEndpoint { .. }
            | RuleError::CapacityOutOfRange { .. }
            | RuleError::BadChannelName
            | RuleError::TooManyAttachments { .. }
            | RuleError::TooManyViews { .. }
            | RuleError::MentionOutOfReach(_)
            | RuleError::SnoozeInThePast
            | RuleError::SnoozeTooFar { .. }
            | RuleError::DuplicateExternalId
            | RuleError::Required(_)
            | RuleError::UnknownWebhookFormat(_)
            | RuleError::UnknownWebhookEvent { .. }
            | RuleError::ShortSecret { .. }
            | RuleError::BadUrl { .. }
            | RuleError::Query(_)
            | RuleError::Rating(_)
            | RuleError::Condition(_)
            | RuleError::Attribute(_)
            | RuleError::EmptyConditionGroup
            | RuleError::UserNotAgentOrAdmin(_)
            | RuleError::RatingOfSomeoneElse
            | RuleError::ClockStep(_)
            | RuleError::UnknownLanguage(_)
            | RuleError::PositionOutOfRange { .. }
            | RuleError::BulkTooLarge { .. }
            | RuleError::ReversedRange
            | RuleError::BadIdempotencyKey
            | RuleError::BadAllowedHost(_)
            | RuleError::TooMany { .. }
            | RuleError::AddressNotAllowed { .. }
            | RuleError::ShortPassword { .. }
            | RuleError::LongPassword { .. }
            | RuleError::PasswordIsEmail
            | RuleError::WrongCurrentPassword
            | RuleError::NoEmailToSignIn(_)
            | RuleError::SmtpHost
            | RuleError::SmtpPort
            | RuleError::PublicAddress
            | RuleError::SmtpPasswordWithoutUser => ServiceError::Invalid(message),
            RuleError::NoSmtp => ServiceError::Conflict(message),
        }
    }
}

impl From<UnknownValue> for ServiceError {
    fn from(e: UnknownValue) -> Self {
        ServiceError::Invalid(e.to_string())
    }
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;
