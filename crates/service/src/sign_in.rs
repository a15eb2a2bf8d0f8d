//! Signing in with email and password: sessions (listed, revoked, ended by signing out), invite
//! and reset links, password changes, and the throttling of failed attempts.

use crate::auth::{generate_token, hash_token, principal};
use crate::{passwords, Result, Service, ServiceError};
use chrono::{DateTime, Duration, Utc};
use switchboard_engine::access;
use switchboard_engine::credentials::{self as rules, LinkPurpose, TokenKind};
use switchboard_engine::permission::Permission;
use switchboard_engine::RuleError;
use switchboard_store::credentials::{self, Link};
use switchboard_store::tokens::{self, Token};
use switchboard_store::users::{self, User};
use uuid::Uuid;

/// A sign-in attempt.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub email: String,
    pub password: String,
    /// The network address it came from (throttled on its own).
    pub address: Option<String>,
    /// The browser or computer, as its user agent names it.
    pub device: Option<String>,
}

/// A session just begun: the bearer token (shown once) and its record.
#[derive(Debug, Clone)]
pub struct Begun {
    pub token: String,
    pub session: Token,
    pub user: User,
}

/// A one-time link just made: its secret (shown once), when it stops working, and whether it
/// was emailed (when an SMTP server is set up).
#[derive(Debug, Clone)]
pub struct IssuedLink {
    pub token: String,
    pub purpose: LinkPurpose,
    pub expires_at: DateTime<Utc>,
    /// The address it was emailed to.
    pub emailed_to: Option<String>,
    /// Why emailing it failed (the link still works: it can be copied).
    pub email_error: Option<String>,
}

/// The page of the UI that uses a link.
pub fn link_path(token: &str) -> String {
    format!("/set-password?token={token}")
}

/// What a link's page shows before the password is set.
#[derive(Debug, Clone)]
pub struct LinkInfo {
    pub purpose: LinkPurpose,
    pub display_name: String,
    pub email: String,
    pub expires_at: DateTime<Utc>,
}

const DEVICE_MAX_CHARS: usize = 200;

fn email_key(email: &str) -> String {
    format!("email:{}", email.trim().to_lowercase())
}

fn device_name(device: Option<String>) -> Option<String> {
    device.map(|d| d.trim().chars().take(DEVICE_MAX_CHARS).collect::<String>()).filter(|d| !d.is_empty())
}

fn new_session(user_id: Uuid, device: Option<String>, now: DateTime<Utc>) -> Token {
    Token {
        id: Uuid::new_v4(),
        user_id,
        kind: TokenKind::Session,
        name: "session".into(),
        device: device_name(device),
        created_at: now,
        last_used_at: Some(now),
    }
}

impl Service {
    /// Signs a user in with email and password. A wrong password and an unknown email get the
    /// same answer after the same work; the 5th failure for an email within 15 minutes (or the
    /// 20th from one address) refuses further attempts until the oldest leaves the window.
    pub async fn sign_in(&self, attempt: Attempt) -> Result<Begun> {
        let now = self.clock().now();
        let window_start = now - Duration::minutes(rules::THROTTLE_WINDOW_MINUTES);
        let mut keys = vec![(email_key(&attempt.email), rules::MAX_FAILURES_PER_EMAIL)];
        if let Some(address) = attempt.address.as_deref().filter(|a| !a.is_empty()) {
            keys.push((format!("address:{address}"), rules::MAX_FAILURES_PER_ADDRESS));
        }
        let (user, hash) = {
            let mut tx = self.store().read().await?;
            for (key, max) in &keys {
                let failures = credentials::failures(&mut tx, key, window_start).await?;
                if let Some(until) = rules::throttled_until(&failures, *max, now) {
                    return Err(rules::throttle_error(until, now).into());
                }
            }
            let user = users::find_by_email(&mut tx, attempt.email.trim()).await?.filter(|u| u.enabled);
            let hash = match &user {
                Some(u) => credentials::password_hash(&mut tx, u.id).await?,
                None => None,
            };
            (user, hash)
        };
        let matches = passwords::verify(attempt.password, hash).await;
        let mut work = self.work().await?;
        let user = match user {
            Some(u) if matches => u,
            _ => {
                let names: Vec<String> = keys.into_iter().map(|(k, _)| k).collect();
                credentials::record_failure(&mut work.tx, &names, now, window_start).await?;
                self.finish(work).await?;
                return Err(RuleError::WrongCredentials.into());
            }
        };
        credentials::clear_failures(&mut work.tx, &email_key(&attempt.email)).await?;
        let token = generate_token();
        let session = new_session(user.id, attempt.device, work.now);
        tokens::insert(&mut work.tx, &hash_token(&token), &session).await?;
        self.finish(work).await?;
        Ok(Begun { token, session, user })
    }

