//! The roles matrix: every documented endpoint against every kind of caller, and the reach of
//! agents (their queues and their own conversations) in reads, lists, search and events.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{assert_error, App};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    Nothing,
    Conversations,
    ReadDirectory,
    ManageEndUsers,
    Configure,
    Reports,
    Anonymize,
}

/// What each endpoint requires, written out independently of the implementation.
fn need(method: &str, path: &str) -> Need {
    use Need::*;
    let writes = method != "GET";
    match path {
        "/v1/me" | "/v1/time" => Nothing,
        p if p.starts_with("/v1/webhooks") => Configure,
        "/v1/conversations/activitylog" | "/v1/agents/status-log" | "/v1/sla/breaches" => Reports,
        "/v1/conversations/flows" => ReadDirectory,
        // Agents set their own status (someone else's: 403 from the service, not the route).
        "/v1/agents/{agentId}/status" if writes => Conversations,
        p if p.ends_with("/anonymize") => Anonymize,
        p if p.starts_with("/v1/conversations")
            || p.starts_with("/v1/search")
            || p == "/v1/events"
            || (p.starts_with("/v1/endusers/") && p.ends_with("/conversations")) =>
        {
            Conversations
        }
        p if p.starts_with("/v1/endusers") || p.starts_with("/v1/companies") => {
            if writes {
                ManageEndUsers
            } else {
                ReadDirectory
            }
        }
        p if [
            "/v1/agents",
            "/v1/queues",
            "/v1/tags",
            "/v1/custom-attributes",
            "/v1/contact-endpoints",
            "/v1/teams",
            "/v1/routes",
            "/v1/agent-statuses",
            "/v1/settings",
            "/v1/working-hours",
            "/v1/waiting-strategies",
            "/v1/audio-files",
            "/v1/sla-policies",
        ]
        .iter()
        .any(|prefix| p.starts_with(prefix)) =>
        {
            if writes {
                Configure
            } else {
                ReadDirectory
            }
        }
        other => panic!("no expectation for {method} {other}: add it to the matrix"),
    }
}

/// Who may do what (the guide's roles): the callers of the matrix and their permissions.
fn allowed(caller: &str, need: Need) -> bool {
    use Need::*;
    matches!(
        (caller, need),
        (_, Nothing)
            | ("admin", _)
            | ("agent", Conversations | ReadDirectory | ManageEndUsers)
            | ("manager", Conversations | ReadDirectory | ManageEndUsers | Reports | Anonymize)
            | ("account manager", ReadDirectory | Configure | Anonymize)
            | ("analytics manager", ReadDirectory | Reports)
            | ("bot", Conversations | ReadDirectory | ManageEndUsers)
    )
}

async fn token_for(app: &App, body: serde_json::Value) -> String {
    let (s, v) = app.post("/v1/agents", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, t) = app.post(&format!("/v1/agents/{}/tokens", v["data"]["id"].as_str().unwrap()), json!({})).await;
    t["data"]["token"].as_str().unwrap().to_owned()
}

