//! The roles matrix: every documented endpoint against every kind of caller, and the reach of
//! agents (their queues and their own conversations) in reads, lists, search and events.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

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
    /// Only an admin (or the user themselves, which the matrix's nil id never is).
    Admin,
    /// Someone else's status (the matrix's nil id is nobody's own): those who work on
    /// conversations and manage them or change the setup.
    OthersStatus,
}

/// What each endpoint requires, written out independently of the implementation.
fn need(method: &str, path: &str) -> Need {
    use Need::*;
    let writes = method != "GET";
    match path {
        "/v1/me" | "/v1/time" => Nothing,
        // Signing in and using a link need no token; the caller's own sessions and password are theirs.
        p if p.starts_with("/v1/auth/") || p.starts_with("/v1/me/") => Nothing,
        p if p.starts_with("/v1/agents/{agentId}/tokens") => Admin,
        "/v1/agents/{agentId}/invite" | "/v1/agents/{agentId}/password-reset" => Configure,
        p if p.starts_with("/v1/webhooks") => Configure,
        // The SMTP setup holds credentials: reading it is changing the setup's business too.
        p if p.starts_with("/v1/settings/email") => Configure,
        "/v1/conversations/activitylog" | "/v1/agents/status-log" | "/v1/sla/breaches" => Reports,
        "/v1/conversations/flows" => ReadDirectory,
        // Catalogues are read, whatever the method (a preview changes nothing).
        p if p.starts_with("/v1/catalogues") => ReadDirectory,
        // Agents set their own status; someone else's only managers and the setup may.
        "/v1/agents/{agentId}/status" if writes => OthersStatus,
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
            | ("manager", Conversations | ReadDirectory | ManageEndUsers | Reports | Anonymize | OthersStatus)
            | ("account manager", ReadDirectory | Configure | Anonymize)
            | ("analytics manager", ReadDirectory | Reports)
            | ("bot", Conversations | ReadDirectory | ManageEndUsers)
    )
}

/// The smallest body a documented operation's schema accepts: required fields only, each with a
/// plain value of its type (so a refusal can only come from who is asking, or from the service's
/// own checks, which come after who is asking).
fn sample(doc: &serde_json::Value, schema: &serde_json::Value, depth: usize) -> serde_json::Value {
    use serde_json::Value;
    if depth > 12 {
        return Value::Null;
    }
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        return sample(doc, &doc["components"]["schemas"][name], depth + 1);
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        return e.iter().find(|v| !v.is_null()).cloned().unwrap_or(Value::Null);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(alts) = schema.get(key).and_then(Value::as_array) {
            let alt = alts.iter().find(|a| a.get("type") != Some(&json!("null"))).unwrap_or(&alts[0]);
            return sample(doc, alt, depth + 1);
        }
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        let mut out = serde_json::Map::new();
        for part in all {
            if let Value::Object(o) = sample(doc, part, depth + 1) {
                out.extend(o);
            }
        }
        return Value::Object(out);
    }
    let ty = match &schema["type"] {
        Value::String(t) => t.clone(),
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null").unwrap_or("null").to_owned(),
        _ if schema.get("properties").is_some() => "object".to_owned(),
        _ => "null".to_owned(),
    };
    match ty.as_str() {
        "object" => {
            let mut out = serde_json::Map::new();
            let required: Vec<&str> =
                schema["required"].as_array().map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            for name in required {
                out.insert(name.to_owned(), sample(doc, &schema["properties"][name], depth + 1));
            }
            Value::Object(out)
        }
        "array" => {
            let min = schema["minItems"].as_u64().unwrap_or(0);
            Value::Array((0..min).map(|_| sample(doc, &schema["items"], depth + 1)).collect())
        }
        "string" => match schema["format"].as_str() {
            Some("uuid") => json!(uuid::Uuid::nil()),
            Some("date-time") => json!("2026-01-05T09:00:00Z"),
            Some("date") => json!("2026-01-05"),
            _ => json!("x".repeat(schema["minLength"].as_u64().unwrap_or(1).max(1) as usize)),
        },
        "integer" | "number" => json!(schema["minimum"].as_i64().unwrap_or(1)),
        "boolean" => json!(false),
        _ => Value::Null,
    }
}

async fn token_for(app: &App, body: serde_json::Value) -> String {
    let (s, v) = app.post("/v1/agents", body).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (_, t) = app.post(&format!("/v1/agents/{}/tokens", v["data"]["id"].as_str().unwrap()), json!({})).await;
    t["data"]["token"].as_str().unwrap().to_owned()
}

