//! Routing: an ordered list of routes, each a set of conditions (AND within a group, OR between
//! groups) over the conversation's facts; the first enabled route that matches gives the queue
//! and priority, and no match means the Default queue.

use crate::conditions::{Condition, Facts};
use crate::kinds::Priority;
use uuid::Uuid;

/// A route: conditions in groups (every condition of a group must hold; one group is enough).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub id: Uuid,
    pub name: String,
    pub enabled: bool,
    pub groups: Vec<Vec<Condition>>,
    pub queue: Uuid,
    pub priority: Option<Priority>,
}

impl Route {
    /// A route with no condition at all matches everything (a catch-all at the end of the list).
    pub fn matches(&self, f: &Facts) -> bool {
        self.groups.is_empty() || self.groups.iter().any(|g| g.iter().all(|c| c.matches(f)))
    }
}

/// Where a new conversation goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Destination {
    pub queue: Uuid,
    pub priority: Option<Priority>,
    /// The route that matched; None means no route did and the Default queue takes it.
    pub route: Option<Uuid>,
}

/// The first enabled route that matches, in order; otherwise the Default queue.
pub fn route(routes: &[Route], facts: &Facts, default_queue: Uuid) -> Destination {
    routes
        .iter()
        .filter(|r| r.enabled)
        .find(|r| r.matches(facts))
        .map(|r| Destination { queue: r.queue, priority: r.priority, route: Some(r.id) })
        .unwrap_or(Destination { queue: default_queue, priority: None, route: None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conditions::*;
    use crate::kinds::Channel;
    use chrono::NaiveDate;

    fn text(a: Attribute, op: Operator, v: &str) -> Condition {
        Condition { attribute: a, operator: op, value: Value::Text(v.into()) }
    }

    fn q(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn specs_parse_and_round_trip() {
        let spec = ConditionSpec {
            attribute: "person.customerTags".into(),
            operator: "doesNotContain".into(),
            value: SpecValue::Text("spam".into()),
        };
        let c = spec.to_condition().unwrap();
        assert_eq!(c.attribute, Attribute::Person("customer tags".into()));
        assert_eq!(ConditionSpec::from(&c).attribute, "person.customerTags");
        let bd = ConditionSpec {
            attribute: "person.birthDate".into(),
            operator: "before or on".into(),
            value: SpecValue::Text("2000-01-31".into()),
        };
        assert_eq!(bd.to_condition().unwrap().value, Value::Date(NaiveDate::from_ymd_opt(2000, 1, 31).unwrap()));
        let bad_date = ConditionSpec { value: SpecValue::Text("last year".into()), ..bd };
        assert!(bad_date.to_condition().unwrap_err().to_string().contains("a date"));
        let unknown = ConditionSpec {
            attribute: "person.shoeSize".into(),
            operator: "is".into(),
            value: SpecValue::Text("42".into()),
        };
        assert_eq!(unknown.to_condition().unwrap_err().to_string(), "Unknown attribute 'person.shoeSize'");
        let wrong = ConditionSpec {
            attribute: "company.domains".into(),
            operator: "starts with".into(),
            value: SpecValue::Text("a".into()),
        };
        assert_eq!(
            wrong.to_condition().unwrap_err().to_string(),
            "Operator 'starts with' is not allowed for attribute 'domains'"
        );
        let custom = ConditionSpec {
            attribute: "custom.company.tier".into(),
            operator: "in list".into(),
            value: SpecValue::List(vec!["Gold".into()]),
        };
        assert_eq!(custom.to_condition().unwrap().attribute.key(), "custom.company.tier");
    }

    #[test]
    fn operators_follow_the_guides_table() {
        use Operator::*;
        assert_eq!(Attribute::Channel.operators(), Some(&[Is, IsNot][..]));
        assert_eq!(Attribute::Content.operators(), Some(&[Is, IsNot, Contains, StartsWith][..]));
        assert_eq!(Attribute::ConversationTags.operators(), Some(&[InList, NotInList][..]));
        assert_eq!(Attribute::Person("birthDate".into()).operators(), Some(DATE));
        assert_eq!(Attribute::Person("customer tags".into()).operators(), Some(&[Contains, DoesNotContain][..]));
        assert_eq!(Attribute::Company("domains".into()).operators(), Some(&[Contains, DoesNotContain][..]));
        assert_eq!(Attribute::EmailTo.operators(), Some(&[InList, NotInList][..]));
        assert_eq!(Attribute::EmailSubject.operators().map(|o| o.len()), Some(5));
        assert_eq!(Attribute::Person("shoeSize".into()).operators(), None);
    }

    #[test]
    fn a_wrong_operator_is_named_with_its_attribute() {
        let c = text(Attribute::Channel, Operator::Contains, "Email");
        assert_eq!(c.validate().unwrap_err().to_string(), "Operator 'contains' is not allowed for attribute 'channel'");
        let c = Condition { attribute: Attribute::IsVisitor, operator: Operator::Is, value: Value::Text("yes".into()) };
        assert!(c.validate().unwrap_err().to_string().contains("true or false"));
        let c = Condition {
            attribute: Attribute::ConversationTags,
            operator: Operator::InList,
            value: Value::List(vec![]),
        };
        assert!(c.validate().is_err());
        assert!(text(Attribute::Person("nope".into()), Operator::Is, "x").validate().is_err());
    }

    #[test]
    fn the_guides_premium_before_spanish_example() {
        // Premium customers must land in Premium even when they write in Spanish, so the
        // Premium route comes first.
        let premium = Route {
            id: q(1),
            name: "Premium".into(),
            enabled: true,
            groups: vec![vec![text(Attribute::Company("segment".into()), Operator::Is, "Premium")]],
            queue: q(10),
            priority: Some(Priority::High),
        };
        let spanish = Route {
            id: q(2),
            name: "Spanish".into(),
            enabled: true,
            groups: vec![vec![text(Attribute::Person("country".into()), Operator::Is, "Spain")]],
            queue: q(20),
            priority: None,
        };
        let mut f = Facts::default();
        f.company.insert("segment".into(), FactValue::Text("premium".into()));
        f.person.insert("country".into(), FactValue::Text("Spain".into()));
        let routes = vec![premium.clone(), spanish.clone()];
        assert_eq!(
            route(&routes, &f, q(99)),
            Destination { queue: q(10), priority: Some(Priority::High), route: Some(q(1)) }
        );
        // Reordered, the first match wins.
        assert_eq!(route(&[spanish.clone(), premium.clone()], &f, q(99)).queue, q(20));
        // Disabled routes are skipped; no match goes to the Default queue.
        let off = Route { enabled: false, ..premium };
        assert_eq!(route(&[off], &f, q(99)), Destination { queue: q(99), priority: None, route: None });
    }

    #[test]
    fn groups_are_or_and_conditions_are_and() {
        let r = Route {
            id: q(1),
            name: "VIP email or urgent words".into(),
            enabled: true,
            groups: vec![
                vec![
                    text(Attribute::Channel, Operator::Is, "Email"),
                    Condition {
                        attribute: Attribute::ConversationTags,
                        operator: Operator::InList,
                        value: Value::List(vec!["vip".into()]),
                    },
                ],
                vec![text(Attribute::Content, Operator::Contains, "refund")],
            ],
            queue: q(10),
            priority: None,
        };
        let mut f = Facts { channel: Some(Channel::Email), ..Default::default() };
        assert!(!r.matches(&f), "email without the tag");
        f.tags.push("VIP".into());
        assert!(r.matches(&f));
        let chat =
            Facts { channel: Some(Channel::WidgetChat), content: "I want a REFUND".into(), ..Default::default() };
        assert!(r.matches(&chat));
    }

    #[test]
    fn each_kind_of_fact_compares() {
        let mut f = Facts {
            email_cc: vec!["boss@acme.com".into()],
            email_to: vec!["support@shop.test".into()],
            email_subject: Some("Order 7 delayed".into()),
            is_visitor: true,
            sender_queues: vec!["Billing".into()],
            ..Default::default()
        };
        f.person.insert("birthDate".into(), FactValue::Date(NaiveDate::from_ymd_opt(1990, 5, 1).unwrap()));
        f.company.insert("domains".into(), FactValue::Many(vec!["acme.com".into(), "acme.io".into()]));
        f.custom.insert((CustomScope::Conversation, "plan".into()), FactValue::Many(vec!["Gold".into()]));
        let date = |op, y| Condition {
            attribute: Attribute::Person("birthDate".into()),
            operator: op,
            value: Value::Date(NaiveDate::from_ymd_opt(y, 1, 1).unwrap()),
        };
        assert!(date(Operator::After, 1980).matches(&f));
        assert!(date(Operator::Before, 2000).matches(&f));
        assert!(!date(Operator::BeforeOrOn, 1989).matches(&f));
        assert!(text(Attribute::EmailCc, Operator::Contains, "BOSS@acme.com").matches(&f));
        assert!(text(Attribute::EmailBcc, Operator::DoesNotContain, "x@y.z").matches(&f));
        assert!(Condition {
            attribute: Attribute::EmailTo,
            operator: Operator::NotInList,
            value: Value::List(vec!["sales@shop.test".into()])
        }
        .matches(&f));
        assert!(text(Attribute::EmailSubject, Operator::StartsWith, "order").matches(&f));
        assert!(text(Attribute::EmailSubject, Operator::DoesNotContain, "refund").matches(&f));
        assert!(
            Condition { attribute: Attribute::IsVisitor, operator: Operator::Is, value: Value::Bool(true) }.matches(&f)
        );
        assert!(text(Attribute::Company("domains".into()), Operator::Contains, "acme.io").matches(&f));
        assert!(Condition {
            attribute: Attribute::Custom(CustomScope::Conversation, "plan".into()),
            operator: Operator::InList,
            value: Value::List(vec!["Gold".into(), "Silver".into()])
        }
        .matches(&f));
        assert!(Condition {
            attribute: Attribute::SenderQueues,
            operator: Operator::InList,
            value: Value::List(vec!["billing".into()])
        }
        .matches(&f));
        // Absent facts: "is not" holds, "is" does not.
        assert!(text(Attribute::From, Operator::IsNot, "x").matches(&f));
        assert!(!text(Attribute::From, Operator::Is, "x").matches(&f));
    }
}
