//! Routing: the ordered routes supervisors keep, and applying them to new conversations.

use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::attributes::{AttributeEntity, AttributeValue};
use switchboard_engine::conditions::{ConditionSpec, CustomScope, FactNeeds, FactValue, Facts};
use switchboard_engine::content::{preview, validate_name};
use switchboard_engine::kinds::Priority;
use switchboard_engine::routing::{self as rules, Destination, Route};
use switchboard_store::conversations::Conversation;
use switchboard_store::routes::{self, RouteRow};
use switchboard_store::users::User;
use switchboard_store::{custom_attributes, end_users, messages, queues, tags, Tx};
use uuid::Uuid;

/// A route to create, or the fields of a route to change.
#[derive(Debug, Clone, Default)]
pub struct RouteFields {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    /// Condition groups: every condition of a group must hold; one group is enough.
    pub groups: Option<Vec<Vec<ConditionSpec>>>,
    pub queue_id: Option<Uuid>,
    pub priority: Option<Option<Priority>>,
}

/// A stored route with its conditions read back.
#[derive(Debug, Clone)]
pub struct RouteView {
    pub row: RouteRow,
    pub groups: Vec<Vec<ConditionSpec>>,
}

fn parse_groups(stored: &str) -> Vec<Vec<ConditionSpec>> {
    serde_json::from_str(stored).unwrap_or_default()
}

fn check_groups(groups: &[Vec<ConditionSpec>]) -> Result<()> {
    if groups.iter().any(Vec::is_empty) {
        return Err(switchboard_engine::RuleError::EmptyConditionGroup.into());
    }
    for spec in groups.iter().flatten() {
        spec.to_condition().map_err(switchboard_engine::RuleError::from)?;
    }
    Ok(())
}

fn to_route(view: &RouteView) -> Route {
    Route {
        id: view.row.id,
        name: view.row.name.clone(),
        enabled: view.row.enabled,
        // Conditions were checked when stored; one that no longer reads is left out.
        groups: view.groups.iter().map(|g| g.iter().filter_map(|c| c.to_condition().ok()).collect()).collect(),
        queue: view.row.queue_id,
        priority: view.row.priority,
    }
}

async fn load_all(tx: &mut Tx) -> Result<Vec<RouteView>> {
    Ok(routes::list(tx)
        .await?
        .into_iter()
        .map(|row| RouteView { groups: parse_groups(&row.conditions), row })
        .collect())
}

fn value_of(v: AttributeValue) -> FactValue {
    match v {
        AttributeValue::One(t) => FactValue::Text(t),
        AttributeValue::Many(m) => FactValue::Many(m),
    }
}

/// What routing knows about a conversation: its channel and first message (text and email
/// addresses), its customer and their company, its tags and its custom attributes.
pub(crate) async fn facts_for(
    tx: &mut Tx,
    c: &Conversation,
    first_message: Option<&crate::unit::timeline::NewMessage>,
) -> Result<Facts> {
    facts_needed(tx, c, first_message, FactNeeds::all()).await
}

/// The facts of a conversation that `needs` asks for; the others are left empty.
pub(crate) async fn facts_needed(
    tx: &mut Tx,
    c: &Conversation,
    first_message: Option<&crate::unit::timeline::NewMessage>,
    needs: FactNeeds,
) -> Result<Facts> {
    let requester = if needs.requester { end_users::get(tx, c.requester_id).await? } else { None };
    let (content, email) = match first_message {
        Some(m) => (preview(m.content.value(), usize::MAX), m.email.clone()),
        None if needs.messages => messages::of_conversation(tx, c.id)
            .await?
            .into_iter()
            .find(|m| m.direction == switchboard_engine::kinds::Direction::Inbound)
            .map(|m| (preview(m.content.value(), usize::MAX), m.email))
            .unwrap_or_default(),
        None => Default::default(),
    };
    let tags = if needs.tags {
        tags::of_conversation(tx, c.id).await?.into_iter().map(|t| t.name).collect()
    } else {
        Vec::new()
    };
    let mut f = Facts {
        channel: Some(c.channel),
        content,
        tags,
        to: c.integration_email.clone().or_else(|| c.contact_endpoint_id.clone()),
        email_to: c.integration_email.iter().cloned().collect(),
        email_routed_to: c.integration_email.clone(),
        email_subject: c.subject.clone(),
        ..Default::default()
    };
    if let Some(r) = &requester {
        f.from = r.email.clone().or_else(|| r.phone_number.clone());
        f.email_from = r.email.clone();
        f.is_visitor = r.email.is_none() && r.phone_number.is_none() && r.external_id.is_none();
        f.person = switchboard_engine::people::person_facts(&r.first_name, &r.last_name, &r.external_id, &r.person);
        if let (Some(company), true) = (r.company_id, needs.company) {
            if let Some(c) = switchboard_store::companies::get(tx, company).await? {
                f.company = switchboard_engine::people::company_facts(&c.details);
                if needs.custom_company {
                    for (d, v) in
                        custom_attributes::values_of(tx, AttributeEntity::Company, &company.to_string()).await?
                    {
                        f.custom.insert((CustomScope::Company, d.identifier), value_of(v));
                    }
                }
            }
        }
        if needs.custom_person {
            for (d, v) in custom_attributes::values_of(tx, AttributeEntity::Contact, &r.id.to_string()).await? {
                f.custom.insert((CustomScope::Person, d.identifier), value_of(v));
            }
        }
    }
    // The email's own addresses, when it came with them.
    if let Some(e) = email {
        if e.from.is_some() {
            f.email_from = e.from;
        }
        for to in e.to {
            if !f.email_to.iter().any(|t| t.eq_ignore_ascii_case(&to)) {
                f.email_to.push(to);
            }
        }
        f.email_cc = e.cc;
        f.email_bcc = e.bcc;
    }
    // Sender queues: the queues whose senders include the address the customer wrote to, while
    // queues have their own senders.
    if let (Some(to), true) = (&f.to, needs.sender_queues) {
        if crate::unit::membership::senders_switch(tx).await? {
            f.sender_queues = queues::with_sender(tx, to).await?.into_iter().map(|q| q.to_string()).collect();
        }
    }
    if needs.custom_conversation {
        for (d, v) in custom_attributes::values_of(tx, AttributeEntity::Conversation, &c.id.to_string()).await? {
            f.custom.insert((CustomScope::Conversation, d.identifier), value_of(v));
        }
    }
    Ok(f)
}

