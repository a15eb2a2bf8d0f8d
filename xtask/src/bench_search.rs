//! Search and list benchmarks over a large installation: ingest with search indexing, then
//! full-text search and the first page of filtered conversation lists.

use anyhow::Result;
use chrono::{Duration as Span, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};
use switchboard_service::store::conversations::{self, Conversation, Filter};
use switchboard_service::store::engine::content::Content;
use switchboard_service::store::engine::conversation::Assignment;
use switchboard_service::store::engine::kinds::{Channel, ConversationSort, Direction, Priority, Status};
use switchboard_service::store::{end_users, messages, search};
use switchboard_service::{Clock, Service};
use uuid::Uuid;

/// Conversations to create (one message each); `SWITCHBOARD_BENCH_CONVERSATIONS` overrides.
const DEFAULT_SIZE: usize = 1_000_000;
const BATCH: usize = 10_000;
const QUERIES: usize = 300;

/// Pronounceable made-up words, so the vocabulary has the long tail real text has.
fn vocabulary(n: usize) -> Vec<String> {
    const ON: [&str; 12] = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t"];
    const NU: [&str; 6] = ["a", "e", "i", "o", "u", "ou"];
    (0..n)
        .map(|i| {
            let mut w = String::new();
            let mut x = i + 7;
            for _ in 0..3 {
                w.push_str(ON[x % ON.len()]);
                w.push_str(NU[(x / ON.len()) % NU.len()]);
                x /= ON.len() * NU.len();
                if x == 0 {
                    break;
                }
            }
            format!("{w}{}", if i >= 500 { (i % 97).to_string() } else { String::new() })
        })
        .collect()
}

/// A word skewed toward the common ones, as in natural text.
fn word<'a>(rng: &mut StdRng, vocab: &'a [String]) -> &'a str {
    let r: f64 = rng.gen();
    &vocab[((r * r * r) * vocab.len() as f64) as usize]
}

