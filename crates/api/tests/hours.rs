//! Scenario tests of working hours through the API with the manual clock: periods and their
//! checks, the default period for new queues, the away message (once, only to customers who
//! open a conversation outside hours, optionally closing it), holidays with their last day
//! included, daylight saving, and bulk assignment when a queue's hours begin.
//!
//! The clock starts on Monday 5 January 2026 at 09:00 UTC (10:00 in Copenhagen).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::{json, Value};

/// Monday to Friday 09:00-17:00 in Copenhagen, with the given holidays.
fn office(holidays: Value) -> Value {
    let day = json!([{"start": "09:00", "end": "17:00"}]);
    json!({
        "name": "Office", "timeZone": "Europe/Copenhagen", "holidays": holidays,
        "days": {"monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day}
    })
}

async fn period(app: &App, body: Value) -> String {
    let (s, v) = app.post("/v1/working-hours", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["data"]["id"].as_str().unwrap().to_owned()
}

async fn queue_hours(app: &App, queue: &str, body: Value) -> Value {
    let (s, v) = app.patch(&format!("/v1/queues/{queue}/working-hours"), body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"].clone()
}

/// An inbound WhatsApp conversation from `requester` in `queue`.
async fn customer_writes(app: &App, requester: &str, queue: &str, text: &str) -> i64 {
    let (s, v) = app
        .post(
            "/v1/conversations",
            json!({
                "requesterId": requester, "queueId": queue, "_type": "WhatsApp",
                "message": {"content": {"value": text, "_type": "Text"}, "_type": "Inbound"}
            }),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["data"]["id"].as_i64().unwrap()
}

async fn messages(app: &App, id: i64) -> Vec<Value> {
    let (s, v) = app.get(&format!("/v1/conversations/{id}/messages")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"].as_array().unwrap().clone()
}

fn away_messages(list: &[Value]) -> usize {
    list.iter().filter(|m| m["automated"] == "AwayMessage").count()
}

/// Moves the clock to an RFC 3339 time (forward only).
async fn advance_to(app: &App, at: &str) {
    let target = chrono::DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&chrono::Utc);
    let seconds = (target - app.service.clock().now()).num_seconds();
    assert!(seconds >= 0, "the clock only moves forward");
    app.advance(seconds).await;
}

#[tokio::test]
async fn periods_are_checked_named_and_kept() {
    let app = App::new().await;
    let mut bad = office(json!([]));
    bad["timeZone"] = json!("Mars/Olympus");
    assert_error(&app.post("/v1/working-hours", bad).await, StatusCode::BAD_REQUEST, "Mars/Olympus");
    let mut bad = office(json!([]));
    bad["days"]["wednesday"] = json!([{"start": "17:00", "end": "09:00"}]);
    assert_error(&app.post("/v1/working-hours", bad).await, StatusCode::BAD_REQUEST, "wednesday");
    let mut bad = office(json!([]));
    bad["days"]["friday"] = json!([{"start": "08:00", "end": "12:00"}, {"start": "11:00", "end": "13:00"}]);
    assert_error(&app.post("/v1/working-hours", bad).await, StatusCode::BAD_REQUEST, "overlap");
    let bad = office(json!([{"startDate": "2026-12-26", "endDate": "2026-12-24"}]));
    assert_error(&app.post("/v1/working-hours", bad).await, StatusCode::BAD_REQUEST, "before it starts");
    let bad = office(json!([{"startDate": "2026-13-01", "endDate": "2026-12-24"}]));
    assert_error(&app.post("/v1/working-hours", bad).await, StatusCode::BAD_REQUEST, "startDate");
    assert_eq!(app.count("hours_periods").await, 0, "refusals change nothing");

    // Split shifts, sorted and written as HH:MM.
    let mut body = office(json!([{"name": "Christmas", "startDate": "2026-12-24", "endDate": "2026-12-26"}]));
    body["days"]["saturday"] = json!([{"start": "13:00", "end": "15:00"}, {"start": "8:00", "end": "12:00"}]);
    let (s, v) = app.post("/v1/working-hours", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let office_id = v["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        v["data"]["days"]["saturday"],
        json!([{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "15:00"}])
    );
    assert_eq!(v["data"]["days"]["sunday"], json!([]));
    assert_eq!(v["data"]["openNow"], true, "Monday 10:00 in Copenhagen");
    assert_eq!(v["data"]["isDefault"], false);
    assert_error(&app.post("/v1/working-hours", office(json!([]))).await, StatusCode::CONFLICT, "Office");
    // Without a name: a numbered one.
    let (_, v) = app.post("/v1/working-hours", json!({"timeZone": "UTC"})).await;
    assert_eq!(v["data"]["name"], "Working hours #2");
    assert_eq!(v["data"]["openNow"], false, "no working day at all");
    assert!(v["data"].get("nextOpening").is_none());
    let never = v["data"]["id"].as_str().unwrap().to_owned();

    let (_, list) = app.get("/v1/working-hours").await;
    let names: Vec<&str> = list["data"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Office", "Working hours #2"]);
    // A patch of the days keeps the zone and the holidays.
    let (s, v) = app
        .patch(
            &format!("/v1/working-hours/{office_id}"),
            json!({"days": {"monday": [{"start": "07:00", "end": "08:00"}]}}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["timeZone"], "Europe/Copenhagen");
    assert_eq!(v["data"]["holidays"][0]["name"], "Christmas");
    assert_eq!(v["data"]["openNow"], false);
    assert_eq!(v["data"]["nextOpening"], "2026-01-12T06:00:00.000Z", "next Monday 07:00 local");

    // A period a queue keeps can't be deleted; the message names the queue.
    let q = app.queue("Billing").await;
    assert_error(
        &app.patch(&format!("/v1/queues/{q}/working-hours"), json!({"workingHoursId": uuid::Uuid::nil()})).await,
        StatusCode::BAD_REQUEST,
        "Working hours do not exist",
    );
    queue_hours(&app, &q, json!({"workingHoursId": office_id})).await;
    assert_error(&app.delete(&format!("/v1/working-hours/{office_id}")).await, StatusCode::CONFLICT, "Billing");
    assert_eq!(app.delete(&format!("/v1/working-hours/{never}")).await.0, StatusCode::NO_CONTENT);
    assert_error(&app.get(&format!("/v1/working-hours/{never}")).await, StatusCode::NOT_FOUND, "not found");
    // An away message needs its text.
    assert_error(
        &app.patch(&format!("/v1/queues/{q}/working-hours"), json!({"awayMessage": {"enabled": true}})).await,
        StatusCode::BAD_REQUEST,
        "awayMessage.message",
    );
    let h = queue_hours(&app, &q, json!({"workingHoursId": null})).await;
    assert!(h.get("workingHoursId").is_none());
    assert_eq!(h["openNow"], true, "a queue without hours is always open");
}

#[tokio::test]
async fn new_queues_get_the_default_period_and_changing_it_leaves_the_others_alone() {
    let app = App::new().await;
    let before = app.queue("Before").await;
    let mut body = office(json!([]));
    body["isDefault"] = json!(true);
    let first = period(&app, body).await;
    let second = period(&app, json!({"name": "Late", "timeZone": "UTC", "isDefault": true})).await;
    let (_, v) = app.get(&format!("/v1/working-hours/{first}")).await;
    assert_eq!(v["data"]["isDefault"], false, "one default at a time");
    let late_queue = app.queue("After").await;
    app.patch(&format!("/v1/working-hours/{first}"), json!({"isDefault": true})).await;
    let office_queue = app.queue("Later still").await;
    let hours_of = |q: String| {
        let app = &app;
        async move { app.get(&format!("/v1/queues/{q}/working-hours")).await.1["data"]["workingHoursId"].clone() }
    };
    assert_eq!(hours_of(before).await, Value::Null, "created before any default");
    assert_eq!(hours_of(late_queue).await, json!(second), "kept after the default changed");
    assert_eq!(hours_of(office_queue).await, json!(first));
}

#[tokio::test]
async fn a_conversation_opened_on_a_switched_off_day_gets_the_away_message_once() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    let office = period(&app, office(json!([]))).await;
    queue_hours(
        &app,
        &q,
        json!({"workingHoursId": office, "awayMessage": {"enabled": true, "message": "We're closed until Monday."}}),
    )
    .await;
    // Within hours: no away message.
    let monday = customer_writes(&app, &ann, &q, "Hello").await;
    assert_eq!(away_messages(&messages(&app, monday).await), 0);

    // Saturday.
    advance_to(&app, "2026-01-10T11:00:00Z").await;
    let saturday = customer_writes(&app, &ann, &q, "Anyone there?").await;
    let list = messages(&app, saturday).await;
    assert_eq!(away_messages(&list), 1);
    let away = list.iter().find(|m| m["automated"] == "AwayMessage").unwrap();
    assert_eq!(away["direction"], "Outbound");
    assert_eq!(away["content"]["value"], "We're closed until Monday.");
    assert_eq!(app.conversation_json(saturday).await["state"], "Open", "left open unless the queue closes it");
    // The customer writing again, and an agent replying outside hours, bring no second one.
    app.post(
        &format!("/v1/conversations/{saturday}/messages"),
        json!({
        "content": {"value": "Hello?", "_type": "Text"}, "_type": "Inbound"}),
    )
    .await;
    let bo = app.agent("Bo").await;
    let (s, v) = app
        .post(
            &format!("/v1/conversations/{saturday}/messages"),
            json!({
            "content": {"value": "I'm here", "_type": "Text"}, "_type": "Outbound", "agentId": bo}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(away_messages(&messages(&app, monday).await), 0);
    let list = messages(&app, saturday).await;
    assert_eq!(list.len(), 4);
    assert_eq!(away_messages(&list), 1, "once");
    // An agent starting a conversation outside hours sends nothing automatic.
    let (s, v) = app
        .post(
            "/v1/conversations",
            json!({"requesterId": ann, "queueId": q, "_type": "Email", "agentId": bo,
            "message": {"content": {"value": "Your invoice", "_type": "Text"}, "_type": "Outbound", "agentId": bo}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(away_messages(&messages(&app, v["data"]["id"].as_i64().unwrap()).await), 0);
    // Switched off: nothing.
    queue_hours(&app, &q, json!({"awayMessage": {"enabled": false}})).await;
    let off = customer_writes(&app, &ann, &q, "Still closed?").await;
    assert_eq!(away_messages(&messages(&app, off).await), 0);
}

#[tokio::test]
async fn the_away_message_can_close_the_conversation() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    let bo = app.agent("Bo").await;
    app.patch(&format!("/v1/queues/{q}/members"), json!({"agentIds": [bo]})).await;
    app.set_status(&bo, "Available").await;
    let office = period(&app, office(json!([]))).await;
    let h = queue_hours(
        &app,
        &q,
        json!({"workingHoursId": office,
        "awayMessage": {"enabled": true, "message": "Closed. Write again on Monday.", "closeConversation": true}}),
    )
    .await;
    assert_eq!(h["awayMessage"]["closeConversation"], true);
    advance_to(&app, "2026-01-05T17:30:00Z").await;
    let mut events = app.service.events().subscribe();
    let id = customer_writes(&app, &ann, &q, "Hi").await;
    let c = app.conversation_json(id).await;
    assert_eq!(c["state"], "Closed");
    assert!(c.get("agentId").is_none() || c["agentId"].is_null(), "never assigned: {c}");
    assert_eq!(away_messages(&messages(&app, id).await), 1);
    let mut kinds = Vec::new();
    while let Ok(e) = events.try_recv() {
        kinds.push(e.kind.as_str());
    }
    assert_eq!(
        kinds,
        ["ConversationCreated", "ConversationMessageAdded", "ConversationMessageAdded", "ConversationClosed"]
    );
}

#[tokio::test]
async fn a_holidays_last_day_is_included() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    // Tuesday 6 and Wednesday 7 January off.
    let office =
        period(&app, office(json!([{"name": "Winter break", "startDate": "2026-01-06", "endDate": "2026-01-07"}])))
            .await;
    queue_hours(
        &app,
        &q,
        json!({"workingHoursId": office, "awayMessage": {"enabled": true, "message": "On holiday."}}),
    )
    .await;
    // Wednesday 16:30 local, within the usual hours but the holiday's last day.
    advance_to(&app, "2026-01-07T15:30:00Z").await;
    let (_, v) = app.get(&format!("/v1/queues/{q}/working-hours")).await;
    assert_eq!(v["data"]["openNow"], false);
    let last_day = customer_writes(&app, &ann, &q, "Hello").await;
    assert_eq!(away_messages(&messages(&app, last_day).await), 1);
    // Thursday morning: open again.
    advance_to(&app, "2026-01-08T08:00:00Z").await;
    let thursday = customer_writes(&app, &ann, &q, "Hello again").await;
    assert_eq!(away_messages(&messages(&app, thursday).await), 0);
}

#[tokio::test]
async fn openings_follow_daylight_saving() {
    let app = App::new().await;
    // Every day 09:00-17:00 in Copenhagen; Saturday 28 March 2026 the clocks go forward at night.
    let day = json!([{"start": "09:00", "end": "17:00"}]);
    let id = period(&app, json!({"name": "Daily", "timeZone": "Europe/Copenhagen", "days": {
        "monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day, "saturday": day, "sunday": day}}))
    .await;
    advance_to(&app, "2026-03-28T17:00:00Z").await;
    let (_, v) = app.get(&format!("/v1/working-hours/{id}")).await;
    assert_eq!(v["data"]["nextOpening"], "2026-03-29T07:00:00.000Z", "09:00 summer time");
    advance_to(&app, "2026-10-24T17:00:00Z").await;
    let (_, v) = app.get(&format!("/v1/working-hours/{id}")).await;
    assert_eq!(v["data"]["nextOpening"], "2026-10-25T08:00:00.000Z", "09:00 winter time");
}

#[tokio::test]
async fn conversations_that_arrive_outside_hours_are_assigned_when_the_hours_begin() {
    let app = App::new().await;
    let (ann, cy) = (app.end_user("Ann").await, app.end_user("Cy").await);
    let q = app.queue("Support").await;
    let bo = app.agent("Bo").await;
    app.patch(&format!("/v1/queues/{q}/members"), json!({"agentIds": [bo]})).await;
    app.patch(&format!("/v1/agents/{bo}/capacity"), json!({"liveMessaging": 5})).await;
    let office = period(&app, office(json!([]))).await;
    queue_hours(&app, &q, json!({"workingHoursId": office})).await;
    // Friday evening: Bo is still Available, but the queue has closed.
    advance_to(&app, "2026-01-09T18:00:00Z").await;
    app.set_status(&bo, "Available").await;
    let first = customer_writes(&app, &ann, &q, "Friday night").await;
    advance_to(&app, "2026-01-10T12:00:00Z").await;
    let (_, v) = app
        .post(
            "/v1/conversations",
            json!({"requesterId": cy, "queueId": q, "_type": "WhatsApp", "priority": "Urgent",
            "message": {"content": {"value": "Saturday, urgent", "_type": "Text"}, "_type": "Inbound"}}),
        )
        .await;
    let second = v["data"]["id"].as_i64().unwrap();
    for id in [first, second] {
        assert!(app.conversation_json(id).await["agentId"].is_null(), "waits outside hours");
    }
    // Monday 08:59 local: still closed.
    advance_to(&app, "2026-01-12T07:59:00Z").await;
    assert!(app.conversation_json(first).await["agentId"].is_null());
    // 09:00 local: the opening's bulk assignment hands both to Bo, the urgent one first.
    let mut events = app.service.events().subscribe();
    advance_to(&app, "2026-01-12T08:00:00Z").await;
    for id in [first, second] {
        assert_eq!(app.conversation_json(id).await["agentId"], bo.as_str());
    }
    let mut assigned = Vec::new();
    while let Ok(e) = events.try_recv() {
        if e.kind.as_str() == "ConversationAssigned" {
            assigned.push(e.conversation_id.unwrap());
        }
    }
    assert_eq!(assigned, [second, first]);
    // The next opening is scheduled: Tuesday 09:00 local.
    let (_, v) = app.get(&format!("/v1/working-hours/{office}")).await;
    assert_eq!(v["data"]["openNow"], true);
    // A conversation within hours is assigned at once.
    let third = customer_writes(&app, &ann, &q, "Monday").await;
    assert_eq!(app.conversation_json(third).await["agentId"], bo.as_str());
}

#[tokio::test]
async fn the_service_tells_its_time() {
    let app = App::new().await;
    let (s, v) = app.get("/v1/time").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["now"], "2026-01-05T09:00:00.000Z");
    app.advance(90).await;
    assert_eq!(app.get("/v1/time").await.1["data"]["now"], "2026-01-05T09:01:30.000Z");
}
