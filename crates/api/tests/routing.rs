//! API tests of routing: routes with conditions checked against the guide's operator table,
//! ordering (send to top, to position), and new and re-routed conversations landing where the
//! first enabled matching route says, the Default queue otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::json;

async fn route(app: &App, body: serde_json::Value) -> String {
    let (s, v) = app.post("/v1/routes", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["data"]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn routes_are_validated_and_ordered() {
    let app = App::new().await;
    let vip = app.queue("VIP").await;
    let bad = |conditions: serde_json::Value| json!({"name": "x", "queueId": vip, "conditions": conditions});
    assert_error(
        &app.post("/v1/routes", bad(json!([[{"attribute": "channel", "operator": "contains", "value": "Email"}]])))
            .await,
        StatusCode::BAD_REQUEST,
        "Operator 'contains' is not allowed for attribute 'channel'",
    );
    assert_error(
        &app.post("/v1/routes", bad(json!([[{"attribute": "person.shoeSize", "operator": "is", "value": "42"}]])))
            .await,
        StatusCode::BAD_REQUEST,
        "Unknown attribute",
    );
    assert_error(
        &app.post("/v1/routes", bad(json!([[{"attribute": "content", "operator": "resembles", "value": "x"}]]))).await,
        StatusCode::BAD_REQUEST,
        "Unknown operator",
    );
    assert_error(&app.post("/v1/routes", bad(json!([[]]))).await, StatusCode::BAD_REQUEST, "at least one condition");
    assert_error(
        &app.post("/v1/routes", json!({"name": "x", "queueId": uuid::Uuid::nil()})).await,
        StatusCode::BAD_REQUEST,
        "Queue does not exist",
    );
    assert_error(&app.post("/v1/routes", json!({"name": "x"})).await, StatusCode::BAD_REQUEST, "queueId");
    assert_eq!(app.count("routes").await, 0);

    let a = route(&app, json!({"name": "A", "queueId": vip})).await;
    let b = route(&app, json!({"name": "B", "queueId": vip})).await;
    let c = route(&app, json!({"name": "C", "queueId": vip, "position": 0})).await;
    let names = |v: &serde_json::Value| {
        v["data"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(names(&app.get("/v1/routes").await.1), ["C", "A", "B"]);
    let (s, v) = app.put(&format!("/v1/routes/{b}/position"), json!({"position": 0})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(names(&v), ["B", "C", "A"], "send to top");
    let (_, v) = app.put(&format!("/v1/routes/{b}/position"), json!({"position": 99})).await;
    assert_eq!(names(&v), ["C", "A", "B"]);
    assert_eq!(app.delete(&format!("/v1/routes/{c}")).await.0, StatusCode::NO_CONTENT);
    let (_, v) = app.get("/v1/routes").await;
    assert_eq!(names(&v), ["A", "B"]);
    assert_eq!(v["data"][0]["position"], 0);
    let (_, one) = app.patch(&format!("/v1/routes/{a}"), json!({"enabled": false, "priority": "High"})).await;
    assert_eq!(one["data"]["enabled"], false);
    assert_eq!(one["data"]["priority"], "High");
    assert_error(&app.get(&format!("/v1/routes/{}", uuid::Uuid::nil())).await, StatusCode::NOT_FOUND, "not found");
}

#[tokio::test]
async fn new_conversations_go_where_the_first_matching_route_says() {
    let app = App::new().await;
    let premium = app.queue("Premium").await;
    let spanish = app.queue("Spanish").await;
    let email = app.queue("Email").await;
    let (_, attr) = app.post("/v1/custom-attributes", json!({"entityType": "Contact", "identifier": "segment", "label": "Segment", "_type": "Select", "options": ["Premium", "Basic"]})).await;
    let attr = attr["data"]["id"].as_str().unwrap().to_owned();
    route(
        &app,
        json!({"name": "Premium", "queueId": premium, "priority": "High",
        "conditions": [[{"attribute": "custom.person.segment", "operator": "in list", "value": ["Premium"]}]]}),
    )
    .await;
    route(&app, json!({"name": "Spanish", "queueId": spanish,
        "conditions": [[{"attribute": "content", "operator": "contains", "value": "hola"}], [{"attribute": "person.lastName", "operator": "is", "value": "García"}]]})).await;
    let off = route(
        &app,
        json!({"name": "Email (off)", "queueId": email, "enabled": false,
        "conditions": [[{"attribute": "channel", "operator": "is", "value": "Email"}]]}),
    )
    .await;

    let customer = |name: &str| json!({"displayName": name, "lastName": name.split(' ').next_back().unwrap(), "email": format!("{}@x.test", name.replace(' ', "."))});
    let (_, p) = app.post("/v1/endusers", customer("Vera Rich")).await;
    let rich = p["data"]["id"].as_str().unwrap().to_owned();
    app.patch(&format!("/v1/endusers/{rich}/custom-attributes"), json!({ &attr: ["Premium"] })).await;
    let (_, p) = app.post("/v1/endusers", customer("Ana García")).await;
    let garcia = p["data"]["id"].as_str().unwrap().to_owned();
    let plain = app.end_user("Plain").await;

    let create = |requester: &str, text: &str| {
        json!({"requesterId": requester, "_type": "Email", "subject": "s",
        "message": {"content": {"value": text, "_type": "Text"}, "_type": "Inbound"}})
    };
    let queue_of = |v: &serde_json::Value| v["queue"]["id"].as_str().unwrap().to_owned();

    // Premium first, even writing in Spanish.
    let (_, v) = app.post("/v1/conversations", create(&rich, "hola, necesito ayuda")).await;
    let c = app.conversation_json(v["data"]["id"].as_i64().unwrap()).await;
    assert_eq!(queue_of(&c), premium);
    assert_eq!(c["priority"], "High", "the route's priority");
    // Either group of the Spanish route.
    let (_, v) = app.post("/v1/conversations", create(&plain, "HOLA")).await;
    assert_eq!(queue_of(&app.conversation_json(v["data"]["id"].as_i64().unwrap()).await), spanish);
    let (_, v) = app.post("/v1/conversations", create(&garcia, "hello")).await;
    assert_eq!(queue_of(&app.conversation_json(v["data"]["id"].as_i64().unwrap()).await), spanish);
    // Nothing matches (the Email route is off): the Default queue.
    let (_, v) = app.post("/v1/conversations", create(&plain, "hello")).await;
    let unrouted = v["data"]["id"].as_i64().unwrap();
    let (_, queues) = app.get("/v1/queues").await;
    let default = queues["data"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(queue_of(&app.conversation_json(unrouted).await), default);
    // A named queue is taken as is.
    let (_, v) = app.post("/v1/conversations", json!({"requesterId": rich, "queueId": email})).await;
    assert_eq!(queue_of(&app.conversation_json(v["data"]["id"].as_i64().unwrap()).await), email);

    // Routing again (bot handover) uses the routes as they are now.
    app.patch(&format!("/v1/routes/{off}"), json!({"enabled": true})).await;
    let (s, v) = app.post(&format!("/v1/conversations/{unrouted}/route"), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["queue"]["id"], email.as_str());
}

#[tokio::test]
async fn tags_and_custom_conversation_attributes_route_a_conversation_again() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (vip_q, fraud_q) = (app.queue("VIP").await, app.queue("Fraud").await);
    let (_, tag) = app.post("/v1/tags", json!({"name": "vip"})).await;
    let tag = tag["data"]["id"].as_str().unwrap().to_owned();
    let (_, attr) = app
        .post(
            "/v1/custom-attributes",
            json!({"entityType": "Conversation", "identifier": "reason", "label": "Reason", "_type": "Text"}),
        )
        .await;
    let attr = attr["data"]["id"].as_str().unwrap().to_owned();
    route(
        &app,
        json!({"name": "Fraud", "queueId": fraud_q,
        "conditions": [[{"attribute": "custom.conversation.reason", "operator": "starts with", "value": "fraud"}]]}),
    )
    .await;
    route(
        &app,
        json!({"name": "VIP", "queueId": vip_q,
        "conditions": [[{"attribute": "conversationTags", "operator": "in list", "value": ["VIP"]}]]}),
    )
    .await;
    let id = app.conversation(&ann, "Hi").await;
    let queue_of = |v: &serde_json::Value| v["data"]["queue"]["id"].as_str().unwrap().to_owned();
    // Untagged and without a reason: nothing matches.
    let (_, v) = app.post(&format!("/v1/conversations/{id}/route"), json!({})).await;
    assert_ne!(queue_of(&v), vip_q);
    assert_ne!(queue_of(&v), fraud_q);
    // Tagged: the VIP route.
    assert_eq!(app.put(&format!("/v1/conversations/{id}/tags/{tag}"), json!({})).await.0, StatusCode::NO_CONTENT);
    let (s, v) = app.post(&format!("/v1/conversations/{id}/route"), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(queue_of(&v), vip_q);
    // With a reason too: the Fraud route comes first.
    let (s, v) =
        app.patch(&format!("/v1/conversations/{id}/custom-attributes"), json!({ &attr: "Fraudulent charge" })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, v) = app.post(&format!("/v1/conversations/{id}/route"), json!({})).await;
    assert_eq!(queue_of(&v), fraud_q);
}