    /// Ends the session (or revokes the token) the caller is using.
    pub async fn sign_out(&self, by: &User, token_id: Uuid) -> Result<()> {
        let mut work = self.work().await?;
        // Only a browser session ends: an API token pasted into a browser is shared with the
        // integrations that use it, and the desktop's own is the shell's; they are revoked by name.
        let session = |t: &Token| t.user_id == by.id && t.kind == TokenKind::Session;
        if tokens::get(&mut work.tx, token_id).await?.is_some_and(|t| session(&t)) {
            tokens::delete(&mut work.tx, token_id).await?;
        }
        self.finish(work).await
    }

    /// The caller's sessions: browsers signed in with a password and the desktop app.
    pub async fn sessions(&self, by: &User) -> Result<Vec<Token>> {
        let mut tx = self.store().read().await?;
        let now = self.clock().now();
        let all = tokens::list(&mut tx, by.id, &[TokenKind::Session, TokenKind::Desktop]).await?;
        Ok(all.into_iter().filter(|t| token_alive(t, now)).collect())
    }

    /// Ends one of the caller's sessions.
    pub async fn revoke_session(&self, by: &User, id: Uuid) -> Result<()> {
        let mut work = self.work().await?;
        match tokens::get(&mut work.tx, id).await? {
            Some(t) if t.user_id == by.id && t.kind != TokenKind::Api => {
                tokens::delete(&mut work.tx, id).await?;
            }
            _ => return Err(ServiceError::NotFound(format!("Session {id} not found"))),
        }
        self.finish(work).await
    }

    /// Makes a one-time link for a user to set their password: an invite (7 days) or a reset
    /// (24 hours). Only those who may administer the user make one; the user needs an email to
    /// sign in with. A new link ends the user's earlier unused one.
    pub async fn issue_link(&self, by: &User, user_id: Uuid, purpose: LinkPurpose) -> Result<IssuedLink> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let user = users::get(&mut work.tx, user_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {user_id} not found")))?;
        access::may_administer(principal(by), by.id == user.id, Some(principal(&user)), principal(&user))?;
        if user.email.is_none() {
            return Err(RuleError::NoEmailToSignIn(user.display_name).into());
        }
        if !user.enabled {
            return Err(RuleError::UserDisabled(user.id).into());
        }
        let token = generate_token();
        let link =
            Link { user_id, purpose, created_at: work.now, expires_at: purpose.expires(work.now), used_at: None };
        credentials::insert_link(&mut work.tx, &hash_token(&token), &link).await?;
        self.finish(work).await?;
        let mut issued =
            IssuedLink { token, purpose, expires_at: link.expires_at, emailed_to: None, email_error: None };
        // Emailed after the link exists: a mail server that fails leaves it to be copied.
        if let (Some(base), Some(address)) = (self.public_address_for_mail().await?, user.email.as_deref()) {
            let url = format!("{base}{}", link_path(&issued.token));
            let expires = link.expires_at.format("%Y-%m-%d %H:%M UTC").to_string();
            let email = switchboard_engine::mail::link_email(purpose, &user.display_name, address, &url, &expires);
            match self.send_email(&email).await {
                Ok(()) => issued.emailed_to = Some(address.to_owned()),
                Err(e) => {
                    tracing::warn!("could not email a {} link: {e}", purpose.as_str());
                    issued.email_error = Some(e);
                }
            }
        }
        Ok(issued)
    }

