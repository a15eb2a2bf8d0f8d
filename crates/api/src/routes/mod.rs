//! The handlers of `/v1`, one module per resource.

pub mod agents;
pub mod clock;
pub mod conversations;
pub mod end_users;
pub mod events;
pub mod queues;
pub mod tags;
pub mod timeline;
