//! Who may do what: the Conversations roles turned into permissions.
//!
//! Agents act on conversations in their queues (and those assigned to them); Managers on all;
//! Account Managers change the setup; Analytics Managers read reports. Admins may do everything.
//! Bots are integrations: they handle conversations and customers, and hold extra roles for more.

use crate::error::RuleError;
use crate::user::{Role, Roles, UserType};

pub use crate::permission::Permission;

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

/// Whether the caller holds a permission.
pub fn require(p: Principal<'_>, permission: Permission) -> Result<(), RuleError> {
    if holds(p, permission) {
        Ok(())
    } else {
        Err(RuleError::Missing(permission))
    }
}

fn holds(p: Principal<'_>, permission: Permission) -> bool {
    if p.user_type == UserType::Admin {
        return true;
    }
    let r = p.roles;
    let any_role = r.iter().next().is_some();
    match permission {
        Permission::Conversations => conversation_scope(p) != Scope::Nothing,
        Permission::ReadDirectory => p.user_type == UserType::Bot || any_role,
        Permission::ManageEndUsers => {
            p.user_type == UserType::Bot || r.contains(Role::Agent) || r.contains(Role::Manager)
        }
        Permission::Configure => r.contains(Role::AccountManager),
        Permission::Reports => r.contains(Role::AnalyticsManager) || r.contains(Role::Manager),
        Permission::Anonymize => r.contains(Role::Manager) || r.contains(Role::AccountManager),
    }
}

/// What conversations one caller reaches right now: their scope with, for agents, the queues they
/// are members of at this moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    All,
    /// This agent's own conversations and those of these queues.
    Agent {
        id: uuid::Uuid,
        queues: Vec<uuid::Uuid>,
    },
    Nothing,
}

impl Reach {
    /// Whether a conversation in `queue`, assigned to `agent`, is within reach.
    pub fn covers(&self, queue: Option<uuid::Uuid>, agent: Option<uuid::Uuid>) -> bool {
        match self {
            Reach::All => true,
            Reach::Agent { id, queues } => agent == Some(*id) || queue.is_some_and(|q| queues.contains(&q)),
            Reach::Nothing => false,
        }
    }
}

/// Whether a caller with the given scope may act on one conversation.
pub fn may_act_on(scope: Scope, in_callers_queue: bool, assigned_to_caller: bool) -> bool {
    match scope {
        Scope::All => true,
        Scope::OwnQueues => in_callers_queue || assigned_to_caller,
        Scope::Nothing => false,
    }
}

/// Every permission, in a fixed order.
pub const ALL_PERMISSIONS: [Permission; 6] = [
    Permission::Conversations,
    Permission::ReadDirectory,
    Permission::ManageEndUsers,
    Permission::Configure,
    Permission::Reports,
    Permission::Anonymize,
];

/// What a user may do, as a comparable whole: their permissions and their reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rights {
    admin: bool,
    held: [bool; 6],
    scope: Scope,
}

impl Rights {
    pub fn of(p: Principal<'_>) -> Self {
        Rights {
            admin: p.user_type == UserType::Admin,
            held: ALL_PERMISSIONS.map(|perm| require(p, perm).is_ok()),
            scope: conversation_scope(p),
        }
    }

    /// The permissions held, in [`ALL_PERMISSIONS`] order.
    pub fn permissions(&self) -> impl Iterator<Item = Permission> + '_ {
        ALL_PERMISSIONS.into_iter().zip(self.held).filter(|(_, held)| *held).map(|(p, _)| p)
    }

    fn scope_rank(s: Scope) -> u8 {
        match s {
            Scope::Nothing => 0,
            Scope::OwnQueues => 1,
            Scope::All => 2,
        }
    }

    /// Whether these rights include all of `other`'s and more: someone who outranks `other`.
    pub fn exceed(&self, other: &Rights) -> bool {
        let covers = (self.admin || !other.admin)
            && self.held.iter().zip(other.held).all(|(mine, theirs)| *mine || !theirs)
            && Self::scope_rank(self.scope) >= Self::scope_rank(other.scope);
        covers && self != other
    }
}

/// Whether `caller` may change a user's details, roles or state, or create one: nobody raises a
/// user above themselves. A non-admin may not touch a user who outranks them (admins among them),
/// may not make one who would, and may not change their own roles or kind.
pub fn may_administer(
    caller: Principal<'_>,
    is_self: bool,
    before: Option<Principal<'_>>,
    after: Principal<'_>,
) -> Result<(), RuleError> {
    if caller.user_type == UserType::Admin {
        return Ok(());
    }
    if before.is_some_and(|b| b.user_type == UserType::Admin) || after.user_type == UserType::Admin {
        return Err(RuleError::AdminsOnlyByAdmins);
    }
    let mine = Rights::of(caller);
    if before.is_some_and(|b| Rights::of(b).exceed(&mine)) || Rights::of(after).exceed(&mine) {
        return Err(RuleError::OutranksCaller);
    }
    if is_self && before.is_some_and(|b| b.roles != after.roles || b.user_type != after.user_type) {
        return Err(RuleError::OwnRoles);
    }
    Ok(())
}

/// Whether `caller` may set an agent's status: those who work on conversations set their own,
/// and anyone's when they manage conversations or change the setup.
pub fn may_set_status(caller: Principal<'_>, is_self: bool) -> Result<(), RuleError> {
    let works = require(caller, Permission::Conversations).is_ok();
    let over_others = caller.roles.may_manage_conversations() || require(caller, Permission::Configure).is_ok();
    if works && (is_self || over_others) {
        Ok(())
    } else {
        Err(RuleError::StatusOfSomeoneElse)
    }
}

