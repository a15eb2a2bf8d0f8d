//! Switchboard's storage: a SQLite database (WAL, foreign keys on) reached through sqlx.
//!
//! The store knows tables and rows, never business rules: callers open a transaction with
//! [`Store::begin`], call the functions of the modules below on it, and commit.

pub mod activity;
pub mod assignment;
pub mod companies;
pub mod contact_endpoints;
pub mod conversations;
pub mod credentials;
pub mod custom_attributes;
pub mod end_users;
pub mod hours;
pub mod idempotency;
pub mod messages;
pub mod notes;
pub mod preferences;
pub mod queues;
pub mod ratings;
pub mod routes;
pub mod saved_views;
pub mod search;
pub mod settings;
pub mod sla;
pub mod statuses;
pub mod tags;
pub mod teams;
pub mod timers;
pub mod tokens;
pub mod users;
pub mod waiting;
pub mod webhooks;

mod codec;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, OwnedMutexGuard};

/// The migrations in `migrations/` at the top of the repository, embedded at compile time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// A transaction on the store; every command of the service runs in exactly one. A write
/// transaction also holds the store's writer lock until it commits or is dropped.
pub struct Tx {
    inner: Transaction<'static, Sqlite>,
    _writer: Option<OwnedMutexGuard<()>>,
}

/// Held from a write transaction's start until its effects are published, so that events
/// come out in commit order.
pub type WriterGuard = OwnedMutexGuard<()>;

impl Tx {
    pub async fn commit(self) -> Result<()> {
        Ok(self.inner.commit().await?)
    }

    /// Commits but keeps the writer lock, for the caller to release after publishing.
    pub async fn commit_holding(self) -> Result<Option<WriterGuard>> {
        self.inner.commit().await?;
        Ok(self._writer)
    }
}

impl Deref for Tx {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.inner
    }
}

/// What can go wrong below the service.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not readable: {0}")]
    Corrupt(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The database handle. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    /// SQLite admits one writer at a time. Queuing writers here, in arrival order, replaces
    /// SQLite's busy handler, which sleeps with backoff and turns contention into long tails.
    writer: Arc<Mutex<()>>,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub async fn open(path: &Path) -> Result<Self> {
        let options = SqliteConnectOptions::new().filename(path).create_if_missing(true);
        Self::connect(options, 8).await
    }

    /// A private in-memory database, for tests.
    pub async fn open_in_memory() -> Result<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
        // One connection: every connection to ":memory:" would otherwise be its own database.
        Self::connect(options, 1).await
    }

    async fn connect(options: SqliteConnectOptions, max_connections: u32) -> Result<Self> {
        let options = options
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable across application crashes in WAL mode; only a power cut can
            // lose the last transactions, which is the usual trade for a desktop database.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Deleted and overwritten content is zeroed on disk, so erased data leaves no trace.
            .pragma("secure_delete", "ON")
            // 32 MiB of page cache per connection (SQLite's default is 2 MiB): large commands,
            // like a bulk assignment touching 100,000 rows, otherwise spill pages mid-transaction.
            .pragma("cache_size", "-32768")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(max_connections).connect_with(options).await?;
        MIGRATOR.run(&pool).await?;
        Ok(Store { pool, writer: Arc::new(Mutex::new(())) })
    }

    /// Starts a write transaction. SQLite allows one writer at a time; `BEGIN IMMEDIATE` takes
    /// the write lock up front so two commands never deadlock upgrading from a read.
    pub async fn begin(&self) -> Result<Tx> {
        let writer = self.writer.clone().lock_owned().await;
        let inner = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Tx { inner, _writer: Some(writer) })
    }

    /// Starts a read-only transaction (a consistent snapshot for queries).
    pub async fn read(&self) -> Result<Tx> {
        Ok(Tx { inner: self.pool.begin().await?, _writer: None })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Moves everything from the WAL into the database file and empties the WAL, so that pages
    /// from before an erasure are gone from both files.
    pub async fn checkpoint(&self) -> Result<()> {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection, checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Runs a SAVEPOINT / RELEASE / ROLLBACK TO statement, for partial failure inside one transaction.
pub async fn savepoint(tx: &mut Tx, statement: &str) -> Result<()> {
    sqlx::query(statement).execute(&mut **tx).await?;
    Ok(())
}

/// Counts the rows of a table (tests and diagnostics; the name must be one of the schema's tables).
pub async fn count_rows(tx: &mut Tx, table: &str) -> Result<i64> {
    const TABLES: &[&str] = &[
        "users",
        "api_tokens",
        "passwords",
        "credential_links",
        "sign_in_failures",
        "user_preferences",
        "saved_views",
        "note_mentions",
        "end_users",
        "queues",
        "queue_members",
        "tags",
        "conversations",
        "messages",
        "notes",
        "conversation_tags",
        "activity_log",
        "timers",
        "hours_periods",
        "waiting_strategies",
        "audio_files",
        "sla_policies",
        "conversation_sla",
        "sla_breaches",
        "contact_endpoints",
        "flows",
        "custom_attributes",
        "custom_attribute_values",
        "ratings",
        "search_items",
        "teams",
        "team_members",
        "webhook_subscriptions",
        "webhook_deliveries",
        "webhook_attempts",
        "routes",
        "agent_statuses",
        "agent_status_log",
        "conversation_assignees",
        "queue_senders",
        "companies",
    ];
    if !TABLES.contains(&table) {
        return Err(StoreError::Corrupt(format!("no table {table}")));
    }
    Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&mut **tx).await?)
}

/// The engine's vocabulary that rows are made of, for callers that only depend on the store.
pub use switchboard_engine as engine;

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn custom_attribute_values_survive_the_rebuild_for_companies() {
        use sqlx::migrate::Migrator;
        let dir = tempfile::tempdir().unwrap();
        let options =
            SqliteConnectOptions::new().filename(dir.path().join("old.db")).create_if_missing(true).foreign_keys(true);
        let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
        let before_companies: Vec<_> = MIGRATOR.migrations.iter().filter(|m| m.version < 9).cloned().collect();
        let old = Migrator { migrations: std::borrow::Cow::Owned(before_companies), ..Migrator::DEFAULT };
        old.run(&pool).await.unwrap();
        sqlx::query("INSERT INTO custom_attributes (id, entity, identifier, name, kind, created_at) VALUES ('a', 'Contact', 'tier', 'Tier', 'Text', 0)")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO custom_attribute_values (attribute_id, entity_id, value) VALUES ('a', 'someone', '\"Gold\"')",
        )
        .execute(&pool)
        .await
        .unwrap();
        MIGRATOR.run(&pool).await.unwrap();
        let value: String = sqlx::query_scalar("SELECT value FROM custom_attribute_values WHERE attribute_id = 'a'")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(value, "\"Gold\"");
        sqlx::query("INSERT INTO custom_attributes (id, entity, identifier, name, kind, created_at) VALUES ('b', 'Company', 'tier', 'Tier', 'Text', 0)")
            .execute(&pool)
            .await
            .unwrap();
        // The values still follow their definition.
        sqlx::query("DELETE FROM custom_attributes WHERE id = 'a'").execute(&pool).await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM custom_attribute_values").fetch_one(&pool).await.unwrap();
        assert_eq!(n, 0);
    }

    #[tokio::test]
    async fn opens_a_file_in_wal_mode_with_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(store.pool()).await.unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(store.pool()).await.unwrap();
        assert_eq!(fk, 1);
    }
}
