//! Handling conversations day to day: assigning on reply, choosing an assignee, taking over.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::json;

fn reply(agent: &str, text: &str) -> serde_json::Value {
    json!({"content": {"value": text, "_type": "Text"}, "_type": "Outbound", "agentId": agent})
}

#[tokio::test]
async fn replying_to_unassigned_work_assigns_the_replier_while_the_setting_is_on() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let bob = app.agent("Bob").await;
    let (s, v) = app.get("/v1/settings/handling").await;
    assert_eq!((s, &v["data"]), (StatusCode::OK, &json!({"assignOnReply": true})), "on by default");

    let id = app.conversation(&ann, "Where is my parcel?").await;
    let (s, v) = app.post(&format!("/v1/conversations/{id}/messages"), reply(&alice, "Let me check")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(app.conversation_json(id).await["assignment"]["agentId"], alice.as_str());
    // A colleague's reply to assigned work leaves it with its agent.
    app.post(&format!("/v1/conversations/{id}/messages"), reply(&bob, "Chiming in")).await;
    assert_eq!(app.conversation_json(id).await["assignment"]["agentId"], alice.as_str());

    // Bad input changes nothing.
    assert_error(
        &app.put("/v1/settings/handling", json!({"assignOnReply": "yes"})).await,
        StatusCode::BAD_REQUEST,
        "assignOnReply",
    );
    assert_error(&app.put("/v1/settings/handling", json!({})).await, StatusCode::BAD_REQUEST, "assignOnReply");
    assert_eq!(app.get("/v1/settings/handling").await.1["data"]["assignOnReply"], true);

    let (s, v) = app.put("/v1/settings/handling", json!({"assignOnReply": false})).await;
    assert_eq!((s, &v["data"]["assignOnReply"]), (StatusCode::OK, &json!(false)));
    let other = app.conversation(&ann, "And my refund?").await;
    app.post(&format!("/v1/conversations/{other}/messages"), reply(&alice, "On its way")).await;
    assert!(app.conversation_json(other).await.get("assignment").is_none(), "off: the reply assigns nobody");
    assert_eq!(app.get("/v1/settings/handling").await.1["data"]["assignOnReply"], false, "kept");
}
