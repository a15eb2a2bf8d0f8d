//! The condition builder's offer: the built-in attributes in picker order, with their labels,
//! groups, operators and kinds of value, and the operators custom attributes take. Clients show
//! this instead of keeping their own copy of the guide's table.

use crate::conditions::{Attribute, Operator, COMPANY_ATTRIBUTES, CUSTOM, EXACT, PERSON_ATTRIBUTES};

/// What kind of value a condition on an attribute compares with (lists for the list operators).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum ValueKind {
    Text,
    Channel,
    Boolean,
    Tags,
    Queues,
    Date,
    Gender,
    List,
}

/// A built-in attribute as a condition builder offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    pub key: String,
    pub label: String,
    /// The heading it is listed under: Conversation, Person, Company, Email.
    pub group: &'static str,
    pub operators: &'static [Operator],
    pub value: ValueKind,
}

/// "birthDate" as people read it: "Birth date" (a few names read better said otherwise).
fn label_of(name: &str) -> String {
    match name {
        "nickName" => return "Nickname".into(),
        "vatNumber" => return "VAT number".into(),
        "externalPersonId" | "externalId" => return "External id".into(),
        _ => {}
    }
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The built-in attributes in the order a condition builder offers them, each with the
/// operators the guide allows and its kind of value. Custom attributes are offered with
/// [`custom_operators`].
pub fn catalogue() -> Vec<CatalogueEntry> {
    let entry = |a: Attribute, label: &str, group: &'static str, value: ValueKind| CatalogueEntry {
        key: a.key(),
        label: label.to_owned(),
        group,
        operators: a.operators().unwrap_or(EXACT),
        value,
    };
    let mut out = vec![
        entry(Attribute::Channel, "Channel", "Conversation", ValueKind::Channel),
        entry(Attribute::Content, "Content", "Conversation", ValueKind::Text),
        entry(Attribute::ConversationTags, "Conversation tags", "Conversation", ValueKind::Tags),
        entry(Attribute::From, "From", "Conversation", ValueKind::Text),
        entry(Attribute::To, "To", "Conversation", ValueKind::Text),
        entry(Attribute::IsVisitor, "Is visitor", "Conversation", ValueKind::Boolean),
        entry(Attribute::SenderQueues, "Sender queues", "Conversation", ValueKind::Queues),
    ];
    for name in PERSON_ATTRIBUTES {
        let a = Attribute::Person((*name).to_owned());
        let value = match *name {
            "birthDate" => ValueKind::Date,
            "gender" => ValueKind::Gender,
            _ => ValueKind::Text,
        };
        let label = label_of(&a.key()["person.".len()..]);
        out.push(entry(a, &label, "Person", value));
    }
    for name in COMPANY_ATTRIBUTES {
        let a = Attribute::Company((*name).to_owned());
        let label = label_of(&a.key()["company.".len()..]);
        out.push(entry(a, &label, "Company", ValueKind::Text));
    }
    out.extend([
        entry(Attribute::EmailFrom, "From", "Email", ValueKind::Text),
        entry(Attribute::EmailTo, "To", "Email", ValueKind::List),
        entry(Attribute::EmailCc, "Cc", "Email", ValueKind::Text),
        entry(Attribute::EmailBcc, "Bcc", "Email", ValueKind::Text),
        entry(Attribute::EmailRoutedToRecipient, "Routed to recipient", "Email", ValueKind::Text),
        entry(Attribute::EmailSubject, "Subject", "Email", ValueKind::Text),
    ]);
    out
}

/// The operators custom attributes take.
pub fn custom_operators() -> &'static [Operator] {
    CUSTOM
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::{parse_attribute, ALL_OPERATORS};

    #[test]
    fn the_catalogue_offers_what_conditions_accept() {
        let all = catalogue();
        for e in &all {
            let a = parse_attribute(&e.key).unwrap_or_else(|| panic!("{} parses", e.key));
            assert_eq!(a.operators(), Some(e.operators), "{}", e.key);
        }
        let birth = all.iter().find(|e| e.key == "person.birthDate").unwrap();
        assert_eq!((birth.label.as_str(), birth.value), ("Birth date", ValueKind::Date));
        assert!(custom_operators().contains(&Operator::InList));
        assert_eq!(ALL_OPERATORS.len(), 11);
    }
}
