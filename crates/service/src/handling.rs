//! The handling settings: how agents pick up conversations (assigning on reply).

use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::handling::HandlingSettings;
use switchboard_store::users::User;
use switchboard_store::Tx;

const SETTING: &str = "handling";

/// The settings in force (the defaults until someone changes them).
pub(crate) async fn load(tx: &mut Tx) -> Result<HandlingSettings> {
    match switchboard_store::settings::get(tx, SETTING).await? {
        Some(v) => serde_json::from_value(v).map_err(|e| ServiceError::Internal(format!("handling settings: {e}"))),
        None => Ok(HandlingSettings::default()),
    }
}

impl Service {
    pub async fn handling_settings(&self, by: &User) -> Result<HandlingSettings> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        load(&mut tx).await
    }

    pub async fn set_handling_settings(&self, by: &User, settings: HandlingSettings) -> Result<HandlingSettings> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let value = serde_json::to_value(settings).map_err(|e| ServiceError::Internal(e.to_string()))?;
        switchboard_store::settings::put(&mut work.tx, SETTING, &value).await?;
        self.finish(work).await?;
        Ok(settings)
    }
}
