//! `cargo xtask bench`: inbound conversation creation through the HTTP API, against raw SQLite
//! inserts of the same rows at the same durability settings (WAL, synchronous=NORMAL); then the
//! search and assignment benchmarks.

use crate::util::{cargo, root};
use anyhow::{bail, Context, Result};
use chrono::Utc;
use futures::StreamExt;
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use switchboard_store::conversations::Conversation;
use switchboard_store::{activity, conversations, end_users, messages, search, Store};

const CONVERSATIONS: usize = 10_000;
/// Requests in flight at once against the API, as many clients would send.
const CONCURRENCY: usize = 16;
const TOKEN: &str = "bench-token";

/// Builds the release server, then measures in a release build of this tool (a debug build
/// would handicap the in-process measurements).
pub fn run_all(part: Option<&str>) -> Result<()> {
    cargo(&["build", "--release", "-p", "switchboard-server"])?;
    let mut args = vec!["run", "--release", "--quiet", "-p", "xtask", "--", "bench-measure"];
    args.extend(part);
    cargo(&args)
}

/// Runs every benchmark, or the one named: create, search, assignment or time.
pub fn measure(part: Option<&str>) -> Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    match part {
        None => {
            create(&runtime)?;
            runtime.block_on(crate::bench_search::run())?;
            runtime.block_on(crate::bench_assignment::run())?;
            runtime.block_on(crate::bench_time::run())
        }
        Some("create") => create(&runtime),
        Some("search") => runtime.block_on(crate::bench_search::run()),
        Some("assignment") => runtime.block_on(crate::bench_assignment::run()),
        Some("time") => runtime.block_on(crate::bench_time::run()),
        Some(other) => bail!("unknown benchmark {other}; use create, search, assignment or time"),
    }
}

fn create(runtime: &tokio::runtime::Runtime) -> Result<()> {
    let api = runtime.block_on(api_bench())?;
    let raw = runtime.block_on(raw_bench())?;
    println!("\nInbound conversation creation, {CONVERSATIONS} conversations with one message each");
    api.print("HTTP API (release server, 16 clients)");
    raw.print("raw SQLite inserts (same rows, 1 writer)");
    println!("  API / raw time ratio: {:.2}", api.elapsed.as_secs_f64() / raw.elapsed.as_secs_f64());
    Ok(())
}

pub(crate) struct Figures {
    pub(crate) elapsed: Duration,
    pub(crate) latencies: Vec<Duration>,
}

