//! The condition language routes and SLA policies use (forms, macros and workflows will too):
//! attributes of a conversation and its customer, the operators each attribute allows (the
//! supervisor guide's table, exactly), values, conditions in AND groups joined by OR, the facts
//! they are checked against, and the form clients write them in.

use crate::kinds::Channel;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A comparison a condition makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    Is,
    IsNot,
    Contains,
    DoesNotContain,
    StartsWith,
    InList,
    NotInList,
    Before,
    After,
    BeforeOrOn,
    AfterOrOn,
}

impl Operator {
    pub fn name(self) -> &'static str {
        match self {
            Operator::Is => "is",
            Operator::IsNot => "is not",
            Operator::Contains => "contains",
            Operator::DoesNotContain => "does not contain",
            Operator::StartsWith => "starts with",
            Operator::InList => "in list",
            Operator::NotInList => "not in list",
            Operator::Before => "before",
            Operator::After => "after",
            Operator::BeforeOrOn => "before or on",
            Operator::AfterOrOn => "after or on",
        }
    }
}

/// What a condition looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Attribute {
    // Conversation attributes.
    Channel,
    Content,
    ConversationTags,
    From,
    IsVisitor,
    To,
    /// A standard person attribute (address, birthDate, city, ...), by its name in the guide.
    Person(String),
    /// A standard company attribute (accountManager, country, domains, ...).
    Company(String),
    /// An Apple Messages for Business attribute (device agent, group, intent, locale).
    AppleMessages(String),
    EmailCc,
    EmailBcc,
    EmailTo,
    EmailFrom,
    EmailRoutedToRecipient,
    EmailSubject,
    /// A custom conversation, person or company attribute, by identifier.
    Custom(CustomScope, String),
    SenderQueues,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CustomScope {
    Conversation,
    Person,
    Company,
}

/// Every operator, in the order they are offered.
pub const ALL_OPERATORS: &[Operator] = &[
    Operator::Is,
    Operator::IsNot,
    Operator::Contains,
    Operator::DoesNotContain,
    Operator::StartsWith,
    Operator::InList,
    Operator::NotInList,
    Operator::Before,
    Operator::After,
    Operator::BeforeOrOn,
    Operator::AfterOrOn,
];
/// The text and list operators: what custom attributes take.
pub(crate) const CUSTOM: &[Operator] = ALL_OPERATORS.split_at(7).0;
pub(crate) const TEXT: &[Operator] = &[Operator::Is, Operator::IsNot, Operator::Contains, Operator::StartsWith];
pub(crate) const EXACT: &[Operator] = &[Operator::Is, Operator::IsNot];
pub(crate) const LIST: &[Operator] = &[Operator::InList, Operator::NotInList];
pub(crate) const CONTAINS: &[Operator] = &[Operator::Contains, Operator::DoesNotContain];
pub(crate) const DATE: &[Operator] =
    &[Operator::Is, Operator::IsNot, Operator::Before, Operator::After, Operator::BeforeOrOn, Operator::AfterOrOn];

/// The standard person attributes of the guide's table.
pub const PERSON_ATTRIBUTES: &[&str] = &[
    "address",
    "birthDate",
    "city",
    "country",
    "customer tags",
    "externalPersonId",
    "firstName",
    "gender",
    "integrations",
    "lastName",
    "middleName",
    "modifiedFrom",
    "nickName",
    "preferredService",
    "type",
];
/// The standard company attributes of the guide's table.
pub const COMPANY_ATTRIBUTES: &[&str] = &[
    "accountManager",
    "country",
    "customerStage",
    "domains",
    "externalId",
    "industry",
    "name",
    "notes",
    "segment",
    "tags",
    "vatNumber",
];
pub const APPLE_ATTRIBUTES: &[&str] = &["device agent", "group", "intent", "locale"];

