//! Contact endpoints (where customers reach the center) and the flows that serve them.

use crate::{Result, Service, ServiceError};
use switchboard_engine::access::Permission;
use switchboard_engine::content::validate_name;
use switchboard_engine::kinds::{Channel, EndpointKind};
use switchboard_store::contact_endpoints::{self, ContactEndpoint, Flow};
use switchboard_store::users::User;
use uuid::Uuid;

/// Checks an endpoint's address for its kind and returns it normalized.
fn normalize(kind: EndpointKind, address: &str) -> Result<String> {
    let a = address.trim();
    let ok = match kind {
        EndpointKind::Email => a.contains('@') && !a.contains(char::is_whitespace) && a.len() <= 320,
        EndpointKind::Phone => {
            a.starts_with('+') && a.len() >= 8 && a.len() <= 16 && a[1..].chars().all(|c| c.is_ascii_digit())
        }
        EndpointKind::Widget => {
            !a.is_empty() && a.len() <= 100 && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        }
    };
    if !ok {
        let hint = match kind {
            EndpointKind::Email => "an email address",
            EndpointKind::Phone => "a phone number in E.164 form, e.g. +4512345678",
            EndpointKind::Widget => "letters, digits, - and _",
        };
        return Err(
            switchboard_engine::RuleError::BadEndpoint { kind: kind.as_str(), address: a.to_owned(), hint }.into()
        );
    }
    Ok(if kind == EndpointKind::Email { a.to_lowercase() } else { a.to_owned() })
}

impl Service {
    /// Adds a contact endpoint with one flow per channel it serves.
    pub async fn create_contact_endpoint(
        &self,
        by: &User,
        kind: EndpointKind,
        address: &str,
        name: Option<String>,
    ) -> Result<(ContactEndpoint, Vec<Flow>)> {
        crate::access::require(by, Permission::Configure)?;
        let id = normalize(kind, address)?;
        let name = match name {
            Some(n) => validate_name("name", &n, 200)?,
            None => id.clone(),
        };
        let mut work = self.work().await?;
        if contact_endpoints::get(&mut work.tx, &id).await?.is_some() {
            return Err(switchboard_engine::RuleError::AlreadyExists {
                what: switchboard_engine::Taken::ContactEndpoint,
                name: id.to_string(),
            }
            .into());
        }
        let e = ContactEndpoint { id: id.clone(), kind, name, created_at: work.now };
        contact_endpoints::insert(&mut work.tx, &e).await?;
        let mut flows = Vec::new();
        for channel in kind.channels() {
            let f = Flow {
                id: Uuid::new_v4(),
                name: format!("Default {} flow", channel_label(*channel)),
                channel: *channel,
                contact_endpoint_id: id.clone(),
                created_at: work.now,
            };
            contact_endpoints::insert_flow(&mut work.tx, &f).await?;
            flows.push(f);
        }
        self.finish(work).await?;
        Ok((e, flows))
    }

    pub async fn contact_endpoints(&self, by: &User) -> Result<Vec<ContactEndpoint>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        Ok(contact_endpoints::list(&mut tx).await?)
    }

    pub async fn contact_endpoint(&self, by: &User, id: &str) -> Result<ContactEndpoint> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        contact_endpoints::get(&mut tx, id.trim())
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Contact endpoint {id} not found")))
    }

    pub async fn delete_contact_endpoint(&self, by: &User, id: &str) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let e = contact_endpoints::get(&mut work.tx, id.trim())
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Contact endpoint {id} not found")))?;
        contact_endpoints::delete(&mut work.tx, &e.id).await?;
        self.finish(work).await?;
        Ok(())
    }

    /// The flows of one channel (Dixa's default: PstnPhone).
    pub async fn flows(&self, by: &User, channel: Channel) -> Result<Vec<Flow>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        Ok(contact_endpoints::flows(&mut tx, Some(channel)).await?)
    }
}

fn channel_label(c: Channel) -> &'static str {
    match c {
        Channel::PstnPhone => "call",
        Channel::Sms => "SMS",
        Channel::WhatsApp => "WhatsApp",
        Channel::Email => "email",
        Channel::WidgetChat => "chat",
        other => other.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_per_kind() {
        assert_eq!(normalize(EndpointKind::Email, " Support@Example.com ").unwrap(), "support@example.com");
        assert!(normalize(EndpointKind::Email, "nope").is_err());
        assert_eq!(normalize(EndpointKind::Phone, "+559912443333").unwrap(), "+559912443333");
        assert!(normalize(EndpointKind::Phone, "559912443333").is_err());
        assert!(normalize(EndpointKind::Phone, "+55 99").is_err());
        assert!(normalize(EndpointKind::Widget, "web-chat_1").is_ok());
        assert!(normalize(EndpointKind::Widget, "web chat").is_err());
    }
}
