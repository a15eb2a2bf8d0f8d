//! The event stream's contract: every event the stream sends is one of the shapes the OpenAPI
//! document's `Event` union names for its `type`, and the webhook catalogue lists exactly what
//! subscriptions accept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{assert_error, App};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

/// The `data` of each server-sent event in `text`.
fn datas(text: &str) -> Vec<Value> {
    text.lines().filter_map(|l| l.strip_prefix("data: ")).filter_map(|d| serde_json::from_str(d).ok()).collect()
}

/// Checks `event` against the document: its `type` maps to a schema, whose `type` enum holds it,
/// whose required fields it has and which has every field it carries.
fn check_against_document(doc: &Value, event: &Value) {
    let schemas = &doc["components"]["schemas"];
    let kind = event["type"].as_str().unwrap();
    let target =
        schemas["Event"]["discriminator"]["mapping"][kind].as_str().unwrap_or_else(|| panic!("{kind} unmapped"));
    let name = target.rsplit('/').next().unwrap();
    let schema = &schemas[name];
    let type_enum =
        &schemas[schema["properties"]["type"]["$ref"].as_str().unwrap().rsplit('/').next().unwrap()]["enum"];
    assert!(type_enum.as_array().unwrap().contains(&json!(kind)), "{kind} not in {name}'s types");
    for field in schema["required"].as_array().unwrap() {
        assert!(event.get(field.as_str().unwrap()).is_some(), "{kind} lacks {field}: {event}");
    }
    for field in event.as_object().unwrap().keys() {
        assert!(schema["properties"].get(field).is_some(), "{kind} carries {field}, which {name} does not document");
    }
}

#[tokio::test]
async fn every_event_is_the_shape_its_type_documents() {
    let app = App::new().await;
    let doc = serde_json::to_value(switchboard_api::openapi()).unwrap();
    let mapping = doc["components"]["schemas"]["Event"]["discriminator"]["mapping"].as_object().unwrap().clone();
    for kind in switchboard_service::EventKind::ALL {
        assert!(mapping.contains_key(kind.as_str()), "{} has no shape in the document", kind.as_str());
    }

    let req = Request::builder().uri("/v1/events").header("authorization", &app.token).body(Body::empty()).unwrap();
    let mut body = app.router.clone().oneshot(req).await.unwrap().into_body();
    let ann = app.end_user("Ann").await;
    let conversation = app.conversation(&ann, "Hello").await;
    let (_, me) = app.get("/v1/me").await;
    let me = me["data"]["id"].as_str().unwrap().to_owned();
    let (_, statuses) = app.get("/v1/agent-statuses").await;
    let away = statuses["data"].as_array().unwrap().iter().find(|s| s["group"] == "Away").unwrap()["id"].clone();
    let (s, v) = app.put(&format!("/v1/agents/{me}/status"), json!({ "statusId": away })).await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let mut text = String::new();
    while !text.contains("\"type\":\"AgentStatusChanged\"") {
        let frame =
            tokio::time::timeout(std::time::Duration::from_secs(10), body.frame()).await.unwrap().unwrap().unwrap();
        if let Ok(d) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&d));
        }
    }
    let events = datas(&text);
    let created = events.iter().find(|e| e["type"] == "ConversationCreated").expect("the creation was streamed");
    assert_eq!(created["conversationId"], conversation);
    assert_eq!(created["initial"], false);
    let message = events.iter().find(|e| e["type"] == "ConversationMessageAdded").unwrap();
    assert_eq!((message["direction"].as_str(), message["initial"].as_bool()), (Some("Inbound"), Some(true)));
    let status = events.iter().find(|e| e["type"] == "AgentStatusChanged").unwrap();
    assert_eq!((status["agentId"].as_str(), status["status"]["group"].as_str()), (Some(me.as_str()), Some("Away")));
    assert!(status.get("conversationId").is_none());
    for event in &events {
        check_against_document(&doc, event);
    }
}

#[tokio::test]
async fn the_webhook_catalogue_lists_what_subscriptions_accept() {
    let app = App::new().await;
    let (s, v) = app.get("/v1/catalogues/webhook-events").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let formats = v["data"].as_array().unwrap();
    let names: Vec<&str> = formats.iter().map(|f| f["format"].as_str().unwrap()).collect();
    assert_eq!(names, ["Dixa", "Interaction"]);
    for f in formats {
        let events: Vec<Value> = f["events"].as_array().unwrap().clone();
        assert!(!events.is_empty() && !f["description"].as_str().unwrap().is_empty());
        let body = json!({"url": "https://example.com/h", "format": f["format"], "events": events});
        let (s, v) = app.post("/v1/webhooks", body).await;
        assert_eq!(s, StatusCode::CREATED, "every listed event is accepted: {v}");
        for other in formats.iter().filter(|o| o["format"] != f["format"]) {
            let foreign = &other["events"][0];
            let body = json!({"url": "https://example.com/h", "format": f["format"], "events": [foreign]});
            assert_error(&app.post("/v1/webhooks", body).await, StatusCode::BAD_REQUEST, "Unknown event");
        }
    }
}
