//! Bearer tokens and first start-up: who is calling (API tokens, sessions, the desktop's own
//! token), named API tokens, and the installation's first admin.

use crate::{Bootstrap, Clock, Result, Service, ServiceError};
use rand::RngCore;
use sha2::{Digest, Sha256};
use switchboard_engine::access::{self, Principal};
use switchboard_engine::credentials::{self, TokenKind};
use switchboard_engine::user::{Role, Roles, UserType};
use switchboard_engine::RuleError;
use switchboard_store::queues::Queue;
use switchboard_store::tokens::Token;
use switchboard_store::users::User;
use switchboard_store::{queues, tokens, users, Store};
use uuid::Uuid;

/// Tokens are kept only as SHA-256 hex digests: a copy of the database reveals no usable token.
pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A fresh random token: 32 bytes, hex, with a recognizable prefix.
pub fn generate_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    format!("sb_{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// Makes sure the Default queue exists and, on a new installation, creates the first admin.
pub(crate) async fn first_start(
    store: &Store,
    clock: &Clock,
    given_token: Option<String>,
) -> Result<(Uuid, Bootstrap)> {
    let now = clock.now();
    let mut tx = store.begin().await?;
    let default_queue = match queues::default_queue(&mut tx).await? {
        Some(q) => q.id,
        None => {
            let q = Queue {
                id: Uuid::new_v4(),
                name: "Default".into(),
                is_default: true,
                auto_assignment: true,
                notify_new_conversation: true,
                notify_new_message: true,
                notify_desktop: true,
                notify_sound: true,
                mode: switchboard_engine::assignment::QueueMode::default(),
                created_at: now,
            };
            queues::insert(&mut tx, &q).await?;
            q.id
        }
    };
    let bootstrap = if users::any(&mut tx).await? {
        Bootstrap::Existing
    } else {
        let admin = User {
            id: Uuid::new_v4(),
            user_type: UserType::Admin,
            display_name: "Administrator".into(),
            email: None,
            phone_number: None,
            first_name: None,
            last_name: None,
            roles: Roles::new([Role::Manager, Role::AnalyticsManager, Role::AccountManager])?,
            enabled: true,
            created_at: now,
        };
        users::insert(&mut tx, &admin).await?;
        let given = given_token.filter(|t| !t.trim().is_empty());
        let (token, outcome) = match given {
            Some(t) => (t.trim().to_owned(), Bootstrap::CreatedWithGivenToken),
            None => {
                let t = generate_token();
                (t.clone(), Bootstrap::CreatedWithGeneratedToken(t))
            }
        };
        let record = Token {
            id: Uuid::new_v4(),
            user_id: admin.id,
            kind: TokenKind::Api,
            name: "bootstrap".into(),
            device: None,
            created_at: now,
            last_used_at: None,
        };
        tokens::insert(&mut tx, &hash_token(&token), &record).await?;
        outcome
    };
    tx.commit().await?;
    Ok((default_queue, bootstrap))
}

/// Who is calling, and with which token (to sign out, or keep this session when the password
/// changes).
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: User,
    pub token: Token,
}

/// A token just issued: the secret (shown once) and its record.
#[derive(Debug, Clone)]
pub struct Issued {
    pub token: String,
    pub record: Token,
}

impl Service {
    /// The enabled user a token belongs to. A session unused for 30 days no longer signs in; a
    /// use is written down at most once a minute, so most requests only read.
    pub async fn authenticate(&self, token: &str) -> Result<Authenticated> {
        let token = token.trim();
        if token.is_empty() {
            return Err(ServiceError::Unauthorized);
        }
        let now = self.clock().now();
        let (user, record) = {
            let mut tx = self.store().read().await?;
            let record = tokens::find(&mut tx, &hash_token(token)).await?.ok_or(ServiceError::Unauthorized)?;
            let user = users::get(&mut tx, record.user_id).await?.ok_or(ServiceError::Unauthorized)?;
            (user, record)
        };
        let last_seen = record.last_used_at.unwrap_or(record.created_at);
        if !user.enabled || !credentials::token_alive(record.kind, last_seen, now) {
            return Err(ServiceError::Unauthorized);
        }
        if credentials::last_use_stale(record.last_used_at, now) {
            let mut work = self.work().await?;
            tokens::touch(&mut work.tx, record.id, now).await?;
            self.finish(work).await?;
        }
        Ok(Authenticated { user, token: record })
    }

