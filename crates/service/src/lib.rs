//! Switchboard's application layer: the one place where the engine's rules meet the store.
//!
//! Every command runs in exactly one transaction ([`work::Work`]), asks the [`Clock`] for the
//! time, and publishes its events on the [`EventBus`] only once the transaction has committed.

pub mod access;
pub mod agents;
pub mod alerts;
pub mod anonymize;
pub mod assignees;
mod assignment;
pub mod attributes;
pub mod auth;
pub mod bulk;
pub mod capacity;
pub mod catalogues;
pub mod clock;
pub mod companies;
pub mod conversations;
pub mod end_users;
pub mod endpoints;
pub mod error;
pub mod events;
mod fields;
pub mod handling;
pub mod hours;
pub mod idempotency;
pub mod import;
pub mod mail;
pub mod outbound;
pub mod page;
mod passwords;
pub mod preferences;
pub mod presence;
pub mod queues;
pub mod ratings;
pub mod routing;
pub mod saved_views;
pub mod scheduler;
pub mod search;
pub mod sign_in;
pub mod sla;
pub mod snooze;
pub mod statuses;
pub mod tags;
pub mod teams;
pub mod timeline;
mod unit;
pub mod views;
pub mod waiting;
pub mod webhooks;
mod work;

pub use clock::Clock;
pub use error::{Result, ServiceError};
pub use events::{Event, EventBus, EventKind};
pub use switchboard_store as store;

use std::path::Path;
use std::sync::Arc;
use switchboard_store::Store;
use tokio::sync::Notify;
use uuid::Uuid;

/// The running service. Cheap to clone; every clone shares the same store, clock and bus.
#[derive(Clone, Debug)]
pub struct Service {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    store: Store,
    clock: Clock,
    bus: EventBus,
    default_queue: Uuid,
    /// Woken when a timer is added, so the scheduler can sleep until the earliest one.
    timers_changed: Notify,
    presence: presence::Tracker,
    /// Woken when deliveries are written to the outbox.
    outbox_changed: Notify,
    /// The one client for calls to the outside (connection pooling across calls).
    outbound: outbound::Outbound,
    /// Changes whenever someone's reach may have changed (membership, roles, enabled), so open
    /// event streams look their reach up again.
    access_generation: std::sync::atomic::AtomicU64,
}

/// What first start-up produced: the bootstrap admin's token, when one was generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bootstrap {
    /// The database already existed; nothing was created.
    Existing,
    /// A new installation; the admin's token came from the environment.
    CreatedWithGivenToken,
    /// A new installation; this generated token is shown once and never again.
    CreatedWithGeneratedToken(String),
}

impl Service {
    /// Opens the database file in `data_dir` (creating it), runs migrations and first start-up.
    pub async fn open(data_dir: &Path, clock: Clock, bootstrap_token: Option<String>) -> Result<(Self, Bootstrap)> {
        std::fs::create_dir_all(data_dir)
            .map_err(|e| ServiceError::Io(format!("Can't create data directory {}: {e}", data_dir.display())))?;
        let store = Store::open(&data_dir.join("switchboard.db")).await?;
        Self::with_store(store, clock, bootstrap_token).await
    }

    /// Starts over an already opened store (tests use an in-memory one).
    pub async fn with_store(store: Store, clock: Clock, bootstrap_token: Option<String>) -> Result<(Self, Bootstrap)> {
        let (default_queue, bootstrap) = auth::first_start(&store, &clock, bootstrap_token).await?;
        let service = Service {
            inner: Arc::new(Inner {
                store,
                clock,
                bus: EventBus::default(),
                default_queue,
                timers_changed: Notify::new(),
                presence: presence::Tracker::default(),
                outbox_changed: Notify::new(),
                outbound: outbound::Outbound::new()?,
                access_generation: std::sync::atomic::AtomicU64::new(0),
            }),
        };
        service.load_outbound_policy().await?;
        Ok((service, bootstrap))
    }

    pub fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    pub fn events(&self) -> &EventBus {
        &self.inner.bus
    }

    pub fn presence(&self) -> &presence::Tracker {
        &self.inner.presence
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn default_queue_id(&self) -> Uuid {
        self.inner.default_queue
    }

    pub(crate) fn access_generation(&self) -> u64 {
        self.inner.access_generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub(crate) async fn work(&self) -> Result<work::Work> {
        work::Work::begin(&self.inner.store, self.inner.clock.now()).await
    }

    /// Commits a unit of work and publishes its events before the next writer may commit.
    pub(crate) async fn finish(&self, mut work: work::Work) -> Result<()> {
        // Automatic assignment runs on what the command left, in the same transaction.
        assignment::settle(&mut work).await?;
        // What no agent took has its waiting strategy start.
        waiting::settle(&mut work).await?;
        // Then the SLA of everything touched, with the messages just sent.
        sla::settle(&mut work).await?;
        let timers_added = work.timers_added;
        let reach_changed = work.reach_changed;
        // Deliveries are written with the change itself: both commit, or neither.
        webhooks::enqueue(&mut work).await?;
        let (events, guard) = work.commit().await?;
        if reach_changed {
            // Before the events: a stream filters them by the reach after this change.
            self.inner.access_generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        let any = !events.is_empty();
        self.inner.bus.publish(events);
        drop(guard);
        if any {
            self.inner.outbox_changed.notify_one();
        }
        if timers_added {
            self.inner.timers_changed.notify_one();
        }
        Ok(())
    }

    /// Start-up shared by every host (the headless server and the desktop app), before the API
    /// serves: timers overdue from before a stop fire, then, with the system clock, the
    /// background work (timers, webhook deliveries) starts; with a manual clock due deliveries
    /// are sent now and the rest waits for the clock to move. Returns the background task.
    pub async fn start(&self) -> Result<Option<tokio::task::JoinHandle<()>>> {
        self.fire_due().await?;
        if self.clock().is_manual() {
            self.deliver_due().await?;
            return Ok(None);
        }
        let s = self.clone();
        Ok(Some(tokio::spawn(async move { s.run_background().await })))
    }

    /// Runs what the service does by itself against the system clock: timers and webhook
    /// deliveries. With a manual clock both happen when the clock is advanced instead.
    pub async fn run_background(&self) {
        tokio::join!(self.run_scheduler(), self.run_webhooks());
    }

    /// Stops accepting work and flushes the database.
    pub async fn shutdown(&self) {
        self.inner.store.close().await;
    }
}
