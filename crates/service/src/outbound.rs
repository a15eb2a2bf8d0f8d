//! The one HTTP client for every call the server makes to the outside (webhook deliveries now,
//! bots and workflow calls next). It connects only where the engine's `egress` rules allow:
//! every resolved address is checked when the connection is made (so a name can't be pointed
//! at a private address after it was checked), redirects are not followed, no system proxy is
//! used, connecting and the whole call are bounded in time, and an answer is read up to a cap.

use crate::{Result, Service, ServiceError};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;
use switchboard_engine::egress::{self, Allowed};
use switchboard_engine::RuleError;
use switchboard_store::users::User;

/// Where the installation keeps its allow list.
const SETTING: &str = "outbound.allowed";
/// Time to open a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Time for a whole call, answer included.
const TOTAL_TIMEOUT: Duration = Duration::from_secs(10);
/// Most bytes of an answer that are read.
pub const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// What the connection-time checks need, shared with the resolver.
#[derive(Debug, Default)]
struct Policy {
    allowed: RwLock<Vec<Allowed>>,
    /// The port this installation's API listens on (0: not listening).
    own_port: AtomicU16,
}

impl Policy {
    fn allowed(&self) -> Vec<Allowed> {
        self.allowed.read().map(|a| a.clone()).unwrap_or_default()
    }

    fn own_port(&self) -> Option<u16> {
        Some(self.own_port.load(Ordering::Relaxed)).filter(|p| *p != 0)
    }
}

/// Resolves names and keeps only the addresses the rules allow.
struct GuardedResolver(Arc<Policy>);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.0.clone();
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed = policy.allowed();
            let mut refusal = None;
            let mut ok = Vec::with_capacity(found.len());
            for addr in found {
                match egress::check(&allowed, &host, addr, None) {
                    Ok(()) => ok.push(addr),
                    Err(e) => refusal = Some(e),
                }
            }
            match (ok.is_empty(), refusal) {
                (true, Some(e)) => Err(Box::new(e) as Box<dyn std::error::Error + Send + Sync>),
                (true, None) => Err(format!("{host} has no address").into()),
                (false, _) => Ok(Box::new(ok.into_iter()) as Addrs),
            }
        })
    }
}

/// The outbound client and the rules it calls by.
#[derive(Debug, Clone)]
pub struct Outbound {
    client: reqwest::Client,
    policy: Arc<Policy>,
}

/// An answer from the outside: its status and (up to the cap) its body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Why a call did not get an answer, in words that tell nothing about the inside of a network
/// (no "connection refused" against "timed out" for probing ports).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    #[error("{0}")]
    NotAllowed(RuleError),
    #[error("invalid URL: {0}")]
    BadUrl(String),
    #[error("could not reach the host")]
    Unreachable,
    #[error("no answer in time")]
    TimedOut,
}