/// Status of a request without reading the body (the event stream never ends).
async fn status(app: &App, token: &str, method: &str, uri: &str) -> (StatusCode, String) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", token)
        .header("content-type", "application/json")
        .body(Body::from("{}"))
        .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let code = resp.status();
    if uri == "/v1/events" && code == StatusCode::OK {
        return (code, String::new());
    }
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (code, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn every_endpoint_against_every_role() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let conversation = app.conversation(&ann, "Hi").await;
    let callers = vec![
        ("admin", app.token.clone()),
        ("agent", token_for(&app, json!({"displayName": "Agent", "roles": ["Agent"]})).await),
        ("manager", token_for(&app, json!({"displayName": "Manager", "roles": ["Manager"]})).await),
        ("account manager", token_for(&app, json!({"displayName": "AM", "roles": ["AccountManager"]})).await),
        ("analytics manager", token_for(&app, json!({"displayName": "AN", "roles": ["AnalyticsManager"]})).await),
        ("no role", token_for(&app, json!({"displayName": "Nobody", "roles": []})).await),
        ("bot", token_for(&app, json!({"displayName": "Bot", "userType": "Bot"})).await),
    ];
    let (_, doc) = app.send_as("", "GET", "/openapi.json", None).await;
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/v1/") {
            continue;
        }
        let nil = uuid::Uuid::nil().to_string();
        let uri = path
            .replace("{conversationId}", &conversation.to_string())
            .replace("{contactEndpointId}", "+4512345678")
            .replace("{tagId}", &nil)
            .replace("{queueId}", &nil)
            .replace("{agentId}", &nil)
            .replace("{userId}", &nil)
            .replace("{ratingId}", &nil)
            .replace("{attributeId}", &nil)
            .replace("{messageId}", &nil)
            .replace("{teamId}", &nil)
            .replace("{webhookId}", &nil)
            .replace("{routeId}", &nil)
            .replace("{statusId}", &nil)
            .replace("{companyId}", &nil)
            .replace("{periodId}", &nil)
            .replace("{strategyId}", &nil)
            .replace("{fileId}", &nil)
            .replace("{policyId}", &nil);
        for method in item.as_object().unwrap().keys() {
            let method = method.to_uppercase();
            let need = need(&method, path);
            for (who, token) in &callers {
                let (code, body) = status(&app, token, &method, &uri).await;
                if allowed(who, need) {
                    assert_ne!(code, StatusCode::FORBIDDEN, "{who} should reach {method} {path} ({need:?}): {body}");
                } else {
                    assert_eq!(code, StatusCode::FORBIDDEN, "{who} must not reach {method} {path} ({need:?}): {body}");
                    assert!(body.contains("\"message\""), "{body}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} cells");
}

#[tokio::test]
async fn agents_reach_their_queues_and_their_own_conversations_only() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (_, agent) = app.post("/v1/agents", json!({"displayName": "Alice", "roles": ["Agent"]})).await;
    let alice = agent["data"]["id"].as_str().unwrap().to_owned();
    let (_, t) = app.post(&format!("/v1/agents/{alice}/tokens"), json!({})).await;
    let token = t["data"]["token"].as_str().unwrap().to_owned();
    let vip = app.queue("VIP").await;
    let billing = app.queue("Billing").await;
    app.patch(&format!("/v1/queues/{billing}/members"), json!({"agentIds": [alice]})).await;
    let in_default = app.conversation(&ann, "default queue").await;
    let create = |queue: &str, text: &str| {
        json!({"requesterId": ann, "queueId": queue, "subject": text,
               "message": {"content": {"value": text, "_type": "Text"}, "_type": "Inbound"}})
    };
    let (_, v) = app.post("/v1/conversations", create(&vip, "vip refund")).await;
    let in_vip = v["data"]["id"].as_i64().unwrap();
    let (_, v) = app.post("/v1/conversations", create(&billing, "billing refund")).await;
    let in_billing = v["data"]["id"].as_i64().unwrap();

    let get = |id: i64| format!("/v1/conversations/{id}");
    assert_eq!(app.send_as(&token, "GET", &get(in_default), None).await.0, StatusCode::OK, "everyone is in Default");
    assert_eq!(app.send_as(&token, "GET", &get(in_billing), None).await.0, StatusCode::OK);
    assert_error(&app.send_as(&token, "GET", &get(in_vip), None).await, StatusCode::FORBIDDEN, "don't belong to");
    assert_error(
        &app.send_as(&token, "GET", &format!("{}/messages", get(in_vip)), None).await,
        StatusCode::FORBIDDEN,
        "belong",
    );
    let claim = format!(r#"{{"agentId": "{alice}"}}"#);
    assert_error(
        &app.send_as(&token, "PUT", &format!("{}/claim", get(in_vip)), Some(&claim)).await,
        StatusCode::FORBIDDEN,
        "belong",
    );

    let ids = |v: &serde_json::Value| {
        let mut ids: Vec<i64> = v["data"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&app.send_as(&token, "GET", "/v1/conversations", None).await.1), [in_default, in_billing]);
    assert_eq!(ids(&app.send_as(&token, "GET", "/v1/search/conversations?query=refund", None).await.1), [in_billing]);
    let mut all = ids(&app.get("/v1/search/conversations?query=refund").await.1);
    all.sort();
    assert_eq!(all, [in_vip, in_billing], "a manager-level caller finds both");

    // Assigned to her by a manager, the VIP conversation comes within her reach (once she is
    // signed in: an Unavailable agent receives nothing).
    assert_error(
        &app.put(&format!("{}/claim", get(in_vip)), json!({"agentId": alice})).await,
        StatusCode::CONFLICT,
        "Unavailable",
    );
    app.set_status(&alice, "Busy").await;
    app.put(&format!("{}/claim", get(in_vip)), json!({"agentId": alice})).await;
    assert_eq!(app.send_as(&token, "GET", &get(in_vip), None).await.0, StatusCode::OK);
    assert_eq!(ids(&app.send_as(&token, "GET", "/v1/conversations", None).await.1), [in_default, in_vip, in_billing]);
}

#[tokio::test]
async fn an_agents_event_stream_carries_only_what_they_reach() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (_, agent) = app.post("/v1/agents", json!({"displayName": "Alice", "roles": ["Agent"]})).await;
    let alice = agent["data"]["id"].as_str().unwrap().to_owned();
    let (_, t) = app.post(&format!("/v1/agents/{alice}/tokens"), json!({})).await;
    let token = t["data"]["token"].as_str().unwrap().to_owned();
    let vip = app.queue("VIP").await;
    let req = Request::builder().uri("/v1/events").header("authorization", &token).body(Body::empty()).unwrap();
    let mut body = app.router.clone().oneshot(req).await.unwrap().into_body();
    app.post("/v1/conversations", json!({"requesterId": ann, "queueId": vip})).await;
    let seen = app.conversation(&ann, "in Default").await;
    let mut text = String::new();
    while !text.contains("ConversationMessageAdded") {
        let frame =
            tokio::time::timeout(std::time::Duration::from_secs(10), body.frame()).await.unwrap().unwrap().unwrap();
        if let Ok(d) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&d));
        }
    }
    assert!(text.contains(&format!("\"conversationId\":{seen}")));
    assert!(!text.contains("\"conversationId\":1,"), "the VIP conversation stays out of her stream: {text}");
}