fn percentile(l: &mut [Duration], p: f64) -> f64 {
    l.sort();
    l[((l.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

pub async fn run() -> Result<()> {
    let size: usize =
        std::env::var("SWITCHBOARD_BENCH_CONVERSATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_SIZE);
    let dir = tempfile::tempdir()?;
    let start = Utc::now();
    let (service, _) = Service::open(dir.path(), Clock::manual(start), Some("bench".into())).await?;
    let owner = service.owner().await?;
    let store = service.store().clone();
    let vocab = vocabulary(20_000);
    let mut rng = StdRng::seed_from_u64(7);
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
        created_at: start,
        updated_at: start,
        anonymized_at: None,
    };
    let mut tx = store.begin().await?;
    end_users::insert(&mut tx, &requester).await?;
    tx.commit().await?;

    println!("\nSeeding {size} conversations with one message each, search indexing on ...");
    let seeding = Instant::now();
    let mut done = 0;
    while done < size {
        let mut tx = store.begin().await?;
        for i in done..(done + BATCH).min(size) {
            let at = start - Span::seconds((size - i) as i64);
            let text: Vec<&str> = (0..12).map(|_| word(&mut rng, &vocab)).collect();
            let text = text.join(" ");
            let status = match rng.gen_range(0..10) {
                0..=5 => Status::Open,
                6..=7 => Status::Waiting,
                _ => Status::Closed,
            };
            let c = Conversation {
                id: 0,
                short_id: 0,
                link: None,
                channel: [Channel::Email, Channel::WidgetChat, Channel::Sms, Channel::WhatsApp][i % 4],
                direction: Direction::Inbound,
                status,
                status_updated_at: at,
                priority: if rng.gen_range(0..100) < 2 { Priority::Urgent } else { Priority::Normal },
                topic: None,
                summary: None,
                subject: None,
                language: None,
                queue_id: Some(service.default_queue_id()),
                queued_at: Some(at),
                assignment: (rng.gen_range(0..100) < 5).then_some(Assignment { agent_id: owner.id, assigned_at: at }),
                requester_id: requester.id,
                integration_email: None,
                contact_endpoint_id: None,
                metadata: Default::default(),
                preview: Some(text.clone()),
                anonymized_at: None,
                snoozed_until: None,
                created_at: at,
                updated_at: at,
            };
            let (id, _) = conversations::insert(&mut tx, &c).await?;
            let m = messages::Message {
                email: None,
                id: Uuid::new_v4(),
                conversation_id: id,
                direction: Direction::Inbound,
                author_id: requester.id,
                content: Content::Text { value: text.clone() },
                attachments: vec![],
                external_id: None,
                created_at: at,
                anonymized_at: None,
                automated: None,
            };
            messages::insert(&mut tx, &m).await?;
            search::index(&mut tx, id, search::Kind::Message, &m.id.to_string(), &text).await?;
        }
        tx.commit().await?;
        done = (done + BATCH).min(size);
    }
    let seeded = seeding.elapsed();
    println!(
        "  ingest with indexing: {:.0} conversations/s ({size} in {:.1} s, batches of {BATCH})",
        size as f64 / seeded.as_secs_f64(),
        seeded.as_secs_f64()
    );
    store.checkpoint().await?;
    let db_size = std::fs::metadata(dir.path().join("switchboard.db"))?.len();
    println!("  database file: {:.0} MB", db_size as f64 / 1e6);

    let none = search::Filter::default();
    for (label, pick) in [("common words", 0.0_f64), ("rare words", 0.9), ("two-word exact phrases", -1.0)] {
        let mut lat = Vec::with_capacity(QUERIES);
        let mut hits = 0;
        for _ in 0..QUERIES {
            let (q, exact) = if pick < 0.0 {
                (format!("{} {}", word(&mut rng, &vocab), word(&mut rng, &vocab)), true)
            } else if pick == 0.0 {
                (vocab[rng.gen_range(0..50)].clone(), false)
            } else {
                (vocab[rng.gen_range(10_000..20_000)].clone(), false)
            };
            let t = Instant::now();
            let page = service.search(&owner, &q, exact, &none, 0, 25).await?;
            lat.push(t.elapsed());
            hits += page.items.len();
        }
        println!(
            "  search, {label:<24} p50 {:>7.2} ms   p95 {:>7.2} ms   ({:.1} hits per page)",
            percentile(&mut lat, 0.5),
            percentile(&mut lat, 0.95),
            hits as f64 / QUERIES as f64
        );
    }

    let filters: Vec<(&str, Filter)> = vec![
        ("status Open", Filter { statuses: vec![Status::Open], ..Default::default() }),
        (
            "queue + Open/Waiting",
            Filter {
                queue_id: Some(service.default_queue_id()),
                statuses: vec![Status::Open, Status::Waiting],
                ..Default::default()
            },
        ),
        ("channel Sms", Filter { channel: Some(Channel::Sms), ..Default::default() }),
        ("priority Urgent (2 %)", Filter { priority: Some(Priority::Urgent), ..Default::default() }),
        ("assigned to one agent (5 %)", Filter { agent_id: Some(owner.id), ..Default::default() }),
        (
            "Open, oldest first",
            Filter { statuses: vec![Status::Open], sort: ConversationSort::Oldest, ..Default::default() },
        ),
        (
            "Open, most urgent first",
            Filter { statuses: vec![Status::Open], sort: ConversationSort::Priority, ..Default::default() },
        ),
        (
            "Open, SLA due first",
            Filter { statuses: vec![Status::Open], sort: ConversationSort::SlaDue, ..Default::default() },
        ),
    ];
    for (label, f) in filters {
        let mut lat = Vec::with_capacity(QUERIES);
        for _ in 0..QUERIES {
            let t = Instant::now();
            let page = service.conversations(&owner, &f, None, 50).await?;
            lat.push(t.elapsed());
            assert!(!page.items.is_empty());
        }
        println!(
            "  first list page (50), {label:<28} p50 {:>6.2} ms   p95 {:>6.2} ms",
            percentile(&mut lat, 0.5),
            percentile(&mut lat, 0.95)
        );
    }
    // The inbox counts its tabs after every change it hears of.
    let tabs: Vec<(&str, Filter)> = vec![
        ("Open, all", Filter { statuses: vec![Status::Open], ..Default::default() }),
        ("Open, unassigned", Filter { statuses: vec![Status::Open], unassigned: true, ..Default::default() }),
        ("Open, one agent's", Filter { statuses: vec![Status::Open], agent_id: Some(owner.id), ..Default::default() }),
    ];
    for (label, f) in tabs {
        let mut lat = Vec::with_capacity(QUERIES);
        for _ in 0..QUERIES {
            let t = Instant::now();
            let n = service.conversation_count(&owner, &f).await?;
            lat.push(t.elapsed());
            assert!(n > 0);
        }
        println!(
            "  count, {label:<43} p50 {:>6.2} ms   p95 {:>6.2} ms",
            percentile(&mut lat, 0.5),
            percentile(&mut lat, 0.95)
        );
    }
    service.shutdown().await;
    Ok(())
}
