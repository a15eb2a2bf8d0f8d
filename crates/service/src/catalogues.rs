//! Catalogues the clients show and must not copy: the condition builder's attributes and
//! operators, the text-to-speech languages and voices, how a queue position is said, and the
//! webhook formats with their events.

use crate::{Result, Service};
use switchboard_engine::access::Permission;
use switchboard_engine::condition_catalogue::{self as offer, CatalogueEntry};
use switchboard_engine::conditions::{Operator, ALL_OPERATORS};
use switchboard_engine::waiting::{self, Language};
use switchboard_engine::webhook::WebhookFormat;
use switchboard_engine::RuleError;
use switchboard_store::users::User;

/// What a condition builder offers.
#[derive(Debug, Clone)]
pub struct ConditionCatalogue {
    pub attributes: Vec<CatalogueEntry>,
    pub custom_operators: &'static [Operator],
    pub operators: &'static [Operator],
}

impl Service {
    pub fn condition_catalogue(&self, by: &User) -> Result<ConditionCatalogue> {
        crate::access::require(by, Permission::ReadDirectory)?;
        Ok(ConditionCatalogue {
            attributes: offer::catalogue(),
            custom_operators: offer::custom_operators(),
            operators: ALL_OPERATORS,
        })
    }

    /// The webhook formats and the events a subscription in each may list.
    pub fn webhook_catalogue(&self, by: &User) -> Result<&'static [WebhookFormat]> {
        crate::access::require(by, Permission::ReadDirectory)?;
        Ok(WebhookFormat::ALL)
    }

    pub fn voice_catalogue(&self, by: &User) -> Result<&'static [Language]> {
        crate::access::require(by, Permission::ReadDirectory)?;
        Ok(waiting::LANGUAGES)
    }

    /// An announcement as a caller at `position` would hear it in `language`.
    pub fn position_preview(&self, by: &User, text: &str, language: &str, position: u32) -> Result<String> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let lang = waiting::language(language).ok_or_else(|| RuleError::UnknownLanguage(language.to_owned()))?;
        waiting::check_preview_position(position)?;
        Ok(waiting::render_position(text, position, lang))
    }
}
