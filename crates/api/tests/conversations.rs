//! API tests of conversations: create, list, messages, notes, tags, claim, close, reopen,
//! transfer, update, the activity log and the event stream, each with its bad inputs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{assert_error, App};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

#[tokio::test]
async fn the_dixa_sample_creates_an_email_conversation() {
    let app = App::new().await;
    let requester = app.end_user("Ann").await;
    let sample = json!({
        "requesterId": requester,
        "emailIntegrationId": "my-integration@email.dixa.io",
        "subject": "order #123",
        "message": {"content": {"value": "My order hasn't shipped", "_type": "Text"}, "attachments": [], "_type": "Inbound"},
        "language": "en",
        "_type": "Email"
    });
    let (s, v) = app.post("/v1/conversations", sample).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(v, json!({"data": {"id": 1}}));
    let c = app.conversation_json(1).await;
    assert_eq!(c["channel"], "Email");
    assert_eq!(c["_type"], "EmailConversation");
    assert_eq!(c["status"], "Open");
    assert_eq!(c["state"], "Open");
    assert_eq!(c["priority"], "Normal");
    assert_eq!(c["direction"], "Inbound");
    assert_eq!(c["subject"], "order #123");
    assert_eq!(c["language"], "en");
    assert_eq!(c["requesterId"], requester.as_str());
    assert_eq!(c["integrationEmail"], "my-integration@email.dixa.io");
    assert_eq!(c["createdAt"], "2026-01-05T09:00:00.000Z");
    assert!(c.get("assignment").is_none());
    let (_, queues) = app.get("/v1/queues").await;
    assert_eq!(c["queue"]["id"], queues["data"][0]["id"], "lands in the Default queue");
    let (_, msgs) = app.get("/v1/conversations/1/messages").await;
    assert_eq!(msgs["data"][0]["content"], json!({"value": "My order hasn't shipped", "_type": "Text"}));
    assert_eq!(msgs["data"][0]["authorId"], requester.as_str());
    assert_eq!(c["preview"], "My order hasn't shipped");
}

