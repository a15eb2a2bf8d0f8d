//! `cargo xtask bench time`: 1,000,000 pending timers (insert and fire cost per timer, memory,
//! start-up with all of them pending) and the SLA recalculation of 100,000 open conversations
//! after a policy change.

use anyhow::{Context, Result};
use chrono::{DateTime, Duration as Span, TimeZone, Utc};
use std::time::Instant;
use switchboard_service::sla::{PolicyChanges, PolicyFields};
use switchboard_service::{Clock, Service};
use switchboard_store::conversations::{self, Conversation};
use switchboard_store::engine::conditions::ConditionSpec;
use switchboard_store::engine::kinds::{Channel, Direction, Priority, Status};
use switchboard_store::engine::sla::{Coverage, PolicySpec, Severity};
use switchboard_store::messages::{self, Message};
use switchboard_store::{end_users, timers};
use uuid::Uuid;

const TIMERS: usize = 1_000_000;
const FIRED: usize = 10_000;
const OPEN: usize = 100_000;

pub async fn run() -> Result<()> {
    timers_bench().await?;
    sla_bench().await
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).single().unwrap_or_else(Utc::now)
}

/// The process's resident memory, in MiB (Linux).
fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

async fn timers_bench() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let t0 = start();
    let (service, _) = Service::open(dir.path(), Clock::manual(t0), Some("bench".into())).await?;
    let rss_before = rss_mib();
    // One million timers spread over the next 30 days, written a transaction of 10,000 at a time.
    let started = Instant::now();
    let mut written = 0;
    while written < TIMERS {
        let rows: Vec<(i64, DateTime<Utc>)> = (written..written + 10_000)
            .map(|i| (0, t0 + Span::seconds(60 + (i as i64 * 2_592_000) / TIMERS as i64)))
            .collect();
        let mut tx = service.store().begin().await?;
        for (_, due) in &rows {
            timers::insert(&mut tx, "bench.noop", None, *due, "{}").await?;
        }
        tx.commit().await?;
        written += rows.len();
    }
    let insert = started.elapsed();
    let file_mib =
        std::fs::metadata(dir.path().join("switchboard.db")).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0;
    println!("\nTimers: {TIMERS} pending (due over the next 30 days)");
    println!(
        "  insert: {:.2} s, {:.1} µs per timer (transactions of 10,000)",
        insert.as_secs_f64(),
        insert.as_secs_f64() * 1e6 / TIMERS as f64
    );
    println!(
        "  memory: process RSS {:.0} MiB before, {:.0} MiB after (timers live in the database: {:.0} MiB file)",
        rss_before,
        rss_mib(),
        file_mib
    );
    service.shutdown().await;
    drop(service);

    // Start-up with every timer pending: open, migrate, fire what is overdue (none), find the
    // next wake-up.
    let started = Instant::now();
    let (service, _) = Service::open(dir.path(), Clock::manual(t0), None).await?;
    let fired = service.fire_due().await?;
    let pending = service.pending_timers().await?;
    let recovery = started.elapsed();
    println!(
        "  start-up with {pending} pending: {:.0} ms to ready ({} overdue fired)   (target < 2 s)",
        recovery.as_secs_f64() * 1e3,
        fired.len()
    );
    // Fire the first 10,000: each in the transaction that deletes it.
    let step = (FIRED as i64 * 2_592_000) / TIMERS as i64 + 59;
    let started = Instant::now();
    let (_, fired) = service.advance_clock(step).await?;
    let fire = started.elapsed();
    println!(
        "  fire: {} timers in {:.2} s, {:.0} µs per timer (one transaction each)",
        fired.len(),
        fire.as_secs_f64(),
        fire.as_secs_f64() * 1e6 / fired.len().max(1) as f64
    );
    service.shutdown().await;
    Ok(())
}

