//! Each user's saved inbox views: named filters and order, theirs alone (like their preferences,
//! anyone signed in keeps their own; what a view lists is still cut to their reach).

use crate::{Result, Service, ServiceError};
use switchboard_engine::error::{RuleError, Taken};
use switchboard_engine::views;
use switchboard_store::saved_views::{self, SavedView};
use switchboard_store::users::User;
use uuid::Uuid;

fn not_found(id: Uuid) -> ServiceError {
    ServiceError::NotFound(format!("View {id} not found"))
}

impl Service {
    pub async fn saved_views(&self, by: &User) -> Result<Vec<SavedView>> {
        let mut tx = self.store().read().await?;
        Ok(saved_views::of_user(&mut tx, by.id).await?)
    }

    /// Saves a view at the end of the user's list. `query` is the list's query string, already
    /// read by the caller.
    pub async fn save_view(&self, by: &User, name: &str, query: String) -> Result<SavedView> {
        let mut work = self.work().await?;
        let existing = saved_views::of_user(&mut work.tx, by.id).await?;
        let name = views::check(name, &query, Some(existing.len()))?;
        if saved_views::name_taken(&mut work.tx, by.id, &name, None).await? {
            return Err(RuleError::AlreadyExists { what: Taken::ViewName, name }.into());
        }
        let view = SavedView {
            id: Uuid::new_v4(),
            user_id: by.id,
            name,
            query,
            position: existing.iter().map(|v| v.position + 1).max().unwrap_or(0),
            created_at: work.now,
        };
        saved_views::insert(&mut work.tx, &view).await?;
        self.finish(work).await?;
        Ok(view)
    }

    /// Renames a view and/or replaces its query.
    pub async fn change_view(
        &self,
        by: &User,
        id: Uuid,
        name: Option<&str>,
        query: Option<String>,
    ) -> Result<SavedView> {
        let mut work = self.work().await?;
        let mut view = saved_views::get(&mut work.tx, by.id, id).await?.ok_or_else(|| not_found(id))?;
        let name = views::check(name.unwrap_or(&view.name), query.as_deref().unwrap_or(&view.query), None)?;
        if saved_views::name_taken(&mut work.tx, by.id, &name, Some(id)).await? {
            return Err(RuleError::AlreadyExists { what: Taken::ViewName, name }.into());
        }
        view.name = name;
        if let Some(q) = query {
            view.query = q;
        }
        saved_views::update(&mut work.tx, &view).await?;
        self.finish(work).await?;
        Ok(view)
    }

    pub async fn delete_view(&self, by: &User, id: Uuid) -> Result<()> {
        let mut work = self.work().await?;
        if !saved_views::delete(&mut work.tx, by.id, id).await? {
            return Err(not_found(id));
        }
        self.finish(work).await
    }
}