impl Outbound {
    pub(crate) fn new() -> Result<Self> {
        let policy = Arc::new(Policy::default());
        let client = reqwest::Client::builder()
            .dns_resolver(Arc::new(GuardedResolver(policy.clone())))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TOTAL_TIMEOUT)
            .build()
            .map_err(|e| ServiceError::Io(format!("Can't set up the outbound HTTP client: {e}")))?;
        Ok(Outbound { client, policy })
    }

    fn set_allowed(&self, allowed: Vec<Allowed>) {
        if let Ok(mut a) = self.policy.allowed.write() {
            *a = allowed;
        }
    }

    /// Checks a URL before it is stored or called: http(s), a host, and, when the host is an
    /// address or a name that resolves now, an address the rules allow.
    pub async fn check_url(&self, url: &str) -> std::result::Result<reqwest::Url, CallError> {
        let parsed = reqwest::Url::parse(url.trim()).map_err(|e| CallError::BadUrl(e.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(CallError::BadUrl("use an http or https URL".into()));
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(CallError::BadUrl("credentials in the URL are not accepted".into()));
        }
        let port = parsed.port_or_known_default().unwrap_or(0);
        let allowed = self.policy.allowed();
        let own = self.policy.own_port();
        let refuse = CallError::NotAllowed;
        match parsed.host() {
            Some(url::Host::Ipv4(ip)) => {
                egress::check(&allowed, &ip.to_string(), SocketAddr::new(IpAddr::V4(ip), port), own).map_err(refuse)?
            }
            Some(url::Host::Ipv6(ip)) => {
                egress::check(&allowed, &ip.to_string(), SocketAddr::new(IpAddr::V6(ip), port), own).map_err(refuse)?
            }
            Some(url::Host::Domain(name)) => {
                // Names are checked again at every connection; this one catches the obvious
                // (localhost, names of private hosts) and the own API's port.
                let lookup = tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::lookup_host((name, port))).await;
                if let Ok(Ok(addrs)) = lookup {
                    for addr in addrs {
                        egress::check(&allowed, name, addr, own).map_err(refuse)?;
                    }
                }
            }
            None => return Err(CallError::BadUrl("a host is needed".into())),
        }
        Ok(parsed)
    }

    /// Resolves a host for a connection that is not HTTP (SMTP) and returns an address the rules
    /// allow, to connect to that address and nothing else (a later lookup can't move it).
    pub async fn resolve_allowed(&self, host: &str, port: u16) -> std::result::Result<SocketAddr, CallError> {
        let allowed = self.policy.allowed();
        let own = self.policy.own_port();
        let lookup = tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::lookup_host((host, port)))
            .await
            .map_err(|_| CallError::TimedOut)?
            .map_err(|_| CallError::Unreachable)?;
        let mut refusal = None;
        for addr in lookup {
            match egress::check(&allowed, host, addr, own) {
                Ok(()) => return Ok(addr),
                Err(e) => refusal = Some(e),
            }
        }
        Err(refusal.map(CallError::NotAllowed).unwrap_or(CallError::Unreachable))
    }

    /// POSTs a body and reads the answer (up to [`MAX_ANSWER_BYTES`]).
    pub async fn post(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> std::result::Result<Answer, CallError> {
        let url = self.check_url(url).await?;
        let mut req = self.client.post(url);
        for (name, value) in headers {
            req = req.header(*name, value);
        }
        let mut resp = req.body(body).send().await.map_err(call_error)?;
        let status = resp.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(call_error)? {
            let room = MAX_ANSWER_BYTES.saturating_sub(body.len());
            body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if body.len() >= MAX_ANSWER_BYTES {
                break;
            }
        }
        Ok(Answer { status, body })
    }
}

/// A client error in the coarse words of [`CallError`]; a refusal by the rules keeps its text.
fn call_error(e: reqwest::Error) -> CallError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(s) = source {
        if let Some(rule) = s.downcast_ref::<RuleError>() {
            return CallError::NotAllowed(rule.clone());
        }
        source = s.source();
    }
    if e.is_timeout() {
        CallError::TimedOut
    } else {
        CallError::Unreachable
    }
}

/// Reads the stored allow list (an unreadable one allows nothing private).
pub(crate) async fn load_allowed(tx: &mut switchboard_store::Tx) -> Result<Vec<Allowed>> {
    let stored = switchboard_store::settings::get(tx, SETTING).await?;
    let entries: Vec<String> = stored.and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
    Ok(egress::parse_allowed(&entries).unwrap_or_default())
}

impl Service {
    /// The outbound client.
    pub fn outbound(&self) -> &Outbound {
        &self.inner.outbound
    }

    /// Tells the service the port its own API listens on: no outbound call may reach it.
    pub fn set_own_port(&self, port: u16) {
        self.inner.outbound.policy.own_port.store(port, Ordering::Relaxed);
    }

    /// The private hosts and networks outbound calls may reach.
    pub async fn outbound_allowed(&self, by: &User) -> Result<Vec<String>> {
        crate::access::require(by, switchboard_engine::access::Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        Ok(load_allowed(&mut tx).await?.iter().map(Allowed::to_text).collect())
    }

    /// Replaces the private hosts and networks outbound calls may reach.
    pub async fn set_outbound_allowed(&self, by: &User, entries: Vec<String>) -> Result<Vec<String>> {
        crate::access::require(by, switchboard_engine::access::Permission::Configure)?;
        let allowed = egress::parse_allowed(&entries)?;
        let texts: Vec<String> = allowed.iter().map(Allowed::to_text).collect();
        let mut work = self.work().await?;
        switchboard_store::settings::put(&mut work.tx, SETTING, &serde_json::json!(texts)).await?;
        self.finish(work).await?;
        self.inner.outbound.set_allowed(allowed);
        Ok(texts)
    }

    /// Loads the allow list into the client (at start-up).
    pub(crate) async fn load_outbound_policy(&self) -> Result<()> {
        let mut tx = self.store().read().await?;
        self.inner.outbound.set_allowed(load_allowed(&mut tx).await?);
        Ok(())
    }
}
