//! Teams: groups of agents, managed by supervisors.

use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::content::validate_name;
use switchboard_store::teams::{self, Team};
use switchboard_store::users::{self, User};
use uuid::Uuid;

impl Service {
    pub async fn create_team(&self, by: &User, name: &str) -> Result<Team> {
        crate::access::require(by, Permission::Configure)?;
        let name = validate_name("name", name, 200)?;
        let mut work = self.work().await?;
        if teams::find_by_name(&mut work.tx, &name).await?.is_some() {
            return Err(switchboard_engine::RuleError::AlreadyExists {
                what: switchboard_engine::Taken::TeamName,
                name: name.to_string(),
            }
            .into());
        }
        let team = Team { id: Uuid::new_v4(), name, created_at: work.now };
        teams::insert(&mut work.tx, &team).await?;
        self.finish(work).await?;
        Ok(team)
    }

    pub async fn team(&self, by: &User, id: Uuid) -> Result<Team> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        teams::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Team {id} not found")))
    }

    pub async fn teams(&self, by: &User) -> Result<Vec<Team>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        Ok(teams::list(&mut tx).await?)
    }

    pub async fn delete_team(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        teams::get(&mut work.tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Team {id} not found")))?;
        teams::delete(&mut work.tx, id).await?;
        self.finish(work).await
    }

    /// Adds agents to a team; one unknown agent or a bot refuses the whole request.
    pub async fn add_team_members(&self, by: &User, id: Uuid, agents: &[Uuid]) -> Result<Vec<User>> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        teams::get(&mut work.tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Team {id} not found")))?;
        for agent in agents {
            let user = users::get(&mut work.tx, *agent)
                .await?
                .ok_or_else(|| ServiceError::Unknown(format!("Agent {agent} not found")))?;
            if !user.user_type.handles_conversations() {
                return Err(switchboard_engine::RuleError::UserNotAgentOrAdmin(*agent).into());
            }
            teams::add_member(&mut work.tx, id, *agent, work.now).await?;
        }
        let members = members_in(&mut work.tx, id).await?;
        self.finish(work).await?;
        Ok(members)
    }

    pub async fn remove_team_members(&self, by: &User, id: Uuid, agents: &[Uuid]) -> Result<Vec<User>> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        teams::get(&mut work.tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Team {id} not found")))?;
        for agent in agents {
            teams::remove_member(&mut work.tx, id, *agent).await?;
        }
        let members = members_in(&mut work.tx, id).await?;
        self.finish(work).await?;
        Ok(members)
    }

    pub async fn team_members(&self, by: &User, id: Uuid) -> Result<Vec<User>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        teams::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Team {id} not found")))?;
        members_in(&mut tx, id).await
    }

    pub async fn teams_of(&self, by: &User, agent: Uuid) -> Result<Vec<Team>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        users::get(&mut tx, agent).await?.ok_or_else(|| ServiceError::NotFound(format!("Agent {agent} not found")))?;
        Ok(teams::of_user(&mut tx, agent).await?)
    }
}

async fn members_in(tx: &mut switchboard_store::Tx, team: Uuid) -> Result<Vec<User>> {
    let mut out = Vec::new();
    for id in teams::members(tx, team).await? {
        if let Some(u) = users::get(tx, id).await? {
            out.push(u);
        }
    }
    Ok(out)
}
