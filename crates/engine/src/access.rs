//! Who may do what: the Conversations roles turned into permissions.
//!
//! Agents act on conversations in their queues (and those assigned to them); Managers on all;
//! Account Managers change the setup; Analytics Managers read reports. Admins may do everything.
//! Bots are integrations: they handle conversations and customers, and hold extra roles for more.

use crate::user::{Role, Roles, UserType};

/// A kind of action, as endpoints require them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read and act on conversations (scoped to queues for agents; see [`conversation_scope`]).
    Conversations,
    /// Read the directory: agents, queues, tags, teams, attributes, endpoints.
    ReadDirectory,
    /// Create and change end users (customers).
    ManageEndUsers,
    /// Change the setup: agents, queues, tags, attributes, endpoints, teams, webhooks.
    Configure,
    /// Read reports and the organization-wide activity log.
    Reports,
    /// Erase personal data (anonymization).
    Anonymize,
}

/// The caller, as far as permissions go.
#[derive(Debug, Clone, Copy)]
pub struct Principal<'a> {
    pub user_type: UserType,
    pub roles: &'a Roles,
}

/// How much of the conversations a caller may see and act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every conversation.
    All,
    /// Conversations in the caller's queues and those assigned to the caller.
    OwnQueues,
    /// None.
    Nothing,
}

/// The caller's reach over conversations.
pub fn conversation_scope(p: Principal<'_>) -> Scope {
    match p.user_type {
        UserType::Admin | UserType::Bot => Scope::All,
        UserType::Agent if p.roles.may_manage_conversations() => Scope::All,
        UserType::Agent if p.roles.contains(Role::Agent) => Scope::OwnQueues,
        UserType::Agent => Scope::Nothing,
    }
}

/// Whether the caller holds a permission; the error is the message to answer 403 with.
pub fn require(p: Principal<'_>, permission: Permission) -> Result<(), &'static str> {
    if p.user_type == UserType::Admin {
        return Ok(());
    }
    let r = p.roles;
    let any_role = r.iter().next().is_some();
    let allowed = match permission {
        Permission::Conversations => conversation_scope(p) != Scope::Nothing,
        Permission::ReadDirectory => p.user_type == UserType::Bot || any_role,
        Permission::ManageEndUsers => {
            p.user_type == UserType::Bot || r.contains(Role::Agent) || r.contains(Role::Manager)
        }
        Permission::Configure => r.contains(Role::AccountManager),
        Permission::Reports => r.contains(Role::AnalyticsManager) || r.contains(Role::Manager),
        Permission::Anonymize => r.contains(Role::Manager) || r.contains(Role::AccountManager),
    };
    if allowed {
        return Ok(());
    }
    Err(match permission {
        Permission::Conversations => "Only agents, managers and admins can work on conversations",
        Permission::ReadDirectory => "A role is needed to read the contact center's directory",
        Permission::ManageEndUsers => "Only agents, managers and admins can change end users",
        Permission::Configure => "Only admins and account managers can change the contact center's setup",
        Permission::Reports => "Only analytics managers, managers and admins can read reports",
        Permission::Anonymize => "Only managers, account managers and admins can anonymize",
    })
}

/// Whether a caller with the given scope may act on one conversation.
pub fn may_act_on(scope: Scope, in_callers_queue: bool, assigned_to_caller: bool) -> bool {
    match scope {
        Scope::All => true,
        Scope::OwnQueues => in_callers_queue || assigned_to_caller,
        Scope::Nothing => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[Role]) -> Roles {
        Roles::new(r.iter().copied()).unwrap()
    }

    #[test]
    fn the_matrix_of_roles_and_permissions() {
        use Permission::*;
        let all = [Conversations, ReadDirectory, ManageEndUsers, Configure, Reports, Anonymize];
        let cases: Vec<(UserType, Roles, [bool; 6])> = vec![
            (UserType::Admin, roles(&[]), [true; 6]),
            (UserType::Agent, roles(&[Role::Agent]), [true, true, true, false, false, false]),
            (UserType::Agent, roles(&[Role::Manager]), [true, true, true, false, true, true]),
            (UserType::Agent, roles(&[Role::AccountManager]), [false, true, false, true, false, true]),
            (UserType::Agent, roles(&[Role::AnalyticsManager]), [false, true, false, false, true, false]),
            (UserType::Agent, roles(&[]), [false; 6]),
            (UserType::Bot, roles(&[]), [true, true, true, false, false, false]),
            (UserType::Bot, roles(&[Role::AccountManager]), [true, true, true, true, false, true]),
        ];
        for (user_type, r, expected) in cases {
            let p = Principal { user_type, roles: &r };
            for (perm, want) in all.iter().zip(expected) {
                assert_eq!(require(p, *perm).is_ok(), want, "{user_type:?} {r:?} {perm:?}");
            }
        }
    }

    #[test]
    fn agents_reach_their_queues_and_their_own_conversations() {
        let agent = roles(&[Role::Agent]);
        let scope = conversation_scope(Principal { user_type: UserType::Agent, roles: &agent });
        assert_eq!(scope, Scope::OwnQueues);
        assert!(may_act_on(scope, true, false));
        assert!(may_act_on(scope, false, true));
        assert!(!may_act_on(scope, false, false));
        let manager = roles(&[Role::Manager]);
        assert_eq!(conversation_scope(Principal { user_type: UserType::Agent, roles: &manager }), Scope::All);
        assert!(!may_act_on(Scope::Nothing, true, true));
    }
}
