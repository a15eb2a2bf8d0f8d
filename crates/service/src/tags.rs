//! Tags: their names, colours and whether they may still be applied.

use crate::fields::clean;
use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::content::validate_name;
use switchboard_engine::kinds::TagState;
use switchboard_store::tags::{self, Tag};
use switchboard_store::users::User;
use uuid::Uuid;

impl Service {
    pub async fn create_tag(&self, by: &User, name: &str, color: Option<String>) -> Result<Tag> {
        crate::access::require(by, Permission::Configure)?;
        let name = validate_name("name", name, 100)?;
        let color = clean(color);
        if let Some(c) = &color {
            switchboard_engine::content::check_color(c)?;
        }
        let mut work = self.work().await?;
        if tags::list(&mut work.tx).await?.iter().any(|t| t.name.eq_ignore_ascii_case(&name)) {
            return Err(switchboard_engine::RuleError::AlreadyExists {
                what: switchboard_engine::Taken::TagName,
                name: name.to_string(),
            }
            .into());
        }
        let tag = Tag { id: Uuid::new_v4(), name, color, state: TagState::Active, created_at: work.now };
        tags::insert(&mut work.tx, &tag).await?;
        self.finish(work).await?;
        Ok(tag)
    }

    pub async fn set_tag_state(&self, by: &User, id: Uuid, state: TagState) -> Result<Tag> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut tag =
            tags::get(&mut work.tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Tag {id} not found")))?;
        tags::set_state(&mut work.tx, id, state).await?;
        self.finish(work).await?;
        tag.state = state;
        Ok(tag)
    }

    pub async fn tag(&self, by: &User, id: Uuid) -> Result<Tag> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        tags::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Tag {id} not found")))
    }

    pub async fn tags(&self, by: &User) -> Result<Vec<Tag>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        Ok(tags::list(&mut tx).await?)
    }
}