impl Attribute {
    /// The operators the guide allows for this attribute; None for an attribute it doesn't know.
    pub fn operators(&self) -> Option<&'static [Operator]> {
        Some(match self {
            Attribute::Channel | Attribute::IsVisitor | Attribute::To | Attribute::EmailRoutedToRecipient => EXACT,
            Attribute::Content | Attribute::From | Attribute::EmailFrom => TEXT,
            Attribute::ConversationTags | Attribute::EmailTo | Attribute::SenderQueues => LIST,
            Attribute::EmailCc | Attribute::EmailBcc => CONTAINS,
            Attribute::EmailSubject => {
                &[Operator::Is, Operator::IsNot, Operator::Contains, Operator::DoesNotContain, Operator::StartsWith]
            }
            Attribute::Person(name) => match name.as_str() {
                "birthDate" => DATE,
                "customer tags" => CONTAINS,
                "gender" => EXACT,
                n if PERSON_ATTRIBUTES.contains(&n) => TEXT,
                _ => return None,
            },
            Attribute::Company(name) => match name.as_str() {
                "domains" => CONTAINS,
                n if COMPANY_ATTRIBUTES.contains(&n) => TEXT,
                _ => return None,
            },
            Attribute::AppleMessages(name) if APPLE_ATTRIBUTES.contains(&name.as_str()) => TEXT,
            Attribute::AppleMessages(_) => return None,
            // Custom attributes hold text or a selection: text operators, and list operators
            // for selections.
            Attribute::Custom(..) => CUSTOM,
        })
    }

    pub fn name(&self) -> String {
        match self {
            Attribute::Channel => "channel".into(),
            Attribute::Content => "content".into(),
            Attribute::ConversationTags => "conversation tags".into(),
            Attribute::From => "from".into(),
            Attribute::IsVisitor => "is visitor".into(),
            Attribute::To => "to".into(),
            Attribute::Person(n) | Attribute::Company(n) | Attribute::AppleMessages(n) => n.clone(),
            Attribute::EmailCc => "email cc".into(),
            Attribute::EmailBcc => "email bcc".into(),
            Attribute::EmailTo => "email to".into(),
            Attribute::EmailFrom => "email from".into(),
            Attribute::EmailRoutedToRecipient => "email routed to recipient".into(),
            Attribute::EmailSubject => "email subject".into(),
            Attribute::Custom(_, id) => id.clone(),
            Attribute::SenderQueues => "sender queues".into(),
        }
    }
}

/// What a condition compares with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    List(Vec<String>),
    Bool(bool),
    Date(NaiveDate),
}

/// Why a condition can't be part of a route.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConditionError {
    #[error("Unknown attribute '{0}'")]
    UnknownAttribute(String),
    #[error("Unknown operator '{0}'")]
    UnknownOperator(String),
    #[error("Operator '{operator}' is not allowed for attribute '{attribute}'")]
    Operator { attribute: String, operator: &'static str },
    #[error("Attribute '{attribute}' with operator '{operator}' needs {wanted}")]
    Value { attribute: String, operator: &'static str, wanted: &'static str },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub attribute: Attribute,
    pub operator: Operator,
    pub value: Value,
}

impl Condition {
    /// Checks the operator against the guide's table and the value against the operator.
    pub fn validate(&self) -> Result<(), ConditionError> {
        let allowed =
            self.attribute.operators().ok_or_else(|| ConditionError::UnknownAttribute(self.attribute.name()))?;
        if !allowed.contains(&self.operator) {
            return Err(ConditionError::Operator { attribute: self.attribute.name(), operator: self.operator.name() });
        }
        let wanted = match (&self.attribute, self.operator, &self.value) {
            (Attribute::IsVisitor, _, Value::Bool(_)) => None,
            (Attribute::IsVisitor, _, _) => Some("true or false"),
            (_, Operator::InList | Operator::NotInList, Value::List(l)) if !l.is_empty() => None,
            (_, Operator::InList | Operator::NotInList, _) => Some("a non-empty list"),
            (Attribute::Person(n), _, Value::Date(_)) if n == "birthDate" => None,
            (Attribute::Person(n), _, _) if n == "birthDate" => Some("a date"),
            (_, _, Value::Text(_)) => None,
            _ => Some("a text"),
        };
        match wanted {
            Some(wanted) => {
                Err(ConditionError::Value { attribute: self.attribute.name(), operator: self.operator.name(), wanted })
            }
            None => Ok(()),
        }
    }
}

/// The facts routing looks at, gathered by the caller when a conversation arrives.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub channel: Option<Channel>,
    pub content: String,
    pub tags: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub is_visitor: bool,
    pub person: BTreeMap<String, FactValue>,
    pub company: BTreeMap<String, FactValue>,
    pub apple: BTreeMap<String, String>,
    pub email_cc: Vec<String>,
    pub email_bcc: Vec<String>,
    pub email_to: Vec<String>,
    pub email_from: Option<String>,
    pub email_routed_to: Option<String>,
    pub email_subject: Option<String>,
    pub custom: BTreeMap<(CustomScope, String), FactValue>,
    pub sender_queues: Vec<String>,
}

