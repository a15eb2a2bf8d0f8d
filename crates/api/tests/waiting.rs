//! Scenario tests of waiting strategies through the API with the manual clock: the messaging
//! strategy's welcome, announcements and maximum wait (closing the conversation), its end at
//! assignment and after an hour, one strategy per sender, none outside working hours; voice
//! strategies with uploaded files and the caller's place in the queue.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::{json, Value};

fn messaging(announce_every: u32, count: u32, max_wait: Option<u32>) -> Value {
    json!({
        "welcome": {"enabled": true, "text": "Thanks for writing, an agent will be with you soon."},
        "announcements": {"enabled": true, "text": "You're still in line.", "intervalMinutes": announce_every, "count": count},
        "maximumWait": {"enabled": max_wait.is_some(), "text": "Sorry, nobody could answer. Write to support@example.com.",
            "minutes": max_wait.unwrap_or(60)}
    })
}

async fn strategy(app: &App, body: Value) -> String {
    let (s, v) = app.post("/v1/waiting-strategies", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["data"]["id"].as_str().unwrap().to_owned()
}

/// An inbound WhatsApp conversation in `queue`, with extra fields.
async fn customer_writes(app: &App, requester: &str, queue: &str, extra: Value) -> i64 {
    let mut body = json!({
        "requesterId": requester, "queueId": queue, "_type": "WhatsApp",
        "message": {"content": {"value": "Hello", "_type": "Text"}, "_type": "Inbound"}
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let (s, v) = app.post("/v1/conversations", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["data"]["id"].as_i64().unwrap()
}

/// The texts of the automated waiting-strategy messages, in order.
async fn strategy_texts(app: &App, id: i64) -> Vec<String> {
    let (_, v) = app.get(&format!("/v1/conversations/{id}/messages")).await;
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["automated"] == "WaitingStrategy")
        .map(|m| m["content"]["value"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn strategies_are_checked_and_one_serves_a_sender() {
    let app = App::new().await;
    let bad = |m: Value| json!({"messaging": m});
    assert_error(
        &app.post("/v1/waiting-strategies", bad(messaging(0, 5, None))).await,
        StatusCode::BAD_REQUEST,
        "intervalMinutes must be at least 1",
    );
    assert_error(
        &app.post("/v1/waiting-strategies", bad(messaging(7, 9, None))).await,
        StatusCode::BAD_REQUEST,
        "at most 60 minutes",
    );
    assert_error(
        &app.post("/v1/waiting-strategies", bad(messaging(5, 1, Some(61)))).await,
        StatusCode::BAD_REQUEST,
        "maximumWait.minutes",
    );
    let mut none = messaging(5, 1, None);
    none["welcome"]["enabled"] = json!(false);
    none["announcements"]["enabled"] = json!(false);
    assert_error(&app.post("/v1/waiting-strategies", bad(none)).await, StatusCode::BAD_REQUEST, "at least one");
    assert_error(
        &app.post("/v1/waiting-strategies", json!({"name": "x"})).await,
        StatusCode::BAD_REQUEST,
        "messaging or voice",
    );
    assert_eq!(app.count("waiting_strategies").await, 0, "refusals change nothing");

    let (s, v) = app
        .post(
            "/v1/waiting-strategies",
            json!({"messaging": messaging(5, 3, None), "senders": ["support@shop.test", " support@shop.test "]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["data"]["name"], "Waiting strategy #1");
    assert_eq!(v["data"]["kind"], "Messaging");
    assert_eq!(v["data"]["senders"], json!(["support@shop.test"]));
    assert_eq!(v["data"]["enabled"], true);
    let first = v["data"]["id"].as_str().unwrap().to_owned();
    assert_error(
        &app.post(
            "/v1/waiting-strategies",
            json!({"name": "Other", "messaging": messaging(5, 3, None), "senders": ["SUPPORT@shop.test"]}),
        )
        .await,
        StatusCode::CONFLICT,
        "one strategy per sender",
    );
    let (s, v) = app.patch(&format!("/v1/waiting-strategies/{first}"), json!({"name": "Shop", "enabled": false})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["enabled"], false);
    assert_eq!(v["data"]["messaging"]["announcements"]["count"], 3, "kept");
    assert_error(
        &app.patch(&format!("/v1/waiting-strategies/{first}"), json!({"voice": {"maximumWaitMinutes": 5}})).await,
        StatusCode::BAD_REQUEST,
        "",
    );
    let (_, list) = app.get("/v1/waiting-strategies").await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    assert_eq!(app.delete(&format!("/v1/waiting-strategies/{first}")).await.0, StatusCode::NO_CONTENT);
    assert_error(&app.get(&format!("/v1/waiting-strategies/{first}")).await, StatusCode::NOT_FOUND, "not found");
}

#[tokio::test]
async fn announcements_stop_at_assignment() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    strategy(&app, json!({"isDefault": true, "messaging": messaging(2, 10, None)})).await;
    let id = customer_writes(&app, &ann, &q, json!({})).await;
    assert_eq!(strategy_texts(&app, id).await, ["Thanks for writing, an agent will be with you soon."]);
    app.advance(119).await;
    assert_eq!(strategy_texts(&app, id).await.len(), 1);
    app.advance(1).await;
    app.advance(120).await;
    assert_eq!(strategy_texts(&app, id).await.len(), 3, "welcome and two announcements");
    let bo = app.agent("Bo").await;
    let (s, v) = app.put(&format!("/v1/conversations/{id}/claim"), json!({"agentId": bo})).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    app.advance(30 * 60).await;
    assert_eq!(strategy_texts(&app, id).await.len(), 3, "nothing after the assignment");
    assert_eq!(app.count("timers").await, 0, "the pending step was dropped when it came due");
}

#[tokio::test]
async fn the_maximum_wait_closes_the_conversation() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    strategy(&app, json!({"isDefault": true, "messaging": messaging(5, 10, Some(12))})).await;
    let id = customer_writes(&app, &ann, &q, json!({})).await;
    app.advance(11 * 60).await;
    assert_eq!(strategy_texts(&app, id).await.len(), 3, "welcome, at 5 and at 10 minutes");
    let mut events = app.service.events().subscribe();
    app.advance(60).await;
    let texts = strategy_texts(&app, id).await;
    assert_eq!(texts.last().unwrap(), "Sorry, nobody could answer. Write to support@example.com.");
    let c = app.conversation_json(id).await;
    assert_eq!(c["state"], "Closed");
    let kinds: Vec<&str> = std::iter::from_fn(|| events.try_recv().ok()).map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["ConversationMessageAdded", "ConversationClosed"]);
    // Closed, it is out of the queue: an agent becoming available doesn't get it.
    let bo = app.agent("Bo").await;
    app.patch(&format!("/v1/queues/{q}/members"), json!({"agentIds": [bo]})).await;
    app.set_status(&bo, "Available").await;
    assert!(app.conversation_json(id).await["agentId"].is_null());
    app.advance(3600).await;
    assert_eq!(strategy_texts(&app, id).await.len(), 4);
}

#[tokio::test]
async fn after_an_hour_without_a_maximum_wait_it_stays_open_and_quiet() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    strategy(&app, json!({"isDefault": true, "messaging": messaging(15, 4, None)})).await;
    let id = customer_writes(&app, &ann, &q, json!({})).await;
    // One step of two hours: the clock passes through each announcement's own time.
    app.advance(2 * 3600).await;
    assert_eq!(strategy_texts(&app, id).await.len(), 5, "the welcome and four announcements, the last at 60 minutes");
    let (_, v) = app.get(&format!("/v1/conversations/{id}/messages")).await;
    let times: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["automated"] == "WaitingStrategy")
        .map(|m| m["createdAt"].as_str().unwrap())
        .collect();
    assert_eq!(
        times,
        [
            "2026-01-05T09:00:00.000Z",
            "2026-01-05T09:15:00.000Z",
            "2026-01-05T09:30:00.000Z",
            "2026-01-05T09:45:00.000Z",
            "2026-01-05T10:00:00.000Z"
        ]
    );
    assert_eq!(app.conversation_json(id).await["state"], "Open");
    assert_eq!(app.count("timers").await, 0);
}

#[tokio::test]
async fn the_senders_strategy_wins_over_the_default_and_an_assigned_conversation_hears_nothing() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    let mut shop = messaging(5, 1, None);
    shop["welcome"]["text"] = json!("Welcome to the shop.");
    strategy(&app, json!({"name": "Shop", "senders": ["shop@example.com"], "messaging": shop})).await;
    strategy(&app, json!({"name": "Everything else", "isDefault": true, "messaging": messaging(5, 1, None)})).await;
    let to_shop =
        customer_writes(&app, &ann, &q, json!({"emailIntegrationId": "shop@example.com", "_type": "Email"})).await;
    let elsewhere = customer_writes(&app, &ann, &q, json!({})).await;
    assert_eq!(strategy_texts(&app, to_shop).await, ["Welcome to the shop."]);
    assert_eq!(strategy_texts(&app, elsewhere).await, ["Thanks for writing, an agent will be with you soon."]);
    // Taken by an agent at once: no strategy at all.
    let bo = app.agent("Bo").await;
    app.patch(&format!("/v1/queues/{q}/members"), json!({"agentIds": [bo]})).await;
    app.set_status(&bo, "Available").await;
    let taken = customer_writes(&app, &ann, &q, json!({})).await;
    assert_eq!(app.conversation_json(taken).await["agentId"], bo.as_str());
    assert!(strategy_texts(&app, taken).await.is_empty());
}

#[tokio::test]
async fn a_queue_outside_its_working_hours_starts_no_strategy() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    strategy(&app, json!({"isDefault": true, "messaging": messaging(5, 2, None)})).await;
    let (_, p) = app.post("/v1/working-hours", json!({"timeZone": "Europe/Copenhagen"})).await;
    let (s, v) = app.patch(&format!("/v1/queues/{q}/working-hours"), json!({"workingHoursId": p["data"]["id"]})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let id = customer_writes(&app, &ann, &q, json!({})).await;
    app.advance(3600).await;
    assert!(strategy_texts(&app, id).await.is_empty());
}

#[tokio::test]
async fn voice_strategies_use_uploaded_files_and_say_the_callers_place() {
    let app = App::new().await;
    let q = app.queue("Phones").await;
    // Uploads: audio only, at most 4 MB.
    let upload = |name: &str, content_type: &str, bytes: Vec<u8>| {
        let app = &app;
        let uri = format!("/v1/audio-files?name={name}");
        let content_type = content_type.to_owned();
        async move {
            let req = axum::http::Request::builder()
                .method("POST")
                .uri(uri)
                .header("authorization", &app.token)
                .header("content-type", content_type)
                .body(axum::body::Body::from(bytes))
                .unwrap();
            use tower::ServiceExt;
            let resp = app.router.clone().oneshot(req).await.unwrap();
            let status = resp.status();
            let body = http_body_util::BodyExt::collect(resp.into_body()).await.unwrap().to_bytes();
            (status, serde_json::from_slice::<Value>(&body).unwrap_or(Value::Null))
        }
    };
    assert_error(&upload("notes.txt", "text/plain", vec![1; 10]).await, StatusCode::BAD_REQUEST, "audio");
    assert_error(&upload("notes.txt", "application/octet-stream", vec![1; 10]).await, StatusCode::BAD_REQUEST, ".mp3");
    let (s, v) = upload("chime.WAV", "application/octet-stream", vec![1; 10]).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["data"]["contentType"], "audio/wav", "the type from the extension");
    let too_big = upload("big.mp3", "audio/mpeg", vec![0; 4 * 1024 * 1024 + 1]).await;
    assert!(too_big.0 == StatusCode::BAD_REQUEST || too_big.0 == StatusCode::PAYLOAD_TOO_LARGE, "{too_big:?}");
    let (s, v) = upload("hold.mp3", "audio/mpeg", vec![7; 3 * 1024 * 1024]).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["data"]["size"], 3 * 1024 * 1024);
    let music = v["data"]["id"].as_str().unwrap().to_owned();
    let (s, _) = app.send("GET", &format!("/v1/audio-files/{music}"), None).await;
    assert_eq!(s, StatusCode::OK);

    let voice = json!({
        "maximumWaitMinutes": 15,
        "greeting": {"enabled": true, "source": "textToSpeech", "text": "Welcome to the shop.", "language": "en-US", "voice": "Joanna"},
        "holdMusic": {"enabled": true, "source": "file", "fileId": music},
        "announcement": {"enabled": true, "source": "textToSpeech", "language": "en-US", "voice": "Matthew",
            "text": "You are {{position.ordinal}} in line ({{position.adaptive}}).", "intervalSeconds": 45, "speechRate": 1.1}
    });
    let mut bad = voice.clone();
    bad["holdMusic"]["fileId"] = json!(uuid::Uuid::nil());
    assert_error(
        &app.post("/v1/waiting-strategies", json!({"voice": bad})).await,
        StatusCode::BAD_REQUEST,
        "does not exist",
    );
    let mut bad = voice.clone();
    bad["announcement"]["language"] = json!("da-DK");
    bad["announcement"]["voice"] = json!("Naja");
    assert_error(&app.post("/v1/waiting-strategies", json!({"voice": bad})).await, StatusCode::BAD_REQUEST, "ordinal");
    let id = strategy(&app, json!({"name": "Phones", "isDefault": true, "voice": voice})).await;
    let (_, v) = app.get(&format!("/v1/waiting-strategies/{id}")).await;
    assert_eq!(v["data"]["voice"]["holdMusic"]["fileId"], music.as_str());
    assert_error(&app.delete(&format!("/v1/audio-files/{music}")).await, StatusCode::CONFLICT, "Phones");

    // Three callers; the urgent one goes first.
    let mut calls = Vec::new();
    for (name, priority) in [("Ann", "Normal"), ("Bea", "Normal"), ("Cy", "Urgent")] {
        let who = app.end_user(name).await;
        let (s, v) = app
            .post(
                "/v1/conversations",
                json!({"requesterId": who, "queueId": q, "_type": "PstnPhone", "priority": priority}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        calls.push(v["data"]["id"].as_i64().unwrap());
        app.advance(10).await;
    }
    let position = |id: i64| {
        let app = &app;
        async move { app.get(&format!("/v1/conversations/{id}/queue-position")).await }
    };
    let (s, v) = position(calls[1]).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"], json!({"position": 3, "waiting": 3, "announcement": "You are third in line (3rd)."}));
    assert_eq!(position(calls[2]).await.1["data"]["position"], 1);
    assert_eq!(position(calls[0]).await.1["data"]["position"], 2);
    // A call that an agent took no longer waits.
    let bo = app.agent("Bo").await;
    app.put(&format!("/v1/conversations/{}/claim", calls[2]), json!({"agentId": bo})).await;
    assert_error(&position(calls[2]).await, StatusCode::CONFLICT, "not waiting");
    assert_eq!(position(calls[1]).await.1["data"]["announcement"], "You are second in line (2nd).");
    // Chats have no place in a call queue.
    let ann = app.end_user("Dee").await;
    let chat = app.conversation(&ann, "Hi").await;
    assert_error(&position(chat).await, StatusCode::BAD_REQUEST, "not a call");
    // Unused files can go.
    assert_eq!(app.delete(&format!("/v1/waiting-strategies/{id}")).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.delete(&format!("/v1/audio-files/{music}")).await.0, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn catalogues_come_from_the_server() {
    let app = App::new().await;
    let (s, c) = app.get("/v1/catalogues/conditions").await;
    assert_eq!(s, StatusCode::OK, "{c}");
    let attrs = c["data"]["attributes"].as_array().unwrap();
    let birth = attrs.iter().find(|a| a["id"] == "person.birthDate").unwrap();
    assert_eq!(birth["label"], "Birth date");
    assert_eq!(birth["value"], "date");
    assert_eq!(birth["operators"], json!(["is", "is not", "before", "after", "before or on", "after or on"]));
    let channel = attrs.iter().find(|a| a["id"] == "channel").unwrap();
    assert_eq!(channel["operators"], json!(["is", "is not"]));
    assert!(c["data"]["customOperators"].as_array().unwrap().contains(&json!("in list")));
    // Every attribute offered is one a route accepts with each of its operators.
    let queue = app.queue("Catalogued").await;
    for a in attrs {
        for op in a["operators"].as_array().unwrap() {
            let value = match a["value"].as_str().unwrap() {
                "boolean" => json!(true),
                "date" => json!("2026-01-05"),
                _ if op == "in list" || op == "not in list" => json!(["x"]),
                "channel" => json!("Email"),
                _ => json!("x"),
            };
            let body = json!({"name": "probe", "queueId": queue,
                              "conditions": [[{"attribute": a["id"], "operator": op, "value": value}]]});
            let (s, v) = app.post("/v1/routes", body).await;
            assert_eq!(s, StatusCode::CREATED, "{} {op}: {v}", a["id"]);
        }
    }

    let (_, v) = app.get("/v1/catalogues/voices").await;
    let us = v["data"].as_array().unwrap().iter().find(|l| l["tag"] == "en-US").unwrap().clone();
    assert_eq!(us["label"], "English (US)");
    assert!(us["voices"].as_array().unwrap().contains(&json!("Joanna")));
    let preview = |language: &str, position: u32| json!({"text": "You are {{position.adaptive}} ({{position.cardinal}}) in line", "language": language, "position": position});
    let (s, p) = app.post("/v1/catalogues/position-preview", preview("en-US", 3)).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["data"]["text"], "You are 3rd (3) in line");
    let (_, p) = app.post("/v1/catalogues/position-preview", preview("de-DE", 3)).await;
    assert_eq!(p["data"]["text"], "You are 3. (3) in line");
    assert_error(
        &app.post("/v1/catalogues/position-preview", preview("xx-XX", 3)).await,
        StatusCode::BAD_REQUEST,
        "language",
    );
    assert_error(
        &app.post("/v1/catalogues/position-preview", preview("en-US", 0)).await,
        StatusCode::BAD_REQUEST,
        "position",
    );
}

#[tokio::test]
async fn the_documents_limits_are_the_engines() {
    let doc = switchboard_api::openapi();
    let doc = serde_json::to_value(&doc).unwrap();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["PositionPreviewBody"]["properties"]["position"]["maximum"].as_f64(),
        Some(f64::from(switchboard_engine::waiting::MAX_PREVIEW_POSITION))
    );
    assert_eq!(
        schemas["OutboundSettings"]["properties"]["allowedPrivateHosts"]["maxItems"].as_u64(),
        Some(switchboard_engine::egress::MAX_ALLOWED as u64)
    );
    use switchboard_engine::credentials::{MAX_PASSWORD_CHARS, MAX_TOKEN_NAME_CHARS, MIN_PASSWORD_CHARS};
    for (schema, field) in [("SetPasswordBody", "password"), ("ChangePasswordBody", "newPassword")] {
        let spec = &schemas[schema]["properties"][field];
        assert_eq!(spec["minLength"].as_u64(), Some(MIN_PASSWORD_CHARS as u64), "{schema}.{field}");
        assert_eq!(spec["maxLength"].as_u64(), Some(MAX_PASSWORD_CHARS as u64), "{schema}.{field}");
    }
    assert_eq!(schemas["IssueToken"]["properties"]["name"]["maxLength"].as_u64(), Some(MAX_TOKEN_NAME_CHARS as u64));
}
