//! Custom attributes: supervisors define them; agents and integrations set them on conversations.

use crate::events::EventKind;
use crate::{Result, Service, ServiceError};
use std::collections::BTreeMap;
use switchboard_engine::access::Permission;
use switchboard_engine::attributes::{self, AttributeEntity, AttributeKind, AttributeRule, AttributeValue};
use switchboard_engine::content::validate_name;
use switchboard_engine::conversation as rules;
use switchboard_store::conversations;
use switchboard_store::custom_attributes::{self, Definition};
use switchboard_store::users::User;
use uuid::Uuid;

/// A new definition.
#[derive(Debug, Clone)]
pub struct NewAttribute {
    pub entity: AttributeEntity,
    pub identifier: String,
    pub name: String,
    pub kind: AttributeKind,
    pub options: Vec<String>,
}

impl Service {
    pub async fn create_attribute(&self, by: &User, input: NewAttribute) -> Result<Definition> {
        crate::access::require(by, Permission::Configure)?;
        let name = validate_name("name", &input.name, 200)?;
        let options: Vec<String> = input.options.iter().map(|o| o.trim().to_owned()).collect();
        attributes::validate_definition(input.kind, &input.identifier, &options).map_err(ServiceError::Invalid)?;
        let mut work = self.work().await?;
        if custom_attributes::find(&mut work.tx, input.entity, &input.identifier).await?.is_some() {
            return Err(switchboard_engine::RuleError::AttributeExists {
                entity: input.entity.as_str(),
                identifier: input.identifier.clone(),
            }
            .into());
        }
        let d = Definition {
            id: Uuid::new_v4(),
            entity: input.entity,
            identifier: input.identifier,
            name,
            kind: input.kind,
            options,
            archived: false,
            created_at: work.now,
        };
        custom_attributes::insert(&mut work.tx, &d).await?;
        self.finish(work).await?;
        Ok(d)
    }

    pub async fn attributes(&self, by: &User) -> Result<Vec<Definition>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        Ok(custom_attributes::list(&mut tx).await?)
    }

    pub async fn attribute(&self, by: &User, id: Uuid) -> Result<Definition> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        custom_attributes::get(&mut tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Custom attribute {id} not found")))
    }

    /// Archived attributes keep their values but take no new ones.
    pub async fn archive_attribute(&self, by: &User, id: Uuid, archived: bool) -> Result<Definition> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut d = custom_attributes::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Custom attribute {id} not found")))?;
        custom_attributes::set_archived(&mut work.tx, id, archived).await?;
        self.finish(work).await?;
        d.archived = archived;
        Ok(d)
    }

    /// Sets (or, with None, clears) values by definition id. All or nothing: one unknown id or
    /// one value that does not fit its definition refuses the whole patch.
    pub async fn patch_conversation_attributes(
        &self,
        by: &User,
        id: i64,
        changes: BTreeMap<Uuid, Option<AttributeValue>>,
    ) -> Result<Vec<(Definition, AttributeValue)>> {
        let mut work = self.work().await?;
        let mut c = crate::access::reach_conversation(&mut work.tx, by, id, self.default_queue_id()).await?;
        rules::edit(&c.snapshot())?;
        let key = id.to_string();
        apply(&mut work.tx, AttributeEntity::Conversation, &key, changes).await?;
        c.updated_at = work.now;
        conversations::update(&mut work.tx, &c).await?;
        let values = custom_attributes::values_of(&mut work.tx, AttributeEntity::Conversation, &key).await?;
        work.emit(EventKind::ConversationUpdated, c.id, c.queue_id, c.assignment.map(|a| a.agent_id), None);
        // Policies may look at these values.
        work.sla.push((c.id, true));
        self.finish(work).await?;
        Ok(values)
    }
}

impl Service {
    /// Sets (or clears) an end user's custom attribute values; all or nothing, as for conversations.
    pub async fn patch_end_user_attributes(
        &self,
        by: &User,
        id: Uuid,
        changes: BTreeMap<Uuid, Option<AttributeValue>>,
    ) -> Result<Vec<(Definition, AttributeValue)>> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        let mut work = self.work().await?;
        switchboard_store::end_users::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("End user {id} not found")))?;
        let key = id.to_string();
        apply(&mut work.tx, AttributeEntity::Contact, &key, changes).await?;
        let values = custom_attributes::values_of(&mut work.tx, AttributeEntity::Contact, &key).await?;
        self.finish(work).await?;
        Ok(values)
    }
}

impl Service {
    /// Sets (or clears) a company's custom attribute values; all or nothing.
    pub async fn patch_company_attributes(
        &self,
        by: &User,
        id: Uuid,
        changes: BTreeMap<Uuid, Option<AttributeValue>>,
    ) -> Result<Vec<(Definition, AttributeValue)>> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        let mut work = self.work().await?;
        switchboard_store::companies::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Company {id} not found")))?;
        let key = id.to_string();
        apply(&mut work.tx, AttributeEntity::Company, &key, changes).await?;
        let values = custom_attributes::values_of(&mut work.tx, AttributeEntity::Company, &key).await?;
        self.finish(work).await?;
        Ok(values)
    }

    /// A company's custom attribute values.
    pub async fn company_attributes(&self, by: &User, id: Uuid) -> Result<Vec<(Definition, AttributeValue)>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        switchboard_store::companies::get(&mut tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Company {id} not found")))?;
        Ok(custom_attributes::values_of(&mut tx, AttributeEntity::Company, &id.to_string()).await?)
    }
}

/// Sets or clears values of one entity's attributes. All or nothing: an unknown id, an attribute
/// of another entity or a value that does not fit refuses the whole set (the caller's
/// transaction is then dropped).
async fn apply(
    tx: &mut switchboard_store::Tx,
    entity: AttributeEntity,
    key: &str,
    changes: BTreeMap<Uuid, Option<AttributeValue>>,
) -> Result<()> {
    let noun = match entity {
        AttributeEntity::Conversation => "conversation",
        AttributeEntity::Contact => "end user",
        AttributeEntity::Company => "company",
    };
    for (attribute, value) in changes {
        let d = custom_attributes::get(tx, attribute).await?.filter(|d| d.entity == entity).ok_or_else(|| {
            ServiceError::from(switchboard_engine::RuleError::UnknownPatchAttribute { noun, attribute })
        })?;
        match value {
            None => custom_attributes::clear_value(tx, d.id, key).await?,
            Some(v) => {
                let rule = AttributeRule { name: &d.name, kind: d.kind, options: &d.options, archived: d.archived };
                let v = attributes::validate(&rule, &v).map_err(switchboard_engine::RuleError::from)?;
                custom_attributes::set_value(tx, d.id, key, &v).await?;
            }
        }
    }
    Ok(())
}
