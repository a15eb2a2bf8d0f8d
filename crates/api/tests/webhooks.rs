//! Webhook tests against a real HTTP receiver on loopback: signed deliveries in Dixa's and the
//! interaction format, retries with backoff, the persisted outbox across a restart, and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use common::{assert_error, App};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    /// Statuses to answer with, in order; 200 once they run out.
    script: Arc<Mutex<Vec<u16>>>,
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    r.got.lock().unwrap().push((headers, body));
    let mut script = r.script.lock().unwrap();
    let code = if script.is_empty() { 200 } else { script.remove(0) };
    StatusCode::from_u16(code).unwrap()
}

/// Starts a receiver on a free loopback port; returns it and its URL.
async fn receiver(script: Vec<u16>) -> (Receiver, String) {
    let r = Receiver { script: Arc::new(Mutex::new(script)), ..Default::default() };
    let app = Router::new().route("/hook", post(receive)).with_state(r.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (r, url)
}

fn bodies(r: &Receiver) -> Vec<Value> {
    r.got.lock().unwrap().iter().map(|(_, b)| serde_json::from_str(b).unwrap()).collect()
}

const SECRET: &str = "a-very-secret-signing-key";

/// The receivers of these tests listen on loopback, which outbound calls may reach only when
/// the installation lists it.
async fn allow_loopback(app: &App) {
    let (s, v) = app.put("/v1/settings/outbound", json!({"allowedPrivateHosts": ["127.0.0.1"]})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

#[tokio::test]
async fn dixa_events_are_delivered_signed() {
    let app = App::new().await;
    allow_loopback(&app).await;
    let (r, url) = receiver(vec![]).await;
    let (s, sub) = app.post("/v1/webhooks", json!({"name": "CRM", "url": url, "secret": SECRET, "events": ["ConversationCreated", "ConversationMessageAdded"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{sub}");
    assert_eq!(sub["data"]["secret"], SECRET, "shown once, on create");
    let id = sub["data"]["id"].as_str().unwrap().to_owned();
    assert!(app.get(&format!("/v1/webhooks/{id}")).await.1["data"].get("secret").is_none());

    let ann = app.end_user("Ann").await;
    let conversation = app.conversation(&ann, "My order hasn't shipped").await;
    app.post(&format!("/v1/conversations/{conversation}/notes"), json!({"message": "not subscribed"})).await;
    assert!(r.got.lock().unwrap().is_empty(), "the manual clock sends nothing until it moves");
    app.advance(0).await;

    let got = r.got.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    for (headers, body) in &got {
        let ts: i64 = headers["x-switchboard-timestamp"].to_str().unwrap().parse().unwrap();
        assert_eq!(
            headers["x-switchboard-signature"].to_str().unwrap(),
            switchboard_service::webhooks::sign(SECRET, ts, body)
        );
    }
    let b = bodies(&r);
    assert_eq!(b[0]["event_type"], "ConversationCreated");
    assert_eq!(b[0]["data"]["conversation"]["id"], conversation);
    assert_eq!(b[1]["event_type"], "ConversationMessageAdded");
    assert_eq!(b[1]["data"]["message"]["content"]["value"], "My order hasn't shipped");
    assert_eq!(got[1].0["x-switchboard-event"], "ConversationMessageAdded");

    let (_, statuses) = app.get(&format!("/v1/webhooks/{id}/delivery-status")).await;
    assert!(statuses["data"].as_array().unwrap().iter().all(|d| d["status"] == "Delivered" && d["attempts"] == 1));
    let (_, logs) = app.get(&format!("/v1/webhooks/{id}/delivery-logs")).await;
    assert!(logs["data"].as_array().unwrap().iter().all(|l| l["statusCode"] == 200));
}

#[tokio::test]
async fn interaction_events_follow_the_agent_and_a_later_message_is_offered_again() {
    let app = App::new().await;
    allow_loopback(&app).await;
    let (r, url) = receiver(vec![]).await;
    app.post("/v1/webhooks", json!({"url": url, "secret": SECRET, "format": "Interaction"})).await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let id = app.conversation(&ann, "Hello").await;
    let base = format!("/v1/conversations/{id}");
    app.put(&format!("{base}/claim"), json!({"agentId": alice})).await;
    app.post(
        &format!("{base}/messages"),
        json!({"content": {"value": "Hi, Alice here", "_type": "Text"}, "_type": "Outbound", "agentId": alice}),
    )
    .await;
    app.advance(30).await;
    app.patch(&base, json!({"agentId": null})).await;
    app.advance(0).await;
    let kinds: Vec<String> = bodies(&r).iter().map(|b| b["eventType"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds, ["AGENT_JOINED", "TEXT", "AGENT_LEFT"]);
    assert_eq!(bodies(&r)[1]["text"], "Hi, Alice here");
    assert_eq!(bodies(&r)[0]["agentId"], alice.as_str());

    let before = app.conversation_json(id).await["queue"]["queuedAt"].clone();
    app.advance(120).await;
    // Still waiting for a first agent, a second message keeps its place in the queue.
    let waiting = app.conversation(&ann, "first").await;
    app.advance(10).await;
    app.post(
        &format!("/v1/conversations/{waiting}/messages"),
        json!({"content": {"value": "again", "_type": "Text"}, "_type": "Inbound"}),
    )
    .await;
    assert_eq!(app.conversation_json(waiting).await["queue"]["queuedAt"], "2026-01-05T09:02:30.000Z");
    app.post(
        &format!("{base}/messages"),
        json!({"content": {"value": "Anyone?", "_type": "Text"}, "_type": "Inbound"}),
    )
    .await;
    let after = app.conversation_json(id).await;
    assert_ne!(after["queue"]["queuedAt"], before, "a new interaction in the last queue");
    assert_eq!(after["queue"]["queuedAt"], "2026-01-05T09:02:40.000Z");
}

#[tokio::test]
async fn each_join_has_one_leave_and_a_customer_writing_after_the_close_continues_it() {
    let app = App::new().await;
    allow_loopback(&app).await;
    let (r, url) = receiver(vec![]).await;
    app.post("/v1/webhooks", json!({"url": url, "secret": SECRET, "format": "Interaction"})).await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let billing = app.queue("Billing").await;
    let (_, v) = app
        .post(
            "/v1/conversations",
            json!({"requesterId": ann, "queueId": billing,
                   "message": {"content": {"value": "Hello", "_type": "Text"}, "_type": "Inbound"}}),
        )
        .await;
    let id = v["data"]["id"].as_i64().unwrap();
    let base = format!("/v1/conversations/{id}");
    app.set_status(&alice, "Busy").await;
    assert_eq!(app.put(&format!("{base}/claim"), json!({"agentId": alice})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.put(&format!("{base}/close"), json!({"userId": alice})).await.0, StatusCode::NO_CONTENT);
    app.advance(10).await;

    // The customer writes again: the message is kept, the conversation reopens in its last queue.
    let (s, m) = app
        .post(
            &format!("{base}/messages"),
            json!({"content": {"value": "One more thing", "_type": "Text"}, "_type": "Inbound"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{m}");
    let c = app.conversation_json(id).await;
    assert_eq!(c["status"], "Open");
    assert_eq!(c["queue"]["id"], billing.as_str(), "queued again in its last queue");
    assert_eq!(c["queue"]["queuedAt"], "2026-01-05T09:00:10.000Z");
    let (_, msgs) = app.get(&format!("{base}/messages")).await;
    assert_eq!(msgs["data"].as_array().unwrap().len(), 2);
    app.advance(0).await;

    // Alice joined once and left once (at the close), though the reopening unassigned her.
    let kinds: Vec<String> = bodies(&r).iter().map(|b| b["eventType"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds, ["AGENT_JOINED", "AGENT_LEFT"], "{:?}", bodies(&r));

    // The same with an agent's reopen: still one leave per join.
    assert_eq!(app.put(&format!("{base}/claim"), json!({"agentId": alice})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.put(&format!("{base}/close"), json!({"userId": alice})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.send("PUT", &format!("{base}/reopen"), None).await.0, StatusCode::NO_CONTENT);
    app.advance(0).await;
    let kinds: Vec<String> = bodies(&r).iter().map(|b| b["eventType"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds, ["AGENT_JOINED", "AGENT_LEFT", "AGENT_JOINED", "AGENT_LEFT"]);

    // An agent's message to a Closed conversation is still refused, and changes nothing.
    assert_eq!(app.put(&format!("{base}/close"), json!({})).await.0, StatusCode::NO_CONTENT);
    assert_error(
        &app.post(
            &format!("{base}/messages"),
            json!({"content": {"value": "x", "_type": "Text"}, "_type": "Outbound", "agentId": alice}),
        )
        .await,
        StatusCode::CONFLICT,
        "closed",
    );
    assert_eq!(app.conversation_json(id).await["status"], "Closed");
}

#[tokio::test]
async fn failed_deliveries_are_retried_with_backoff() {
    let app = App::new().await;
    allow_loopback(&app).await;
    let (r, url) = receiver(vec![500, 503]).await;
    let (_, sub) =
        app.post("/v1/webhooks", json!({"url": url, "secret": SECRET, "events": ["ConversationCreated"]})).await;
    let id = sub["data"]["id"].as_str().unwrap().to_owned();
    let ann = app.end_user("Ann").await;
    app.conversation(&ann, "Hi").await;
    app.advance(0).await;
    let (_, st) = app.get(&format!("/v1/webhooks/{id}/delivery-status")).await;
    assert_eq!(st["data"][0]["status"], "Pending");
    assert_eq!(st["data"][0]["attempts"], 1);
    assert_eq!(st["data"][0]["nextAttemptAt"], "2026-01-05T09:00:30.000Z");
    app.advance(29).await;
    assert_eq!(r.got.lock().unwrap().len(), 1, "not before the backoff");
    app.advance(1).await;
    assert_eq!(r.got.lock().unwrap().len(), 2);
    app.advance(60).await;
    assert_eq!(r.got.lock().unwrap().len(), 3);
    let (_, st) = app.get(&format!("/v1/webhooks/{id}/delivery-status")).await;
    assert_eq!(st["data"][0]["status"], "Delivered");
    assert_eq!(st["data"][0]["attempts"], 3);
    let (_, logs) = app.get(&format!("/v1/webhooks/{id}/delivery-logs")).await;
    let codes: Vec<i64> = logs["data"].as_array().unwrap().iter().map(|l| l["statusCode"].as_i64().unwrap()).collect();
    assert_eq!(codes, [200, 503, 500], "newest first");
    let bodies = bodies(&r);
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "every try sends the same delivery");
}

#[tokio::test]
async fn the_outbox_survives_a_restart_and_rolled_back_changes_send_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // Nobody listens on this port yet.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}/hook");
    {
        let app = App::on_disk(dir.path()).await;
        allow_loopback(&app).await;
        app.post(
            "/v1/webhooks",
            json!({"url": url, "secret": SECRET, "events": ["ConversationCreated", "ConversationMessageAdded"]}),
        )
        .await;
        let ann = app.end_user("Ann").await;
        let id = app.conversation(&ann, "Hi").await;
        app.put(&format!("/v1/conversations/{id}/close"), json!({})).await;
        let alice = app.agent("Alice").await;
        let refused = app
            .post(
                &format!("/v1/conversations/{id}/messages"),
                json!({"content": {"value": "late", "_type": "Text"}, "_type": "Outbound", "agentId": alice}),
            )
            .await;
        assert_eq!(refused.0, StatusCode::CONFLICT);
        app.advance(0).await;
        assert_eq!(app.count("webhook_deliveries").await, 2, "the refused message made no delivery");
        app.service.shutdown().await;
    }
    let app = App::on_disk(dir.path()).await;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    let r = Receiver::default();
    let router = Router::new().route("/hook", post(receive)).with_state(r.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    app.advance(3600).await;
    let kinds: Vec<String> = bodies(&r).iter().map(|b| b["event_type"].as_str().unwrap().to_owned()).collect();
    assert_eq!(kinds, ["ConversationCreated", "ConversationMessageAdded"], "nothing lost, nothing twice");
}

#[tokio::test]
async fn subscriptions_refuse_bad_input() {
    let app = App::new().await;
    for (body, needle) in [
        (json!({"url": "ftp://x", "secret": SECRET}), "url"),
        (json!({"url": "http://", "secret": SECRET}), "url"),
        (json!({"secret": SECRET}), "url is required"),
        (json!({"url": "https://example.com/h", "secret": "short"}), "16 characters"),
        (json!({"url": "https://example.com/h", "events": ["Nope"]}), "Unknown event"),
        (json!({"url": "https://example.com/h", "format": "Xml"}), "Unknown format"),
        (
            json!({"url": "https://example.com/h", "format": "Interaction", "events": ["ConversationCreated"]}),
            "Unknown event",
        ),
        (json!({"url": 7}), "body"),
    ] {
        assert_error(&app.post("/v1/webhooks", body).await, StatusCode::BAD_REQUEST, needle);
    }
    assert_eq!(app.count("webhook_subscriptions").await, 0);
    let (_, sub) = app.post("/v1/webhooks", json!({"url": "https://example.com/h"})).await;
    let id = sub["data"]["id"].as_str().unwrap().to_owned();
    assert!(sub["data"]["secret"].as_str().unwrap().len() >= 16, "a secret is made when none is given");
    let (s, v) =
        app.patch(&format!("/v1/webhooks/{id}"), json!({"enabled": false, "events": ["ConversationClosed"]})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["enabled"], false);
    assert_error(
        &app.patch(&format!("/v1/webhooks/{id}"), json!({"url": "nope"})).await,
        StatusCode::BAD_REQUEST,
        "url",
    );
    assert_eq!(app.get("/v1/webhooks").await.1["data"][0]["url"], "https://example.com/h");
    assert_eq!(app.delete(&format!("/v1/webhooks/{id}")).await.0, StatusCode::NO_CONTENT);
    assert_error(&app.get(&format!("/v1/webhooks/{id}")).await, StatusCode::NOT_FOUND, "not found");
}

#[tokio::test]
async fn outbound_calls_go_only_where_the_installation_allows() {
    let app = App::new().await;
    let (hook, url) = receiver(vec![]).await;
    let port = url.split(':').nth(2).unwrap().split('/').next().unwrap().to_owned();
    // By default nothing private: loopback, private and link-local networks, the metadata
    // address, the unspecified address, names that resolve to them.
    for (target, why) in [
        (url.clone(), "loopback"),
        (format!("http://localhost:{port}/hook"), "loopback"),
        ("http://169.254.169.254/latest/meta-data/".to_owned(), "metadata"),
        ("http://10.0.0.7/hook".to_owned(), "private"),
        ("http://192.168.1.1/hook".to_owned(), "private"),
        ("http://169.254.10.10/hook".to_owned(), "link-local"),
        ("http://0.0.0.0:8080/hook".to_owned(), "unspecified"),
        ("http://[::1]:8080/hook".to_owned(), "loopback"),
        ("http://[::ffff:127.0.0.1]:8080/hook".to_owned(), "loopback"),
        ("http://[fd00::1]/hook".to_owned(), "private"),
    ] {
        let r = app.post("/v1/webhooks", json!({"url": target, "secret": SECRET})).await;
        assert_error(&r, StatusCode::BAD_REQUEST, why);
    }
    assert_eq!(app.count("webhook_subscriptions").await, 0);

    // The installation lists what its integrations need; a bad entry refuses the list whole.
    let bad = app.put("/v1/settings/outbound", json!({"allowedPrivateHosts": ["127.0.0.1", "http://x"]})).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "'http://x' is not a host name");
    assert_eq!(app.get("/v1/settings/outbound").await.1["data"]["allowedPrivateHosts"], json!([]));
    let (s, v) =
        app.put("/v1/settings/outbound", json!({"allowedPrivateHosts": ["127.0.0.1", "169.254.0.0/16"]})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["allowedPrivateHosts"], json!(["127.0.0.1", "169.254.0.0/16"]));
    // The metadata address stays refused whatever the list says.
    let r = app.post("/v1/webhooks", json!({"url": "http://169.254.169.254/", "secret": SECRET})).await;
    assert_error(&r, StatusCode::BAD_REQUEST, "metadata");
    let (s, sub) =
        app.post("/v1/webhooks", json!({"url": url, "secret": SECRET, "events": ["ConversationCreated"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{sub}");
    let id = sub["data"]["id"].as_str().unwrap().to_owned();
    let ann = app.end_user("Ann").await;
    app.conversation(&ann, "Hi").await;
    app.advance(0).await;
    assert_eq!(hook.got.lock().unwrap().len(), 1, "delivered once listed");

    // Taken off the list, the address is refused when the call is made, not only when saved.
    app.put("/v1/settings/outbound", json!({"allowedPrivateHosts": []})).await;
    app.conversation(&ann, "Again").await;
    app.advance(0).await;
    assert_eq!(hook.got.lock().unwrap().len(), 1);
    let (_, logs) = app.get(&format!("/v1/webhooks/{id}/delivery-logs")).await;
    let error = logs["data"][0]["error"].as_str().unwrap().to_owned();
    assert!(error.contains("not allowed") && error.contains("loopback"), "{error}");

    // This installation's own API port is never called, listed or not.
    app.put("/v1/settings/outbound", json!({"allowedPrivateHosts": ["127.0.0.1"]})).await;
    app.service.set_own_port(port.parse().unwrap());
    let r2 = app.post("/v1/webhooks", json!({"url": url, "secret": SECRET})).await;
    assert_error(&r2, StatusCode::BAD_REQUEST, "own API");
    app.service.set_own_port(0);
}

#[tokio::test]
async fn redirects_are_not_followed_and_failures_tell_nothing_of_ports() {
    let app = App::new().await;
    allow_loopback(&app).await;
    let (target, target_url) = receiver(vec![]).await;
    // A receiver that sends every call elsewhere.
    let redirect_to = target_url.clone();
    let bouncer = Router::new().route(
        "/hook",
        post(move || {
            let to = redirect_to.clone();
            async move { (StatusCode::TEMPORARY_REDIRECT, [("location", to)]) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let bounce_url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, bouncer).await.unwrap() });
    let (_, sub) =
        app.post("/v1/webhooks", json!({"url": bounce_url, "secret": SECRET, "events": ["ConversationCreated"]})).await;
    let id = sub["data"]["id"].as_str().unwrap().to_owned();
    let ann = app.end_user("Ann").await;
    app.conversation(&ann, "Hi").await;
    app.advance(0).await;
    assert!(target.got.lock().unwrap().is_empty(), "the redirect was not followed");
    let (_, logs) = app.get(&format!("/v1/webhooks/{id}/delivery-logs")).await;
    assert_eq!(logs["data"][0]["statusCode"], 307);

    // A closed port and an unknown name fail alike: the log is no port scanner.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let (_, sub) =
        app.patch(&format!("/v1/webhooks/{id}"), json!({"url": format!("http://127.0.0.1:{closed}/hook")})).await;
    assert_eq!(sub["data"]["url"], format!("http://127.0.0.1:{closed}/hook"));
    app.conversation(&ann, "Again").await;
    app.advance(0).await;
    let (_, logs) = app.get(&format!("/v1/webhooks/{id}/delivery-logs")).await;
    assert_eq!(logs["data"][0]["error"], "could not deliver: could not reach the host");
}
