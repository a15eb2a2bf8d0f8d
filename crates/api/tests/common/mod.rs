//! A test harness: the real router over an in-memory database, driven without a socket.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Utc};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use switchboard_api::{router, Options, Router};
use switchboard_service::store::Store;
use switchboard_service::{Clock, Service};
use tower::ServiceExt;

pub const TOKEN: &str = "test-admin-token";

pub struct App {
    pub router: Router,
    pub service: Service,
    pub token: String,
}

pub fn start_time() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-05T09:00:00Z").unwrap().with_timezone(&Utc)
}

impl App {
    pub async fn new() -> App {
        let store = Store::open_in_memory().await.unwrap();
        let (service, _) = Service::with_store(store, Clock::manual(start_time()), Some(TOKEN.into())).await.unwrap();
        let router = router(service.clone(), Options::default());
        App { router, service, token: TOKEN.into() }
    }

    /// The app over a database file in `dir` (for tests that look at the file itself).
    pub async fn on_disk(dir: &std::path::Path) -> App {
        let (service, _) = Service::open(dir, Clock::manual(start_time()), Some(TOKEN.into())).await.unwrap();
        let router = router(service.clone(), Options::default());
        App { router, service, token: TOKEN.into() }
    }

    /// Sends a request with this app's token; the body is JSON text, or empty.
    pub async fn send(&self, method: &str, uri: &str, body: Option<&str>) -> (StatusCode, Value) {
        self.send_as(&self.token, method, uri, body).await
    }

    pub async fn send_as(&self, token: &str, method: &str, uri: &str, body: Option<&str>) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(uri).header("host", "switchboard.test");
        if !token.is_empty() {
            req = req.header("authorization", token);
        }
        let req = req
            .header("content-type", "application/json")
            .body(body.map(|b| Body::from(b.to_owned())).unwrap_or_else(Body::empty))
            .unwrap();
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        (status, value)
    }

    pub async fn get(&self, uri: &str) -> (StatusCode, Value) {
        self.send("GET", uri, None).await
    }

    pub async fn post(&self, uri: &str, body: Value) -> (StatusCode, Value) {
        self.send("POST", uri, Some(&body.to_string())).await
    }

    pub async fn put(&self, uri: &str, body: Value) -> (StatusCode, Value) {
        self.send("PUT", uri, Some(&body.to_string())).await
    }

    pub async fn patch(&self, uri: &str, body: Value) -> (StatusCode, Value) {
        self.send("PATCH", uri, Some(&body.to_string())).await
    }

    pub async fn delete(&self, uri: &str) -> (StatusCode, Value) {
        self.send("DELETE", uri, None).await
    }

    /// Creates an end user and returns its id.
    pub async fn end_user(&self, name: &str) -> String {
        let (s, v) = self
            .post(
                "/v1/endusers",
                json!({ "displayName": name, "email": format!("{}@example.com", name.to_lowercase()) }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v["data"]["id"].as_str().unwrap().to_owned()
    }

    /// Creates an agent and returns its id. The agent is Busy: signed in, so they can be handed
    /// conversations, but not in automatic assignment's way unless a test makes them Available.
    pub async fn agent(&self, name: &str) -> String {
        let (s, v) = self
            .post("/v1/agents", json!({ "displayName": name, "email": format!("{}@agents.test", name.to_lowercase()) }))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let id = v["data"]["id"].as_str().unwrap().to_owned();
        self.set_status(&id, "Busy").await;
        id
    }

    /// Sets an agent's status by the status's name.
    pub async fn set_status(&self, agent: &str, name: &str) -> Value {
        let (_, v) = self.get("/v1/agent-statuses").await;
        let status = v["data"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap()["id"].clone();
        let (s, v) = self.put(&format!("/v1/agents/{agent}/status"), json!({ "statusId": status })).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v["data"].clone()
    }

    pub async fn queue(&self, name: &str) -> String {
        let (s, v) = self.post("/v1/queues", json!({ "name": name })).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v["data"]["id"].as_str().unwrap().to_owned()
    }

    /// Creates an inbound chat conversation with one message; returns its id.
    pub async fn conversation(&self, requester: &str, text: &str) -> i64 {
        let (s, v) = self
            .post(
                "/v1/conversations",
                json!({
                    "requesterId": requester,
                    "_type": "Chat",
                    "message": { "content": { "value": text, "_type": "Text" }, "_type": "Inbound" }
                }),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v["data"]["id"].as_i64().unwrap()
    }

    pub async fn conversation_json(&self, id: i64) -> Value {
        let (s, v) = self.get(&format!("/v1/conversations/{id}")).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v["data"].clone()
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx_count(&self.service, table).await
    }

    pub async fn advance(&self, seconds: i64) {
        self.service.advance_clock(seconds).await.unwrap();
    }
}

async fn sqlx_count(service: &Service, table: &str) -> i64 {
    let mut tx = service.store().read().await.unwrap();
    switchboard_service::store::count_rows(&mut tx, table).await.unwrap()
}

/// Asserts a 4xx answer with a JSON message containing `needle`.
#[track_caller]
pub fn assert_error(result: &(StatusCode, Value), status: StatusCode, needle: &str) {
    assert_eq!(result.0, status, "body: {}", result.1);
    let message = result.1["message"].as_str().unwrap_or_else(|| panic!("no message in {}", result.1));
    assert!(message.contains(needle), "message {message:?} lacks {needle:?}");
}

/// The events in a stream's text so far.
pub fn datas(text: &str) -> Vec<Value> {
    text.lines().filter_map(|l| l.strip_prefix("data: ")).filter_map(|d| serde_json::from_str(d).ok()).collect()
}

/// Reads `body` until `done` holds for the events so far.
pub async fn read_until(body: &mut Body, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let mut text = String::new();
    loop {
        let events = datas(&text);
        if done(&events) {
            return events;
        }
        let frame =
            tokio::time::timeout(std::time::Duration::from_secs(10), body.frame()).await.unwrap().unwrap().unwrap();
        if let Ok(d) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&d));
        }
    }
}

impl App {
    /// A token for one agent.
    pub async fn token_of(&self, agent: &str) -> String {
        let (s, t) = self.post(&format!("/v1/agents/{agent}/tokens"), json!({"name": "browser"})).await;
        assert_eq!(s, StatusCode::CREATED, "{t}");
        t["data"]["token"].as_str().unwrap().to_owned()
    }

    /// The event stream as `token` sees it.
    pub async fn stream(&self, token: &str) -> Body {
        let req = Request::builder().uri("/v1/events").header("authorization", token).body(Body::empty()).unwrap();
        self.router.clone().oneshot(req).await.unwrap().into_body()
    }
}
