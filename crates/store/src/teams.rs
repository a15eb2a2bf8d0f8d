//! Teams of agents and their members.

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

fn from_row(row: &SqliteRow) -> Result<Team> {
    Ok(Team { id: get_uuid(row, "id")?, name: row.try_get("name")?, created_at: get_time(row, "created_at")? })
}

pub async fn insert(tx: &mut Tx, t: &Team) -> Result<()> {
    sqlx::query("INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)")
        .bind(t.id.to_string())
        .bind(&t.name)
        .bind(ms(t.created_at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<Team>> {
    sqlx::query("SELECT * FROM teams WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn find_by_name(tx: &mut Tx, name: &str) -> Result<Option<Team>> {
    sqlx::query("SELECT * FROM teams WHERE name = ? COLLATE NOCASE")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

pub async fn list(tx: &mut Tx) -> Result<Vec<Team>> {
    let rows = sqlx::query("SELECT * FROM teams ORDER BY name COLLATE NOCASE, id").fetch_all(&mut **tx).await?;
    rows.iter().map(from_row).collect()
}

pub async fn delete(tx: &mut Tx, id: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM teams WHERE id = ?").bind(id.to_string()).execute(&mut **tx).await?;
    Ok(())
}

pub async fn add_member(tx: &mut Tx, team: Uuid, user: Uuid, at: DateTime<Utc>) -> Result<()> {
    sqlx::query("INSERT OR IGNORE INTO team_members (team_id, user_id, added_at) VALUES (?, ?, ?)")
        .bind(team.to_string())
        .bind(user.to_string())
        .bind(ms(at))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn remove_member(tx: &mut Tx, team: Uuid, user: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM team_members WHERE team_id = ? AND user_id = ?")
        .bind(team.to_string())
        .bind(user.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The members' ids, in the order they joined.
pub async fn members(tx: &mut Tx, team: Uuid) -> Result<Vec<Uuid>> {
    let rows = sqlx::query("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY added_at, user_id")
        .bind(team.to_string())
        .fetch_all(&mut **tx)
        .await?;
    rows.iter().map(|r| get_uuid(r, "user_id")).collect()
}

/// The teams a user belongs to.
pub async fn of_user(tx: &mut Tx, user: Uuid) -> Result<Vec<Team>> {
    let rows = sqlx::query(
        "SELECT t.* FROM teams t JOIN team_members m ON m.team_id = t.id WHERE m.user_id = ? ORDER BY t.name COLLATE NOCASE",
    )
    .bind(user.to_string())
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Removes a user from every team (when they are deleted).
pub async fn leave_all(tx: &mut Tx, user: Uuid) -> Result<()> {
    sqlx::query("DELETE FROM team_members WHERE user_id = ?").bind(user.to_string()).execute(&mut **tx).await?;
    Ok(())
}