/// Status of a request without reading the body (the event stream never ends).
async fn status(app: &App, token: &str, method: &str, uri: &str, body: &str) -> (StatusCode, String) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", token)
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
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
    let mut wrong = Vec::new();
    // Signing out ends the caller's token, so it goes last.
    let mut paths: Vec<_> = doc["paths"].as_object().unwrap().iter().collect();
    paths.sort_by_key(|(path, _)| *path == "/v1/auth/sign-out");
    for (path, item) in paths {
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
            .replace("{policyId}", &nil)
            .replace("{tokenId}", &nil)
            .replace("{sessionId}", &nil)
            .replace("{linkToken}", "no-such-link");
        for (method, op) in item.as_object().unwrap() {
            let method = method.to_uppercase();
            let need = need(&method, path);
            // A body the operation's schema accepts, so that only the caller decides the answer.
            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            let request = if schema.is_null() { "{}".to_owned() } else { sample(&doc, schema, 0).to_string() };
            // And the query parameters it requires.
            let query: Vec<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query" && p["required"] == true)
                .map(|p| {
                    let v = sample(&doc, &p["schema"], 0);
                    format!(
                        "{}={}",
                        p["name"].as_str().unwrap(),
                        v.as_str().map(str::to_owned).unwrap_or(v.to_string())
                    )
                })
                .collect();
            let uri = if query.is_empty() { uri.clone() } else { format!("{uri}?{}", query.join("&")) };
            for (who, token) in &callers {
                let (code, body) = status(&app, token, &method, &uri, &request).await;
                if allowed(who, need) && code == StatusCode::FORBIDDEN {
                    wrong.push(format!("{who} should reach {method} {path} ({need:?}): {body}"));
                } else if !allowed(who, need) && (code != StatusCode::FORBIDDEN || !body.contains("\"message\"")) {
                    wrong.push(format!("{who} must not reach {method} {path} ({need:?}): {code} {body}"));
                }
                checked += 1;
            }
        }
    }
    assert!(wrong.is_empty(), "{} wrong cells:\n{}", wrong.len(), wrong.join("\n"));
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

