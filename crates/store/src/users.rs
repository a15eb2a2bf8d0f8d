//! Users of the contact center: agents, admins and bots.

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, StoreError, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use switchboard_engine::user::{Actor, Roles, UserType};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    pub user_type: UserType,
    pub display_name: String,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub roles: Roles,
    pub enabled: bool,
    pub created_at: DateTime<Utc>,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor { id: self.id, user_type: self.user_type, enabled: self.enabled }
    }
}

fn from_row(row: &SqliteRow) -> Result<User> {
    let kind: String = row.try_get("user_type")?;
    Ok(User {
        id: get_uuid(row, "id")?,
        user_type: UserType::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("user_type {kind}")))?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        phone_number: row.try_get("phone_number")?,
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        roles: Roles::from_stored(&row.try_get::<String, _>("roles")?),
        enabled: row.try_get("enabled")?,
        created_at: get_time(row, "created_at")?,
    })
}

pub async fn insert(tx: &mut Tx, user: &User) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, user_type, display_name, email, phone_number, first_name, last_name, roles, enabled, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(user.id.to_string())
    .bind(user.user_type.as_str())
    .bind(&user.display_name)
    .bind(&user.email)
    .bind(&user.phone_number)
    .bind(&user.first_name)
    .bind(&user.last_name)
    .bind(user.roles.to_stored())
    .bind(user.enabled)
    .bind(ms(user.created_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, user: &User) -> Result<()> {
    sqlx::query(
        "UPDATE users SET display_name = ?, email = ?, phone_number = ?, first_name = ?, last_name = ?, roles = ?,
            enabled = ? WHERE id = ?",
    )
    .bind(&user.display_name)
    .bind(&user.email)
    .bind(&user.phone_number)
    .bind(&user.first_name)
    .bind(&user.last_name)
    .bind(user.roles.to_stored())
    .bind(user.enabled)
    .bind(user.id.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<User>> {
    sqlx::query("SELECT * FROM users WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn find_by_email(tx: &mut Tx, email: &str) -> Result<Option<User>> {
    sqlx::query("SELECT * FROM users WHERE email = ? COLLATE NOCASE")
        .bind(email)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Users in creation order, after the given (created_at, id) key, at most `limit`.
pub async fn list(tx: &mut Tx, types: &[UserType], after: Option<(i64, String)>, limit: u32) -> Result<Vec<User>> {
    let (after_t, after_id) = after.unwrap_or((i64::MIN, String::new()));
    let types: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    let rows = sqlx::query(
        "SELECT * FROM users
         WHERE user_type IN (SELECT value FROM json_each(?))
           AND (created_at, id) > (?, ?)
         ORDER BY created_at, id LIMIT ?",
    )
    .bind(serde_json::to_string(&types).map_err(|e| StoreError::Corrupt(e.to_string()))?)
    .bind(after_t)
    .bind(after_id)
    .bind(limit)
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Whether any user exists at all (first start creates the bootstrap admin).
pub async fn any(tx: &mut Tx) -> Result<bool> {
    Ok(sqlx::query_scalar::<_, i64>("SELECT EXISTS (SELECT 1 FROM users)").fetch_one(&mut **tx).await? == 1)
}