/// A fact's value: text, several texts (tags, domains, a selection), or a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactValue {
    Text(String),
    Many(Vec<String>),
    Date(NaiveDate),
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Text comparisons ignore case, as people type conditions.
fn text_matches(fact: Option<&str>, op: Operator, value: &Value) -> bool {
    let Value::Text(v) = value else {
        return list_matches(fact.map(|f| vec![f.to_owned()]).as_deref().unwrap_or(&[]), op, value);
    };
    let v = lower(v);
    match (fact.map(lower), op) {
        (Some(f), Operator::Is) => f == v,
        (Some(f), Operator::IsNot) => f != v,
        (Some(f), Operator::Contains) => f.contains(&v),
        (Some(f), Operator::DoesNotContain) => !f.contains(&v),
        (Some(f), Operator::StartsWith) => f.starts_with(&v),
        // An absent fact is not equal to, does not contain and does not start with anything.
        (None, Operator::IsNot | Operator::DoesNotContain) => true,
        _ => false,
    }
}

/// Comparisons on several values (tags, recipients, domains): contains = one of them equals.
fn list_matches(facts: &[String], op: Operator, value: &Value) -> bool {
    let facts: Vec<String> = facts.iter().map(|f| lower(f)).collect();
    let wanted: Vec<String> = match value {
        Value::List(l) => l.iter().map(|x| lower(x)).collect(),
        Value::Text(t) => vec![lower(t)],
        _ => return false,
    };
    let any = wanted.iter().any(|w| facts.contains(w));
    match op {
        Operator::InList | Operator::Contains | Operator::Is => any,
        Operator::NotInList | Operator::DoesNotContain | Operator::IsNot => !any,
        Operator::StartsWith => wanted.iter().any(|w| facts.iter().any(|f| f.starts_with(w))),
        _ => false,
    }
}

fn fact_matches(fact: Option<&FactValue>, op: Operator, value: &Value) -> bool {
    match (fact, value) {
        (Some(FactValue::Date(d)), Value::Date(v)) => match op {
            Operator::Is => d == v,
            Operator::IsNot => d != v,
            Operator::Before => d < v,
            Operator::After => d > v,
            Operator::BeforeOrOn => d <= v,
            Operator::AfterOrOn => d >= v,
            _ => false,
        },
        (None, Value::Date(_)) => op == Operator::IsNot,
        (Some(FactValue::Many(m)), _) => list_matches(m, op, value),
        (Some(FactValue::Text(t)), _) => text_matches(Some(t), op, value),
        (None, _) => text_matches(None, op, value),
        (Some(FactValue::Date(_)), _) => false,
    }
}

impl Condition {
    pub fn matches(&self, f: &Facts) -> bool {
        let (op, v) = (self.operator, &self.value);
        match &self.attribute {
            Attribute::Channel => text_matches(f.channel.map(Channel::as_str), op, v),
            Attribute::Content => text_matches(Some(&f.content), op, v),
            Attribute::ConversationTags => list_matches(&f.tags, op, v),
            Attribute::From => text_matches(f.from.as_deref(), op, v),
            Attribute::To => text_matches(f.to.as_deref(), op, v),
            Attribute::IsVisitor => match (op, v) {
                (Operator::Is, Value::Bool(b)) => f.is_visitor == *b,
                (Operator::IsNot, Value::Bool(b)) => f.is_visitor != *b,
                _ => false,
            },
            Attribute::Person(n) => fact_matches(f.person.get(n), op, v),
            Attribute::Company(n) => fact_matches(f.company.get(n), op, v),
            Attribute::AppleMessages(n) => text_matches(f.apple.get(n).map(String::as_str), op, v),
            Attribute::EmailCc => list_matches(&f.email_cc, op, v),
            Attribute::EmailBcc => list_matches(&f.email_bcc, op, v),
            Attribute::EmailTo => list_matches(&f.email_to, op, v),
            Attribute::EmailFrom => text_matches(f.email_from.as_deref(), op, v),
            Attribute::EmailRoutedToRecipient => text_matches(f.email_routed_to.as_deref(), op, v),
            Attribute::EmailSubject => text_matches(f.email_subject.as_deref(), op, v),
            Attribute::Custom(scope, id) => fact_matches(f.custom.get(&(*scope, id.clone())), op, v),
            Attribute::SenderQueues => list_matches(&f.sender_queues, op, v),
        }
    }
}