    /// Issues the desktop window's token for this run, revoking the previous runs' tokens.
    pub async fn issue_session_token(&self, user_id: Uuid) -> Result<String> {
        const LABEL: &str = "desktop session";
        let mut work = self.work().await?;
        tokens::revoke_labelled(&mut work.tx, user_id, LABEL).await?;
        let token = generate_token();
        let record = Token {
            id: Uuid::new_v4(),
            user_id,
            kind: TokenKind::Desktop,
            name: LABEL.into(),
            device: Some("This computer's Switchboard app".into()),
            created_at: work.now,
            last_used_at: Some(work.now),
        };
        tokens::insert(&mut work.tx, &hash_token(&token), &record).await?;
        self.finish(work).await?;
        Ok(token)
    }

    /// Issues a named API token for a user and returns it; only its hash is kept. A token acts
    /// as its user, so only they or an admin may have one made. A name already in use is refused
    /// unless `replace`, which revokes the old token in the same step: re-issuing never leaves
    /// the old one working unnoticed. Without a name, the token gets the first free "API token"
    /// name: a new token, not a re-issue.
    pub async fn issue_token(&self, by: &User, user_id: Uuid, name: Option<&str>, replace: bool) -> Result<Issued> {
        access::may_issue_token(principal(by), by.id == user_id)?;
        let given = name.map(credentials::token_name).transpose()?;
        let mut work = self.work().await?;
        users::get(&mut work.tx, user_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {user_id} not found")))?;
        let name = match given {
            Some(name) => name,
            None => {
                let taken = tokens::list(&mut work.tx, user_id, &[TokenKind::Api]).await?;
                credentials::unnamed_token_name(taken.iter().map(|t| t.name.as_str()))
            }
        };
        if let Some(old) = tokens::find_named(&mut work.tx, user_id, &name).await? {
            if !replace {
                return Err(RuleError::TokenNameTaken(name).into());
            }
            tokens::delete(&mut work.tx, old.id).await?;
        }
        let token = generate_token();
        let record = Token {
            id: Uuid::new_v4(),
            user_id,
            kind: TokenKind::Api,
            name,
            device: None,
            created_at: work.now,
            last_used_at: None,
        };
        tokens::insert(&mut work.tx, &hash_token(&token), &record).await?;
        self.finish(work).await?;
        Ok(Issued { token, record })
    }

    /// A user's API tokens (names and last uses, never the tokens), for them or an admin.
    pub async fn api_tokens(&self, by: &User, user_id: Uuid) -> Result<Vec<Token>> {
        access::may_issue_token(principal(by), by.id == user_id)?;
        let mut tx = self.store().read().await?;
        users::get(&mut tx, user_id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Agent {user_id} not found")))?;
        Ok(tokens::list(&mut tx, user_id, &[TokenKind::Api]).await?)
    }

    /// Revokes one of a user's API tokens.
    pub async fn revoke_token(&self, by: &User, user_id: Uuid, token_id: Uuid) -> Result<()> {
        access::may_issue_token(principal(by), by.id == user_id)?;
        let mut work = self.work().await?;
        match tokens::get(&mut work.tx, token_id).await? {
            Some(t) if t.user_id == user_id && t.kind == TokenKind::Api => {
                tokens::delete(&mut work.tx, token_id).await?;
            }
            _ => return Err(ServiceError::NotFound(format!("Token {token_id} not found"))),
        }
        self.finish(work).await
    }

    /// The installation's owner: the earliest enabled admin (the desktop signs in as them).
    pub async fn owner(&self) -> Result<User> {
        let mut tx = self.store().read().await?;
        let admins = users::list(&mut tx, &[UserType::Admin], None, 50).await?;
        admins.into_iter().find(|u| u.enabled).ok_or_else(|| ServiceError::NotFound("No enabled admin exists".into()))
    }
}

/// A user as the engine's access rules see them.
pub fn principal(user: &User) -> Principal<'_> {
    Principal { user_type: user.user_type, roles: &user.roles }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_hex_and_tokens_differ() {
        assert_eq!(hash_token("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_ne!(generate_token(), generate_token());
        assert!(generate_token().starts_with("sb_"));
    }
}
