//! Primitives on the unit of work, below the commands: a conversation's own changes, messages
//! and notes, the search index, queue membership and agents' shown statuses. Command modules
//! call these and never one another, so the service's modules form no cycle.

pub(crate) mod conversation;
pub(crate) mod index;
pub(crate) mod membership;
pub(crate) mod status;
pub(crate) mod timeline;
