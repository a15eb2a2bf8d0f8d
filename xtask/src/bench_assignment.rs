//! `cargo xtask bench assignment`: one automatic-assignment decision among 1,000 eligible agents,
//! bulk assignment of 100,000 waiting conversations to 1,000 agents through the service, and
//! routing over 200 routes of 5 conditions each.

use anyhow::{Context, Result};
use chrono::{Duration as Span, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;
use std::collections::HashSet;
use std::time::{Duration, Instant};
use switchboard_service::agents::NewAgent;
use switchboard_service::{Clock, Service};
use switchboard_store::conversations::{self, Conversation};
use switchboard_store::engine::assignment::{decide, AgentState, Offer};
use switchboard_store::engine::capacity::{Capacity, ChannelGroup, Occupancy, PartialCapacity};
use switchboard_store::engine::conditions::{ConditionSpec, FactValue, Facts};
use switchboard_store::engine::kinds::{Channel, Direction, Priority, Status};
use switchboard_store::engine::routing::{route, Route};
use switchboard_store::engine::status::StatusGroup;
use switchboard_store::{end_users, Store};
use uuid::Uuid;

const AGENTS: usize = 1_000;
const WAITING: usize = 100_000;
const ROUTES: usize = 200;

fn pct(l: &mut [Duration], p: f64) -> f64 {
    l.sort();
    l[((l.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e6
}

pub async fn run() -> Result<()> {
    decision();
    routing()?;
    bulk().await
}

/// One single-assignment decision with 1,000 eligible members (sticky agent off).
fn decision() {
    let mut rng = StdRng::seed_from_u64(7);
    let now = Utc::now();
    let agents: Vec<AgentState> = (0..AGENTS)
        .map(|i| AgentState {
            agent: Uuid::from_u128(i as u128 + 1),
            group: StatusGroup::Available,
            capacity: Capacity { email: 10, live_messaging: 8, live_chat: 6 },
            occupancy: Occupancy {
                email: rng.gen_range(0..3),
                live_messaging: rng.gen_range(0..3),
                live_chat: rng.gen_range(0..2),
                voice: 0,
            },
            waiting_since: now - Span::seconds(rng.gen_range(1..3600)),
        })
        .collect();
    let offer = Offer { group: ChannelGroup::LiveChat, excluded: HashSet::new(), sticky: None };
    let mut times = Vec::with_capacity(10_000);
    let mut picked = 0usize;
    for _ in 0..10_000 {
        let t = Instant::now();
        picked += usize::from(decide(&offer, &agents, now).is_some());
        times.push(t.elapsed());
    }
    assert_eq!(picked, 10_000);
    println!("\nAutomatic assignment, one decision among {AGENTS} eligible agents (10,000 decisions)");
    println!("  p50 {:.1} µs   p99 {:.1} µs   (target p99 < 1,000 µs)", pct(&mut times, 0.5), pct(&mut times, 0.99));
}

/// Routing: 200 routes of 5 conditions each; most conversations match none (the worst case:
/// every route is checked) and go to the Default queue.
fn routing() -> Result<()> {
    let mut rng = StdRng::seed_from_u64(11);
    let mut routes = Vec::with_capacity(ROUTES);
    for i in 0..ROUTES {
        let specs = [
            json!({"attribute": "channel", "operator": "is", "value": "Email"}),
            json!({"attribute": "content", "operator": "contains", "value": format!("order {i}")}),
            json!({"attribute": "person.city", "operator": "starts with", "value": format!("Town{i}")}),
            json!({"attribute": "conversationTags", "operator": "in list", "value": [format!("tag{i}"), "vip"]}),
            json!({"attribute": "email.subject", "operator": "does not contain", "value": "spam"}),
        ];
        let conditions = specs
            .into_iter()
            .map(|s| serde_json::from_value::<ConditionSpec>(s)?.to_condition().map_err(anyhow::Error::msg))
            .collect::<Result<Vec<_>>>()?;
        routes.push(Route {
            id: Uuid::new_v4(),
            name: format!("Route {i}"),
            enabled: true,
            groups: vec![conditions],
            queue: Uuid::new_v4(),
            priority: Some(Priority::High),
        });
    }
    let default = Uuid::new_v4();
    let mut times = Vec::with_capacity(10_000);
    let mut matched = 0;
    for n in 0..10_000 {
        let i = rng.gen_range(0..ROUTES * 4);
        let mut facts = Facts {
            channel: Some(if n % 2 == 0 { Channel::Email } else { Channel::WhatsApp }),
            content: format!("Hello, about my order {i}: it has not arrived and I would like a refund please."),
            tags: vec![format!("tag{i}")],
            email_subject: Some(format!("Order {i}")),
            ..Default::default()
        };
        facts.person.insert("city".into(), FactValue::Text(format!("Town{i} North")));
        let t = Instant::now();
        let d = route(&routes, &facts, default);
        times.push(t.elapsed());
        matched += usize::from(d.route.is_some());
    }
    println!("\nRouting, {ROUTES} routes of 5 conditions, 10,000 conversations ({matched} matched a route)");
    println!("  p50 {:.1} µs   p99 {:.1} µs   (target p99 < 200 µs)", pct(&mut times, 0.5), pct(&mut times, 0.99));
    Ok(())
}

/// Bulk assignment through the service: 1,000 available agents in the Default queue, 100,000
/// unassigned conversations waiting; raising the default capacity starts one bulk run that
/// hands every conversation out.
async fn bulk() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(&dir.path().join("bulk.db")).await?;
    let (service, _) = Service::with_store(store.clone(), Clock::System, Some("bench".into())).await?;
    let admin = service.owner().await?;
    let available = service
        .agent_statuses(&admin, false)
        .await?
        .into_iter()
        .find(|s| s.name == "Available")
        .context("no Available status")?;
    for i in 0..AGENTS {
        let a =
            service.create_agent(&admin, NewAgent { display_name: format!("Agent {i}"), ..Default::default() }).await?;
        service.set_agent_status(&admin, a.id, available.id).await?;
    }
    // Capacity 0 while the conversations arrive, so nothing is assigned before the measured run.
    let zero = PartialCapacity { email: Some(0), live_messaging: Some(0), live_chat: Some(0) };
    service.update_capacity_settings(&admin, zero, None).await?;
    let now = Utc::now();
    let requester = end_users::EndUser {
        id: Uuid::new_v4(),
        display_name: Some("Bulk".into()),
        first_name: None,
        last_name: None,
        email: None,
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
    let priorities = [Priority::Low, Priority::Normal, Priority::Normal, Priority::High, Priority::Urgent];
    for i in 0..WAITING {
        let at = now - Span::seconds((WAITING - i) as i64);
        let c = Conversation {
            id: 0,
            short_id: 0,
            link: None,
            channel: Channel::WhatsApp,
            direction: Direction::Inbound,
            status: Status::Open,
            status_updated_at: at,
            priority: priorities[i % priorities.len()],
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
        conversations::insert(&mut tx, &c).await?;
    }
    tx.commit().await?;
    // Each agent takes work until Full Capacity (90 % of 120 is 108), so all 100,000 go out.
    let capacity = PartialCapacity { email: Some(5), live_messaging: Some(120), live_chat: Some(5) };
    let started = Instant::now();
    service.update_capacity_settings(&admin, capacity, None).await?;
    let elapsed = started.elapsed();
    let mut tx = store.read().await?;
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM conversations WHERE agent_id IS NULL").fetch_one(&mut *tx).await?;
    drop(tx);
    println!(
        "\nBulk assignment, {WAITING} waiting conversations to {AGENTS} available agents (one run, one transaction)"
    );
    println!(
        "  {:.2} s ({:.0} assignments/s), {} left unassigned   (target < 5 s)",
        elapsed.as_secs_f64(),
        (WAITING as i64 - left) as f64 / elapsed.as_secs_f64(),
        left
    );
    service.shutdown().await;
    Ok(())
}