/// Where routing sends a conversation with these facts.
pub(crate) async fn destination(tx: &mut Tx, facts: &Facts, default_queue: Uuid) -> Result<Destination> {
    let routes: Vec<Route> = load_all(tx).await?.iter().map(to_route).collect();
    Ok(rules::route(&routes, facts, default_queue))
}

impl Service {
    /// Adds a route at the end of the list, or at `position` (0 is the top).
    pub async fn create_route(&self, by: &User, f: RouteFields, position: Option<usize>) -> Result<RouteView> {
        crate::access::require(by, Permission::Configure)?;
        let groups = f.groups.unwrap_or_default();
        check_groups(&groups)?;
        let queue_id = f.queue_id.ok_or(switchboard_engine::RuleError::Required("queueId"))?;
        let mut work = self.work().await?;
        queues::get(&mut work.tx, queue_id)
            .await?
            .ok_or_else(|| ServiceError::Unknown("Queue does not exist".into()))?;
        let mut all = routes::list(&mut work.tx).await?;
        let row = RouteRow {
            id: Uuid::new_v4(),
            name: validate_name("name", f.name.as_deref().unwrap_or(""), 200)?,
            enabled: f.enabled.unwrap_or(true),
            position: all.len() as i64,
            conditions: serde_json::to_string(&groups).map_err(|e| ServiceError::Internal(e.to_string()))?,
            queue_id,
            priority: f.priority.flatten(),
            created_at: work.now,
            updated_at: work.now,
        };
        routes::insert(&mut work.tx, &row).await?;
        let at = position.unwrap_or(all.len()).min(all.len());
        all.insert(at, row.clone());
        routes::renumber(&mut work.tx, &all.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
        self.finish(work).await?;
        Ok(RouteView { row: RouteRow { position: at as i64, ..row }, groups })
    }

    pub async fn routes(&self, by: &User) -> Result<Vec<RouteView>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        load_all(&mut tx).await
    }

    pub async fn route_by_id(&self, by: &User, id: Uuid) -> Result<RouteView> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let row =
            routes::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Route {id} not found")))?;
        Ok(RouteView { groups: parse_groups(&row.conditions), row })
    }

    pub async fn update_route(&self, by: &User, id: Uuid, f: RouteFields) -> Result<RouteView> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut row = routes::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Route {id} not found")))?;
        if let Some(n) = f.name {
            row.name = validate_name("name", &n, 200)?;
        }
        if let Some(e) = f.enabled {
            row.enabled = e;
        }
        if let Some(groups) = &f.groups {
            check_groups(groups)?;
            row.conditions = serde_json::to_string(groups).map_err(|e| ServiceError::Internal(e.to_string()))?;
        }
        if let Some(q) = f.queue_id {
            queues::get(&mut work.tx, q).await?.ok_or_else(|| ServiceError::Unknown("Queue does not exist".into()))?;
            row.queue_id = q;
        }
        if let Some(p) = f.priority {
            row.priority = p;
        }
        row.updated_at = work.now;
        routes::update(&mut work.tx, &row).await?;
        self.finish(work).await?;
        Ok(RouteView { groups: parse_groups(&row.conditions), row })
    }

    pub async fn delete_route(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        routes::get(&mut work.tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Route {id} not found")))?;
        routes::delete(&mut work.tx, id).await?;
        let rest: Vec<Uuid> = routes::list(&mut work.tx).await?.iter().map(|r| r.id).collect();
        routes::renumber(&mut work.tx, &rest).await?;
        self.finish(work).await
    }

    /// Moves a route to a position in the list (0 sends it to the top; past the end, last).
    pub async fn move_route(&self, by: &User, id: Uuid, position: usize) -> Result<Vec<RouteView>> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut order: Vec<Uuid> = routes::list(&mut work.tx).await?.iter().map(|r| r.id).collect();
        let from = order
            .iter()
            .position(|r| *r == id)
            .ok_or_else(|| ServiceError::NotFound(format!("Route {id} not found")))?;
        order.remove(from);
        order.insert(position.min(order.len()), id);
        routes::renumber(&mut work.tx, &order).await?;
        let all = load_all(&mut work.tx).await?;
        self.finish(work).await?;
        Ok(all)
    }
}