/// 100,000 open conversations (a customer message and an answer each), then a policy that
/// applies to them all is created and changed.
async fn sla_bench() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let t0 = start();
    let (service, _) = Service::open(dir.path(), Clock::manual(t0 + Span::days(1)), Some("bench".into())).await?;
    let admin = service.owner().await?;
    let requester = end_users::EndUser {
        id: Uuid::new_v4(),
        display_name: Some("Bench".into()),
        first_name: None,
        last_name: None,
        email: None,
        phone_number: None,
        external_id: None,
        person: Default::default(),
        company_id: None,
        created_at: t0,
        updated_at: t0,
        anonymized_at: None,
    };
    let mut tx = service.store().begin().await?;
    end_users::insert(&mut tx, &requester).await?;
    for i in 0..OPEN {
        let at = t0 + Span::milliseconds(i as i64 * 500);
        let c = Conversation {
            id: 0,
            short_id: 0,
            link: None,
            channel: Channel::WhatsApp,
            direction: Direction::Inbound,
            status: Status::Open,
            status_updated_at: at,
            priority: Priority::Normal,
            topic: None,
            summary: None,
            subject: None,
            language: None,
            queue_id: Some(service.default_queue_id()),
            queued_at: Some(at),
            assignment: None,
            requester_id: requester.id,
            integration_email: None,
            contact_endpoint_id: None,
            metadata: Default::default(),
            preview: None,
            created_at: at,
            updated_at: at,
            anonymized_at: None,
            snoozed_until: None,
        };
        let (id, _) = conversations::insert(&mut tx, &c).await?;
        for (direction, after) in [(Direction::Inbound, 0), (Direction::Outbound, 120)] {
            let m = Message {
                id: Uuid::new_v4(),
                conversation_id: id,
                direction,
                author_id: requester.id,
                content: switchboard_store::engine::content::Content::Text { value: "hello".into() },
                attachments: Vec::new(),
                external_id: None,
                email: None,
                created_at: at + Span::seconds(after),
                anonymized_at: None,
                automated: None,
            };
            messages::insert(&mut tx, &m).await?;
        }
    }
    tx.commit().await?;
    let condition: ConditionSpec =
        serde_json::from_value(serde_json::json!({"attribute": "channel", "operator": "is", "value": "WhatsApp"}))?;
    let severity = |fr: u32| Severity {
        id: Uuid::nil(),
        name: "Default".into(),
        first_response_minutes: Some(fr),
        next_reply_minutes: Some(30),
        resolution_minutes: Some(24 * 60),
        coverage: Coverage::Always,
    };
    let spec = |fr: u32| PolicySpec {
        conditions: vec![vec![condition.clone()]],
        queues: vec![],
        ignored_queues: vec![],
        valid_from: None,
        valid_until: None,
        exclude_automated: false,
        severities: vec![severity(fr)],
    };
    let started = Instant::now();
    let policy = service
        .create_sla_policy(&admin, PolicyFields { name: Some("Bench".into()), enabled: None, spec: spec(5) }, None)
        .await?;
    let created = started.elapsed();
    let started = Instant::now();
    service
        .update_sla_policy(
            &admin,
            policy.row.id,
            PolicyChanges { severities: Some(spec(1).severities), ..Default::default() },
        )
        .await?;
    let changed = started.elapsed();
    let mut tx = service.store().read().await?;
    let assessed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM conversation_sla").fetch_one(&mut *tx).await?;
    let breached: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM conversation_sla WHERE breached = 1")
        .fetch_one(&mut *tx)
        .await
        .context("counting breaches")?;
    drop(tx);
    println!("\nSLA recalculation, {OPEN} open conversations (one transaction per policy change)");
    println!(
        "  policy created: {:.2} s ({:.0} conversations/s); policy changed: {:.2} s ({:.0} conversations/s); {assessed} assessed, {breached} breached",
        created.as_secs_f64(),
        OPEN as f64 / created.as_secs_f64(),
        changed.as_secs_f64(),
        OPEN as f64 / changed.as_secs_f64()
    );
    service.shutdown().await;
    Ok(())
}
