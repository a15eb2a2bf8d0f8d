//! A user's own choices, read and changed by that user only (no permission needed for oneself).

use crate::{Result, Service};
use switchboard_store::preferences;
use switchboard_store::users::User;

pub use switchboard_store::preferences::Preferences;

/// What a change names; a field left out keeps its value.
#[derive(Debug, Clone, Copy, Default)]
pub struct PreferencesChange {
    pub sound_muted: Option<bool>,
}

impl Service {
    /// The caller's own choices.
    pub async fn preferences(&self, by: &User) -> Result<Preferences> {
        let mut tx = self.store().read().await?;
        Ok(preferences::get(&mut tx, by.id).await?)
    }

    /// Changes the caller's own choices.
    pub async fn set_preferences(&self, by: &User, change: PreferencesChange) -> Result<Preferences> {
        let mut work = self.work().await?;
        let mut p = preferences::get(&mut work.tx, by.id).await?;
        if let Some(muted) = change.sound_muted {
            p.sound_muted = muted;
        }
        preferences::set(&mut work.tx, by.id, p).await?;
        self.finish(work).await?;
        Ok(p)
    }
}
