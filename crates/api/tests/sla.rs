//! Scenario tests of SLA policies through the API with the manual clock: the ordered list and
//! its checks, first response on hold overnight for a working-hours severity and running for
//! an Always one, next reply from the customer's later message, the pause while Solved,
//! recalculation on transfer and on policy changes, severities set by agents, automated
//! messages left out, and breaches published and recorded for reports.
//!
//! The clock starts on Monday 5 January 2026 at 09:00 UTC.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::{json, Value};

fn whatsapp_only() -> Value {
    json!([[{"attribute": "channel", "operator": "is", "value": "WhatsApp"}]])
}

fn severity(name: &str, fr: Option<u32>, nr: Option<u32>, res: Option<u32>, coverage: &str) -> Value {
    json!({"name": name, "firstResponseMinutes": fr, "nextReplyMinutes": nr, "resolutionMinutes": res, "coverage": coverage})
}

async fn policy(app: &App, body: Value) -> Value {
    let (s, v) = app.post("/v1/sla-policies", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["data"].clone()
}

async fn customer_writes(app: &App, requester: &str, queue: &str, channel: &str) -> i64 {
    let (s, v) = app
        .post(
            "/v1/conversations",
            json!({
                "requesterId": requester, "queueId": queue, "_type": channel,
                "message": {"content": {"value": "Help!", "_type": "Text"}, "_type": "Inbound"}
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["data"]["id"].as_i64().unwrap()
}

async fn message(app: &App, id: i64, direction: &str, agent: Option<&str>) {
    let mut body = json!({"content": {"value": "...", "_type": "Text"}, "_type": direction});
    if let Some(a) = agent {
        body["agentId"] = json!(a);
    }
    let (s, v) = app.post(&format!("/v1/conversations/{id}/messages"), body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

async fn sla(app: &App, id: i64) -> Value {
    let (s, v) = app.get(&format!("/v1/conversations/{id}/sla")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"].clone()
}

fn metric<'a>(sla: &'a Value, name: &str) -> &'a Value {
    sla["metrics"].as_array().unwrap().iter().find(|m| m["metric"] == name).unwrap_or_else(|| panic!("{name} in {sla}"))
}

/// Moves the clock to an RFC 3339 time (forward only).
async fn advance_to(app: &App, at: &str) {
    let target = chrono::DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&chrono::Utc);
    let seconds = (target - app.service.clock().now()).num_seconds();
    assert!(seconds >= 0, "the clock only moves forward");
    app.advance(seconds).await;
}

#[tokio::test]
async fn policies_are_checked_and_ordered() {
    let app = App::new().await;
    let sev = json!([severity("Default", Some(30), None, None, "Always")]);
    assert_error(
        &app.post("/v1/sla-policies", json!({"conditions": [], "severities": sev})).await,
        StatusCode::BAD_REQUEST,
        "at least one condition",
    );
    assert_error(
        &app.post("/v1/sla-policies", json!({"conditions": whatsapp_only(), "severities": []})).await,
        StatusCode::BAD_REQUEST,
        "Default severity",
    );
    assert_error(
        &app.post(
            "/v1/sla-policies",
            json!({"conditions": whatsapp_only(),
            "severities": [severity("Default", None, None, None, "Always")]}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "at least one of",
    );
    assert_error(
        &app.post(
            "/v1/sla-policies",
            json!({"conditions": [[{"attribute": "channel", "operator": "contains", "value": "x"}]],
            "severities": sev}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "contains",
    );
    assert_error(
        &app.post(
            "/v1/sla-policies",
            json!({"conditions": whatsapp_only(), "severities": sev,
            "validFrom": "2026-02-01", "validUntil": "2026-01-01"}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "validUntil",
    );
    assert_error(
        &app.post(
            "/v1/sla-policies",
            json!({"conditions": whatsapp_only(), "severities": sev, "queues": [uuid::Uuid::nil()]}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "Queue",
    );
    assert_eq!(app.count("sla_policies").await, 0);

    let a = policy(&app, json!({"conditions": whatsapp_only(), "severities": sev})).await;
    assert_eq!(a["name"], "SLA policy #1");
    assert_eq!(a["enabled"], true);
    assert!(!a["severities"][0]["id"].as_str().unwrap().starts_with("00000000"), "severities get ids");
    let b =
        policy(&app, json!({"name": "Gold", "conditions": whatsapp_only(), "severities": sev, "position": 0})).await;
    let c = policy(&app, json!({"name": "Silver", "conditions": whatsapp_only(), "severities": sev})).await;
    let names = |v: &Value| {
        v["data"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(names(&app.get("/v1/sla-policies").await.1), ["Gold", "SLA policy #1", "Silver"]);
    let (s, v) =
        app.put(&format!("/v1/sla-policies/{}/position", c["id"].as_str().unwrap()), json!({"position": 0})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(names(&v), ["Silver", "Gold", "SLA policy #1"]);
    app.put(&format!("/v1/sla-policies/{}/position", c["id"].as_str().unwrap()), json!({"position": 1})).await;
    assert_eq!(names(&app.get("/v1/sla-policies").await.1), ["Gold", "Silver", "SLA policy #1"]);
    assert_error(
        &app.post("/v1/sla-policies", json!({"name": "gold", "conditions": whatsapp_only(), "severities": sev})).await,
        StatusCode::CONFLICT,
        "already exists",
    );
    let (s, v) = app.patch(&format!("/v1/sla-policies/{}", b["id"].as_str().unwrap()), json!({"enabled": false})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["enabled"], false);
    assert_eq!(v["data"]["severities"], b["severities"], "kept");
    assert_eq!(app.delete(&format!("/v1/sla-policies/{}", a["id"].as_str().unwrap())).await.0, StatusCode::NO_CONTENT);
    assert_eq!(names(&app.get("/v1/sla-policies").await.1), ["Gold", "Silver"]);
}

#[tokio::test]
async fn first_response_holds_overnight_in_working_hours_and_runs_always() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    let (_, p) = app
        .post(
            "/v1/working-hours",
            json!({"name": "Office", "timeZone": "UTC", "days": {
            "monday": [{"start": "09:00", "end": "17:00"}], "tuesday": [{"start": "09:00", "end": "17:00"}]}}),
        )
        .await;
    app.patch(&format!("/v1/queues/{q}/working-hours"), json!({"workingHoursId": p["data"]["id"]})).await;
    // Email in working hours, WhatsApp always; 30 minutes to the first response.
    policy(
        &app,
        json!({"name": "Office email", "conditions": [[{"attribute": "channel", "operator": "is", "value": "Email"}]],
        "severities": [severity("Default", Some(30), None, None, "WorkingHours")]}),
    )
    .await;
    policy(
        &app,
        json!({"name": "Chat", "conditions": whatsapp_only(),
        "severities": [severity("Default", Some(30), None, None, "Always")]}),
    )
    .await;
    advance_to(&app, "2026-01-05T16:50:00Z").await;
    let email = customer_writes(&app, &ann, &q, "Email").await;
    let chat = customer_writes(&app, &ann, &q, "WhatsApp").await;
    let fr = |v: &Value| metric(v, "FirstResponse").clone();
    assert_eq!(fr(&sla(&app, email).await)["dueAt"], "2026-01-06T09:20:00.000Z", "ten minutes today, twenty tomorrow");
    assert_eq!(fr(&sla(&app, chat).await)["dueAt"], "2026-01-05T17:20:00.000Z");
    // Evening: the email waits on hold, the chat breached at 17:20.
    let mut events = app.service.events().subscribe();
    advance_to(&app, "2026-01-05T22:00:00Z").await;
    let e = fr(&sla(&app, email).await);
    assert_eq!(e["status"], "OnHold");
    assert_eq!(e["remainingSeconds"], 20 * 60);
    assert_eq!(e["dueAt"], "2026-01-06T09:20:00.000Z", "ten minutes on Monday, twenty on Tuesday morning");
    let c = fr(&sla(&app, chat).await);
    assert_eq!(c["status"], "Breached");
    assert_eq!(c["breachedAt"], "2026-01-05T17:20:00.000Z");
    let kinds: Vec<(String, Option<i64>)> = std::iter::from_fn(|| events.try_recv().ok())
        .map(|e| (e.kind.as_str().to_owned(), e.conversation_id))
        .collect();
    assert!(kinds.contains(&("ConversationSlaBreached".into(), Some(chat))), "{kinds:?}");
    assert!(!kinds.iter().any(|(k, id)| k == "ConversationSlaBreached" && *id == Some(email)), "{kinds:?}");
    // The breach is recorded for reports.
    let (s, v) = app.get("/v1/sla/breaches?fromDatetime=2026-01-05T00:00:00Z&toDatetime=2026-01-06T00:00:00Z").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"].as_array().unwrap().len(), 1);
    assert_eq!(v["data"][0]["conversationId"], chat);
    assert_eq!(v["data"][0]["metric"], "FirstResponse");
    // The inbox row carries the SLA too.
    let (_, list) = app.get("/v1/conversations?status=Open").await;
    let row = list["data"].as_array().unwrap().iter().find(|c| c["id"] == email).unwrap();
    assert_eq!(row["sla"]["policyName"], "Office email");
    // Answered on Tuesday at 09:10: met.
    advance_to(&app, "2026-01-06T09:10:00Z").await;
    let bo = app.agent("Bo").await;
    message(&app, email, "Outbound", Some(&bo)).await;
    let e = fr(&sla(&app, email).await);
    assert_eq!(e["status"], "Met");
    assert_eq!(e["completedAt"], "2026-01-06T09:10:00.000Z");
}

#[tokio::test]
async fn next_reply_counts_from_the_customers_later_message_and_solved_pauses() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    let bo = app.agent("Bo").await;
    policy(
        &app,
        json!({"conditions": whatsapp_only(),
        "severities": [severity("Default", Some(60), Some(15), Some(120), "Always")]}),
    )
    .await;
    let id = customer_writes(&app, &ann, &q, "WhatsApp").await;
    app.advance(10 * 60).await;
    message(&app, id, "Outbound", Some(&bo)).await;
    let s = sla(&app, id).await;
    assert_eq!(metric(&s, "FirstResponse")["status"], "Met");
    assert_eq!(metric(&s, "NextReply")["status"], "Waiting", "nothing to reply to yet");
    // The customer writes again at 09:30: next reply runs from then.
    app.advance(20 * 60).await;
    message(&app, id, "Inbound", None).await;
    let nr = metric(&sla(&app, id).await, "NextReply").clone();
    assert_eq!(nr["status"], "Running");
    assert_eq!(nr["startedAt"], "2026-01-05T09:30:00.000Z");
    assert_eq!(nr["dueAt"], "2026-01-05T09:45:00.000Z");
    // Solved at 09:40: everything pauses, nothing breaches overnight.
    app.advance(10 * 60).await;
    let (s, v) = app.patch(&format!("/v1/conversations/{id}"), json!({"status": "Solved"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    app.advance(12 * 3600).await;
    let s = sla(&app, id).await;
    assert_eq!(metric(&s, "NextReply")["status"], "Paused");
    assert_eq!(metric(&s, "NextReply")["remainingSeconds"], 5 * 60);
    assert_eq!(metric(&s, "Resolution")["status"], "Met", "solved within 2 hours");
    assert_eq!(s["breached"], false);
    // Reopened by the customer at 21:40: the five minutes left run out at 21:45.
    message(&app, id, "Inbound", None).await;
    let s = sla(&app, id).await;
    assert_eq!(metric(&s, "NextReply")["dueAt"], "2026-01-05T21:45:00.000Z");
    assert_eq!(metric(&s, "Resolution")["remainingSeconds"], 80 * 60, "40 minutes counted before Solved");
    app.advance(6 * 60).await;
    let s = sla(&app, id).await;
    assert_eq!(metric(&s, "NextReply")["status"], "Breached");
    assert_eq!(metric(&s, "NextReply")["breaches"], 1);
    assert_eq!(s["breached"], true);
}

#[tokio::test]
async fn a_transfer_to_a_queue_with_another_policy_recalculates_earlier_breaches() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (general, vip) = (app.queue("General").await, app.queue("VIP").await);
    policy(
        &app,
        json!({"name": "VIP", "conditions": whatsapp_only(), "queues": [vip],
        "severities": [severity("Default", Some(5), None, None, "Always")]}),
    )
    .await;
    policy(
        &app,
        json!({"name": "General", "conditions": whatsapp_only(), "ignoredQueues": [vip],
        "severities": [severity("Default", Some(60), None, None, "Always")]}),
    )
    .await;
    let id = customer_writes(&app, &ann, &general, "WhatsApp").await;
    app.advance(10 * 60).await;
    let s = sla(&app, id).await;
    assert_eq!(s["policyName"], "General");
    assert_eq!(metric(&s, "FirstResponse")["status"], "Running");
    let (st, v) = app.put(&format!("/v1/conversations/{id}/transfer/queue"), json!({"queueId": vip})).await;
    assert_eq!(st, StatusCode::NO_CONTENT, "{v}");
    let s = sla(&app, id).await;
    assert_eq!(s["policyName"], "VIP");
    let fr = metric(&s, "FirstResponse");
    assert_eq!(fr["status"], "Breached", "five minutes from the first message, counted again");
    assert_eq!(fr["breachedAt"], "2026-01-05T09:05:00.000Z");
    let (_, v) = app.get("/v1/sla/breaches?fromDatetime=2026-01-05T00:00:00Z&toDatetime=2026-01-06T00:00:00Z").await;
    assert_eq!(v["data"][0]["breachedAt"], "2026-01-05T09:05:00.000Z");
}

#[tokio::test]
async fn policy_changes_and_severities_recalculate() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    let p = policy(
        &app,
        json!({"conditions": whatsapp_only(), "severities": [
        severity("Default", Some(60), None, None, "Always"),
        severity("Outage", Some(5), None, None, "Always")]}),
    )
    .await;
    let pid = p["id"].as_str().unwrap().to_owned();
    let id = customer_writes(&app, &ann, &q, "WhatsApp").await;
    // Email conversations don't match.
    let email = customer_writes(&app, &ann, &q, "Email").await;
    assert_eq!(sla(&app, email).await, Value::Null);
    let s = sla(&app, id).await;
    assert_eq!(s["severityName"], "Default");
    assert_eq!(metric(&s, "FirstResponse")["dueAt"], "2026-01-05T10:00:00.000Z");
    // An agent raises the severity: five minutes.
    let outage = s["severities"][1]["id"].as_str().unwrap().to_owned();
    assert_error(
        &app.patch(&format!("/v1/conversations/{id}/sla"), json!({"severityId": uuid::Uuid::nil()})).await,
        StatusCode::BAD_REQUEST,
        "Outage",
    );
    assert_error(
        &app.patch(&format!("/v1/conversations/{email}/sla"), json!({"severityId": outage})).await,
        StatusCode::CONFLICT,
        "No SLA policy",
    );
    let (st, v) = app.patch(&format!("/v1/conversations/{id}/sla"), json!({"severityId": outage})).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["severityName"], "Outage");
    assert_eq!(metric(&v["data"], "FirstResponse")["dueAt"], "2026-01-05T09:05:00.000Z");
    // The policy changes: emails too, and a 2-minute outage. Both conversations follow.
    let (st, v) = app
        .patch(
            &format!("/v1/sla-policies/{pid}"),
            json!({
            "conditions": [[{"attribute": "channel", "operator": "is", "value": "WhatsApp"}],
                           [{"attribute": "channel", "operator": "is", "value": "Email"}]],
            "severities": [severity("Default", Some(60), None, None, "Always"),
                           {"id": outage, "name": "Outage", "firstResponseMinutes": 2}]}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(metric(&sla(&app, id).await, "FirstResponse")["dueAt"], "2026-01-05T09:02:00.000Z", "severity kept");
    assert_eq!(sla(&app, email).await["policyName"], "SLA policy #1");
    // Disabled: no SLA anywhere.
    app.patch(&format!("/v1/sla-policies/{pid}"), json!({"enabled": false})).await;
    assert_eq!(sla(&app, id).await, Value::Null);
    assert_eq!(app.count("conversation_sla").await, 0);
}

#[tokio::test]
async fn automated_messages_count_unless_the_policy_leaves_them_out() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    app.post(
        "/v1/waiting-strategies",
        json!({"isDefault": true, "messaging": {
        "welcome": {"enabled": true, "text": "Hi, we'll be right with you."}}}),
    )
    .await;
    let p = policy(
        &app,
        json!({"conditions": whatsapp_only(),
        "severities": [severity("Default", Some(10), None, None, "Always")]}),
    )
    .await;
    let counted = customer_writes(&app, &ann, &q, "WhatsApp").await;
    assert_eq!(metric(&sla(&app, counted).await, "FirstResponse")["status"], "Met", "the welcome answered");
    app.patch(&format!("/v1/sla-policies/{}", p["id"].as_str().unwrap()), json!({"excludeAutomated": true})).await;
    let fr = metric(&sla(&app, counted).await, "FirstResponse").clone();
    assert_eq!(fr["status"], "Running", "recalculated without the welcome");
    app.advance(11 * 60).await;
    assert_eq!(metric(&sla(&app, counted).await, "FirstResponse")["status"], "Breached");
}
