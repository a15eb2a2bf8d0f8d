//! Scenario tests of agent statuses, capacity and automatic assignment through the API, with
//! the manual clock: who gets a new conversation, bulk assignment when an agent becomes
//! available, the Full Capacity switch, queue changes, the sticky agent and calls.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::{json, Value};

/// The id of a default status by name.
async fn status_id(app: &App, name: &str) -> String {
    let (_, v) = app.get("/v1/agent-statuses").await;
    v["data"].as_array().unwrap().iter().find(|s| s["name"] == name).unwrap()["id"].as_str().unwrap().to_owned()
}

async fn set_status(app: &App, agent: &str, name: &str) -> Value {
    let id = status_id(app, name).await;
    let (s, v) = app.put(&format!("/v1/agents/{agent}/status"), json!({ "statusId": id })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"].clone()
}

async fn capacity(app: &App, agent: &str, body: Value) {
    let (s, v) = app.patch(&format!("/v1/agents/{agent}/capacity"), body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

async fn join(app: &App, queue: &str, agents: &[&str]) {
    let (s, v) = app.patch(&format!("/v1/queues/{queue}/members"), json!({ "agentIds": agents })).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// Creates a conversation in a queue; `extra` adds fields (agentId, priority...).
async fn create(app: &App, requester: &str, queue: &str, channel: &str, extra: Value) -> i64 {
    let mut body = json!({
        "requesterId": requester, "queueId": queue, "_type": channel,
        "message": {"content": {"value": "Hello", "_type": "Text"}, "_type": "Inbound"}
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    let (s, v) = app.post("/v1/conversations", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["data"]["id"].as_i64().unwrap()
}

async fn agent_of(app: &App, id: i64) -> Option<String> {
    app.conversation_json(id).await["agentId"].as_str().map(str::to_owned)
}

async fn work(app: &App, agent: &str) -> Value {
    let (s, v) = app.get(&format!("/v1/agents/{agent}/status")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["data"].clone()
}

#[tokio::test]
async fn the_weighted_sum_method_picks_the_best_of_three_agents() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Sales").await;
    let (a1, a2, a3) = (app.agent("One").await, app.agent("Two").await, app.agent("Three").await);
    join(&app, &q, &[&a1, &a2, &a3]).await;
    // Workloads 20, 35 and 40: live chat 2/10 and live messaging 4/20; 1/5 and 5/10; 3/10 and 1/2.
    capacity(&app, &a1, json!({"liveChat": 10, "liveMessaging": 20})).await;
    capacity(&app, &a2, json!({"liveChat": 5, "liveMessaging": 10})).await;
    capacity(&app, &a3, json!({"liveChat": 10, "liveMessaging": 2})).await;
    let hold = |agent: String, chats: usize, messages: usize| {
        let (app, ann, q) = (&app, &ann, &q);
        async move {
            for _ in 0..chats {
                create(app, ann, q, "Chat", json!({"agentId": agent})).await;
            }
            for _ in 0..messages {
                create(app, ann, q, "WhatsApp", json!({"agentId": agent})).await;
            }
        }
    };
    // Last assignments 300, 200 and 10 seconds before the new conversation.
    hold(a3.clone(), 3, 1).await;
    app.advance(100).await;
    hold(a2.clone(), 1, 5).await;
    app.advance(190).await;
    hold(a1.clone(), 2, 4).await;
    app.advance(10).await;
    for a in [&a1, &a2, &a3] {
        set_status(&app, a, "Available").await;
    }
    assert_eq!(work(&app, &a3).await["occupancy"], json!({"email": 0, "liveMessaging": 1, "liveChat": 3, "calls": 0}));

    let mut events = app.service.events().subscribe();
    let c = create(&app, &ann, &q, "Chat", json!({})).await;
    // Scores 0.52, 0.63 and 0.75: agent three.
    assert_eq!(agent_of(&app, c).await.as_deref(), Some(a3.as_str()));
    let (_, log) = app.get(&format!("/v1/conversations/{c}/activitylog")).await;
    assert!(log.to_string().contains("ConversationAssigned"), "{log}");
    let mut kinds = Vec::new();
    while let Ok(e) = events.try_recv() {
        kinds.push(e.kind.as_str());
    }
    // Live chat 4/10 and live messaging 1/2 make 90 %: agent three is now at Full Capacity.
    assert_eq!(
        kinds,
        ["ConversationCreated", "ConversationMessageAdded", "ConversationAssigned", "AgentStatusChanged"]
    );
    assert_eq!(work(&app, &a3).await["shownStatus"]["name"], "Full Capacity");
}

#[tokio::test]
async fn an_agent_coming_back_to_available_picks_up_the_queue_in_priority_order() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Support").await;
    let bo = app.agent("Bo").await;
    join(&app, &q, &[&bo]).await;
    capacity(&app, &bo, json!({"liveMessaging": 3})).await;
    let mut ids = Vec::new();
    for priority in ["Normal", "Urgent", "Low", "High", "Normal"] {
        ids.push(create(&app, &ann, &q, "WhatsApp", json!({ "priority": priority })).await);
        app.advance(60).await;
    }
    // Offline: nothing was assigned.
    for id in &ids {
        assert_eq!(agent_of(&app, *id).await, None);
    }
    let mut events = app.service.events().subscribe();
    let w = set_status(&app, &bo, "Available").await;
    // Urgent, High, then the older Normal: 3 of 3 is 100 %, Full Capacity.
    let mine: Vec<bool> = {
        let mut v = Vec::new();
        for id in &ids {
            v.push(agent_of(&app, *id).await.as_deref() == Some(bo.as_str()));
        }
        v
    };
    assert_eq!(mine, [true, true, false, true, false]);
    assert_eq!(w["fullCapacity"], true, "{w}");
    assert_eq!(w["status"]["name"], "Available");
    assert_eq!(w["shownStatus"]["name"], "Full Capacity");
    let mut saw_full = false;
    while let Ok(e) = events.try_recv() {
        if let Some(s) = &e.status {
            saw_full |= s.full_capacity && s.shown_name == "Full Capacity";
        }
    }
    assert!(saw_full, "an AgentStatusChanged event says Full Capacity");

    // Closing one drops occupancy: the next in order (the newer Normal) comes, not the Low one.
    let (s, _) = app.put(&format!("/v1/conversations/{}/close", ids[1]), json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(agent_of(&app, ids[4]).await.as_deref(), Some(bo.as_str()));
    assert_eq!(agent_of(&app, ids[2]).await, None);

    // The status log has Available then Full Capacity, with times.
    let (s, log) = app.get("/v1/agents/status-log?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z").await;
    assert_eq!(s, StatusCode::OK, "{log}");
    let mine: Vec<&Value> = log["data"].as_array().unwrap().iter().filter(|e| e["agentId"] == bo.as_str()).collect();
    let full = status_id(&app, "Full Capacity").await;
    let available = status_id(&app, "Available").await;
    let ids_logged: Vec<&str> = mine.iter().map(|e| e["statusId"].as_str().unwrap()).collect();
    assert!(ids_logged.windows(2).any(|w| w == [available.as_str(), full.as_str()]), "{ids_logged:?}");
}

#[tokio::test]
async fn only_available_members_with_room_get_new_conversations_and_never_twice() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Billing").await;
    let (al, bea, cy) = (app.agent("Al").await, app.agent("Bea").await, app.agent("Cy").await);
    join(&app, &q, &[&al, &bea]).await;
    set_status(&app, &cy, "Available").await; // Not a member of Billing.
    set_status(&app, &al, "Busy").await;
    set_status(&app, &bea, "Away").await;
    let c = create(&app, &ann, &q, "Email", json!({})).await;
    assert_eq!(agent_of(&app, c).await, None, "Busy and Away get no new conversations");

    // Bea comes back: she takes the waiting one.
    set_status(&app, &bea, "Available").await;
    assert_eq!(agent_of(&app, c).await.as_deref(), Some(bea.as_str()));
    // Unassigned: offered again, never to Bea; Al is Busy, so it waits.
    app.patch(&format!("/v1/conversations/{c}"), json!({"agentId": null})).await;
    assert_eq!(agent_of(&app, c).await, None);
    set_status(&app, &al, "Available").await;
    assert_eq!(agent_of(&app, c).await.as_deref(), Some(al.as_str()));
    // Al hands it back: Bea and Al both had it, so nobody gets it automatically.
    app.patch(&format!("/v1/conversations/{c}"), json!({"agentId": null})).await;
    assert_eq!(agent_of(&app, c).await, None);

    // A queue with automatic assignment off keeps its conversations waiting.
    app.patch(&format!("/v1/queues/{q}"), json!({"autoAssignment": false})).await;
    let d = create(&app, &ann, &q, "Email", json!({})).await;
    assert_eq!(agent_of(&app, d).await, None);
    // Turning it on hands out what waits.
    app.patch(&format!("/v1/queues/{q}"), json!({"autoAssignment": true})).await;
    assert!(agent_of(&app, d).await.is_some());

    // No room in the channel group: capacity 0 for email.
    capacity(&app, &al, json!({"email": 0})).await;
    capacity(&app, &bea, json!({"email": 0})).await;
    let e = create(&app, &ann, &q, "Email", json!({})).await;
    assert_eq!(agent_of(&app, e).await, None);
}

#[tokio::test]
async fn statuses_that_do_not_count_are_not_assigned_and_free_the_agent() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Returns").await;
    let di = app.agent("Di").await;
    join(&app, &q, &[&di]).await;
    capacity(&app, &di, json!({"liveMessaging": 1})).await;
    set_status(&app, &di, "Available").await;
    let (_, settings) = app.get("/v1/settings/capacity").await;
    assert_eq!(settings["data"]["countedStatuses"], json!({"waiting": true, "solved": false}));
    assert_eq!(settings["data"]["defaults"], json!({"email": 5, "liveMessaging": 5, "liveChat": 5}));

    let a = create(&app, &ann, &q, "Sms", json!({})).await;
    let b = create(&app, &ann, &q, "Sms", json!({})).await;
    assert_eq!(agent_of(&app, a).await.as_deref(), Some(di.as_str()));
    assert_eq!(agent_of(&app, b).await, None, "1 of 1: no room");
    // Solved doesn't count: moving `a` to Solved frees Di, who takes `b`.
    app.patch(&format!("/v1/conversations/{a}"), json!({"status": "Solved"})).await;
    assert_eq!(agent_of(&app, b).await.as_deref(), Some(di.as_str()));

    // Waiting excluded: a Waiting conversation is not auto-assigned, and frees its agent.
    let (s, v) =
        app.patch("/v1/settings/capacity", json!({"countedStatuses": {"waiting": false, "solved": false}})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // (Without a message: a customer's message would make it Open.)
    let (_, v) = app
        .post("/v1/conversations", json!({"requesterId": ann, "queueId": q, "_type": "Sms", "status": "Waiting"}))
        .await;
    let w = v["data"]["id"].as_i64().unwrap();
    app.patch(&format!("/v1/conversations/{b}"), json!({"status": "Waiting"})).await;
    assert_eq!(agent_of(&app, w).await, None, "a Waiting conversation is not assigned while Waiting doesn't count");
    let (s, v) = app.post("/v1/settings/capacity/reset", json!({})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["data"]["countedStatuses"], json!({"waiting": true, "solved": false}));

    assert_error(
        &app.patch("/v1/settings/capacity", json!({"defaults": {"email": 5000}})).await,
        StatusCode::BAD_REQUEST,
        "capacity.email must be between 0 and 1000",
    );
    assert_error(
        &app.patch(&format!("/v1/agents/{di}/capacity"), json!({"liveChat": -1})).await,
        StatusCode::BAD_REQUEST,
        "liveChat",
    );
    // The agent's own capacity can go back to the default.
    capacity(&app, &di, json!({"liveMessaging": null})).await;
    let w = work(&app, &di).await;
    assert_eq!(w["capacity"]["liveMessaging"], 5);
    assert!(w["ownCapacity"].get("liveMessaging").is_none(), "{w}");
}

#[tokio::test]
async fn the_guides_full_capacity_example() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Mixed").await;
    let ed = app.agent("Ed").await;
    join(&app, &q, &[&ed]).await;
    capacity(&app, &ed, json!({"liveMessaging": 6, "liveChat": 5, "email": 10})).await;
    set_status(&app, &ed, "Busy").await;
    set_status(&app, &ed, "Available").await;
    // Live Messaging 2/6 + Live Chat 1/5 + Email 3/10 = 83 %: under capacity.
    for (channel, n) in [("WhatsApp", 2), ("Chat", 1), ("Email", 3)] {
        for _ in 0..n {
            create(&app, &ann, &q, channel, json!({"agentId": ed})).await;
        }
    }
    let w = work(&app, &ed).await;
    assert_eq!(w["fullCapacity"], false, "{w}");
    assert_eq!(w["shownStatus"]["name"], "Available");
    // One more email: 93 %, Full Capacity.
    let last = create(&app, &ann, &q, "Email", json!({"agentId": ed})).await;
    let w = work(&app, &ed).await;
    assert_eq!(w["fullCapacity"], true, "{w}");
    assert_eq!(w["shownStatus"]["name"], "Full Capacity");
    assert_eq!(w["shownStatus"]["group"], "Busy");
    // While full, Ed gets no new conversations even with room left in live chat.
    let chat = create(&app, &ann, &q, "Chat", json!({})).await;
    assert_eq!(agent_of(&app, chat).await, None);
    // Back under: closing the email switches Ed back, and the waiting chat comes to him.
    app.put(&format!("/v1/conversations/{last}/close"), json!({})).await;
    assert_eq!(agent_of(&app, chat).await.as_deref(), Some(ed.as_str()));
    let w = work(&app, &ed).await;
    assert_eq!(w["fullCapacity"], true, "83 % + 20 % chat = 103 %: full again with the chat, {w}");
}

#[tokio::test]
async fn a_queue_change_keeps_members_and_reassigns_otherwise() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (q1, q2, q3) = (app.queue("First").await, app.queue("Second").await, app.queue("Third").await);
    let (fay, gus) = (app.agent("Fay").await, app.agent("Gus").await);
    join(&app, &q1, &[&fay]).await;
    join(&app, &q2, &[&fay]).await;
    join(&app, &q3, &[&gus]).await;
    set_status(&app, &fay, "Available").await;
    set_status(&app, &gus, "Available").await;
    let c = create(&app, &ann, &q1, "Chat", json!({})).await;
    assert_eq!(agent_of(&app, c).await.as_deref(), Some(fay.as_str()));
    app.put(&format!("/v1/conversations/{c}/transfer/queue"), json!({"queueId": q2})).await;
    assert_eq!(agent_of(&app, c).await.as_deref(), Some(fay.as_str()), "Fay is a member of Second");
    app.put(&format!("/v1/conversations/{c}/transfer/queue"), json!({"queueId": q3})).await;
    assert_eq!(agent_of(&app, c).await.as_deref(), Some(gus.as_str()), "Third's agent takes it");
    let (_, log) = app.get(&format!("/v1/conversations/{c}/activitylog")).await;
    let kinds: Vec<&str> = log["data"].as_array().unwrap().iter().filter_map(|e| e["activityType"].as_str()).collect();
    assert!(
        kinds.windows(2).any(|w| w == ["ConversationUnassignedActivityType", "ConversationAssignedActivityType"]),
        "unassigned then assigned again: {kinds:?}"
    );
}

#[tokio::test]
async fn the_sticky_agent_gets_the_returning_customer_within_the_window() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Loyal").await;
    let (hal, ivy) = (app.agent("Hal").await, app.agent("Ivy").await);
    join(&app, &q, &[&hal, &ivy]).await;
    let (s, v) = app
        .patch(&format!("/v1/queues/{q}"), json!({"assignmentMode": "LastInteracted", "stickyWindow": "Days30"}))
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["assignmentMode"], "LastInteracted");
    // Ann talked to Hal; then Ivy waited much longer than Hal.
    let old = create(&app, &ann, &q, "Chat", json!({"agentId": hal})).await;
    app.put(&format!("/v1/conversations/{old}/close"), json!({})).await;
    set_status(&app, &ivy, "Available").await;
    app.advance(10 * 86_400).await;
    set_status(&app, &hal, "Available").await;
    let c = create(&app, &ann, &q, "Chat", json!({})).await;
    assert_eq!(agent_of(&app, c).await.as_deref(), Some(hal.as_str()), "within 30 days: Hal");
    app.put(&format!("/v1/conversations/{c}/close"), json!({})).await;
    // Forty days later the window is over: the Weighted Sum Method decides (Ivy waited longer).
    app.advance(40 * 86_400).await;
    let d = create(&app, &ann, &q, "Chat", json!({})).await;
    assert_eq!(agent_of(&app, d).await.as_deref(), Some(ivy.as_str()));
    // Any other customer: the Weighted Sum Method.
    assert_error(
        &app.patch(&format!("/v1/queues/{q}"), json!({"stickyWindow": "Fortnight"})).await,
        StatusCode::BAD_REQUEST,
        "Fortnight",
    );
}

#[tokio::test]
async fn a_call_needs_an_agent_without_a_call_in_progress() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Phones").await;
    let (jo, kim) = (app.agent("Jo").await, app.agent("Kim").await);
    join(&app, &q, &[&jo, &kim]).await;
    set_status(&app, &jo, "Available").await;
    app.advance(60).await;
    set_status(&app, &kim, "Available").await;
    let call = create(&app, &ann, &q, "PstnPhone", json!({})).await;
    assert_eq!(agent_of(&app, call).await.as_deref(), Some(jo.as_str()), "Jo waited longer");
    assert_eq!(work(&app, &jo).await["occupancy"]["calls"], 1);
    // A second call goes to Kim: Jo is on a call. A chat may still go to Jo.
    let second = create(&app, &ann, &q, "PstnPhone", json!({})).await;
    assert_eq!(agent_of(&app, second).await.as_deref(), Some(kim.as_str()));
    let third = create(&app, &ann, &q, "PstnPhone", json!({})).await;
    assert_eq!(agent_of(&app, third).await, None, "both on calls");
    // The call ends (no longer Open): it no longer occupies Jo, who takes the waiting call.
    app.patch(&format!("/v1/conversations/{call}"), json!({"status": "Solved"})).await;
    assert_eq!(agent_of(&app, third).await.as_deref(), Some(jo.as_str()));
}

#[tokio::test]
async fn statuses_default_and_custom() {
    let app = App::new().await;
    let (_, v) = app.get("/v1/agent-statuses").await;
    let names: Vec<(&str, &str)> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["group"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("Available", "Available"),
            ("Busy", "Busy"),
            ("Away", "Away"),
            ("Offline", "Unavailable"),
            ("Full Capacity", "Busy")
        ]
    );
    let (s, lunch) = app.post("/v1/agent-statuses", json!({"name": "Lunch", "group": "Away"})).await;
    assert_eq!(s, StatusCode::CREATED, "{lunch}");
    let lunch = lunch["data"]["id"].as_str().unwrap().to_owned();
    assert_error(
        &app.post("/v1/agent-statuses", json!({"name": "lunch", "group": "Busy"})).await,
        StatusCode::CONFLICT,
        "already exists",
    );
    assert_error(
        &app.post("/v1/agent-statuses", json!({"name": "Nap", "group": "Sleeping"})).await,
        StatusCode::BAD_REQUEST,
        "Sleeping",
    );
    let full = status_id(&app, "Full Capacity").await;
    let busy = status_id(&app, "Busy").await;
    assert_error(
        &app.patch(&format!("/v1/agent-statuses/{busy}"), json!({"name": "Occupied"})).await,
        StatusCode::CONFLICT,
        "Default statuses",
    );

    // An agent sets their own status; not someone else's.
    let (_, a) = app.post("/v1/agents", json!({"displayName": "Liv", "roles": ["Agent"]})).await;
    let liv = a["data"]["id"].as_str().unwrap().to_owned();
    let (_, t) = app.post(&format!("/v1/agents/{liv}/tokens"), json!({})).await;
    let token = t["data"]["token"].as_str().unwrap().to_owned();
    let mo = app.agent("Mo").await;
    let body = json!({ "statusId": lunch }).to_string();
    let (s, v) = app.send_as(&token, "PUT", &format!("/v1/agents/{liv}/status"), Some(&body)).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["status"]["name"], "Lunch");
    assert_error(
        &app.send_as(&token, "PUT", &format!("/v1/agents/{mo}/status"), Some(&body)).await,
        StatusCode::FORBIDDEN,
        "agent's status",
    );
    assert_error(
        &app.put(&format!("/v1/agents/{liv}/status"), json!({"statusId": full})).await,
        StatusCode::CONFLICT,
        "automatically",
    );
    let nil = uuid::Uuid::nil();
    assert_error(
        &app.put(&format!("/v1/agents/{liv}/status"), json!({"statusId": nil})).await,
        StatusCode::BAD_REQUEST,
        "does not exist",
    );

    // Moving Lunch into the Available group: Liv becomes available with it.
    let (s, v) = app.patch(&format!("/v1/agent-statuses/{lunch}"), json!({"group": "Available"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(work(&app, &liv).await["status"]["group"], "Available");
    // Deleting it puts Liv in the Available default status; the deleted one can't be chosen.
    assert_eq!(app.delete(&format!("/v1/agent-statuses/{lunch}")).await.0, StatusCode::NO_CONTENT);
    assert_eq!(work(&app, &liv).await["status"]["name"], "Available");
    assert_error(
        &app.put(&format!("/v1/agents/{liv}/status"), json!({"statusId": lunch})).await,
        StatusCode::CONFLICT,
        "deleted",
    );
    let (_, v) = app.get("/v1/agent-statuses?includeDeleted=true").await;
    assert!(v["data"].as_array().unwrap().iter().any(|s| s["id"] == lunch.as_str() && s["deleted"] == true));
    assert_error(&app.get("/v1/agent-statuses?includeDeleted=maybe").await, StatusCode::BAD_REQUEST, "includeDeleted");

    // Nobody can hand an Offline agent a conversation; Busy and Away agents take transfers.
    let (_, off) = app.post("/v1/agents", json!({"displayName": "Pia"})).await;
    let pia = off["data"]["id"].as_str().unwrap().to_owned();
    let ann = app.end_user("Ann").await;
    let q = app.queue("Transfers").await;
    let body = json!({"requesterId": ann, "queueId": q, "_type": "Email", "agentId": pia});
    assert_error(&app.post("/v1/conversations", body.clone()).await, StatusCode::CONFLICT, "Unavailable");
    let c = create(&app, &ann, &q, "Email", json!({})).await;
    assert_error(
        &app.put(&format!("/v1/conversations/{c}/claim"), json!({"agentId": pia})).await,
        StatusCode::CONFLICT,
        "Unavailable",
    );
    set_status(&app, &pia, "Away").await;
    assert_eq!(
        app.put(&format!("/v1/conversations/{c}/claim"), json!({"agentId": pia})).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.post("/v1/conversations", body).await.0, StatusCode::CREATED);

    // The live board lists every enabled agent.
    let (_, board) = app.get("/v1/agents/status").await;
    assert!(board["data"].as_array().unwrap().len() >= 3);
}

#[tokio::test]
async fn queues_are_deleted_only_without_active_conversations() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let q = app.queue("Temporary").await;
    let c = create(&app, &ann, &q, "Email", json!({})).await;
    assert_error(&app.delete(&format!("/v1/queues/{q}")).await, StatusCode::CONFLICT, "active conversation");
    let (_, route) = app.post("/v1/routes", json!({"name": "To temp", "queueId": q, "conditions": []})).await;
    app.put(&format!("/v1/conversations/{c}/close"), json!({})).await;
    assert_error(&app.delete(&format!("/v1/queues/{q}")).await, StatusCode::CONFLICT, "To temp");
    app.delete(&format!("/v1/routes/{}", route["data"]["id"].as_str().unwrap())).await;
    assert_eq!(app.delete(&format!("/v1/queues/{q}")).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/v1/queues/{q}")).await.0, StatusCode::NOT_FOUND);
    // The closed conversation keeps its history.
    assert_eq!(app.conversation_json(c).await["queueId"], q.as_str());
    let default = app.get("/v1/queues").await.1["data"][0]["id"].as_str().unwrap().to_owned();
    assert_error(&app.delete(&format!("/v1/queues/{default}")).await, StatusCode::CONFLICT, "Default queue");
    // Unnamed queues are numbered.
    let (_, v) = app.post("/v1/queues", json!({})).await;
    assert!(v["data"]["name"].as_str().unwrap().starts_with("Queue #"), "{v}");
}

#[tokio::test]
async fn sender_queues_route_by_the_address_written_to() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let sales = app.queue("Sales").await;
    let target = app.queue("Sales mail").await;
    let (s, v) = app
        .put(
            &format!("/v1/queues/{sales}/senders"),
            json!({"senders": ["sales@shop.test", "offers@shop.test"], "defaultSender": "offers@shop.test"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["defaultSender"], "offers@shop.test");
    assert_error(
        &app.put(
            &format!("/v1/queues/{sales}/senders"),
            json!({"senders": ["a@shop.test"], "defaultSender": "b@shop.test"}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "not among the senders",
    );
    app.post(
        "/v1/routes",
        json!({"name": "Sales senders", "queueId": target,
               "conditions": [[{"attribute": "senderQueues", "operator": "in list", "value": [sales]}]]}),
    )
    .await;
    let email = |to: &str| {
        json!({"requesterId": ann, "_type": "Email", "emailIntegrationId": to, "subject": "Hi",
               "message": {"content": {"value": "Hello", "_type": "Text"}, "_type": "Inbound"}})
    };
    let queue_of = |to: &'static str| {
        let (app, email) = (&app, &email);
        async move {
            let (s, v) = app.post("/v1/conversations", email(to)).await;
            assert_eq!(s, StatusCode::CREATED, "{v}");
            app.conversation_json(v["data"]["id"].as_i64().unwrap()).await["queueId"].as_str().unwrap().to_owned()
        }
    };
    // The switch is off: the condition matches nothing.
    assert_ne!(queue_of("sales@shop.test").await, target);
    let (s, _) = app.put("/v1/settings/senders", json!({"perQueue": true})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(queue_of("SALES@shop.test").await, target);
    assert_ne!(queue_of("other@shop.test").await, target);
}

#[tokio::test]
async fn an_agent_whose_window_stays_closed_is_signed_out() {
    let app = App::new().await;
    let (nia, oz) = (app.agent("Nia").await, app.agent("Oz").await);
    set_status(&app, &nia, "Available").await;
    set_status(&app, &oz, "Away").await;
    let nia_id = uuid::Uuid::parse_str(&nia).unwrap();
    let oz_id = uuid::Uuid::parse_str(&oz).unwrap();
    // Both windows close; Oz opens one again within the five minutes.
    app.service.agent_disconnected(nia_id).await.unwrap();
    app.service.agent_disconnected(oz_id).await.unwrap();
    app.advance(4 * 60).await;
    let _back = app.service.presence().connect(oz_id, app.service.clock().now());
    assert_eq!(work(&app, &nia).await["status"]["name"], "Available", "still within five minutes");
    app.advance(61).await;
    assert_eq!(work(&app, &nia).await["status"]["name"], "Offline");
    assert_eq!(work(&app, &oz).await["status"]["name"], "Away", "Oz came back");
    let (_, log) = app
        .get(&format!("/v1/agents/status-log?agentId={nia}&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z"))
        .await;
    let last = log["data"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["group"], "Unavailable", "{log}");
    assert_eq!(last["startedAt"], "2026-01-05T09:05:00.000Z");
}

#[tokio::test]
async fn merging_joins_the_timelines_closes_the_merged_one_and_frees_its_agent() {
    let app = App::new().await;
    let (ann, cy) = (app.end_user("Ann").await, app.end_user("Cy").await);
    let q = app.queue("Support").await;
    let bo = app.agent("Bo").await;
    join(&app, &q, &[&bo]).await;
    capacity(&app, &bo, json!({"liveMessaging": 2})).await;
    set_status(&app, &bo, "Available").await;
    let first = create(&app, &ann, &q, "WhatsApp", json!({})).await;
    app.advance(60).await;
    let second = create(&app, &ann, &q, "WhatsApp", json!({})).await;
    app.advance(60).await;
    let waiting = create(&app, &cy, &q, "WhatsApp", json!({})).await;
    assert_eq!(agent_of(&app, first).await.as_deref(), Some(bo.as_str()));
    assert_eq!(agent_of(&app, second).await.as_deref(), Some(bo.as_str()));
    assert_eq!(agent_of(&app, waiting).await, None, "Bo is full");
    let (s, v) = app
        .post(
            &format!("/v1/conversations/{first}/messages"),
            json!({
        "content": {"value": "Later in the first", "_type": "Text"}, "_type": "Inbound"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");

    // Refusals change nothing.
    assert_error(
        &app.post(&format!("/v1/conversations/{second}/merge"), json!({"targetConversationId": second})).await,
        StatusCode::BAD_REQUEST,
        "itself",
    );
    assert_error(
        &app.post(&format!("/v1/conversations/{second}/merge"), json!({"targetConversationId": 999})).await,
        StatusCode::BAD_REQUEST,
        "Target conversation does not exist",
    );
    assert_error(
        &app.post(&format!("/v1/conversations/{second}/merge"), json!({"targetConversationId": waiting})).await,
        StatusCode::BAD_REQUEST,
        "same customer",
    );
    assert_error(
        &app.post("/v1/conversations/999/merge", json!({"targetConversationId": first})).await,
        StatusCode::NOT_FOUND,
        "999",
    );

    let (s, v) = app.post(&format!("/v1/conversations/{second}/merge"), json!({"targetConversationId": first})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["id"], first);
    let second_json = app.conversation_json(second).await;
    assert_eq!(second_json["state"], "Closed");
    // The first conversation's timeline has all three messages in the order they were written.
    let (_, msgs) = app.get(&format!("/v1/conversations/{first}/messages")).await;
    let texts: Vec<&str> =
        msgs["data"].as_array().unwrap().iter().map(|m| m["content"]["value"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Hello", "Hello", "Later in the first"]);
    let (_, none) = app.get(&format!("/v1/conversations/{second}/messages")).await;
    assert_eq!(none["data"], json!([]));
    // Bo's occupancy dropped with the close: the waiting conversation is his now.
    assert_eq!(agent_of(&app, waiting).await.as_deref(), Some(bo.as_str()));
    let (_, log) = app.get(&format!("/v1/conversations/{first}/activitylog")).await;
    assert!(log.to_string().contains("ConversationMerged"), "{log}");
    // Search finds the moved words under the conversation they moved to.
    let (_, found) = app.get("/v1/search/conversations?query=Later").await;
    assert_eq!(found["data"][0]["id"], first, "{found}");
    // A closed conversation can't be merged again.
    assert_error(
        &app.post(&format!("/v1/conversations/{second}/merge"), json!({"targetConversationId": first})).await,
        StatusCode::CONFLICT,
        "",
    );
}
