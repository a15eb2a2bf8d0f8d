//! Users of the contact center (agents, admins, bots) and the roles they may hold.

use crate::error::RuleError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use uuid::Uuid;

/// What kind of user this is. Agents and admins handle conversations; bots only act through the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum UserType {
    Agent,
    Admin,
    Bot,
}

impl UserType {
    pub fn as_str(self) -> &'static str {
        match self {
            UserType::Agent => "Agent",
            UserType::Admin => "Admin",
            UserType::Bot => "Bot",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Agent" => Some(UserType::Agent),
            "Admin" => Some(UserType::Admin),
            "Bot" => Some(UserType::Bot),
            _ => None,
        }
    }

    /// Agents and admins take part in conversations: they belong to queues, get assigned and
    /// may close, reopen or transfer on someone's behalf ("User is not agent/admin" otherwise).
    pub fn handles_conversations(self) -> bool {
        matches!(self, UserType::Agent | UserType::Admin)
    }
}

/// A permission bundle of the Conversations module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum Role {
    /// Handles conversations.
    Agent,
    /// Manages conversations whoever they are assigned to; includes everything an Agent may do.
    Manager,
    /// Reads analytics and reports.
    AnalyticsManager,
    /// Manages the contact center's setup.
    AccountManager,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "Agent",
            Role::Manager => "Manager",
            Role::AnalyticsManager => "AnalyticsManager",
            Role::AccountManager => "AccountManager",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "Agent" => Some(Role::Agent),
            "Manager" => Some(Role::Manager),
            "AnalyticsManager" => Some(Role::AnalyticsManager),
            "AccountManager" => Some(Role::AccountManager),
            _ => None,
        }
    }
}

/// A valid combination of roles: any set, except Agent together with Manager (the Manager role
/// already contains the Agent's permissions, so holding both is a configuration error).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Roles(BTreeSet<Role>);

impl Roles {
    pub fn new(roles: impl IntoIterator<Item = Role>) -> Result<Self, RuleError> {
        let set: BTreeSet<Role> = roles.into_iter().collect();
        if set.contains(&Role::Agent) && set.contains(&Role::Manager) {
            return Err(RuleError::AgentAndManager);
        }
        Ok(Roles(set))
    }

    pub fn contains(&self, role: Role) -> bool {
        self.0.contains(&role)
    }

    pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
        self.0.iter().copied()
    }

    /// Whether these roles let a user act on conversations not assigned to them.
    pub fn may_manage_conversations(&self) -> bool {
        self.contains(Role::Manager)
    }

    /// The stored form: role names joined by commas, in a stable order.
    pub fn to_stored(&self) -> String {
        self.iter().map(Role::as_str).collect::<Vec<_>>().join(",")
    }

    /// Reads the stored form back; unknown names are dropped rather than failing a read.
    pub fn from_stored(stored: &str) -> Self {
        Roles(stored.split(',').filter_map(|s| Role::parse(s.trim())).collect())
    }
}

/// Checks an email address as people and agents are stored with (a full check is the mail
/// server's; this catches what can't be an address).
pub fn check_email(email: &str) -> Result<(), RuleError> {
    if !email.contains('@') || email.len() > 320 {
        Err(RuleError::BadEmail(email.to_owned()))
    } else {
        Ok(())
    }
}

/// What the rules need to know about a user who acts on a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: Uuid,
    pub user_type: UserType,
    pub enabled: bool,
}

impl Actor {
    /// Checks that this user may be named as the agent/admin behind a conversation command.
    pub fn ensure_handles_conversations(&self) -> Result<(), RuleError> {
        if !self.user_type.handles_conversations() {
            return Err(RuleError::NotAgentOrAdmin);
        }
        if !self.enabled {
            return Err(RuleError::UserDisabled(self.id));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_and_manager_are_exclusive() {
        assert_eq!(Roles::new([Role::Agent, Role::Manager]), Err(RuleError::AgentAndManager));
    }

    #[test]
    fn other_roles_combine_freely() {
        let roles = Roles::new([Role::Manager, Role::AnalyticsManager, Role::AccountManager]).unwrap();
        assert!(roles.may_manage_conversations());
        let agent = Roles::new([Role::Agent, Role::AnalyticsManager]).unwrap();
        assert!(!agent.may_manage_conversations());
    }

    #[test]
    fn roles_round_trip_through_the_stored_form() {
        let roles = Roles::new([Role::AccountManager, Role::Agent]).unwrap();
        assert_eq!(roles.to_stored(), "Agent,AccountManager");
        assert_eq!(Roles::from_stored(&roles.to_stored()), roles);
        assert_eq!(Roles::from_stored(""), Roles::default());
    }

    #[test]
    fn bots_and_disabled_users_do_not_handle_conversations() {
        let bot = Actor { id: Uuid::nil(), user_type: UserType::Bot, enabled: true };
        assert_eq!(bot.ensure_handles_conversations(), Err(RuleError::NotAgentOrAdmin));
        let off = Actor { id: Uuid::nil(), user_type: UserType::Agent, enabled: false };
        assert_eq!(off.ensure_handles_conversations(), Err(RuleError::UserDisabled(Uuid::nil())));
        let admin = Actor { id: Uuid::nil(), user_type: UserType::Admin, enabled: true };
        assert_eq!(admin.ensure_handles_conversations(), Ok(()));
    }
}
