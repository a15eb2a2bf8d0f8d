//! The event stream's contract: every event the stream sends is one of the shapes the OpenAPI
//! document's `Event` union names for its `type`, and the webhook catalogue lists exactly what
//! subscriptions accept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{assert_error, datas, read_until, App};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

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

#[tokio::test]
async fn alerts_ride_on_the_stream_of_the_agent_they_are_for() {
    let app = App::new().await;
    let dana = app.agent("Dana").await;
    let (_, t) = app.post(&format!("/v1/agents/{dana}/tokens"), json!({"name": "browser"})).await;
    let token = t["data"]["token"].as_str().unwrap().to_owned();
    let (_, queues) = app.get("/v1/queues").await;
    let default = queues["data"].as_array().unwrap().iter().find(|q| q["name"] == "Default").unwrap()["id"].clone();
    let default = default.as_str().unwrap();
    let (s, v) = app.patch(&format!("/v1/queues/{default}/members"), json!({ "agentIds": [dana] })).await;
    assert_eq!(s, StatusCode::OK, "{v}");

    let req = Request::builder().uri("/v1/events").header("authorization", &token).body(Body::empty()).unwrap();
    let mut body = app.router.clone().oneshot(req).await.unwrap().into_body();
    let doc = serde_json::to_value(switchboard_api::openapi()).unwrap();

    // A customer's new conversation in her queue: a notification with the sound.
    let ann = app.end_user("Ann").await;
    let first = app.conversation(&ann, "My order is late").await;
    let events = read_until(&mut body, |e| e.iter().any(|e| e["type"] == "ConversationCreated")).await;
    let created = events.iter().find(|e| e["type"] == "ConversationCreated").unwrap();
    assert_eq!(created["conversationId"], first);
    assert_eq!(created["alert"]["title"], "New conversation in Default");
    assert_eq!(created["alert"]["body"], "Ann: My order is late");
    assert_eq!((created["alert"]["notify"].as_bool(), created["alert"]["sound"].as_bool()), (Some(true), Some(true)));
    for e in &events {
        check_against_document(&doc, e);
    }

    // She mutes the sound for herself; a bad value is refused and changes nothing.
    let (s, v) = app.send_as(&token, "GET", "/v1/me/preferences", None).await;
    assert_eq!((s, v["data"]["soundMuted"].as_bool()), (StatusCode::OK, Some(false)), "{v}");
    let bad = app.send_as(&token, "PATCH", "/v1/me/preferences", Some(r#"{"soundMuted":"yes"}"#)).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "soundMuted");
    assert_eq!(app.send_as(&token, "GET", "/v1/me/preferences", None).await.1["data"]["soundMuted"], false);
    let (s, v) = app.send_as(&token, "PATCH", "/v1/me/preferences", Some(r#"{"soundMuted":true}"#)).await;
    assert_eq!((s, v["data"]["soundMuted"].as_bool()), (StatusCode::OK, Some(true)), "{v}");
    // Her choice is hers: the admin's stays as it was.
    assert_eq!(app.get("/v1/me/preferences").await.1["data"]["soundMuted"], false);

    // The customer writes again in the conversation now hers: a notification without the sound.
    let (s, v) = app.put(&format!("/v1/conversations/{first}/claim"), json!({"agentId": dana})).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    let inbound = json!({"content": {"value": "Any news?", "_type": "Text"}, "_type": "Inbound"});
    let (s, v) = app.post(&format!("/v1/conversations/{first}/messages"), inbound).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let is_message = |e: &Value, dir: &str| e["type"] == "ConversationMessageAdded" && e["direction"] == dir;
    let events = read_until(&mut body, |e| e.iter().any(|e| is_message(e, "Inbound") && e["initial"] == false)).await;
    let message = events.iter().find(|e| is_message(e, "Inbound") && e["initial"] == false).unwrap();
    assert_eq!(message["alert"]["title"], "New message from Ann");
    assert_eq!(message["alert"]["body"], "Any news?");
    assert_eq!((message["alert"]["notify"].as_bool(), message["alert"]["sound"].as_bool()), (Some(true), Some(false)));

    // Her own reply and a conversation she opens herself alert nobody: least of all her.
    let reply = json!({"content": {"value": "On its way", "_type": "Text"}, "_type": "Outbound", "agentId": dana});
    let (s, v) =
        app.send_as(&token, "POST", &format!("/v1/conversations/{first}/messages"), Some(&reply.to_string())).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let opened = json!({"requesterId": ann, "_type": "Email", "emailIntegrationId": "help@example.com", "subject": "Your refund"});
    let (s, v) = app.send_as(&token, "POST", "/v1/conversations", Some(&opened.to_string())).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let own = v["data"]["id"].as_i64().unwrap();
    let events = read_until(&mut body, |e| {
        e.iter().any(|e| is_message(e, "Outbound"))
            && e.iter().any(|e| e["type"] == "ConversationCreated" && e["conversationId"] == own)
    })
    .await;
    let reply = events.iter().find(|e| is_message(e, "Outbound")).unwrap();
    assert!(reply.get("alert").is_none(), "no alert for her own reply: {reply}");
    let created = events.iter().find(|e| e["type"] == "ConversationCreated" && e["conversationId"] == own).unwrap();
    assert!(created.get("alert").is_none(), "no alert for her own conversation: {created}");
    assert_eq!(created["byId"], dana.as_str());
    for e in &events {
        check_against_document(&doc, e);
    }
}