impl Figures {
    pub(crate) fn print(&self, label: &str) {
        let mut l = self.latencies.clone();
        l.sort();
        let pct = |p: f64| l[((l.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
        println!(
            "  {label:<42} {:>9.0} conversations/s   p50 {:>6.2} ms   p99 {:>6.2} ms   total {:.2} s",
            l.len() as f64 / self.elapsed.as_secs_f64(),
            pct(0.50),
            pct(0.99),
            self.elapsed.as_secs_f64()
        );
    }
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg(self.0.id().to_string()).status();
        let _ = self.0.wait();
    }
}

async fn api_bench() -> Result<Figures> {
    let dir = tempfile::tempdir()?;
    let mut child = Command::new(root().join("target/release/switchboard-server"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .env("SWITCHBOARD_BOOTSTRAP_TOKEN", TOKEN)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .context("starting the server")?;
    let stdout = child.stdout.take().context("server stdout")?;
    let server = Server(child);
    let mut base = None;
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        if let Some(addr) = line.strip_prefix("Switchboard listening on ") {
            base = Some(addr.trim().to_owned());
            break;
        }
    }
    let base = base.context("the server did not say where it listens")?;
    let client = reqwest::Client::new();
    let requester: serde_json::Value = client
        .post(format!("{base}/v1/endusers"))
        .header("Authorization", TOKEN)
        .json(&json!({"displayName": "Bench Customer", "email": "bench@example.com"}))
        .send()
        .await?
        .json()
        .await?;
    let requester = requester["data"]["id"].as_str().context("end user id")?.to_owned();
    let started = Instant::now();
    let results: Vec<Result<Duration>> = futures::stream::iter(0..CONVERSATIONS)
        .map(|i| {
            let client = client.clone();
            let url = format!("{base}/v1/conversations");
            let body = json!({
                "requesterId": requester,
                "_type": "Chat",
                "message": {"content": {"value": format!("Hello, this is customer message {i}"), "_type": "Text"}, "_type": "Inbound"}
            });
            async move {
                let t = Instant::now();
                let resp = client.post(url).header("Authorization", TOKEN).json(&body).send().await?;
                if resp.status() != reqwest::StatusCode::CREATED {
                    bail!("create answered {}", resp.status());
                }
                Ok(t.elapsed())
            }
        })
        .buffer_unordered(CONCURRENCY)
        .collect()
        .await;
    let elapsed = started.elapsed();
    let latencies = results.into_iter().collect::<Result<Vec<_>>>()?;
    drop(server);
    Ok(Figures { elapsed, latencies })
}

async fn raw_bench() -> Result<Figures> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(&dir.path().join("raw.db")).await?;
    let now = Utc::now();
    let requester = end_users::EndUser {
        id: uuid::Uuid::new_v4(),
        display_name: Some("Bench Customer".into()),
        first_name: None,
        last_name: None,
        email: Some("bench@example.com".into()),
        phone_number: None,
        external_id: None,
        person: Default::default(),
        company_id: None,
        created_at: now,
        updated_at: now,
        anonymized_at: None,
    };
    let mut tx = store.begin().await?;
    end_users::insert(&mut tx, &requester).await?;
    tx.commit().await?;
    let mut latencies = Vec::with_capacity(CONVERSATIONS);
    let started = Instant::now();
    for i in 0..CONVERSATIONS {
        let t = Instant::now();
        let now = Utc::now();
        // The rows one API create writes: the conversation, its message, its search entry and
        // two log entries.
        let mut tx = store.begin().await?;
        let c = Conversation {
            id: 0,
            short_id: 0,
            link: None,
            channel: switchboard_store_kinds::Channel::WidgetChat,
            direction: switchboard_store_kinds::Direction::Inbound,
            status: switchboard_store_kinds::Status::Open,
            status_updated_at: now,
            priority: switchboard_store_kinds::Priority::Normal,
            topic: None,
            summary: None,
            subject: None,
            language: None,
            queue_id: None,
            queued_at: Some(now),
            assignment: None,
            requester_id: requester.id,
            integration_email: None,
            contact_endpoint_id: None,
            metadata: Default::default(),
            preview: Some(format!("Hello, this is customer message {i}")),
            created_at: now,
            updated_at: now,
            anonymized_at: None,
            snoozed_until: None,
        };
        let (id, _) = conversations::insert(&mut tx, &c).await?;
        let m = messages::Message {
            email: None,
            id: uuid::Uuid::new_v4(),
            conversation_id: id,
            direction: switchboard_store_kinds::Direction::Inbound,
            author_id: requester.id,
            content: switchboard_store_kinds::Content::Text { value: format!("Hello, this is customer message {i}") },
            attachments: vec![],
            external_id: None,
            created_at: now,
            anonymized_at: None,
            automated: None,
        };
        messages::insert(&mut tx, &m).await?;
        search::index(&mut tx, id, search::Kind::Message, &m.id.to_string(), m.content.value()).await?;
        for kind in [
            switchboard_store_kinds::ActivityKind::ConversationCreated,
            switchboard_store_kinds::ActivityKind::MessageAdded,
        ] {
            activity::insert(
                &mut tx,
                &activity::Entry {
                    id: uuid::Uuid::new_v4(),
                    conversation_id: id,
                    kind,
                    author_id: None,
                    at: now,
                    detail: json!({}),
                },
            )
            .await?;
        }
        tx.commit().await?;
        latencies.push(t.elapsed());
    }
    let elapsed = started.elapsed();
    store.close().await;
    Ok(Figures { elapsed, latencies })
}

/// The engine's vocabulary, as the store re-exports it for its rows.
mod switchboard_store_kinds {
    pub use switchboard_store::engine::activity::ActivityKind;
    pub use switchboard_store::engine::content::Content;
    pub use switchboard_store::engine::kinds::{Channel, Direction, Priority, Status};
}
