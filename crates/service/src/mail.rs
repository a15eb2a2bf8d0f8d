//! Email out: the SMTP setup (Settings › Email; the password is never read back), a test message,
//! and sending through `lettre` to an address the outbound rules allow.

use crate::access::require;
use crate::outbound::CallError;
use crate::{Result, Service, ServiceError};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use switchboard_engine::access::Permission;
use switchboard_engine::mail::{self, Email, SmtpSetup};
use switchboard_engine::RuleError;
use switchboard_store::settings;
use switchboard_store::users::User;

const SETTING: &str = "smtp";
/// Time for connecting, greeting and each command.
const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// What is stored: the setup and the password it signs in with (kept to send; never answered).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    setup: SmtpSetup,
    password: Option<String>,
}

/// The SMTP setup as it is read back: whether a password is set, not the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpView {
    pub setup: SmtpSetup,
    pub has_password: bool,
}

/// What to do with the stored password when the setup is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordChange {
    Keep,
    Set(String),
    Clear,
}

async fn load(tx: &mut switchboard_store::Tx) -> Result<Option<Stored>> {
    let value = settings::get(tx, SETTING).await?;
    // An unreadable setup (written by a later version) is treated as none rather than failing.
    Ok(value.and_then(|v| serde_json::from_value(v).ok()))
}

impl Service {
    /// The SMTP setup; it holds credentials, so only those who change the setup read it.
    pub async fn smtp(&self, by: &User) -> Result<Option<SmtpView>> {
        require(by, Permission::Configure)?;
        let mut tx = self.store().read().await?;
        Ok(load(&mut tx).await?.map(|s| SmtpView { has_password: s.password.is_some(), setup: s.setup }))
    }

    /// Saves the SMTP setup.
    pub async fn set_smtp(&self, by: &User, setup: SmtpSetup, password: PasswordChange) -> Result<SmtpView> {
        require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let old = load(&mut work.tx).await?.and_then(|s| s.password);
        let password = match password {
            PasswordChange::Keep => old,
            PasswordChange::Clear => None,
            PasswordChange::Set(p) if p.is_empty() => None,
            PasswordChange::Set(p) if p.chars().count() > mail::MAX_SECRET_CHARS => {
                return Err(RuleError::TooLong { field: "password", max: mail::MAX_SECRET_CHARS }.into())
            }
            PasswordChange::Set(p) => Some(p),
        };
        let setup = setup.checked(password.is_some())?;
        let stored = Stored { setup: setup.clone(), password };
        let value = serde_json::to_value(&stored).map_err(|e| ServiceError::Internal(e.to_string()))?;
        settings::put(&mut work.tx, SETTING, &value).await?;
        self.finish(work).await?;
        Ok(SmtpView { setup, has_password: stored.password.is_some() })
    }

    /// Removes the SMTP setup: links are shown to copy only.
    pub async fn clear_smtp(&self, by: &User) -> Result<()> {
        require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        settings::reset(&mut work.tx, SETTING).await?;
        self.finish(work).await
    }

    /// Sends a test message to `to`, or to the caller's own address.
    pub async fn send_test_email(&self, by: &User, to: Option<String>) -> Result<String> {
        require(by, Permission::Configure)?;
        let to = match to.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) {
            Some(t) => t,
            None => by.email.clone().ok_or_else(|| RuleError::NoEmailToSignIn(by.display_name.clone()))?,
        };
        switchboard_engine::user::check_email(&to)?;
        let stored = {
            let mut tx = self.store().read().await?;
            load(&mut tx).await?.ok_or(RuleError::NoSmtp)?
        };
        self.deliver_email(&stored, &mail::test_email(&to, &by.display_name)).await.map_err(ServiceError::Upstream)?;
        Ok(to)
    }

    /// Whether email can be sent (an SMTP server is set up), and where links point.
    pub(crate) async fn public_address_for_mail(&self) -> Result<Option<String>> {
        let mut tx = self.store().read().await?;
        Ok(load(&mut tx).await?.map(|s| s.setup.public_address))
    }

    /// Sends one email with the stored setup; a failure is told in words for the person who
    /// asked (nothing is retried: they can copy the link instead).
    pub(crate) async fn send_email(&self, email: &Email) -> std::result::Result<(), String> {
        let stored = {
            let mut tx = self.store().read().await.map_err(|e| e.to_string())?;
            load(&mut tx).await.map_err(|e| e.to_string())?.ok_or_else(|| RuleError::NoSmtp.to_string())?
        };
        self.deliver_email(&stored, email).await
    }

    async fn deliver_email(&self, stored: &Stored, email: &Email) -> std::result::Result<(), String> {
        let s = &stored.setup;
        let message = build(s, email)?;
        // Connect to an address the outbound rules allow, and only to it; TLS still checks the
        // certificate against the host's name.
        let addr = self.outbound().resolve_allowed(&s.host, s.port).await.map_err(|e| match e {
            CallError::NotAllowed(rule) => format!("The SMTP server's address is not allowed: {rule}"),
            other => format!("Could not reach the SMTP server {}: {other}", s.host),
        })?;
        let tls =
            || TlsParameters::new(s.host.clone()).map_err(|e| format!("Could not set up TLS for {}: {e}", s.host));
        let tls = match s.security {
            mail::SmtpSecurity::StartTls => Tls::Required(tls()?),
            mail::SmtpSecurity::Tls => Tls::Wrapper(tls()?),
            mail::SmtpSecurity::None => Tls::None,
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(addr.ip().to_string())
            .port(addr.port())
            .tls(tls)
            .timeout(Some(SMTP_TIMEOUT));
        if let Some(user) = &s.username {
            builder = builder.credentials(Credentials::new(user.clone(), stored.password.clone().unwrap_or_default()));
        }
        let transport = builder.build();
        match tokio::time::timeout(SMTP_TIMEOUT * 3, transport.send(message)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(format!("The SMTP server {} did not take the message: {e}", s.host)),
            Err(_) => Err(format!("The SMTP server {} did not answer in time", s.host)),
        }
    }
}

/// The message itself: plain text, from the set-up sender.
fn build(s: &SmtpSetup, email: &Email) -> std::result::Result<Message, String> {
    let from_address = s.from_address.parse().map_err(|e| format!("The sender address is not valid: {e}"))?;
    let to_address = email.to.parse().map_err(|e| format!("The address {} is not valid: {e}", email.to))?;
    Message::builder()
        .from(Mailbox::new(s.from_name.clone(), from_address))
        .to(Mailbox::new(email.to_name.clone(), to_address))
        .subject(email.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(email.text.clone())
        .map_err(|e| format!("The message could not be written: {e}"))
}
