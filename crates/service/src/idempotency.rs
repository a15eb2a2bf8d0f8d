//! Idempotency keys: a POST sent again by the same caller with the same key within a day is
//! answered with its first answer and creates nothing (see the engine's `idempotency`).

use crate::{Result, Service};
use sha2::{Digest, Sha256};
use switchboard_engine::idempotency::{self as rules, Claim};
use switchboard_store::idempotency;
use switchboard_store::users::User;

/// A stored answer: status, content type and body.
pub type Answer = (u16, Option<String>, Vec<u8>);

/// What identifies a request under a key: its method, path and query, and body.
fn fingerprint(method: &str, path: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update(b" ");
    h.update(path.as_bytes());
    h.update(b"\n");
    h.update(body);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Service {
    /// Takes a key for a request about to run, or gives the answer of the one that took it.
    pub async fn claim_idempotency_key(
        &self,
        by: &User,
        key: &str,
        method: &str,
        path: &str,
        body: &[u8],
    ) -> Result<Claim<Answer>> {
        let key = rules::check_key(key)?;
        let fingerprint = fingerprint(method, path, body);
        let mut work = self.work().await?;
        idempotency::purge(&mut work.tx, work.now - chrono::Duration::hours(rules::WINDOW_HOURS)).await?;
        let claim = match idempotency::get(&mut work.tx, by.id, key).await? {
            Some(stored) => rules::reuse(&stored.fingerprint, &fingerprint, stored.answer)?,
            None => {
                idempotency::reserve(&mut work.tx, by.id, key, &fingerprint, work.now).await?;
                Claim::Run
            }
        };
        self.finish(work).await?;
        Ok(claim)
    }

    /// Keeps the answer of a request that ran under a key; without one (it was refused or
    /// failed) the key is given back, so the request may be sent again.
    pub async fn settle_idempotency_key(&self, by: &User, key: &str, answer: Option<Answer>) -> Result<()> {
        let key = rules::check_key(key)?;
        let mut work = self.work().await?;
        match answer {
            Some((status, content_type, body)) => {
                idempotency::complete(&mut work.tx, by.id, key, status, content_type.as_deref(), &body).await?
            }
            None => idempotency::release(&mut work.tx, by.id, key).await?,
        }
        self.finish(work).await
    }
}
