//! Installation-wide settings: one JSON value per key; an absent key means the default.

use crate::{Result, StoreError, Tx};
use serde_json::Value;

/// The stored value of `key`, if it was ever set.
pub async fn get(tx: &mut Tx, key: &str) -> Result<Option<Value>> {
    let raw: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = ?").bind(key).fetch_optional(&mut **tx).await?;
    raw.map(|r| serde_json::from_str(&r).map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}")))).transpose()
}

pub async fn put(tx: &mut Tx, key: &str, value: &Value) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Forgets a setting: its default applies again.
pub async fn reset(tx: &mut Tx, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM settings WHERE key = ?").bind(key).execute(&mut **tx).await?;
    Ok(())
}
