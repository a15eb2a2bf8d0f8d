//! Conversions between stored column values and domain values.

use crate::{Result, StoreError};
use chrono::{DateTime, TimeZone, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use uuid::Uuid;

pub fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub fn time(ms: i64) -> Result<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms).single().ok_or_else(|| StoreError::Corrupt(format!("bad timestamp {ms}")))
}

pub fn get_time(row: &SqliteRow, col: &str) -> Result<DateTime<Utc>> {
    time(row.try_get::<i64, _>(col)?)
}

pub fn get_opt_time(row: &SqliteRow, col: &str) -> Result<Option<DateTime<Utc>>> {
    row.try_get::<Option<i64>, _>(col)?.map(time).transpose()
}

pub fn parse_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| StoreError::Corrupt(format!("bad uuid {s}: {e}")))
}

pub fn get_uuid(row: &SqliteRow, col: &str) -> Result<Uuid> {
    parse_uuid(&row.try_get::<String, _>(col)?)
}

pub fn get_opt_uuid(row: &SqliteRow, col: &str) -> Result<Option<Uuid>> {
    row.try_get::<Option<String>, _>(col)?.map(|s| parse_uuid(&s)).transpose()
}

/// Reads a vocabulary column (status, channel...) through its parser.
pub fn get_kind<T, E: std::fmt::Display>(
    row: &SqliteRow,
    col: &str,
    parse: impl Fn(&str) -> std::result::Result<T, E>,
) -> Result<T> {
    let raw: String = row.try_get(col)?;
    parse(&raw).map_err(|e| StoreError::Corrupt(format!("{col}: {e}")))
}
