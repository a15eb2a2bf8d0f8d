//! The kinds of action commands require, and why a caller without one is refused.

/// A kind of action, as commands require them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
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

impl Permission {
    /// Why a caller without this permission is refused.
    pub fn refusal(self) -> &'static str {
        match self {
            Permission::Conversations => "Only agents, managers and admins can work on conversations",
            Permission::ReadDirectory => "A role is needed to read the contact center's directory",
            Permission::ManageEndUsers => "Only agents, managers and admins can change end users",
            Permission::Configure => "Only admins and account managers can change the contact center's setup",
            Permission::Reports => "Only analytics managers, managers and admins can read reports",
            Permission::Anonymize => "Only managers, account managers and admins can anonymize",
        }
    }
}