/// Which facts a set of conditions looks at, so that callers load only those (a policy change
/// re-checks every open conversation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FactNeeds {
    /// The first customer message (content, email addresses).
    pub messages: bool,
    /// The customer (person attributes, from, is visitor).
    pub requester: bool,
    /// The customer's company.
    pub company: bool,
    pub tags: bool,
    pub custom_conversation: bool,
    pub custom_person: bool,
    pub custom_company: bool,
    pub sender_queues: bool,
}

impl FactNeeds {
    /// Everything (routing a new conversation looks at whatever the routes ask).
    pub fn all() -> Self {
        FactNeeds {
            messages: true,
            requester: true,
            company: true,
            tags: true,
            custom_conversation: true,
            custom_person: true,
            custom_company: true,
            sender_queues: true,
        }
    }

    pub fn of<'a>(conditions: impl IntoIterator<Item = &'a Condition>) -> Self {
        let mut n = FactNeeds::default();
        for c in conditions {
            match &c.attribute {
                Attribute::Channel
                | Attribute::To
                | Attribute::EmailRoutedToRecipient
                | Attribute::EmailSubject
                | Attribute::AppleMessages(_) => {}
                Attribute::Content | Attribute::EmailCc | Attribute::EmailBcc | Attribute::EmailTo => n.messages = true,
                Attribute::EmailFrom => {
                    n.messages = true;
                    n.requester = true;
                }
                Attribute::ConversationTags => n.tags = true,
                Attribute::From | Attribute::IsVisitor | Attribute::Person(_) => n.requester = true,
                Attribute::Company(_) => {
                    n.requester = true;
                    n.company = true;
                }
                Attribute::Custom(CustomScope::Conversation, _) => n.custom_conversation = true,
                Attribute::Custom(CustomScope::Person, _) => {
                    n.requester = true;
                    n.custom_person = true;
                }
                Attribute::Custom(CustomScope::Company, _) => {
                    n.requester = true;
                    n.company = true;
                    n.custom_company = true;
                }
                Attribute::SenderQueues => n.sender_queues = true,
            }
        }
        n
    }
}

/// A condition as clients write it: `{"attribute": "person.city", "operator": "is", "value": "Split"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct ConditionSpec {
    /// channel, content, conversationTags, from, isVisitor, to, person.<name>, company.<name>,
    /// apple.<name>, email.cc, email.bcc, email.to, email.from, email.routedToRecipient,
    /// email.subject, custom.conversation.<identifier>, custom.person.<identifier>,
    /// custom.company.<identifier>, senderQueues.
    pub attribute: String,
    /// is, is not, contains, does not contain, starts with, in list, not in list, before, after,
    /// before or on, after or on.
    pub operator: String,
    pub value: SpecValue,
}

/// A condition's value: text (a date as YYYY-MM-DD for birthDate), a list, or true/false.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum SpecValue {
    Bool(bool),
    Text(String),
    List(Vec<String>),
}

