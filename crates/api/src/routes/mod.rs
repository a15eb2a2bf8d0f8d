//! The handlers of `/v1`, one module per resource.

pub mod agents;
pub mod anonymize;
pub mod attributes;
pub mod catalogues;
pub mod clock;
pub mod companies;
pub mod conversations;
pub mod end_users;
pub mod endpoints;
pub mod events;
pub mod hours;
pub mod linked;
pub mod queues;
pub mod ratings;
pub mod routing;
pub mod search;
pub mod settings;
pub mod sign_in;
pub mod sla;
pub mod statuses;
pub mod tags;
pub mod teams;
pub mod timeline;
pub mod tokens;
pub mod waiting;
pub mod webhooks;
