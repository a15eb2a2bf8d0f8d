//! Switchboard's conversation engine: the domain vocabulary and its rules, free of I/O.
//!
//! Nothing here reads the clock, touches SQL or speaks HTTP: callers hand in a snapshot and
//! `now`, and get back a decision or a [`RuleError`] that names what was wrong.

pub mod access;
pub mod activity;
pub mod alert;
pub mod assignment;
pub mod attributes;
pub mod bulk;
pub mod capacity;
pub mod condition_catalogue;
pub mod conditions;
pub mod content;
pub mod conversation;
pub mod credentials;
pub mod egress;
pub mod error;
pub mod handling;
pub mod hours;
pub mod idempotency;
pub mod kinds;
pub mod mail;
pub mod mention;
pub mod people;
pub mod permission;
pub mod rating;
pub mod routing;
pub mod search;
pub mod sla;
pub mod status;
pub mod user;
pub mod views;
pub mod waiting;
pub mod webhook;

pub use error::{RuleError, Taken};

/// Every instant in the engine is a UTC time; the caller decides what "now" is.
pub type Timestamp = chrono::DateTime<chrono::Utc>;