    /// What a link is for and whose it is, for the page where the password is set.
    pub async fn link_info(&self, token: &str) -> Result<LinkInfo> {
        let mut tx = self.store().read().await?;
        let (link, user) = usable_link(&mut tx, token, self.clock().now()).await?;
        Ok(LinkInfo {
            purpose: link.purpose,
            display_name: user.display_name,
            email: user.email.unwrap_or_default(),
            expires_at: link.expires_at,
        })
    }

    /// Sets the password through a link, once: every session the user had ends, and a new one
    /// begins for the browser that used the link.
    pub async fn accept_link(&self, token: &str, password: String, device: Option<String>) -> Result<Begun> {
        let now = self.clock().now();
        let user = {
            let mut tx = self.store().read().await?;
            usable_link(&mut tx, token, now).await?.1
        };
        rules::check_password(&password, user.email.as_deref())?;
        let hash = passwords::hash(password).await?;
        let mut work = self.work().await?;
        // Checked again in the writing transaction: two tabs may race for one link.
        let (_, user) = usable_link(&mut work.tx, token, work.now).await?;
        if !credentials::use_link(&mut work.tx, &hash_token(token), work.now).await? {
            return Err(RuleError::LinkUsed.into());
        }
        credentials::set_password(&mut work.tx, user.id, &hash, work.now).await?;
        tokens::revoke_sessions(&mut work.tx, user.id, None).await?;
        let bearer = generate_token();
        let session = new_session(user.id, device, work.now);
        tokens::insert(&mut work.tx, &hash_token(&bearer), &session).await?;
        self.finish(work).await?;
        Ok(Begun { token: bearer, session, user })
    }

    /// Changes the caller's password after checking the current one; their other browser
    /// sessions end, the one in use stays.
    pub async fn change_password(&self, by: &User, token_id: Uuid, current: String, new: String) -> Result<()> {
        let hash = {
            let mut tx = self.store().read().await?;
            credentials::password_hash(&mut tx, by.id).await?
        };
        if !passwords::verify(current, hash).await {
            return Err(RuleError::WrongCurrentPassword.into());
        }
        rules::check_password(&new, by.email.as_deref())?;
        let hash = passwords::hash(new).await?;
        let mut work = self.work().await?;
        credentials::set_password(&mut work.tx, by.id, &hash, work.now).await?;
        tokens::revoke_sessions(&mut work.tx, by.id, Some(token_id)).await?;
        self.finish(work).await
    }

    /// Which of these users can sign in with a password.
    pub async fn with_password(&self, ids: &[Uuid]) -> Result<Vec<Uuid>> {
        let mut tx = self.store().read().await?;
        Ok(credentials::with_password(&mut tx, ids).await?)
    }
}

/// Whether a token still signs its user in (sessions end after 30 idle days).
fn token_alive(t: &Token, now: DateTime<Utc>) -> bool {
    rules::token_alive(t.kind, t.last_used_at.unwrap_or(t.created_at), now)
}

/// The link behind a secret, usable now, and its enabled user; an unknown secret is a 404.
async fn usable_link(tx: &mut switchboard_store::Tx, token: &str, now: DateTime<Utc>) -> Result<(Link, User)> {
    let unknown = || ServiceError::NotFound("This link is not valid; ask an administrator for a new one".into());
    let link = credentials::find_link(tx, &hash_token(token.trim())).await?.ok_or_else(unknown)?;
    rules::check_link(link.expires_at, link.used_at.is_some(), now)?;
    let user = users::get(tx, link.user_id).await?.filter(|u| u.enabled).ok_or_else(unknown)?;
    Ok((link, user))
}
