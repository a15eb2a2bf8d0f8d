//! End users: the customers conversations are with.

use crate::fields::{check_email, clean};
use crate::page::{page, Bulk, Page};
use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::people::PersonDetails;
use switchboard_store::end_users::{self, EndUser};
use switchboard_store::users::User;
use switchboard_store::Tx;
use uuid::Uuid;

/// Fields of an end user; on create every field is taken as given, on patch only the set ones.
#[derive(Debug, Clone, Default)]
pub struct EndUserFields {
    pub display_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub external_id: Option<String>,
    /// Standard person attributes to set (null clears one); the others stay.
    pub person: Option<serde_json::Map<String, serde_json::Value>>,
    /// `Some(None)` takes the person out of their company.
    pub company_id: Option<Option<Uuid>>,
}

/// Checks that a company named in a request exists.
async fn check_company(tx: &mut Tx, company: Option<Uuid>) -> Result<()> {
    if let Some(id) = company {
        switchboard_store::companies::get(tx, id)
            .await?
            .ok_or_else(|| ServiceError::Unknown(format!("Company {id} does not exist")))?;
    }
    Ok(())
}

impl Service {
    /// An end user's conversations within the caller's reach, latest activity first.
    pub async fn end_user_conversations(
        &self,
        by: &User,
        id: Uuid,
        after: Option<switchboard_store::conversations::Cursor>,
        limit: u32,
    ) -> Result<Page<switchboard_store::conversations::Conversation, switchboard_store::conversations::Cursor>> {
        crate::access::require(by, Permission::Conversations)?;
        {
            let mut tx = self.store().read().await?;
            end_users::get(&mut tx, id)
                .await?
                .ok_or_else(|| ServiceError::NotFound(format!("End user {id} not found")))?;
        }
        let filter = switchboard_store::conversations::Filter { requester_id: Some(id), ..Default::default() };
        self.conversations(by, &filter, after, limit).await
    }

    pub async fn create_end_user(&self, by: &User, input: EndUserFields) -> Result<EndUser> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        let email = clean(input.email);
        check_email(&email)?;
        let person = match &input.person {
            Some(patch) => PersonDetails::default().patched(patch)?,
            None => PersonDetails::default(),
        };
        let company_id = input.company_id.flatten();
        let mut work = self.work().await?;
        check_company(&mut work.tx, company_id).await?;
        let user = EndUser {
            id: Uuid::new_v4(),
            display_name: clean(input.display_name),
            first_name: clean(input.first_name),
            last_name: clean(input.last_name),
            email,
            phone_number: clean(input.phone_number),
            external_id: clean(input.external_id),
            person,
            company_id,
            created_at: work.now,
            updated_at: work.now,
            anonymized_at: None,
        };
        if let Some(ext) = &user.external_id {
            let taken = end_users::list(
                &mut work.tx,
                &end_users::Filter { external_id: Some(ext.clone()), ..Default::default() },
                None,
                1,
            )
            .await?;
            if !taken.is_empty() {
                return Err(switchboard_engine::RuleError::AlreadyExists {
                    what: switchboard_engine::Taken::EndUserExternalId,
                    name: ext.to_string(),
                }
                .into());
            }
        }
        end_users::insert(&mut work.tx, &user).await?;
        self.finish(work).await?;
        Ok(user)
    }

    pub async fn end_user(&self, by: &User, id: Uuid) -> Result<EndUser> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        end_users::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("End user {id} not found")))
    }

    pub async fn end_users(
        &self,
        by: &User,
        filter: &end_users::Filter,
        after: Option<(i64, String)>,
        limit: u32,
    ) -> Result<Page<EndUser, (i64, String)>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let rows = end_users::list(&mut tx, filter, after, limit + 1).await?;
        Ok(page(rows, limit, |u| (u.created_at.timestamp_millis(), u.id.to_string())))
    }

    /// Changes the given fields; an empty string clears a field.
    pub async fn patch_end_user(&self, by: &User, id: Uuid, changes: EndUserFields) -> Result<EndUser> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        let mut work = self.work().await?;
        let mut user = end_users::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("End user {id} not found")))?;
        let set = |field: &mut Option<String>, value: Option<String>| {
            if let Some(v) = value {
                *field = clean(Some(v));
            }
        };
        set(&mut user.display_name, changes.display_name);
        set(&mut user.first_name, changes.first_name);
        set(&mut user.last_name, changes.last_name);
        set(&mut user.email, changes.email);
        set(&mut user.phone_number, changes.phone_number);
        if let Some(patch) = &changes.person {
            user.person = user.person.patched(patch)?;
        }
        if let Some(company) = changes.company_id {
            check_company(&mut work.tx, company).await?;
            user.company_id = company;
        }
        if let Some(ext) = changes.external_id {
            let ext = clean(Some(ext));
            if let Some(e) = &ext {
                let others = end_users::list(
                    &mut work.tx,
                    &end_users::Filter { external_id: Some(e.clone()), ..Default::default() },
                    None,
                    2,
                )
                .await?;
                if others.iter().any(|o| o.id != id) {
                    return Err(switchboard_engine::RuleError::AlreadyExists {
                        what: switchboard_engine::Taken::EndUserExternalId,
                        name: e.to_string(),
                    }
                    .into());
                }
            }
            user.external_id = ext;
        }
        check_email(&user.email)?;
        user.updated_at = work.now;
        end_users::update(&mut work.tx, &user).await?;
        self.finish(work).await?;
        Ok(user)
    }

    /// Creates several end users; each refused item is reported and the others kept.
    pub async fn create_end_users(&self, by: &User, inputs: Vec<EndUserFields>) -> Result<Vec<Bulk<EndUser>>> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        switchboard_engine::bulk::check_size("end users", inputs.len())?;
        let mut out = Vec::with_capacity(inputs.len());
        for input in inputs {
            out.push(match self.create_end_user(by, input).await {
                Err(ServiceError::Store(e)) => return Err(ServiceError::Store(e)),
                other => other,
            });
        }
        Ok(out)
    }

    /// Patches several end users; each refused item is reported and the others kept.
    pub async fn patch_end_users(&self, by: &User, changes: Vec<(Uuid, EndUserFields)>) -> Result<Vec<Bulk<EndUser>>> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        switchboard_engine::bulk::check_size("end users", changes.len())?;
        let mut out = Vec::with_capacity(changes.len());
        for (id, fields) in changes {
            out.push(match self.patch_end_user(by, id, fields).await {
                Err(ServiceError::Store(e)) => return Err(ServiceError::Store(e)),
                other => other,
            });
        }
        Ok(out)
    }

    /// Replaces an end user's details (Dixa's update): fields left out are cleared.
    pub async fn replace_end_user(&self, by: &User, id: Uuid, fields: EndUserFields) -> Result<EndUser> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        let all = EndUserFields {
            display_name: Some(fields.display_name.unwrap_or_default()),
            first_name: Some(fields.first_name.unwrap_or_default()),
            last_name: Some(fields.last_name.unwrap_or_default()),
            email: Some(fields.email.unwrap_or_default()),
            phone_number: Some(fields.phone_number.unwrap_or_default()),
            external_id: Some(fields.external_id.unwrap_or_default()),
            // Person details and company are not part of Dixa's end user: kept unless given.
            person: fields.person,
            company_id: fields.company_id,
        };
        self.patch_end_user(by, id, all).await
    }
}
