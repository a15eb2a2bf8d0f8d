//! API tests of the directory's other resources: teams, bulk and full updates of agents and
//! end users, agent deletion and presence, an end user's conversations and attributes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{assert_error, App};
use serde_json::json;
use tower::ServiceExt;

#[tokio::test]
async fn teams_and_their_members() {
    let app = App::new().await;
    let a = app.agent("Alice").await;
    let b = app.agent("Bob").await;
    let (s, t) = app.post("/v1/teams", json!({"name": "Tier 1"})).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let team = t["data"]["id"].as_str().unwrap().to_owned();
    assert_error(&app.post("/v1/teams", json!({"name": "tier 1"})).await, StatusCode::CONFLICT, "already exists");
    assert_error(&app.post("/v1/teams", json!({"name": ""})).await, StatusCode::BAD_REQUEST, "name");
    let (s, m) = app.patch(&format!("/v1/teams/{team}/agents"), json!({"agentIds": [a, b]})).await;
    assert_eq!(s, StatusCode::OK, "{m}");
    assert_eq!(m["data"].as_array().unwrap().len(), 2);
    assert_error(
        &app.patch(&format!("/v1/teams/{team}/agents"), json!({"agentIds": [uuid::Uuid::nil()]})).await,
        StatusCode::BAD_REQUEST,
        "not found",
    );
    let (_, m) =
        app.send("DELETE", &format!("/v1/teams/{team}/agents"), Some(&json!({"agentIds": [b]}).to_string())).await;
    assert_eq!(m["data"][0]["displayName"], "Alice");
    // The POST form adds members as PATCH does (a widely used client sends it).
    let (s, m) = app.post(&format!("/v1/teams/{team}/agents"), json!({"agentIds": [b]})).await;
    assert_eq!(s, StatusCode::OK, "{m}");
    assert_eq!(m["data"].as_array().unwrap().len(), 2);
    let (_, m) =
        app.send("DELETE", &format!("/v1/teams/{team}/agents"), Some(&json!({"agentIds": [b]}).to_string())).await;
    assert_eq!(m["data"].as_array().unwrap().len(), 1);
    let (_, teams) = app.get(&format!("/v1/agents/{a}/teams")).await;
    assert_eq!(teams["data"][0]["name"], "Tier 1");
    let (_, list) = app.get("/v1/teams").await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    let (_, presence) = app.get(&format!("/v1/teams/{team}/presence")).await;
    assert_eq!(presence["data"][0]["connectionStatus"], "Offline");
    assert_eq!(app.delete(&format!("/v1/teams/{team}")).await.0, StatusCode::NO_CONTENT);
    assert_error(&app.get(&format!("/v1/teams/{team}")).await, StatusCode::NOT_FOUND, "not found");
}

#[tokio::test]
async fn presence_follows_the_event_stream() {
    let app = App::new().await;
    let (_, me) = app.get("/v1/me").await;
    let me = me["data"]["id"].as_str().unwrap().to_owned();
    let (_, p) = app.get(&format!("/v1/agents/{me}/presence")).await;
    assert_eq!(p["data"]["connectionStatus"], "Offline");
    assert_eq!(p["data"]["lastSeen"], "2026-01-05T09:00:00.000Z", "seen at the request itself");
    let req = Request::builder().uri("/v1/events").header("authorization", &app.token).body(Body::empty()).unwrap();
    let stream = app.router.clone().oneshot(req).await.unwrap();
    let (_, p) = app.get(&format!("/v1/agents/{me}/presence")).await;
    assert_eq!(p["data"]["connectionStatus"], "Online");
    let (_, all) = app.get("/v1/agents/presence").await;
    assert_eq!(all["data"][0]["connectionStatus"], "Online");
    drop(stream);
    let (_, p) = app.get(&format!("/v1/agents/{me}/presence")).await;
    assert_eq!(p["data"]["connectionStatus"], "Offline");
}

