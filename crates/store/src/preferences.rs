//! Each user's own choices (the sound of alerts), one row per user who changed a default.

use crate::{Result, Tx};
use sqlx::Row;
use uuid::Uuid;

/// A user's choices; a user who never chose has the defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Preferences {
    pub sound_muted: bool,
}

pub async fn get(tx: &mut Tx, user_id: Uuid) -> Result<Preferences> {
    let row = sqlx::query("SELECT sound_muted FROM user_preferences WHERE user_id = ?")
        .bind(user_id.to_string())
        .fetch_optional(&mut **tx)
        .await?;
    Ok(match row {
        Some(r) => Preferences { sound_muted: r.try_get::<i64, _>("sound_muted")? != 0 },
        None => Preferences::default(),
    })
}

pub async fn set(tx: &mut Tx, user_id: Uuid, p: Preferences) -> Result<()> {
    sqlx::query(
        "INSERT INTO user_preferences (user_id, sound_muted) VALUES (?, ?) \
         ON CONFLICT (user_id) DO UPDATE SET sound_muted = excluded.sound_muted",
    )
    .bind(user_id.to_string())
    .bind(i64::from(p.sound_muted))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