fn camel(name: &str) -> String {
    // "customer tags" -> "customerTags", "device agent" -> "deviceAgent"
    let mut out = String::new();
    let mut up = false;
    for c in name.chars() {
        if c == ' ' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn standard(list: &[&str], key: &str) -> Option<String> {
    list.iter().find(|n| **n == key || camel(n) == key).map(|n| (*n).to_owned())
}

/// Reads an attribute's key.
pub fn parse_attribute(key: &str) -> Option<Attribute> {
    Some(match key {
        "channel" => Attribute::Channel,
        "content" => Attribute::Content,
        "conversationTags" => Attribute::ConversationTags,
        "from" => Attribute::From,
        "isVisitor" => Attribute::IsVisitor,
        "to" => Attribute::To,
        "email.cc" => Attribute::EmailCc,
        "email.bcc" => Attribute::EmailBcc,
        "email.to" => Attribute::EmailTo,
        "email.from" => Attribute::EmailFrom,
        "email.routedToRecipient" => Attribute::EmailRoutedToRecipient,
        "email.subject" => Attribute::EmailSubject,
        "senderQueues" => Attribute::SenderQueues,
        k => {
            if let Some(n) = k.strip_prefix("person.") {
                Attribute::Person(standard(PERSON_ATTRIBUTES, n)?)
            } else if let Some(n) = k.strip_prefix("company.") {
                Attribute::Company(standard(COMPANY_ATTRIBUTES, n)?)
            } else if let Some(n) = k.strip_prefix("apple.") {
                Attribute::AppleMessages(standard(APPLE_ATTRIBUTES, n)?)
            } else if let Some(n) = k.strip_prefix("custom.conversation.") {
                Attribute::Custom(CustomScope::Conversation, n.to_owned())
            } else if let Some(n) = k.strip_prefix("custom.person.") {
                Attribute::Custom(CustomScope::Person, n.to_owned())
            } else if let Some(n) = k.strip_prefix("custom.company.") {
                Attribute::Custom(CustomScope::Company, n.to_owned())
            } else {
                return None;
            }
        }
    })
}

impl Attribute {
    /// The key clients use (the inverse of [`parse_attribute`]).
    pub fn key(&self) -> String {
        match self {
            Attribute::Channel => "channel".into(),
            Attribute::Content => "content".into(),
            Attribute::ConversationTags => "conversationTags".into(),
            Attribute::From => "from".into(),
            Attribute::IsVisitor => "isVisitor".into(),
            Attribute::To => "to".into(),
            Attribute::EmailCc => "email.cc".into(),
            Attribute::EmailBcc => "email.bcc".into(),
            Attribute::EmailTo => "email.to".into(),
            Attribute::EmailFrom => "email.from".into(),
            Attribute::EmailRoutedToRecipient => "email.routedToRecipient".into(),
            Attribute::EmailSubject => "email.subject".into(),
            Attribute::SenderQueues => "senderQueues".into(),
            Attribute::Person(n) => format!("person.{}", camel(n)),
            Attribute::Company(n) => format!("company.{}", camel(n)),
            Attribute::AppleMessages(n) => format!("apple.{}", camel(n)),
            Attribute::Custom(CustomScope::Conversation, n) => format!("custom.conversation.{n}"),
            Attribute::Custom(CustomScope::Person, n) => format!("custom.person.{n}"),
            Attribute::Custom(CustomScope::Company, n) => format!("custom.company.{n}"),
        }
    }
}

/// Reads an operator by the guide's name or its camelCase form.
pub fn parse_operator(name: &str) -> Option<Operator> {
    let folded: String =
        name.chars().filter(|c| !c.is_whitespace() && *c != '_').flat_map(char::to_lowercase).collect();
    Some(match folded.as_str() {
        "is" => Operator::Is,
        "isnot" => Operator::IsNot,
        "contains" => Operator::Contains,
        "doesnotcontain" => Operator::DoesNotContain,
        "startswith" => Operator::StartsWith,
        "inlist" => Operator::InList,
        "notinlist" => Operator::NotInList,
        "before" => Operator::Before,
        "after" => Operator::After,
        "beforeoron" => Operator::BeforeOrOn,
        "afteroron" => Operator::AfterOrOn,
        _ => return None,
    })
}

impl ConditionSpec {
    /// The condition, checked against the guide's table.
    pub fn to_condition(&self) -> Result<Condition, ConditionError> {
        let attribute =
            parse_attribute(&self.attribute).ok_or_else(|| ConditionError::UnknownAttribute(self.attribute.clone()))?;
        let operator =
            parse_operator(&self.operator).ok_or_else(|| ConditionError::UnknownOperator(self.operator.clone()))?;
        let value = match (&attribute, &self.value) {
            (Attribute::Person(n), SpecValue::Text(t)) if n == "birthDate" => {
                match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
                    Ok(d) => Value::Date(d),
                    Err(_) => Value::Text(t.clone()),
                }
            }
            (_, SpecValue::Text(t)) => Value::Text(t.clone()),
            (_, SpecValue::List(l)) => Value::List(l.clone()),
            (_, SpecValue::Bool(b)) => Value::Bool(*b),
        };
        let c = Condition { attribute, operator, value };
        c.validate()?;
        Ok(c)
    }
}

impl From<&Condition> for ConditionSpec {
    fn from(c: &Condition) -> Self {
        ConditionSpec {
            attribute: c.attribute.key(),
            operator: c.operator.name().to_owned(),
            value: match &c.value {
                Value::Text(t) => SpecValue::Text(t.clone()),
                Value::List(l) => SpecValue::List(l.clone()),
                Value::Bool(b) => SpecValue::Bool(*b),
                Value::Date(d) => SpecValue::Text(d.format("%Y-%m-%d").to_string()),
            },
        }
    }
}
