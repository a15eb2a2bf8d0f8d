//! Agents, admins and bots: who handles conversations and who changes the setup.

use crate::auth::principal;
use crate::fields::{check_email, clean};
use crate::page::{page, Bulk, Page};
use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::access::{self, Principal};
use switchboard_engine::content::validate_name;
use switchboard_engine::user::{Role, Roles, UserType};
use switchboard_store::queues;
use switchboard_store::users::{self, User};
use uuid::Uuid;

/// A new agent, admin or bot.
#[derive(Debug, Clone, Default)]
pub struct NewAgent {
    pub display_name: String,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub user_type: Option<UserType>,
    pub roles: Option<Vec<Role>>,
}

/// Changes to an agent; unset fields stay. An empty string clears an optional field.
#[derive(Debug, Clone, Default)]
pub struct AgentChanges {
    pub display_name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub roles: Option<Vec<Role>>,
    pub enabled: Option<bool>,
}

impl Service {
    pub async fn create_agent(&self, by: &User, input: NewAgent) -> Result<User> {
        crate::access::require(by, Permission::Configure)?;
        let user_type = input.user_type.unwrap_or(UserType::Agent);
        let default_roles = match user_type {
            UserType::Agent => vec![Role::Agent],
            UserType::Admin => vec![Role::Manager, Role::AnalyticsManager, Role::AccountManager],
            UserType::Bot => vec![],
        };
        let roles = Roles::new(input.roles.unwrap_or(default_roles))?;
        access::may_administer(principal(by), false, None, Principal { user_type, roles: &roles })?;
        let email = clean(input.email);
        check_email(&email)?;
        let mut work = self.work().await?;
        if let Some(e) = &email {
            if users::find_by_email(&mut work.tx, e).await?.is_some() {
                return Err(switchboard_engine::RuleError::AlreadyExists {
                    what: switchboard_engine::Taken::AgentEmail,
                    name: e.to_string(),
                }
                .into());
            }
        }
        let user = User {
            id: Uuid::new_v4(),
            user_type,
            display_name: validate_name("displayName", &input.display_name, 200)?,
            email,
            phone_number: clean(input.phone_number),
            first_name: clean(input.first_name),
            last_name: clean(input.last_name),
            roles,
            enabled: true,
            created_at: work.now,
        };
        users::insert(&mut work.tx, &user).await?;
        self.finish(work).await?;
        Ok(user)
    }

    /// Changes an agent's details, roles or enabled state. Nobody can disable themselves, so an
    /// installation always keeps someone able to change its setup.
    pub async fn patch_agent(&self, by: &User, id: Uuid, changes: AgentChanges) -> Result<User> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut user = users::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {id} not found")))?;
        // Who may change this user comes first, before any other rule is looked at.
        let new_roles = changes.roles.map(Roles::new).transpose()?;
        let after = Principal { user_type: user.user_type, roles: new_roles.as_ref().unwrap_or(&user.roles) };
        access::may_administer(principal(by), id == by.id, Some(principal(&user)), after)?;
        if let Some(name) = changes.display_name {
            user.display_name = validate_name("displayName", &name, 200)?;
        }
        if let Some(email) = changes.email {
            let email = clean(Some(email));
            check_email(&email)?;
            if let Some(e) = &email {
                if users::find_by_email(&mut work.tx, e).await?.is_some_and(|other| other.id != id) {
                    return Err(switchboard_engine::RuleError::AlreadyExists {
                        what: switchboard_engine::Taken::AgentEmail,
                        name: e.to_string(),
                    }
                    .into());
                }
            }
            user.email = email;
        }
        if let Some(v) = changes.phone_number {
            user.phone_number = clean(Some(v));
        }
        if let Some(v) = changes.first_name {
            user.first_name = clean(Some(v));
        }
        if let Some(v) = changes.last_name {
            user.last_name = clean(Some(v));
        }
        if let Some(roles) = new_roles {
            user.roles = roles;
        }
        if let Some(enabled) = changes.enabled {
            if !enabled {
                let last = last_enabled_admin(&mut work.tx, &user).await?;
                access::may_take_out(id == by.id, last, "disabled")?;
            }
            user.enabled = enabled;
        }
        work.reach_changed = true;
        users::update(&mut work.tx, &user).await?;
        self.finish(work).await?;
        Ok(user)
    }

    pub async fn agent(&self, by: &User, id: Uuid) -> Result<User> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        users::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Agent {id} not found")))
    }

    pub async fn agents(
        &self,
        by: &User,
        after: Option<(i64, String)>,
        limit: u32,
    ) -> Result<Page<User, (i64, String)>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let rows = users::list(&mut tx, &[UserType::Agent, UserType::Admin, UserType::Bot], after, limit + 1).await?;
        Ok(page(rows, limit, |u| (u.created_at.timestamp_millis(), u.id.to_string())))
    }
}

impl Service {
    /// Creates several agents; each refused item is reported and the others kept.
    pub async fn create_agents(&self, by: &User, inputs: Vec<NewAgent>) -> Result<Vec<Bulk<User>>> {
        crate::access::require(by, Permission::Configure)?;
        switchboard_engine::bulk::check_size("agents", inputs.len())?;
        let mut out = Vec::with_capacity(inputs.len());
        for input in inputs {
            out.push(match self.create_agent(by, input).await {
                Err(ServiceError::Store(e)) => return Err(ServiceError::Store(e)),
                other => other,
            });
        }
        Ok(out)
    }

    /// Replaces an agent's details (Dixa's update): fields left out are cleared.
    pub async fn replace_agent(&self, by: &User, id: Uuid, input: NewAgent) -> Result<User> {
        crate::access::require(by, Permission::Configure)?;
        let changes = AgentChanges {
            display_name: Some(input.display_name),
            email: Some(input.email.unwrap_or_default()),
            phone_number: Some(input.phone_number.unwrap_or_default()),
            first_name: Some(input.first_name.unwrap_or_default()),
            last_name: Some(input.last_name.unwrap_or_default()),
            roles: input.roles,
            enabled: None,
        };
        self.patch_agent(by, id, changes).await
    }

    /// Removes an agent from service: disabled, out of every queue and team, tokens revoked.
    /// The record stays, so conversations and logs keep their author.
    pub async fn delete_agent(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        access::may_take_out(id == by.id, false, "deleted")?;
        let mut work = self.work().await?;
        let mut user = users::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {id} not found")))?;
        access::may_administer(principal(by), false, Some(principal(&user)), principal(&user))?;
        access::may_take_out(false, last_enabled_admin(&mut work.tx, &user).await?, "deleted")?;
        user.enabled = false;
        users::update(&mut work.tx, &user).await?;
        for queue in queues::joined_by(&mut work.tx, id).await? {
            queues::remove_member(&mut work.tx, queue, id).await?;
        }
        work.reach_changed = true;
        switchboard_store::teams::leave_all(&mut work.tx, id).await?;
        switchboard_store::tokens::revoke_all(&mut work.tx, id).await?;
        self.finish(work).await
    }
}

/// Whether this user is the installation's only enabled admin.
async fn last_enabled_admin(tx: &mut switchboard_store::Tx, user: &User) -> Result<bool> {
    if user.user_type != UserType::Admin || !user.enabled {
        return Ok(false);
    }
    let admins = users::list(tx, &[UserType::Admin], None, 1000).await?;
    Ok(admins.iter().filter(|a| a.enabled).count() <= 1)
}