#[tokio::test]
async fn nobody_acts_as_or_raises_someone_above_themselves() {
    let app = App::new().await;
    let (_, me) = app.get("/v1/me").await;
    let admin = me["data"]["id"].as_str().unwrap().to_owned();
    let (s, v) = app.post("/v1/agents", json!({"displayName": "AM", "roles": ["AccountManager"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let am = v["data"]["id"].as_str().unwrap().to_owned();
    let (s, t) = app.post(&format!("/v1/agents/{am}/tokens"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "an admin issues anyone's token: {t}");
    let token = t["data"]["token"].as_str().unwrap().to_owned();
    let as_am = |method: &'static str, uri: String, body: serde_json::Value| {
        let token = token.clone();
        let app = &app;
        async move { app.send_as(&token, method, &uri, Some(&body.to_string())).await }
    };
    let tokens_before = app.count("api_tokens").await;

    // A token for the admin would let the account manager act as them.
    let r = as_am("POST", format!("/v1/agents/{admin}/tokens"), json!({})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "themselves or an admin");
    // Nor for anyone else: a token acts as its user.
    let agent = app.agent("Alice").await;
    let r = as_am("POST", format!("/v1/agents/{agent}/tokens"), json!({})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "themselves or an admin");
    assert_eq!(app.count("api_tokens").await, tokens_before, "no token was made");
    // Their own, yes.
    let (s, _) = as_am("POST", format!("/v1/agents/{am}/tokens"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED);

    // Roles: not their own, not the admin's, and nobody made an admin or above them.
    let r = as_am("PATCH", format!("/v1/agents/{am}"), json!({"roles": ["AccountManager", "Manager"]})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "rights you don't have");
    let r = as_am("PATCH", format!("/v1/agents/{am}"), json!({"roles": ["AccountManager", "AnalyticsManager"]})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "rights you don't have");
    let r = as_am("PUT", format!("/v1/agents/{am}"), json!({"displayName": "AM", "roles": ["Agent"]})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "your own roles");
    let r = as_am("PATCH", format!("/v1/agents/{admin}"), json!({"displayName": "Renamed"})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "admin");
    let r = as_am("PATCH", format!("/v1/agents/{admin}"), json!({"enabled": false})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "admin");
    let r = as_am("DELETE", format!("/v1/agents/{admin}"), json!({})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "admin");
    let r = as_am("POST", "/v1/agents".into(), json!({"displayName": "New admin", "userType": "Admin"})).await;
    assert_error(&r, StatusCode::FORBIDDEN, "admin");
    let r = as_am("POST", "/v1/agents".into(), json!({"displayName": "Boss", "roles": ["AccountManager", "Manager"]}))
        .await;
    assert_error(&r, StatusCode::FORBIDDEN, "rights you don't have");
    let (_, me) = app.send_as(&token, "GET", "/v1/me", None).await;
    assert_eq!(me["data"]["roles"], json!(["AccountManager"]), "their roles are unchanged");
    let (_, a) = app.get(&format!("/v1/agents/{admin}")).await;
    assert_eq!(a["data"]["displayName"], "Administrator");

    // What the role is for still works: setting up agents.
    let (s, v) = as_am("POST", "/v1/agents".into(), json!({"displayName": "Bob", "roles": ["Agent"]})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let bob = v["data"]["id"].as_str().unwrap().to_owned();
    let (s, v) = as_am("PATCH", format!("/v1/agents/{bob}"), json!({"displayName": "Bobby"})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
}

/// An agent (Alice) who is a member of queue A only (and Default, as everyone), her token, and
/// queues A and B.
async fn agent_in_a(app: &App) -> (String, String, String, String) {
    let (_, agent) = app.post("/v1/agents", json!({"displayName": "Alice", "roles": ["Agent"]})).await;
    let alice = agent["data"]["id"].as_str().unwrap().to_owned();
    let (s, t) = app.post(&format!("/v1/agents/{alice}/tokens"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED);
    let token = t["data"]["token"].as_str().unwrap().to_owned();
    let a = app.queue("A").await;
    let b = app.queue("B").await;
    let (s, _) = app.patch(&format!("/v1/queues/{a}/members"), json!({"agentIds": [alice]})).await;
    assert_eq!(s, StatusCode::OK);
    (alice, token, a, b)
}

async fn create_in(app: &App, requester: &str, queue: &str, text: &str) -> (i64, i64) {
    let (s, v) = app
        .post(
            "/v1/conversations",
            json!({"requesterId": requester, "queueId": queue, "subject": text,
                   "message": {"content": {"value": text, "_type": "Text"}, "_type": "Inbound"}}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["data"]["id"].as_i64().unwrap();
    let c = app.conversation_json(id).await;
    (id, c["shortId"].as_i64().unwrap_or(id))
}

#[tokio::test]
async fn search_by_short_id_keeps_to_the_callers_reach_and_the_filters() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (_, token, a, b) = agent_in_a(&app).await;
    let (in_a, _) = create_in(&app, &ann, &a, "secret refund in A").await;
    let (in_b, short_b) = create_in(&app, &ann, &b, "secret refund in B").await;
    let (s, _) = app.post(&format!("/v1/conversations/{in_b}/notes"), json!({"message": "the vault code"})).await;
    assert!(s.is_success());
    assert_error(
        &app.send_as(&token, "GET", &format!("/v1/conversations/{in_b}"), None).await,
        StatusCode::FORBIDDEN,
        "belong",
    );
    let ids = |v: &serde_json::Value| -> Vec<i64> {
        v["data"].as_array().unwrap().iter().map(|h| h["id"].as_i64().unwrap()).collect()
    };
    for q in [format!("{short_b}"), format!("%23{short_b}")] {
        let (s, v) = app.send_as(&token, "GET", &format!("/v1/search/conversations?query={q}"), None).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert!(!ids(&v).contains(&in_b), "{q}: {v}");
        assert!(!v.to_string().contains("vault"), "{v}");
    }
    let post =
        |filters: serde_json::Value| json!({"query": {"value": format!("#{short_b}")}, "filters": filters}).to_string();
    for filters in [json!({}), json!({"queueId": a})] {
        let (s, v) = app.send_as(&token, "POST", "/v1/search/conversations", Some(&post(filters.clone()))).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        assert!(ids(&v).is_empty(), "{filters}: {v}");
    }
    // The filters hold for a caller who reaches everything too.
    let (_, v) = app.send("POST", "/v1/search/conversations", Some(&post(json!({"queueId": a})))).await;
    assert!(ids(&v).is_empty(), "queue A's filter leaves B's conversation out: {v}");
    let (_, v) = app.send("POST", "/v1/search/conversations", Some(&post(json!({"queueId": b})))).await;
    assert_eq!(ids(&v), [in_b]);
    // And the agent still finds what she reaches by its short id.
    let (_, c) = app.send_as(&token, "GET", &format!("/v1/conversations/{in_a}"), None).await;
    let short_a = c["data"]["shortId"].as_i64().unwrap_or(in_a);
    let (_, v) = app.send_as(&token, "GET", &format!("/v1/search/conversations?query=%23{short_a}"), None).await;
    assert_eq!(ids(&v).first(), Some(&in_a), "{v}");
}

#[tokio::test]
async fn linked_conversations_out_of_reach_stay_hidden() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (_, token, a, b) = agent_in_a(&app).await;
    let (parent, _) = create_in(&app, &ann, &a, "parent").await;
    let (s, v) =
        app.post(&format!("/v1/conversations/{parent}/linked"), json!({"queueId": b, "subject": "side in B"})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, v) =
        app.post(&format!("/v1/conversations/{parent}/linked"), json!({"queueId": a, "subject": "side in A"})).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let side_a = v["data"]["id"].as_i64().unwrap();
    let (_, all) = app.get(&format!("/v1/conversations/{parent}/linked")).await;
    assert_eq!(all["data"].as_array().unwrap().len(), 2, "a manager-level caller sees both");
    let (s, mine) = app.send_as(&token, "GET", &format!("/v1/conversations/{parent}/linked"), None).await;
    assert_eq!(s, StatusCode::OK);
    let ids: Vec<i64> = mine["data"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [side_a]);
    assert!(!mine.to_string().contains("side in B"), "{mine}");
}

#[tokio::test]
async fn an_open_stream_follows_a_change_of_membership() {
    let app = App::new().await;
    let ann = app.end_user("Ann").await;
    let (alice, token, a, _) = agent_in_a(&app).await;
    let req = Request::builder().uri("/v1/events").header("authorization", &token).body(Body::empty()).unwrap();
    let mut body = app.router.clone().oneshot(req).await.unwrap().into_body();
    let mut text = String::new();
    let (first, _) = create_in(&app, &ann, &a, "while a member").await;
    read_until(&mut body, &mut text, &format!("\"conversationId\":{first},")).await;
    let (s, _) =
        app.send("DELETE", &format!("/v1/queues/{a}/members"), Some(&json!({"agentIds": [alice]}).to_string())).await;
    assert_eq!(s, StatusCode::OK);
    let (after, _) = create_in(&app, &ann, &a, "after leaving").await;
    let sentinel = app.conversation(&ann, "in Default").await;
    let seen = read_until(&mut body, &mut text, &format!("\"conversationId\":{sentinel},")).await;
    assert!(!seen.contains(&format!("\"conversationId\":{after},")), "queue A's events stopped: {seen}");
}

/// Reads an event stream until `needle` appears; everything read so far.
async fn read_until(body: &mut Body, text: &mut String, needle: &str) -> String {
    while !text.contains(needle) {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(10), body.frame())
            .await
            .expect("the stream went quiet")
            .unwrap()
            .unwrap();
        if let Ok(d) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&d));
        }
    }
    text.clone()
}

#[tokio::test]
async fn me_tells_the_caller_what_they_may_do() {
    let app = App::new().await;
    let (_, me) = app.get("/v1/me").await;
    assert_eq!(
        me["data"]["permissions"],
        json!(["Conversations", "ReadDirectory", "ManageEndUsers", "Configure", "Reports", "Anonymize"])
    );
    assert_eq!(me["data"]["maySetOthersStatus"], true);
    let cases = [
        (
            json!({"displayName": "A", "roles": ["Agent"]}),
            json!(["Conversations", "ReadDirectory", "ManageEndUsers"]),
            true,
            false,
        ),
        (
            json!({"displayName": "M", "roles": ["Manager"]}),
            json!(["Conversations", "ReadDirectory", "ManageEndUsers", "Reports", "Anonymize"]),
            true,
            true,
        ),
        (
            json!({"displayName": "AM", "roles": ["AccountManager"]}),
            json!(["ReadDirectory", "Configure", "Anonymize"]),
            false,
            false,
        ),
        (
            json!({"displayName": "AN", "roles": ["AnalyticsManager"]}),
            json!(["ReadDirectory", "Reports"]),
            false,
            false,
        ),
        (
            json!({"displayName": "Bot", "userType": "Bot"}),
            json!(["Conversations", "ReadDirectory", "ManageEndUsers"]),
            false,
            false,
        ),
    ];
    for (body, permissions, own, others) in cases {
        let token = token_for(&app, body.clone()).await;
        let (s, me) = app.send_as(&token, "GET", "/v1/me", None).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(me["data"]["permissions"], permissions, "{body}");
        assert_eq!(me["data"]["maySetOwnStatus"], own, "{body}");
        assert_eq!(me["data"]["maySetOthersStatus"], others, "{body}");
        assert_eq!(me["data"]["displayName"], body["displayName"], "the record is there too");
    }
}
