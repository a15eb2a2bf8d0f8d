//! Companies: create, read, change and delete them, and the people who belong to them.

use crate::page::{page, Page};
use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::people::CompanyDetails;
use switchboard_store::companies::{self, Company};
use switchboard_store::end_users::{self, EndUser};
use switchboard_store::users::User;
use uuid::Uuid;

impl Service {
    pub async fn create_company(&self, by: &User, details: CompanyDetails) -> Result<Company> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        let details = details.cleaned()?;
        let mut work = self.work().await?;
        let company = Company { id: Uuid::new_v4(), details, created_at: work.now, updated_at: work.now };
        companies::insert(&mut work.tx, &company).await?;
        self.finish(work).await?;
        Ok(company)
    }

    pub async fn company(&self, by: &User, id: Uuid) -> Result<Company> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        companies::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Company {id} not found")))
    }

    /// Companies by name.
    pub async fn companies(
        &self,
        by: &User,
        after: Option<(String, String)>,
        limit: u32,
    ) -> Result<Page<Company, (String, String)>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let rows = companies::list(&mut tx, after, limit + 1).await?;
        Ok(page(rows, limit, |c| (c.details.name.clone(), c.id.to_string())))
    }

    /// Sets the attributes named in `patch` (null clears one; the name can't be cleared).
    pub async fn patch_company(
        &self,
        by: &User,
        id: Uuid,
        patch: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<Company> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        let mut work = self.work().await?;
        let mut company = companies::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Company {id} not found")))?;
        company.details = company.details.patched(patch)?;
        company.updated_at = work.now;
        companies::update(&mut work.tx, &company).await?;
        self.finish(work).await?;
        Ok(company)
    }

    /// Deletes a company; its people stay, belonging to no company.
    pub async fn delete_company(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::ManageEndUsers)?;
        let mut work = self.work().await?;
        companies::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Company {id} not found")))?;
        companies::delete(&mut work.tx, id).await?;
        self.finish(work).await
    }

    /// The people of a company.
    pub async fn company_people(&self, by: &User, id: Uuid, limit: u32) -> Result<Vec<EndUser>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        companies::get(&mut tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Company {id} not found")))?;
        let filter = end_users::Filter { company_id: Some(id), ..Default::default() };
        Ok(end_users::list(&mut tx, &filter, None, limit).await?)
    }
}
