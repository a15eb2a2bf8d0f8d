//! `Idempotency-Key`: a create sent again (its answer lost) gives the first answer and makes
//! nothing more; the key belongs to its caller and lasts a day.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{assert_error, App};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

async fn post_with_key(app: &App, token: &str, uri: &str, key: &str, body: &Value) -> (StatusCode, bool, Value) {
    let req = Request::builder()
        .method("POST")
        .uri(uri)
        .header("authorization", token)
        .header("content-type", "application/json")
        .header("idempotency-key", key)
        .body(Body::from(body.to_string()))
        .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let replayed = resp.headers().get("idempotent-replayed").is_some();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, replayed, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_create_sent_again_with_its_key_creates_nothing() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let body = json!({"requesterId": ann, "message": {"content": {"value": "Where is my order?", "_type": "Text"}, "_type": "Inbound"}});
    let token = app.token.clone();
    let (s, replayed, first) = post_with_key(&app, &token, "/v1/conversations", "order-42", &body).await;
    assert_eq!(s, StatusCode::CREATED, "{first}");
    assert!(!replayed);
    let events = app.service.events().subscribe();
    let (s, replayed, again) = post_with_key(&app, &token, "/v1/conversations", "order-42", &body).await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(replayed, "the answer says it is the first one given again");
    assert_eq!(again, first);
    assert_eq!(app.count("conversations").await, 1);
    assert!(events.is_empty(), "nothing happened the second time");

    // The key names one request: another body under it is refused, and makes nothing.
    let other = json!({"requesterId": ann});
    let r = post_with_key(&app, &token, "/v1/conversations", "order-42", &other).await;
    assert_error(&(r.0, r.2), StatusCode::CONFLICT, "different request");
    assert_eq!(app.count("conversations").await, 1);

    // Keys are the caller's own: another caller's same key is another request.
    let (_, agent) = app.post("/v1/agents", json!({"displayName": "Bot", "userType": "Bot"})).await;
    let bot = agent["data"]["id"].as_str().unwrap().to_owned();
    let (_, t) = app.post(&format!("/v1/agents/{bot}/tokens"), json!({})).await;
    let bot_token = t["data"]["token"].as_str().unwrap().to_owned();
    let (s, replayed, theirs) = post_with_key(&app, &bot_token, "/v1/conversations", "order-42", &body).await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(!replayed);
    assert_ne!(theirs["data"]["id"], first["data"]["id"]);

    // A refused request leaves its key free for the corrected one.
    let bad = json!({"requesterId": uuid::Uuid::nil()});
    let (s, _, _) = post_with_key(&app, &token, "/v1/conversations", "fix-me", &bad).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, replayed, _) = post_with_key(&app, &token, "/v1/conversations", "fix-me", &other).await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(!replayed);

    // After a day the key is forgotten: the same request creates again.
    app.advance(24 * 3600 + 1).await;
    let (s, replayed, later) = post_with_key(&app, &token, "/v1/conversations", "order-42", &body).await;
    assert_eq!(s, StatusCode::CREATED);
    assert!(!replayed);
    assert_ne!(later["data"]["id"], first["data"]["id"]);

    // Messages too, and a bad key is a 400 that changes nothing.
    let id = first["data"]["id"].as_i64().unwrap();
    let msg = json!({"content": {"value": "Any news?", "_type": "Text"}, "_type": "Inbound"});
    let uri = format!("/v1/conversations/{id}/messages");
    let (s, _, m1) = post_with_key(&app, &token, &uri, "m-1", &msg).await;
    assert_eq!(s, StatusCode::OK, "{m1}");
    let (_, replayed, m2) = post_with_key(&app, &token, &uri, "m-1", &msg).await;
    assert!(replayed);
    assert_eq!(m1, m2);
    let before = app.count("messages").await;
    let r = post_with_key(&app, &token, &uri, &"k".repeat(300), &msg).await;
    assert_error(&(r.0, r.2), StatusCode::BAD_REQUEST, "Idempotency-Key");
    assert_eq!(app.count("messages").await, before);
}