/// Taking a user out of service (`verb`: "disabled", "deleted"): never oneself, and never the
/// last enabled admin, so an installation always keeps someone who may change everything.
pub fn may_take_out(is_self: bool, last_enabled_admin: bool, verb: &'static str) -> Result<(), RuleError> {
    if is_self {
        return Err(if verb == "deleted" { RuleError::DeleteYourself } else { RuleError::DisableYourself });
    }
    if last_enabled_admin {
        return Err(RuleError::LastAdmin(verb));
    }
    Ok(())
}

/// Whether `caller` may issue an API token for a user: a token acts as its user, so only the
/// user themselves or an admin may.
pub fn may_issue_token(caller: Principal<'_>, is_self: bool) -> Result<(), RuleError> {
    if is_self || caller.user_type == UserType::Admin {
        Ok(())
    } else {
        Err(RuleError::TokenForSomeoneElse)
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

    #[test]
    fn nobody_raises_a_user_above_themselves() {
        let am = roles(&[Role::AccountManager]);
        let caller = Principal { user_type: UserType::Agent, roles: &am };
        let admin_roles = roles(&[Role::Manager, Role::AnalyticsManager, Role::AccountManager]);
        let admin = Principal { user_type: UserType::Admin, roles: &admin_roles };
        let agent_roles = roles(&[Role::Agent]);
        let agent = Principal { user_type: UserType::Agent, roles: &agent_roles };
        let manager_am = roles(&[Role::Manager, Role::AccountManager]);
        let bigger = Principal { user_type: UserType::Agent, roles: &manager_am };
        // An account manager sets up agents...
        assert_eq!(may_administer(caller, false, None, agent), Ok(()));
        assert_eq!(may_administer(caller, false, Some(agent), agent), Ok(()));
        // ...but never changes or makes an admin, nor someone with all their rights and more.
        assert_eq!(may_administer(caller, false, Some(admin), admin), Err(RuleError::AdminsOnlyByAdmins));
        assert_eq!(may_administer(caller, false, Some(agent), admin), Err(RuleError::AdminsOnlyByAdmins));
        assert_eq!(may_administer(caller, false, Some(agent), bigger), Err(RuleError::OutranksCaller));
        assert_eq!(may_administer(caller, false, Some(bigger), agent), Err(RuleError::OutranksCaller));
        // Nor their own roles.
        assert_eq!(may_administer(caller, true, Some(caller), bigger), Err(RuleError::OutranksCaller));
        let analytics = roles(&[Role::AccountManager, Role::AnalyticsManager]);
        let wider = Principal { user_type: UserType::Agent, roles: &analytics };
        assert_eq!(may_administer(caller, true, Some(caller), wider), Err(RuleError::OutranksCaller));
        let agent_am = roles(&[Role::Agent]);
        let other = Principal { user_type: UserType::Agent, roles: &agent_am };
        assert_eq!(may_administer(caller, true, Some(caller), other), Err(RuleError::OwnRoles));
        assert_eq!(may_administer(caller, true, Some(caller), caller), Ok(()), "own name changes stay possible");
        // Admins may do all of it.
        assert_eq!(may_administer(admin, false, Some(admin), agent), Ok(()));
        assert_eq!(may_administer(admin, true, Some(admin), admin), Ok(()));
    }

    #[test]
    fn reach_covers_the_agents_queues_and_own_conversations() {
        let (me, other, q) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2), uuid::Uuid::from_u128(3));
        let reach = Reach::Agent { id: me, queues: vec![q] };
        assert!(reach.covers(Some(q), None));
        assert!(reach.covers(None, Some(me)));
        assert!(!reach.covers(Some(uuid::Uuid::from_u128(4)), Some(other)));
        assert!(!reach.covers(None, None));
        assert!(Reach::All.covers(None, None));
        assert!(!Reach::Nothing.covers(Some(q), Some(me)));
    }

    #[test]
    fn agents_set_their_own_status_managers_anyones() {
        let agent = roles(&[Role::Agent]);
        let a = Principal { user_type: UserType::Agent, roles: &agent };
        assert_eq!(may_set_status(a, true), Ok(()));
        assert_eq!(may_set_status(a, false), Err(RuleError::StatusOfSomeoneElse));
        let manager = roles(&[Role::Manager]);
        assert_eq!(may_set_status(Principal { user_type: UserType::Agent, roles: &manager }, false), Ok(()));
        let none = roles(&[]);
        let nobody = Principal { user_type: UserType::Agent, roles: &none };
        assert_eq!(may_set_status(nobody, true), Err(RuleError::StatusOfSomeoneElse));
        // An account manager who doesn't work on conversations sets nobody's status.
        let am = roles(&[Role::AccountManager]);
        assert_eq!(
            may_set_status(Principal { user_type: UserType::Agent, roles: &am }, false),
            Err(RuleError::StatusOfSomeoneElse)
        );
        let am_agent = roles(&[Role::AccountManager, Role::Agent]);
        assert_eq!(may_set_status(Principal { user_type: UserType::Agent, roles: &am_agent }, false), Ok(()));
    }

    #[test]
    fn tokens_are_issued_by_their_user_or_an_admin() {
        let am = roles(&[Role::AccountManager]);
        let caller = Principal { user_type: UserType::Agent, roles: &am };
        assert_eq!(may_issue_token(caller, false), Err(RuleError::TokenForSomeoneElse));
        assert_eq!(may_issue_token(caller, true), Ok(()));
        let none = roles(&[]);
        assert_eq!(may_issue_token(Principal { user_type: UserType::Admin, roles: &none }, false), Ok(()));
    }
}