#[tokio::test]
async fn infobip_defaults_and_fields() {
    let app = App::new().await;
    let requester = app.end_user("Ann").await;
    let (s, v) = app.post("/v1/conversations", json!({"requesterId": requester})).await;
    assert_eq!(s, StatusCode::CREATED);
    let c = app.conversation_json(v["data"]["id"].as_i64().unwrap()).await;
    assert_eq!(
        (c["status"].as_str(), c["priority"].as_str(), c["channel"].as_str()),
        (Some("Open"), Some("Normal"), Some("NoChannel"))
    );
    let agent = app.agent("Alice").await;
    let (s, v) = app
        .post(
            "/v1/conversations",
            json!({"requesterId": requester, "channel": "WHATSAPP", "topic": "Delivery", "summary": "Late parcel",
                   "status": "WAITING", "priority": "HIGH", "agentId": agent, "metadata": {"orderId": 77}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let c = app.conversation_json(v["data"]["id"].as_i64().unwrap()).await;
    assert_eq!(c["channel"], "WhatsApp");
    assert_eq!(c["topic"], "Delivery");
    assert_eq!(c["summary"], "Late parcel");
    assert_eq!(c["status"], "Waiting");
    assert_eq!(c["priority"], "High");
    assert_eq!(c["assignment"]["agentId"], agent.as_str());
    assert_eq!(c["agentId"], agent.as_str());
    assert_eq!(c["metadata"], json!({"orderId": 77}));
}

#[tokio::test]
async fn create_refuses_bad_input_and_leaves_nothing_behind() {
    let app = App::new().await;
    let requester = app.end_user("Ann").await;
    let nil = uuid::Uuid::nil();
    assert_error(
        &app.post("/v1/conversations", json!({"requesterId": nil})).await,
        StatusCode::BAD_REQUEST,
        "Requester",
    );
    assert_error(
        &app.post("/v1/conversations", json!({"requesterId": "abc"})).await,
        StatusCode::BAD_REQUEST,
        "Invalid value for: body",
    );
    assert_error(&app.post("/v1/conversations", json!({})).await, StatusCode::BAD_REQUEST, "requesterId");
    assert_error(
        &app.post("/v1/conversations", json!({"requesterId": requester, "queueId": nil})).await,
        StatusCode::BAD_REQUEST,
        "Queue does not exist",
    );
    assert_error(
        &app.post("/v1/conversations", json!({"requesterId": requester, "agentId": nil})).await,
        StatusCode::BAD_REQUEST,
        "Agent does not exist",
    );
    assert_error(
        &app.post("/v1/conversations", json!({"requesterId": requester, "_type": "Pigeon"})).await,
        StatusCode::BAD_REQUEST,
        "Unknown channel",
    );
    assert_error(
        &app.post("/v1/conversations", json!({"requesterId": requester, "priority": "Critical"})).await,
        StatusCode::BAD_REQUEST,
        "Unknown priority",
    );
    assert_error(
        &app.post("/v1/conversations", json!({"requesterId": requester, "status": "Closed"})).await,
        StatusCode::BAD_REQUEST,
        "Closed",
    );
    assert_error(
        &app.post("/v1/conversations", json!({"requesterId": requester, "metadata": [1]})).await,
        StatusCode::BAD_REQUEST,
        "body",
    );
    // A bad message fails the whole create: no conversation is left without its message.
    let empty_message =
        json!({"requesterId": requester, "message": {"content": {"value": " ", "_type": "Text"}, "_type": "Inbound"}});
    assert_error(
        &app.post("/v1/conversations", empty_message).await,
        StatusCode::BAD_REQUEST,
        "Invalid input for Message",
    );
    let no_agent = json!({"requesterId": requester, "message": {"content": {"value": "Hi", "_type": "Text"}, "_type": "Outbound"}});
    assert_error(&app.post("/v1/conversations", no_agent).await, StatusCode::BAD_REQUEST, "agentId");
    assert_eq!(app.count("conversations").await, 0);
    assert_eq!(app.count("messages").await, 0);
    assert_eq!(app.count("activity_log").await, 0);
}

#[tokio::test]
async fn list_filters_and_pages_latest_activity_first() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let billing = app.queue("Billing").await;
    let c1 = app.conversation(&ann, "first").await;
    app.advance(60).await;
    let c2 = app.conversation(&ann, "second").await;
    app.advance(60).await;
    let (_, v) = app
        .post(
            "/v1/conversations",
            json!({"requesterId": ann, "_type": "Sms", "priority": "Urgent", "queueId": billing, "agentId": alice}),
        )
        .await;
    let c3 = v["data"]["id"].as_i64().unwrap();
    app.advance(60).await;
    // New activity moves the first conversation to the top.
    app.post(
        &format!("/v1/conversations/{c1}/messages"),
        json!({"content": {"value": "hello?", "_type": "Text"}, "_type": "Inbound"}),
    )
    .await;
    let ids = |v: &Value| v["data"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect::<Vec<_>>();
    let (_, all) = app.get("/v1/conversations").await;
    assert_eq!(ids(&all), [c1, c3, c2]);
    assert_eq!(all["data"][0]["preview"], "hello?", "the latest message previews the row");
    assert_eq!(ids(&app.get(&format!("/v1/conversations?queueId={billing}")).await.1), [c3]);
    assert_eq!(ids(&app.get(&format!("/v1/conversations?agentId={alice}")).await.1), [c3]);
    assert_eq!(ids(&app.get("/v1/conversations?priority=Urgent").await.1), [c3]);
    assert_eq!(ids(&app.get("/v1/conversations?channel=WidgetChat").await.1), [c1, c2]);
    assert_eq!(ids(&app.get("/v1/conversations?unassigned=true").await.1), [c1, c2]);
    app.put(&format!("/v1/conversations/{c2}/close"), json!({})).await;
    assert_eq!(ids(&app.get("/v1/conversations?status=Closed").await.1), [c2]);
    assert_eq!(ids(&app.get("/v1/conversations?status=Open&status=Waiting").await.1), [c1, c3]);
    // Closing is activity too: c2 was closed at the same instant as c1's message, and the higher id wins ties.
    assert_eq!(ids(&app.get("/v1/conversations?status=OPEN,CLOSED").await.1), [c2, c1, c3]);

    let (_, p1) = app.get("/v1/conversations?pageLimit=2").await;
    assert_eq!(ids(&p1), [c2, c1]);
    let next = p1["meta"]["next"].as_str().unwrap();
    assert!(next.starts_with("http://switchboard.test/v1/conversations?pageLimit=2&pageKey="), "{next}");
    let (_, p2) = app.get(next.trim_start_matches("http://switchboard.test")).await;
    assert_eq!(ids(&p2), [c3]);
    assert!(p2["meta"].get("next").is_none());

    assert_error(&app.get("/v1/conversations?status=Lost").await, StatusCode::BAD_REQUEST, "status");
    assert_error(&app.get("/v1/conversations?queueId=nope").await, StatusCode::BAD_REQUEST, "queueId");
    assert_error(&app.get("/v1/conversations?pageLimit=-1").await, StatusCode::BAD_REQUEST, "pageLimit");
    assert_error(&app.get("/v1/conversations/999").await, StatusCode::NOT_FOUND, "Conversation 999 not found");
    assert_error(&app.get("/v1/conversations/x1").await, StatusCode::BAD_REQUEST, "path parameter");
}

#[tokio::test]
async fn messages_inbound_outbound_and_duplicates() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let id = app.conversation(&ann, "Hi").await;
    let url = format!("/v1/conversations/{id}/messages");
    app.advance(5).await;
    let (s, m) = app
        .post(&url, json!({"content": {"value": "<p>On it</p>", "_type": "Html"}, "_type": "Outbound", "agentId": alice, "externalId": "ext-1",
                            "attachments": [{"url": "https://files.example.com/label.pdf", "prettyName": "label.pdf"}]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{m}");
    assert_eq!(m["data"]["direction"], "Outbound");
    assert_eq!(m["data"]["authorId"], alice.as_str());
    assert_eq!(m["data"]["messageId"], m["data"]["id"]);
    // Sent again (its answer was lost), the message is answered with the stored one: no second message.
    let events = app.service.events().subscribe();
    let (s, dup) = app
        .post(
            &url,
            json!({"content": {"value": "again", "_type": "Text"}, "_type": "Inbound", "externalId": " ext-1 "}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{dup}");
    assert_eq!(dup["data"]["id"], m["data"]["id"]);
    assert_eq!(dup["data"]["content"]["value"], "<p>On it</p>");
    assert_eq!(app.count("messages").await, 2, "the first message and the one sent twice");
    assert!(events.is_empty(), "nothing happened");
    assert_error(
        &app.post(&url, json!({"content": {"value": "x", "_type": "Markdown"}, "_type": "Inbound"})).await,
        StatusCode::BAD_REQUEST,
        "body",
    );
    assert_error(
        &app.post(&url, json!({"content": {"value": "x", "_type": "Text"}, "_type": "Sideways"})).await,
        StatusCode::BAD_REQUEST,
        "body",
    );
    assert_error(
        &app.post(
            &url,
            json!({"content": {"value": "x", "_type": "Text"}, "_type": "Outbound", "agentId": uuid::Uuid::nil()}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "Agent was not found",
    );
    assert_error(
        &app.post(&url, json!({"content": {"value": "x", "_type": "Text"}, "_type": "Inbound", "attachments": [{"url": "file:///etc/passwd"}]})).await,
        StatusCode::BAD_REQUEST,
        "attachment",
    );
    assert_error(
        &app.post(
            "/v1/conversations/404/messages",
            json!({"content": {"value": "x", "_type": "Text"}, "_type": "Inbound"}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "404",
    );
    let (_, list) = app.get(&url).await;
    let texts: Vec<&str> =
        list["data"].as_array().unwrap().iter().map(|m| m["content"]["value"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Hi", "<p>On it</p>"], "oldest first, refused ones absent");
    assert_eq!(list["data"][1]["attachments"][0]["prettyName"], "label.pdf");

    // The customer writing again reopens work on a Solved conversation.
    app.patch(&format!("/v1/conversations/{id}"), json!({"status": "Solved"})).await;
    app.post(&url, json!({"content": {"value": "still broken", "_type": "Text"}, "_type": "Inbound"})).await;
    assert_eq!(app.conversation_json(id).await["status"], "Open");
}

#[tokio::test]
async fn notes_single_bulk_and_bad_inputs() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let id = app.conversation(&ann, "Hi").await;
    let url = format!("/v1/conversations/{id}/notes");
    let (s, n) = app
        .post(&url, json!({"message": "A sample note", "agentId": alice, "createdAt": "2021-12-01T12:46:36.581Z[GMT]"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{n}");
    assert_eq!(n["data"]["authorId"], alice.as_str());
    assert_eq!(n["data"]["csid"], id);
    assert_eq!(n["data"]["createdAt"], "2021-12-01T12:46:36.581Z");
    let (_, n2) = app.post(&url, json!({"message": "By the caller"})).await;
    let (_, me) = app.get("/v1/me").await;
    assert_eq!(n2["data"]["authorId"], me["data"]["id"]);
    assert_error(
        &app.post(&url, json!({"message": "x", "agentId": uuid::Uuid::nil()})).await,
        StatusCode::BAD_REQUEST,
        "Agent was not found",
    );
    assert_error(
        &app.post(&url, json!({"message": "x", "createdAt": "yesterday"})).await,
        StatusCode::BAD_REQUEST,
        "Invalid date format",
    );
    assert_error(&app.post(&url, json!({"message": ""})).await, StatusCode::BAD_REQUEST, "message");
    assert_error(&app.post(&url, json!({"text": "x"})).await, StatusCode::BAD_REQUEST, "body");

    let (s, bulk) = app
        .post(&format!("{url}/bulk"), json!({"data": [{"message": "One", "agentId": alice}, {"message": "Two", "agentId": uuid::Uuid::nil()}, {"message": "Three"}]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{bulk}");
    let items = bulk["data"].as_array().unwrap();
    assert_eq!(items[0]["_type"], "BulkActionSuccess");
    assert_eq!(items[0]["data"]["message"], "One");
    assert_eq!(items[1]["_type"], "BulkActionFailure");
    assert!(items[1]["error"]["message"].as_str().unwrap().contains("cannot be found in org."));
    assert_eq!(items[2]["_type"], "BulkActionSuccess");
    let (_, list) = app.get(&url).await;
    let texts: Vec<&str> = list["data"].as_array().unwrap().iter().map(|n| n["message"].as_str().unwrap()).collect();
    assert_eq!(texts, ["A sample note", "By the caller", "One", "Three"]);
}

#[tokio::test]
async fn claim_never_takes_an_assigned_conversation_without_force() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let bob = app.agent("Bob").await;
    let id = app.conversation(&ann, "Hi").await;
    let url = format!("/v1/conversations/{id}/claim");
    assert_eq!(app.put(&url, json!({"agentId": alice, "force": false})).await.0, StatusCode::NO_CONTENT);
    assert_error(
        &app.put(&url, json!({"agentId": bob, "force": false})).await,
        StatusCode::CONFLICT,
        "already assigned",
    );
    assert_eq!(app.conversation_json(id).await["assignment"]["agentId"], alice.as_str());
    assert_eq!(app.put(&url, json!({"agentId": bob, "force": true})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.conversation_json(id).await["assignment"]["agentId"], bob.as_str());
    assert_eq!(app.put(&url, json!({"agentId": bob})).await.0, StatusCode::NO_CONTENT, "claiming your own is fine");
    assert_error(
        &app.put(&url, json!({"agentId": uuid::Uuid::nil()})).await,
        StatusCode::BAD_REQUEST,
        "Agent was not found",
    );
    assert_error(&app.put(&url, json!({"force": true})).await, StatusCode::BAD_REQUEST, "agentId");
    let (_, bot) = app.post("/v1/agents", json!({"displayName": "Botty", "userType": "Bot"})).await;
    assert_error(
        &app.put(&url, json!({"agentId": bot["data"]["id"], "force": true})).await,
        StatusCode::BAD_REQUEST,
        "User is not agent/admin",
    );
}

#[tokio::test]
async fn a_closed_conversation_refuses_changes_until_reopened() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let (_, tag) = app.post("/v1/tags", json!({"name": "vip"})).await;
    let tag = tag["data"]["id"].as_str().unwrap().to_owned();
    let queue = app.queue("Billing").await;
    let id = app.conversation(&ann, "Hi").await;
    let base = format!("/v1/conversations/{id}");
    app.put(&format!("{base}/claim"), json!({"agentId": alice})).await;
    assert_error(
        &app.put(&format!("{base}/close"), json!({"userId": uuid::Uuid::nil()})).await,
        StatusCode::BAD_REQUEST,
        "User not found",
    );
    assert_eq!(app.conversation_json(id).await["status"], "Open", "a refused close changes nothing");
    assert_eq!(app.put(&format!("{base}/close"), json!({"userId": alice})).await.0, StatusCode::NO_CONTENT);
    let c = app.conversation_json(id).await;
    assert_eq!(c["status"], "Closed");
    assert_eq!(c["state"], "Closed");
    assert_eq!(c["assignment"]["agentId"], alice.as_str(), "closing keeps who handled it");

    let closed = "is closed and can't be changed";
    assert_error(&app.put(&format!("{base}/close"), json!({})).await, StatusCode::CONFLICT, "already closed");
    // Agents can't write to a Closed conversation (a customer continues it: see the webhooks tests).
    assert_error(
        &app.post(
            &format!("{base}/messages"),
            json!({"content": {"value": "x", "_type": "Text"}, "_type": "Outbound", "agentId": alice}),
        )
        .await,
        StatusCode::CONFLICT,
        closed,
    );
    assert_error(&app.post(&format!("{base}/notes"), json!({"message": "x"})).await, StatusCode::CONFLICT, closed);
    assert_error(&app.put(&format!("{base}/tags/{tag}"), json!({})).await, StatusCode::CONFLICT, closed);
    assert_error(
        &app.put(&format!("{base}/claim"), json!({"agentId": alice, "force": true})).await,
        StatusCode::CONFLICT,
        closed,
    );
    assert_error(
        &app.put(&format!("{base}/transfer/queue"), json!({"queueId": queue})).await,
        StatusCode::CONFLICT,
        closed,
    );
    assert_error(&app.patch(&base, json!({"priority": "High"})).await, StatusCode::CONFLICT, closed);
    assert_eq!(app.count("messages").await, 1);
    assert_eq!(app.count("notes").await, 0);

    let (_, bot) = app.post("/v1/agents", json!({"displayName": "Botty", "userType": "Bot"})).await;
    assert_error(
        &app.put(&format!("{base}/reopen"), json!({"userId": bot["data"]["id"]})).await,
        StatusCode::BAD_REQUEST,
        "User is not agent/admin",
    );
    assert_eq!(app.send("PUT", &format!("{base}/reopen"), None).await.0, StatusCode::NO_CONTENT);
    let c = app.conversation_json(id).await;
    assert_eq!(c["status"], "Open");
    assert_eq!(c["assignment"]["agentId"], alice.as_str(), "a Busy agent in the queue keeps it");
    assert_error(&app.put(&format!("{base}/reopen"), json!({})).await, StatusCode::CONFLICT, "not closed");
    assert_error(&app.put("/v1/conversations/77/close", json!({})).await, StatusCode::NOT_FOUND, "77");
    assert_error(&app.send("PUT", &format!("{base}/close"), Some("{oops")).await, StatusCode::BAD_REQUEST, "body");
}

#[tokio::test]
async fn reopening_keeps_the_agent_who_may_still_receive_it_and_says_why_not() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let id = app.conversation(&ann, "Hi").await;
    let base = format!("/v1/conversations/{id}");
    assert_eq!(app.put(&format!("{base}/claim"), json!({"agentId": alice})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.put(&format!("{base}/close"), json!({})).await.0, StatusCode::NO_CONTENT);
    app.set_status(&alice, "Away").await;
    assert_eq!(app.put(&format!("{base}/reopen"), json!({})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.conversation_json(id).await["assignment"]["agentId"], alice.as_str(), "Away receives transfers");

    // Offline (Unavailable) receives nothing: back to the queue, and the log says why.
    assert_eq!(app.put(&format!("{base}/close"), json!({})).await.0, StatusCode::NO_CONTENT);
    app.set_status(&alice, "Offline").await;
    assert_eq!(app.put(&format!("{base}/reopen"), json!({})).await.0, StatusCode::NO_CONTENT);
    assert!(app.conversation_json(id).await.get("assignment").is_none());
    let (_, log) = app.get(&format!("{base}/activitylog")).await;
    let released = log["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["_type"] == "ConversationUnassigned")
        .unwrap_or_else(|| panic!("no unassignment in {log}"))
        .clone();
    assert_eq!(released["detail"]["reason"], "Unavailable", "{released}");
    assert_eq!(released["detail"]["agentId"], alice.as_str());
}

#[tokio::test]
async fn transfer_keeps_members_and_unassigns_others() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let billing = app.queue("Billing").await;
    let vip = app.queue("VIP").await;
    app.patch(&format!("/v1/queues/{billing}/members"), json!({"agentIds": [alice]})).await;
    let id = app.conversation(&ann, "Hi").await;
    let base = format!("/v1/conversations/{id}");
    app.put(&format!("{base}/claim"), json!({"agentId": alice})).await;
    assert_eq!(
        app.put(&format!("{base}/transfer/queue"), json!({"queueId": billing, "userId": alice})).await.0,
        StatusCode::NO_CONTENT
    );
    let c = app.conversation_json(id).await;
    assert_eq!(c["queue"]["id"], billing.as_str());
    assert_eq!(c["assignment"]["agentId"], alice.as_str(), "Alice is a member of Billing");
    assert_eq!(app.put(&format!("{base}/transfer/queue"), json!({"queueId": vip})).await.0, StatusCode::NO_CONTENT);
    let c = app.conversation_json(id).await;
    assert_eq!(c["queue"]["id"], vip.as_str());
    assert!(c.get("assignment").is_none(), "Alice is not in VIP");
    assert_error(
        &app.put(&format!("{base}/transfer/queue"), json!({"queueId": uuid::Uuid::nil()})).await,
        StatusCode::BAD_REQUEST,
        "Queue does not exist",
    );
    assert_error(
        &app.put(&format!("{base}/transfer/queue"), json!({"queueId": billing, "userId": uuid::Uuid::nil()})).await,
        StatusCode::BAD_REQUEST,
        "User not found",
    );
    assert_eq!(app.conversation_json(id).await["queue"]["id"], vip.as_str());
}

#[tokio::test]
async fn tags_only_active_ones_apply() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let id = app.conversation(&ann, "Hi").await;
    let (_, vip) = app.post("/v1/tags", json!({"name": "vip"})).await;
    let vip = vip["data"]["id"].as_str().unwrap().to_owned();
    let (_, old) = app.post("/v1/tags", json!({"name": "old"})).await;
    let old = old["data"]["id"].as_str().unwrap().to_owned();
    app.send("PATCH", &format!("/v1/tags/{old}/deactivate"), None).await;
    let base = format!("/v1/conversations/{id}/tags");
    assert_eq!(app.put(&format!("{base}/{vip}"), json!({})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.send("PUT", &format!("{base}/{vip}"), None).await.0, StatusCode::NO_CONTENT, "twice is harmless");
    assert_error(&app.send("PUT", &format!("{base}/{old}"), None).await, StatusCode::BAD_REQUEST, "inactive");
    assert_error(&app.send("PUT", &format!("{base}/{}", uuid::Uuid::nil()), None).await, StatusCode::NOT_FOUND, "Tag");
    assert_error(
        &app.send("PUT", &format!("{base}/not-a-uuid"), None).await,
        StatusCode::BAD_REQUEST,
        "path parameter",
    );
    let (_, tags) = app.get(&base).await;
    assert_eq!(tags["data"].as_array().unwrap().len(), 1);
    assert_eq!(tags["data"][0]["name"], "vip");
    assert_eq!(app.delete(&format!("{base}/{vip}")).await.0, StatusCode::NO_CONTENT);
    let (_, tags) = app.get(&base).await;
    assert!(tags["data"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn update_changes_infobip_fields_until_closed() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let id = app.conversation(&ann, "Hi").await;
    let base = format!("/v1/conversations/{id}");
    let (s, c) = app.patch(&base, json!({"topic": "Refund", "summary": "wants money back", "priority": "Urgent", "status": "Waiting", "agentId": alice})).await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(c["data"]["topic"], "Refund");
    assert_eq!(c["data"]["priority"], "Urgent");
    assert_eq!(c["data"]["status"], "Waiting");
    assert_eq!(c["data"]["assignment"]["agentId"], alice.as_str());
    let (_, c) = app.patch(&base, json!({"topic": null, "agentId": null})).await;
    assert!(c["data"].get("topic").is_none());
    assert!(c["data"].get("assignment").is_none());
    assert_error(&app.patch(&base, json!({"priority": "Sometime"})).await, StatusCode::BAD_REQUEST, "priority");
    assert_error(
        &app.patch(&base, json!({"queueId": uuid::Uuid::nil()})).await,
        StatusCode::BAD_REQUEST,
        "Queue does not exist",
    );
    let (s, c) = app.patch(&base, json!({"status": "Closed"})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["data"]["status"], "Closed");
    assert_error(&app.patch(&base, json!({"topic": "late"})).await, StatusCode::CONFLICT, "closed");
}

#[tokio::test]
async fn the_activity_log_records_each_step_with_its_author() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let billing = app.queue("Billing").await;
    let (_, tag) = app.post("/v1/tags", json!({"name": "vip"})).await;
    let tag = tag["data"]["id"].as_str().unwrap().to_owned();
    let id = app.conversation(&ann, "Hi").await;
    let base = format!("/v1/conversations/{id}");
    app.put(&format!("{base}/claim"), json!({"agentId": alice})).await;
    app.post(&format!("{base}/notes"), json!({"message": "note"})).await;
    app.put(&format!("{base}/tags/{tag}"), json!({})).await;
    app.delete(&format!("{base}/tags/{tag}")).await;
    app.put(&format!("{base}/transfer/queue"), json!({"queueId": billing})).await;
    app.put(&format!("{base}/close"), json!({"userId": alice})).await;
    app.put(&format!("{base}/reopen"), json!({})).await;
    let (_, log) = app.get(&format!("{base}/activitylog")).await;
    let kinds: Vec<&str> = log["data"].as_array().unwrap().iter().map(|e| e["_type"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "ConversationCreated",
            "MessageAdded",
            "ConversationAssigned",
            "NoteAdded",
            "TagAdded",
            "TagRemoved",
            "ConversationTransferred",
            "ConversationUnassigned",
            "ConversationClosed",
            "ConversationReopened"
        ]
    );
    let assigned = &log["data"][2];
    assert_eq!(assigned["activityType"], "ConversationAssignedActivityType");
    assert_eq!(assigned["author"]["name"], "Administrator", "the caller claimed on Alice's behalf");
    assert_eq!(assigned["detail"]["agentId"], alice.as_str());
    assert_eq!(log["data"][1]["author"]["name"], "Ann", "the customer wrote the first message");
    assert_eq!(log["data"][8]["author"]["id"], alice.as_str());
    assert_error(&app.get("/v1/conversations/5/activitylog").await, StatusCode::NOT_FOUND, "5");
}

/// Reads server-sent events from a response body until `count` events have arrived.
async fn read_events(body: &mut Body, count: usize) -> Vec<Value> {
    let mut buffer = String::new();
    let mut events = Vec::new();
    while events.len() < count {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(10), body.frame())
            .await
            .expect("an event within 10 s")
            .expect("stream open")
            .expect("frame");
        if let Ok(data) = frame.into_data() {
            buffer.push_str(std::str::from_utf8(&data).unwrap());
        }
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            if let Some(line) = block.lines().find(|l| l.starts_with("data:")) {
                events.push(serde_json::from_str(line.trim_start_matches("data:").trim()).unwrap());
            }
        }
    }
    events
}

#[tokio::test]
async fn the_event_stream_carries_every_change_with_conversation_and_queue() {
    let app = App::new().await;
    assert_error(&app.send_as("", "GET", "/v1/events", None).await, StatusCode::UNAUTHORIZED, "token");
    let req = Request::builder().uri("/v1/events").header("authorization", common::TOKEN).body(Body::empty()).unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-type"], "text/event-stream");
    let mut body = resp.into_body();

    let ann = app.end_user("Ann").await;
    let alice = app.agent("Alice").await;
    let id = app.conversation(&ann, "Hi").await;
    let base = format!("/v1/conversations/{id}");
    app.put(&format!("{base}/claim"), json!({"agentId": alice})).await;
    app.post(&format!("{base}/notes"), json!({"message": "n"})).await;
    app.post(
        &format!("{base}/messages"),
        json!({"content": {"value": "ok", "_type": "Text"}, "_type": "Outbound", "agentId": alice}),
    )
    .await;
    app.patch(&base, json!({"priority": "High"})).await;
    app.put(&format!("{base}/close"), json!({})).await;

    // Alice's status (Busy, set as she was created) comes first; then the conversation's events.
    let events = read_events(&mut body, 8).await;
    assert_eq!(events[0]["type"], "AgentStatusChanged");
    assert_eq!(events[0]["agentId"], alice.as_str());
    assert_eq!(events[0]["status"]["name"], "Busy");
    let events = events[1..].to_vec();
    let kinds: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "ConversationCreated",
            "ConversationMessageAdded",
            "ConversationAssigned",
            "ConversationNoteAdded",
            "ConversationMessageAdded",
            "ConversationUpdated",
            "ConversationClosed"
        ]
    );
    let (_, queues) = app.get("/v1/queues").await;
    for e in &events {
        assert_eq!(e["conversationId"], id);
        assert_eq!(e["queueId"], queues["data"][0]["id"]);
    }
    assert_eq!(events[1]["direction"], "Inbound");
    assert_eq!(events[2]["agentId"], alice.as_str());
    assert_eq!(events[4]["direction"], "Outbound");
}

#[tokio::test]
async fn the_openapi_document_covers_every_endpoint() {
    let app = App::new().await;
    let (s, doc) = app.send_as("", "GET", "/openapi.json", None).await;
    assert_eq!(s, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    let expected = [
        ("/v1/me", "get"),
        ("/v1/endusers", "post"),
        ("/v1/endusers", "get"),
        ("/v1/endusers/{userId}", "get"),
        ("/v1/endusers/{userId}", "patch"),
        ("/v1/agents", "post"),
        ("/v1/agents", "get"),
        ("/v1/agents/{agentId}", "get"),
        ("/v1/queues", "post"),
        ("/v1/queues", "get"),
        ("/v1/queues/{queueId}", "get"),
        ("/v1/queues/{queueId}/members", "patch"),
        ("/v1/queues/{queueId}/members", "get"),
        ("/v1/tags", "post"),
        ("/v1/tags", "get"),
        ("/v1/conversations", "post"),
        ("/v1/conversations", "get"),
        ("/v1/conversations/{conversationId}", "get"),
        ("/v1/conversations/{conversationId}/messages", "post"),
        ("/v1/conversations/{conversationId}/messages", "get"),
        ("/v1/conversations/{conversationId}/notes", "post"),
        ("/v1/conversations/{conversationId}/notes", "get"),
        ("/v1/conversations/{conversationId}/tags/{tagId}", "put"),
        ("/v1/conversations/{conversationId}/tags/{tagId}", "delete"),
        ("/v1/conversations/{conversationId}/close", "put"),
        ("/v1/conversations/{conversationId}/reopen", "put"),
        ("/v1/conversations/{conversationId}/claim", "put"),
        ("/v1/conversations/{conversationId}/transfer/queue", "put"),
        ("/v1/events", "get"),
        ("/_clock", "get"),
        ("/_clock/advance", "post"),
    ];
    for (path, method) in expected {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} missing from the document");
    }
    assert!(doc["components"]["securitySchemes"]["ApiKeyAuth"].is_object());
    assert!(doc["components"]["schemas"]["Conversation"].is_object());
}

#[tokio::test]
async fn the_clock_routes_exist_only_with_a_manual_clock() {
    let app = App::new().await;
    let (s, now) = app.send_as("", "GET", "/_clock", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(now["now"], "2026-01-05T09:00:00.000Z");
    let (s, now) = app.send_as("", "POST", "/_clock/advance", Some(r#"{"seconds": 90}"#)).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(now["now"], "2026-01-05T09:01:30.000Z");
    assert_error(
        &app.send_as("", "POST", "/_clock/advance", Some(r#"{"seconds": -1}"#)).await,
        StatusCode::BAD_REQUEST,
        "negative",
    );
    assert_error(
        &app.send_as("", "POST", "/_clock/advance", Some(r#"{"seconds": "x"}"#)).await,
        StatusCode::BAD_REQUEST,
        "body",
    );

    let store = switchboard_service::store::Store::open_in_memory().await.unwrap();
    let (service, _) =
        switchboard_service::Service::with_store(store, switchboard_service::Clock::System, None).await.unwrap();
    let router = switchboard_api::router(service, Default::default());
    let resp = router.oneshot(Request::builder().uri("/_clock").body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn requests_that_change_nothing_write_nothing() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let id = app.conversation(&ann, "Hi").await;
    let base = format!("/v1/conversations/{id}");
    let before = app.conversation_json(id).await;
    let log_before = app.count("activity_log").await;
    app.advance(60).await;
    let (s, c) = app.patch(&base, json!({})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(c["data"]["updatedAt"], before["updatedAt"], "an empty patch is not activity");
    let (_, c) = app.patch(&base, json!({"priority": "Normal", "status": "Open"})).await;
    assert_eq!(c["data"]["updatedAt"], before["updatedAt"], "setting what is already there is not activity");
    let queue = before["queue"]["id"].as_str().unwrap();
    assert_eq!(app.put(&format!("{base}/transfer/queue"), json!({"queueId": queue})).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.conversation_json(id).await["queue"]["queuedAt"], before["queue"]["queuedAt"]);
    assert_eq!(app.count("activity_log").await, log_before);
}

#[tokio::test]
async fn the_clock_refuses_to_leave_its_range() {
    let app = App::new().await;
    let huge = app.send_as("", "POST", "/_clock/advance", Some(r#"{"seconds": 9000000000000}"#)).await;
    assert_error(&huge, StatusCode::BAD_REQUEST, "seconds");
    let (_, now) = app.send_as("", "GET", "/_clock", None).await;
    assert_eq!(now["now"], "2026-01-05T09:00:00.000Z");
}

/// Every `$ref` names a schema the document holds (clients generated from it need them all).
#[test]
fn every_reference_in_the_openapi_document_resolves() {
    fn walk(v: &Value, schemas: &serde_json::Map<String, Value>, missing: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                    let name = r.trim_start_matches("#/components/schemas/");
                    if !schemas.contains_key(name) {
                        missing.push(r.to_owned());
                    }
                }
                map.values().for_each(|x| walk(x, schemas, missing));
            }
            Value::Array(items) => items.iter().for_each(|x| walk(x, schemas, missing)),
            _ => {}
        }
    }
    let doc = serde_json::to_value(switchboard_api::openapi()).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap().clone();
    let mut missing = Vec::new();
    walk(&doc, &schemas, &mut missing);
    assert!(missing.is_empty(), "unresolved: {missing:?}");
}
