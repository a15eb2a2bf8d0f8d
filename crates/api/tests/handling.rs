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

#[tokio::test]
async fn the_picker_lists_status_load_and_reach_and_a_take_over_tells_the_agents_concerned() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (alice, bob, cy, dee) =
        (app.agent("Alice").await, app.agent("Bob").await, app.agent("Cy").await, app.agent("Dee").await);
    let billing = app.queue("Billing").await;
    let (s, v) = app.patch(&format!("/v1/queues/{billing}/members"), json!({ "agentIds": [alice, bob, dee] })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    app.set_status(&dee, "Offline").await;
    let id = app.conversation(&ann, "Where is my invoice?").await;
    let base = format!("/v1/conversations/{id}");
    assert_eq!(app.put(&format!("{base}/transfer/queue"), json!({"queueId": billing})).await.0, StatusCode::NO_CONTENT);
    let (alice_token, bob_token, cy_token) =
        (app.token_of(&alice).await, app.token_of(&bob).await, app.token_of(&cy).await);

    // Those who reach the queue and receive conversations first, least loaded, then by name.
    let (s, v) = app.send_as(&alice_token, "GET", &format!("{base}/assignees"), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let list = v["data"].as_array().unwrap();
    let names: Vec<&str> = list.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Alice", "Bob", "Administrator", "Cy", "Dee"], "the admin is Offline");
    assert_eq!(list[2]["receives"], false);
    let row = |name: &str| list.iter().find(|a| a["name"] == name).unwrap().clone();
    assert_eq!(row("Alice")["status"]["name"], "Busy");
    assert_eq!(
        row("Alice")["load"],
        json!({"group": "LiveChat", "used": 0, "capacity": 5}),
        "five chats by default: {v}"
    );
    assert_eq!((row("Cy")["reachesQueue"].as_bool(), row("Cy")["mayRead"].as_bool()), (Some(false), Some(false)));
    assert_eq!(
        (row("Dee")["receives"].as_bool(), row("Dee")["status"]["group"].as_str()),
        (Some(false), Some("Unavailable"))
    );
    assert_eq!(row("Bob")["current"], false);

    // Out of reach, unknown, or not a number: refused.
    assert_eq!(app.send_as(&cy_token, "GET", &format!("{base}/assignees"), None).await.0, StatusCode::FORBIDDEN);
    assert_error(&app.get("/v1/conversations/999/assignees").await, StatusCode::NOT_FOUND, "999");
    assert_error(&app.get("/v1/conversations/x/assignees").await, StatusCode::BAD_REQUEST, "conversationId");
    // Handing it to an Offline agent is refused and changes nothing.
    assert_error(
        &app.put(&format!("{base}/claim"), json!({"agentId": dee})).await,
        StatusCode::CONFLICT,
        "Unavailable",
    );

    let mut alice_events = app.stream(&alice_token).await;
    let mut bob_events = app.stream(&bob_token).await;
    let claim = |agent: &str, force: bool| json!({"agentId": agent, "force": force});
    let (s, v) =
        app.send_as(&alice_token, "PUT", &format!("{base}/claim"), Some(&claim(&alice, false).to_string())).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    let (_, v) = app.send_as(&alice_token, "GET", &format!("{base}/assignees"), None).await;
    assert_eq!((v["data"][0]["name"].as_str(), v["data"][0]["current"].as_bool()), (Some("Alice"), Some(true)));
    assert_eq!(v["data"][0]["load"]["used"], 1);

    // A supervisor hands it to Bob: only with force, and both agents are told.
    assert_error(&app.put(&format!("{base}/claim"), claim(&bob, false)).await, StatusCode::CONFLICT, "already");
    assert_eq!(app.put(&format!("{base}/claim"), claim(&bob, true)).await.0, StatusCode::NO_CONTENT);
    let alert = |events: &[serde_json::Value], kind: &str| {
        events
            .iter()
            .rev()
            .filter(|e| e["type"] == kind && e["conversationId"] == id)
            .find_map(|e| e.get("alert"))
            .cloned()
    };
    let seen = common::read_until(&mut bob_events, |e| alert(e, "ConversationAssigned").is_some()).await;
    let given = alert(&seen, "ConversationAssigned").unwrap();
    assert_eq!(given["title"], "Administrator assigned you a conversation");
    assert_eq!(given["body"], "Ann: Where is my invoice?");
    let seen = common::read_until(&mut alice_events, |e| alert(e, "ConversationUnassigned").is_some()).await;
    assert_eq!(alert(&seen, "ConversationUnassigned").unwrap()["title"], "Administrator gave your conversation to Bob");
    assert!(alert(&seen, "ConversationAssigned").is_none(), "Alice is not told about her own claim: {seen:?}");

    // Alice takes it back herself: Bob is told; Alice gets nothing for her own doing.
    let (s, v) =
        app.send_as(&alice_token, "PUT", &format!("{base}/claim"), Some(&claim(&alice, true).to_string())).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{v}");
    let seen = common::read_until(&mut bob_events, |e| alert(e, "ConversationUnassigned").is_some()).await;
    assert_eq!(alert(&seen, "ConversationUnassigned").unwrap()["title"], "Alice took over your conversation");
    let seen = common::read_until(&mut alice_events, |e| {
        e.iter().filter(|e| e["type"] == "ConversationAssigned").count() >= 2
    })
    .await;
    let mine = seen.iter().rev().find(|e| e["type"] == "ConversationAssigned").unwrap();
    assert!(mine.get("alert").is_none(), "{mine}");
}

#[tokio::test]
async fn a_mention_tells_the_named_agent_and_lists_the_conversation_among_their_mentions() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (alice, bob, cy) = (app.agent("Alice").await, app.agent("Bob").await, app.agent("Cy").await);
    let billing = app.queue("Billing").await;
    let (s, v) = app.patch(&format!("/v1/queues/{billing}/members"), json!({ "agentIds": [alice, bob] })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let id = app.conversation(&ann, "My card was charged twice").await;
    assert_eq!(
        app.put(&format!("/v1/conversations/{id}/transfer/queue"), json!({"queueId": billing})).await.0,
        StatusCode::NO_CONTENT
    );
    let (alice_token, bob_token) = (app.token_of(&alice).await, app.token_of(&bob).await);
    let mut bob_events = app.stream(&bob_token).await;
    let notes = format!("/v1/conversations/{id}/notes");

    // Cy can't open Billing's conversations: naming her is refused, and nothing is written.
    let body = json!({"message": "@Cy can you look?", "mentions": [cy]}).to_string();
    let refused = app.send_as(&alice_token, "POST", &notes, Some(&body)).await;
    assert_error(&refused, StatusCode::BAD_REQUEST, "can't see this conversation");
    let body = json!({"message": "@Nobody", "mentions": [uuid::Uuid::nil()]}).to_string();
    assert_error(&app.send_as(&alice_token, "POST", &notes, Some(&body)).await, StatusCode::BAD_REQUEST, "not found");
    assert_eq!(app.count("notes").await, 0);

    let body = json!({"message": "@Bob please refund the second charge", "mentions": [bob, bob]}).to_string();
    let (s, v) = app.send_as(&alice_token, "POST", &notes, Some(&body)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(app.count("note_mentions").await, 1, "named once");
    let seen = common::read_until(&mut bob_events, |e| {
        e.iter().any(|e| e["type"] == "ConversationNoteAdded" && e.get("alert").is_some())
    })
    .await;
    let alert = seen.iter().find(|e| e["type"] == "ConversationNoteAdded").unwrap()["alert"].clone();
    assert_eq!(alert["title"], "Alice mentioned you");
    assert_eq!(alert["body"], "Ann: @Bob please refund the second charge");

    // Bob's Mentions view and its count; Alice has none.
    let (s, v) = app.send_as(&bob_token, "GET", &format!("/v1/conversations?mentioned={bob}"), None).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"][0]["id"], id);
    assert_eq!(v["data"][0]["mentionedAgentIds"], json!([bob]));
    let (_, v) = app.send_as(&bob_token, "GET", &format!("/v1/conversations/count?mentioned={bob}"), None).await;
    assert_eq!(v["data"]["count"], 1);
    let (_, v) = app.get(&format!("/v1/conversations/count?mentioned={alice}")).await;
    assert_eq!(v["data"]["count"], 0);
    assert_error(&app.get("/v1/conversations?mentioned=bob").await, StatusCode::BAD_REQUEST, "mentioned");
}
