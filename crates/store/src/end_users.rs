//! End users: the customers who contact the center (Dixa's requesters).

use crate::codec::{get_time, get_uuid, ms};
use crate::{Result, Tx};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};
use switchboard_engine::people::PersonDetails;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndUser {
    pub id: Uuid,
    pub display_name: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub external_id: Option<String>,
    /// The other standard person attributes (address, birth date, city...).
    pub person: PersonDetails,
    /// The company the person belongs to.
    pub company_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When their personal details were erased.
    pub anonymized_at: Option<DateTime<Utc>>,
}

fn from_row(row: &SqliteRow) -> Result<EndUser> {
    Ok(EndUser {
        id: get_uuid(row, "id")?,
        display_name: row.try_get("display_name")?,
        first_name: row.try_get("first_name")?,
        last_name: row.try_get("last_name")?,
        email: row.try_get("email")?,
        phone_number: row.try_get("phone_number")?,
        external_id: row.try_get("external_id")?,
        person: serde_json::from_str(&row.try_get::<String, _>("person")?)
            .map_err(|e| crate::StoreError::Corrupt(format!("person: {e}")))?,
        company_id: crate::codec::get_opt_uuid(row, "company_id")?,
        created_at: get_time(row, "created_at")?,
        updated_at: get_time(row, "updated_at")?,
        anonymized_at: crate::codec::get_opt_time(row, "anonymized_at")?,
    })
}

fn person_text(p: &PersonDetails) -> Result<String> {
    serde_json::to_string(p).map_err(|e| crate::StoreError::Corrupt(e.to_string()))
}

pub async fn insert(tx: &mut Tx, u: &EndUser) -> Result<()> {
    sqlx::query(
        "INSERT INTO end_users (id, display_name, first_name, last_name, email, phone_number, external_id, person,
            company_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(u.id.to_string())
    .bind(&u.display_name)
    .bind(&u.first_name)
    .bind(&u.last_name)
    .bind(&u.email)
    .bind(&u.phone_number)
    .bind(&u.external_id)
    .bind(person_text(&u.person)?)
    .bind(u.company_id.map(|c| c.to_string()))
    .bind(ms(u.created_at))
    .bind(ms(u.updated_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn update(tx: &mut Tx, u: &EndUser) -> Result<()> {
    sqlx::query(
        "UPDATE end_users SET display_name = ?, first_name = ?, last_name = ?, email = ?, phone_number = ?,
         external_id = ?, person = ?, company_id = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&u.display_name)
    .bind(&u.first_name)
    .bind(&u.last_name)
    .bind(&u.email)
    .bind(&u.phone_number)
    .bind(&u.external_id)
    .bind(person_text(&u.person)?)
    .bind(u.company_id.map(|c| c.to_string()))
    .bind(ms(u.updated_at))
    .bind(u.id.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn get(tx: &mut Tx, id: Uuid) -> Result<Option<EndUser>> {
    sqlx::query("SELECT * FROM end_users WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(from_row)
        .transpose()
}

/// Filters for listing end users; each set field must match exactly.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub company_id: Option<Uuid>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub external_id: Option<String>,
}

pub async fn list(tx: &mut Tx, filter: &Filter, after: Option<(i64, String)>, limit: u32) -> Result<Vec<EndUser>> {
    let mut q = QueryBuilder::<Sqlite>::new("SELECT * FROM end_users WHERE 1 = 1");
    if let Some(company) = filter.company_id {
        q.push(" AND company_id = ").push_bind(company.to_string());
    }
    if let Some(email) = &filter.email {
        q.push(" AND email = ").push_bind(email.clone()).push(" COLLATE NOCASE");
    }
    if let Some(phone) = &filter.phone_number {
        q.push(" AND phone_number = ").push_bind(phone.clone());
    }
    if let Some(ext) = &filter.external_id {
        q.push(" AND external_id = ").push_bind(ext.clone());
    }
    if let Some((t, id)) = after {
        q.push(" AND (created_at, id) > (").push_bind(t).push(", ").push_bind(id).push(")");
    }
    q.push(" ORDER BY created_at, id LIMIT ").push_bind(limit);
    let rows = q.build().fetch_all(&mut **tx).await?;
    rows.iter().map(from_row).collect()
}

/// Erases an end user's personal details, keeping the record that conversations point at.
pub async fn erase(tx: &mut Tx, id: Uuid, at: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "UPDATE end_users SET display_name = NULL, first_name = NULL, last_name = NULL, email = NULL,
            phone_number = NULL, external_id = NULL, person = '{}', company_id = NULL, updated_at = ?1,
            anonymized_at = ?1 WHERE id = ?2",
    )
    .bind(ms(at))
    .bind(id.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