#[tokio::test]
async fn agents_in_bulk_replaced_and_deleted() {
    let app = App::new().await;
    let (s, bulk) = app
        .post("/v1/agents/bulk", json!({"data": [{"displayName": "One", "email": "one@x.test"}, {"displayName": "Two", "email": "one@x.test"}, {"displayName": "Three"}]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{bulk}");
    let items = bulk["data"].as_array().unwrap();
    assert_eq!(items[0]["_type"], "BulkActionSuccess");
    assert_eq!(items[1]["_type"], "BulkActionFailure");
    assert!(items[1]["error"]["message"].as_str().unwrap().contains("already exists"));
    assert_eq!(items[2]["_type"], "BulkActionSuccess");
    let one = items[0]["data"]["id"].as_str().unwrap().to_owned();

    let (s, v) = app.put(&format!("/v1/agents/{one}"), json!({"displayName": "One Again"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["displayName"], "One Again");
    assert!(v["data"].get("email").is_none(), "a full update clears what it leaves out");
    assert_error(
        &app.put(&format!("/v1/agents/{one}"), json!({"email": "x@y.z"})).await,
        StatusCode::BAD_REQUEST,
        "displayName",
    );

    let q = app.queue("Billing").await;
    app.patch(&format!("/v1/queues/{q}/members"), json!({"agentIds": [one]})).await;
    let (_, t) = app.post(&format!("/v1/agents/{one}/tokens"), json!({})).await;
    let token = t["data"]["token"].as_str().unwrap().to_owned();
    assert_eq!(app.delete(&format!("/v1/agents/{one}")).await.0, StatusCode::NO_CONTENT);
    let (_, gone) = app.get(&format!("/v1/agents/{one}")).await;
    assert_eq!(gone["data"]["enabled"], false, "the record stays for history");
    assert!(app.get(&format!("/v1/queues/{q}/members")).await.1["data"].as_array().unwrap().is_empty());
    assert_error(&app.send_as(&token, "GET", "/v1/me", None).await, StatusCode::UNAUTHORIZED, "token");
    let (_, me) = app.get("/v1/me").await;
    assert_error(
        &app.delete(&format!("/v1/agents/{}", me["data"]["id"].as_str().unwrap())).await,
        StatusCode::CONFLICT,
        "yourself",
    );
    assert_error(&app.delete(&format!("/v1/agents/{}", uuid::Uuid::nil())).await, StatusCode::NOT_FOUND, "not found");
}

#[tokio::test]
async fn end_users_in_bulk_replaced_with_conversations_and_attributes() {
    let app = App::new().await;
    let (s, bulk) = app
        .post("/v1/endusers/bulk", json!({"data": [{"displayName": "Ann", "externalId": "e1"}, {"displayName": "Dup", "externalId": "e1"}, {"email": "bad"}]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{bulk}");
    let types: Vec<&str> = bulk["data"].as_array().unwrap().iter().map(|i| i["_type"].as_str().unwrap()).collect();
    assert_eq!(types, ["BulkActionSuccess", "BulkActionFailure", "BulkActionFailure"]);
    let ann = bulk["data"][0]["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(app.count("end_users").await, 1);

    let (s, p) = app
        .patch(
            "/v1/endusers/bulk",
            json!({"data": [{"id": ann, "email": "ann@example.com"}, {"id": uuid::Uuid::nil(), "email": "x@y.z"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["data"][0]["data"]["email"], "ann@example.com");
    assert_eq!(p["data"][1]["_type"], "BulkActionFailure");

    let (_, v) = app.put(&format!("/v1/endusers/{ann}"), json!({"displayName": "Ann Lee"})).await;
    assert_eq!(v["data"]["displayName"], "Ann Lee");
    assert!(v["data"].get("email").is_none() && v["data"].get("externalId").is_none());

    let c1 = app.conversation(&ann, "one").await;
    let c2 = app.conversation(&ann, "two").await;
    let other = app.end_user("Bob").await;
    app.conversation(&other, "not Ann's").await;
    let (_, list) = app.get(&format!("/v1/endusers/{ann}/conversations")).await;
    let ids: Vec<i64> = list["data"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [c2, c1]);
    assert_error(
        &app.get(&format!("/v1/endusers/{}/conversations", uuid::Uuid::nil())).await,
        StatusCode::NOT_FOUND,
        "not found",
    );

    let (_, attr) = app.post("/v1/custom-attributes", json!({"entityType": "Contact", "identifier": "tier", "label": "Tier", "_type": "Select", "options": ["Gold", "Silver"]})).await;
    let attr = attr["data"]["id"].as_str().unwrap().to_owned();
    let (s, v) = app.patch(&format!("/v1/endusers/{ann}/custom-attributes"), json!({ &attr: ["Gold"] })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"][0]["value"], json!(["Gold"]));
    assert_error(
        &app.patch(&format!("/v1/endusers/{ann}/custom-attributes"), json!({ &attr: ["Bronze"] })).await,
        StatusCode::BAD_REQUEST,
        "not an option",
    );
    let (_, conv_attr) = app
        .post(
            "/v1/custom-attributes",
            json!({"entityType": "Conversation", "identifier": "c", "label": "C", "_type": "Text"}),
        )
        .await;
    let conv_attr = conv_attr["data"]["id"].as_str().unwrap().to_owned();
    assert_error(
        &app.patch(&format!("/v1/endusers/{ann}/custom-attributes"), json!({ &conv_attr: "x" })).await,
        StatusCode::BAD_REQUEST,
        "unknown end user attribute",
    );
}
