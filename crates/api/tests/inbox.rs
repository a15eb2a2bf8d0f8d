//! The inbox's views: filters (SLA state among them), orders that page, counts, tags on rows,
//! and snoozing with the manual clock (the clock starts on Monday 5 January 2026, 09:00 UTC).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::{json, Value};

fn ids(v: &Value) -> Vec<i64> {
    v["data"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect()
}

/// Every page of a list, following `meta.next`.
async fn all_pages(app: &App, first: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let mut url = first.to_owned();
    loop {
        let (s, v) = app.get(&url).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        out.extend(ids(&v));
        match v["meta"]["next"].as_str() {
            Some(next) => url = next.trim_start_matches("http://localhost").to_owned(),
            None => return out,
        }
    }
}

async fn count(app: &App, query: &str) -> i64 {
    let (s, v) = app.get(&format!("/v1/conversations/count?{query}")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"]["count"].as_i64().unwrap()
}

#[tokio::test]
async fn orders_page_in_order_and_counts_match_the_lists() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let mut made = Vec::new();
    for (i, priority) in ["Low", "Urgent", "Normal", "High", "Urgent"].iter().enumerate() {
        let id = app.conversation(&ann, &format!("Question {i}")).await;
        let (s, v) = app.patch(&format!("/v1/conversations/{id}"), json!({"priority": priority})).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        app.advance(60).await;
        made.push(id);
    }
    let (_, tag) = app.post("/v1/tags", json!({"name": "vip", "color": "#aa3300"})).await;
    let tag = tag["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.put(&format!("/v1/conversations/{}/tags/{tag}", made[2]), json!({})).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.put(&format!("/v1/conversations/{}/claim", made[3]), json!({"agentId": alice})).await.0,
        StatusCode::NO_CONTENT
    );

    // Latest activity first, the oldest first, the most urgent first: each over pages of two.
    let latest = all_pages(&app, "/v1/conversations?pageLimit=2").await;
    assert_eq!(latest, [made[3], made[2], made[4], made[1], made[0]], "claiming and tagging are activity");
    let oldest = all_pages(&app, "/v1/conversations?pageLimit=2&sort=Oldest").await;
    assert_eq!(oldest, latest.iter().rev().copied().collect::<Vec<_>>());
    let urgent = all_pages(&app, "/v1/conversations?pageLimit=2&sort=Priority").await;
    assert_eq!(urgent, [made[4], made[1], made[3], made[2], made[0]]);
    assert_eq!(all_pages(&app, "/v1/conversations?pageLimit=2&sort=SlaDue").await.len(), 5, "no SLA: all, last");

    // Rows carry their tags.
    let (_, v) = app.get("/v1/conversations").await;
    let row = v["data"].as_array().unwrap().iter().find(|c| c["id"] == made[2]).unwrap().clone();
    assert_eq!(row["tags"][0]["name"], "vip", "{row}");

    // Counts agree with the views.
    assert_eq!(count(&app, "status=Open").await, 5);
    assert_eq!(count(&app, &format!("agentId={alice}")).await, 1);
    assert_eq!(count(&app, "unassigned=true").await, 4);
    assert_eq!(count(&app, "priority=Urgent").await, 2);
    assert_eq!(count(&app, &format!("tagId={tag}")).await, 1);
    assert_eq!(count(&app, "sla=NoSla").await, 5);
    assert_eq!(count(&app, "sla=Breached").await, 0);

    // An agent counts only what she reaches.
    let cy = app.agent("Cy").await;
    let billing = app.queue("Billing").await;
    let (_, t) = app.post(&format!("/v1/agents/{cy}/tokens"), json!({"name": "t"})).await;
    let cy_token = t["data"]["token"].as_str().unwrap().to_owned();
    assert_eq!(
        app.put(&format!("/v1/conversations/{}/transfer/queue", made[0]), json!({"queueId": billing})).await.0,
        StatusCode::NO_CONTENT
    );
    let (s, v) = app.send_as(&cy_token, "GET", "/v1/conversations/count", None).await;
    assert_eq!((s, v["data"]["count"].as_i64()), (StatusCode::OK, Some(4)), "Billing is out of her reach: {v}");

    // Bad values name the parameter and change nothing.
    assert_error(&app.get("/v1/conversations?sort=Random").await, StatusCode::BAD_REQUEST, "sort");
    assert_error(&app.get("/v1/conversations/count?sla=Late").await, StatusCode::BAD_REQUEST, "sla");
    assert_error(&app.get("/v1/conversations/count?status=Lost").await, StatusCode::BAD_REQUEST, "status");
}

#[tokio::test]
async fn a_snoozed_conversation_waits_and_wakes_on_time_or_when_the_customer_writes() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let id = app.conversation(&ann, "Call me back next week").await;
    let url = format!("/v1/conversations/{id}/snooze");

    // Refused: in the past, too far, not a time, a Closed conversation; nothing changes.
    assert_error(&app.put(&url, json!({"until": "2026-01-05T08:00:00Z"})).await, StatusCode::BAD_REQUEST, "future");
    assert_error(&app.put(&url, json!({"until": "2027-06-01T08:00:00Z"})).await, StatusCode::BAD_REQUEST, "365 days");
    assert_error(&app.put(&url, json!({"until": "tomorrow"})).await, StatusCode::BAD_REQUEST, "until");
    assert_eq!(app.conversation_json(id).await["status"], "Open");
    assert_eq!(app.count("timers").await, 0);

    let (s, v) = app.put(&url, json!({"until": "2026-01-05T12:00:00Z"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (v["data"]["status"].as_str(), v["data"]["snoozedUntil"].as_str()),
        (Some("Waiting"), Some("2026-01-05T12:00:00.000Z"))
    );
    assert_eq!(count(&app, "status=Waiting").await, 1);

    // Snoozed again, later: the first wake-up is gone.
    let (s, _) = app.put(&url, json!({"until": "2026-01-05T15:00:00Z"})).await;
    assert_eq!(s, StatusCode::OK);
    app.advance(4 * 3600).await; // 13:00
    assert_eq!(app.conversation_json(id).await["status"], "Waiting", "still snoozed until 15:00");
    app.advance(2 * 3600).await; // 15:00
    let c = app.conversation_json(id).await;
    assert_eq!(c["status"], "Open", "woke on time: {c}");
    assert!(c.get("snoozedUntil").is_none());

    // The customer writing ends a snooze at once; the old wake-up then changes nothing.
    app.put(&url, json!({"until": "2026-01-06T09:00:00Z"})).await;
    let inbound = json!({"content": {"value": "Actually, now please", "_type": "Text"}, "_type": "Inbound"});
    assert_eq!(app.post(&format!("/v1/conversations/{id}/messages"), inbound).await.0, StatusCode::OK);
    let c = app.conversation_json(id).await;
    assert_eq!((c["status"].as_str(), c.get("snoozedUntil")), (Some("Open"), None));
    let (s, v) = app.patch(&format!("/v1/conversations/{id}"), json!({"status": "Waiting"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    app.advance(24 * 3600).await;
    assert_eq!(app.conversation_json(id).await["status"], "Waiting", "a plain Waiting is not woken by an old snooze");

    // Waking by hand.
    app.put(&url, json!({"until": "2026-01-08T09:00:00Z"})).await;
    let (s, v) = app.delete(&url).await;
    assert_eq!((s, v["data"]["status"].as_str()), (StatusCode::OK, Some("Open")), "{v}");
    assert_error(
        &app.put("/v1/conversations/99/snooze", json!({"until": "2026-01-08T09:00:00Z"})).await,
        StatusCode::NOT_FOUND,
        "99",
    );
}

#[tokio::test]
async fn bulk_changes_do_each_conversation_on_its_own_and_say_which_failed() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let billing = app.queue("Billing").await;
    let (_, tag) = app.post("/v1/tags", json!({"name": "refund"})).await;
    let tag = tag["data"]["id"].as_str().unwrap().to_owned();
    let (a, b, c) = (
        app.conversation(&ann, "One").await,
        app.conversation(&ann, "Two").await,
        app.conversation(&ann, "Three").await,
    );
    assert_eq!(app.put(&format!("/v1/conversations/{c}/close"), json!({})).await.0, StatusCode::NO_CONTENT);
    let bulk = |ids: Vec<i64>, action: Value| json!({"conversationIds": ids, "action": action});

    let (s, v) = app
        .post("/v1/conversations/bulk", bulk(vec![a, b, c, 99], json!({"_type": "Transfer", "queueId": billing})))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let kinds: Vec<&str> = v["data"].as_array().unwrap().iter().map(|o| o["_type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["BulkActionSuccess", "BulkActionSuccess", "BulkActionFailure", "BulkActionFailure"], "{v}");
    assert!(v["data"][2]["error"]["message"].as_str().unwrap().contains("closed"), "{v}");
    assert_eq!(v["data"][3]["conversationId"], 99);
    assert_eq!(app.conversation_json(a).await["queueId"], billing.as_str());
    assert_eq!(app.conversation_json(b).await["queueId"], billing.as_str());

    for action in [
        json!({"_type": "Assign", "agentId": alice}),
        json!({"_type": "Tag", "tagId": tag}),
        json!({"_type": "Priority", "priority": "High"}),
        json!({"_type": "Status", "status": "Solved"}),
    ] {
        let (s, v) = app.post("/v1/conversations/bulk", bulk(vec![a, b, a], action)).await;
        assert_eq!(
            (s, v["data"].as_array().unwrap().len()),
            (StatusCode::OK, 2),
            "an id asked twice is done once: {v}"
        );
        assert!(v["data"].as_array().unwrap().iter().all(|o| o["_type"] == "BulkActionSuccess"), "{v}");
    }
    let one = app.conversation_json(a).await;
    assert_eq!(
        (
            one["assignment"]["agentId"].as_str(),
            one["priority"].as_str(),
            one["status"].as_str(),
            one["tags"][0]["name"].as_str()
        ),
        (Some(alice.as_str()), Some("High"), Some("Solved"), Some("refund"))
    );
    // Without force, someone's conversations stay theirs.
    let bob = app.agent("Bob").await;
    let (_, v) = app.post("/v1/conversations/bulk", bulk(vec![a], json!({"_type": "Assign", "agentId": bob}))).await;
    assert_eq!(v["data"][0]["_type"], "BulkActionFailure", "{v}");

    // An agent's bulk reaches only her conversations; the rest fail beside their ids.
    let cy = app.agent("Cy").await;
    let (_, t) = app.post(&format!("/v1/agents/{cy}/tokens"), json!({"name": "t"})).await;
    let token = t["data"]["token"].as_str().unwrap().to_owned();
    let body = bulk(vec![a], json!({"_type": "Close"})).to_string();
    let (s, v) = app.send_as(&token, "POST", "/v1/conversations/bulk", Some(&body)).await;
    assert_eq!((s, v["data"][0]["_type"].as_str()), (StatusCode::OK, Some("BulkActionFailure")), "{v}");
    assert_eq!(app.conversation_json(a).await["status"], "Solved", "unchanged");

    // Bad requests are refused whole.
    assert_error(
        &app.post("/v1/conversations/bulk", bulk(vec![a], json!({"_type": "Explode"}))).await,
        StatusCode::BAD_REQUEST,
        "_type",
    );
    assert_error(
        &app.post("/v1/conversations/bulk", bulk(vec![a], json!({"_type": "Transfer"}))).await,
        StatusCode::BAD_REQUEST,
        "queueId",
    );
    let many: Vec<i64> = (1..=1001).collect();
    assert_error(
        &app.post("/v1/conversations/bulk", bulk(many, json!({"_type": "Close"}))).await,
        StatusCode::BAD_REQUEST,
        "1000",
    );
}

#[tokio::test]
async fn each_user_keeps_their_own_saved_views() {
    let app = App::new().await;
    let alice = app.agent("Alice").await;
    let token = app.token_of(&alice).await;
    let as_alice = |method: &'static str, uri: String, body: Option<Value>| {
        let app = &app;
        let token = token.clone();
        async move { app.send_as(&token, method, &uri, body.map(|b| b.to_string()).as_deref()).await }
    };
    let (s, v) = as_alice(
        "POST",
        "/v1/me/views".into(),
        Some(json!({"name": " Urgent billing ", "query": "status=Open&priority=Urgent&sort=Priority&pageLimit=5"})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["data"]["name"], "Urgent billing");
    assert_eq!(v["data"]["query"], "status=Open&priority=Urgent&sort=Priority", "paging is not part of a view");
    let id = v["data"]["id"].as_str().unwrap().to_owned();

    // Refused, changing nothing: the same name in another case, a bad filter, no name.
    let taken = as_alice("POST", "/v1/me/views".into(), Some(json!({"name": "URGENT BILLING", "query": ""}))).await;
    assert_error(&taken, StatusCode::CONFLICT, "already have a view named");
    let bad = as_alice("POST", "/v1/me/views".into(), Some(json!({"name": "Odd", "query": "sort=Random"}))).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "sort");
    let empty = as_alice("POST", "/v1/me/views".into(), Some(json!({"name": "  ", "query": ""}))).await;
    assert_error(&empty, StatusCode::BAD_REQUEST, "name");
    assert_eq!(app.count("saved_views").await, 1);

    // Rename; the admin neither sees nor changes it.
    let (s, v) = as_alice("PATCH", format!("/v1/me/views/{id}"), Some(json!({"name": "Fires"}))).await;
    assert_eq!((s, v["data"]["name"].as_str()), (StatusCode::OK, Some("Fires")), "{v}");
    assert_eq!(app.get("/v1/me/views").await.1["data"], json!([]));
    assert_error(
        &app.patch(&format!("/v1/me/views/{id}"), json!({"name": "Mine now"})).await,
        StatusCode::NOT_FOUND,
        "View",
    );
    assert_error(&app.delete(&format!("/v1/me/views/{id}")).await, StatusCode::NOT_FOUND, "View");
    let (_, v) = as_alice("GET", "/v1/me/views".into(), None).await;
    assert_eq!(v["data"][0]["name"], "Fires");
    assert_eq!(as_alice("DELETE", format!("/v1/me/views/{id}"), None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.count("saved_views").await, 0);
}
