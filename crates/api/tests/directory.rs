//! API tests of auth, end users, agents, queues and tags, each with its bad inputs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::json;

#[tokio::test]
async fn every_v1_call_needs_a_valid_token_raw_or_bearer() {
    let app = App::new().await;
    assert_error(&app.send_as("", "GET", "/v1/me", None).await, StatusCode::UNAUTHORIZED, "token");
    assert_error(&app.send_as("wrong", "GET", "/v1/queues", None).await, StatusCode::UNAUTHORIZED, "token");
    assert_error(
        &app.send_as("Bearer wrong", "GET", "/v1/conversations", None).await,
        StatusCode::UNAUTHORIZED,
        "token",
    );
    assert_eq!(app.send_as(common::TOKEN, "GET", "/v1/me", None).await.0, StatusCode::OK);
    let (s, me) = app.send_as(&format!("Bearer {}", common::TOKEN), "GET", "/v1/me", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["data"]["userType"], "Admin");
    // The token is stored only as a hash.
    let mut tx = app.service.store().read().await.unwrap();
    let n = switchboard_service::store::count_rows(&mut tx, "api_tokens").await.unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn end_users_create_get_list_patch() {
    let app = App::new().await;
    let (s, v) = app
        .post("/v1/endusers", json!({"displayName": "Ann Lee", "firstName": "Ann", "lastName": "Lee", "email": "ann@example.com", "phoneNumber": "+4512345678", "externalId": "crm-1"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let id = v["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(v["data"]["externalId"], "crm-1");
    let (_, got) = app.get(&format!("/v1/endusers/{id}")).await;
    assert_eq!(got["data"]["email"], "ann@example.com");
    app.end_user("Bob").await;
    let (_, list) = app.get("/v1/endusers?email=ANN@example.com").await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    let (_, list) = app.get("/v1/endusers?externalId=crm-1").await;
    assert_eq!(list["data"][0]["id"], id.as_str());
    let (s, patched) =
        app.patch(&format!("/v1/endusers/{id}"), json!({"displayName": "Ann B. Lee", "phoneNumber": ""})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(patched["data"]["displayName"], "Ann B. Lee");
    assert!(patched["data"].get("phoneNumber").is_none());
    assert_eq!(patched["data"]["email"], "ann@example.com");
}

#[tokio::test]
async fn end_user_bad_inputs_change_nothing() {
    let app = App::new().await;
    let id = app.end_user("Ann").await;
    assert_error(
        &app.send("POST", "/v1/endusers", Some("{not json")).await,
        StatusCode::BAD_REQUEST,
        "Invalid value for: body",
    );
    assert_error(
        &app.post("/v1/endusers", json!({"displayName": 42})).await,
        StatusCode::BAD_REQUEST,
        "Invalid value for: body",
    );
    assert_error(
        &app.post("/v1/endusers", json!({"email": "not-an-email"})).await,
        StatusCode::BAD_REQUEST,
        "Invalid email",
    );
    assert_error(&app.get("/v1/endusers/not-a-uuid").await, StatusCode::BAD_REQUEST, "path parameter");
    assert_error(&app.get(&format!("/v1/endusers/{}", uuid::Uuid::nil())).await, StatusCode::NOT_FOUND, "not found");
    assert_error(
        &app.patch(&format!("/v1/endusers/{}", uuid::Uuid::nil()), json!({"displayName": "x"})).await,
        StatusCode::NOT_FOUND,
        "not found",
    );
    assert_error(
        &app.patch(&format!("/v1/endusers/{id}"), json!({"email": "broken"})).await,
        StatusCode::BAD_REQUEST,
        "Invalid email",
    );
    app.post("/v1/endusers", json!({"externalId": "x-1"})).await;
    assert_error(&app.post("/v1/endusers", json!({"externalId": "x-1"})).await, StatusCode::CONFLICT, "externalId");
    assert_eq!(app.count("end_users").await, 2);
    let (_, still) = app.get(&format!("/v1/endusers/{id}")).await;
    assert_eq!(still["data"]["email"], "ann@example.com");
}

#[tokio::test]
async fn end_users_page_with_meta_next() {
    let app = App::new().await;
    for n in 0..5 {
        app.end_user(&format!("User{n}")).await;
        app.advance(1).await;
    }
    let mut seen = Vec::new();
    let mut url = "/v1/endusers?pageLimit=2".to_owned();
    loop {
        let (s, page) = app.get(&url).await;
        assert_eq!(s, StatusCode::OK, "{page}");
        for u in page["data"].as_array().unwrap() {
            seen.push(u["displayName"].as_str().unwrap().to_owned());
        }
        match page["meta"]["next"].as_str() {
            Some(next) => url = next.trim_start_matches("http://switchboard.test").to_owned(),
            None => break,
        }
    }
    assert_eq!(seen, ["User0", "User1", "User2", "User3", "User4"]);
    assert_error(&app.get("/v1/endusers?pageLimit=0").await, StatusCode::BAD_REQUEST, "pageLimit");
    assert_error(&app.get("/v1/endusers?pageLimit=abc").await, StatusCode::BAD_REQUEST, "pageLimit");
    assert_error(&app.get("/v1/endusers?pageKey=%%%").await, StatusCode::BAD_REQUEST, "pageKey");
}

#[tokio::test]
async fn agents_roles_and_tokens() {
    let app = App::new().await;
    let (s, v) = app
        .post(
            "/v1/agents",
            json!({"displayName": "Dale Cooper", "email": "dc@example.com", "roles": ["Agent", "AnalyticsManager"]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(v["data"]["userType"], "Agent");
    assert_eq!(v["data"]["roles"], json!(["Agent", "AnalyticsManager"]));
    assert_eq!(v["data"]["enabled"], true);
    let (_, got) = app.get(&format!("/v1/agents/{id}")).await;
    assert_eq!(got["data"]["displayName"], "Dale Cooper");
    let (_, list) = app.get("/v1/agents").await;
    assert_eq!(list["data"].as_array().unwrap().len(), 2, "the admin and Dale");

    assert_error(
        &app.post("/v1/agents", json!({"displayName": "X", "roles": ["Agent", "Manager"]})).await,
        StatusCode::BAD_REQUEST,
        "both the Agent and the Manager role",
    );
    assert_error(
        &app.post("/v1/agents", json!({"displayName": "X", "roles": ["Boss"]})).await,
        StatusCode::BAD_REQUEST,
        "Invalid value for: body",
    );
    assert_error(
        &app.post("/v1/agents", json!({"displayName": "Y", "email": "DC@example.com"})).await,
        StatusCode::CONFLICT,
        "already exists",
    );
    assert_error(&app.post("/v1/agents", json!({"displayName": "  "})).await, StatusCode::BAD_REQUEST, "displayName");
    assert_error(
        &app.post("/v1/agents", json!({"email": "z@example.com"})).await,
        StatusCode::BAD_REQUEST,
        "displayName",
    );
    assert_error(&app.get(&format!("/v1/agents/{}", uuid::Uuid::nil())).await, StatusCode::NOT_FOUND, "not found");
    assert_eq!(app.count("users").await, 2);

    // An agent signs in with an issued token, and may not change the setup.
    let (s, t) = app.post(&format!("/v1/agents/{id}/tokens"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED);
    let agent_token = t["data"]["token"].as_str().unwrap().to_owned();
    let (s, me) = app.send_as(&agent_token, "GET", "/v1/me", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(me["data"]["id"], id.as_str());
    let forbidden = app.send_as(&agent_token, "POST", "/v1/queues", Some(r#"{"name":"Mine"}"#)).await;
    assert_error(&forbidden, StatusCode::FORBIDDEN, "admins and account managers");
    let forbidden = app.send_as(&agent_token, "POST", "/v1/agents", Some(r#"{"displayName":"Z"}"#)).await;
    assert_error(&forbidden, StatusCode::FORBIDDEN, "admins");

    // Changing roles and details; bad changes change nothing.
    let (s, p) =
        app.patch(&format!("/v1/agents/{id}"), json!({"displayName": "Dale B. Cooper", "roles": ["Manager"]})).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["data"]["roles"], json!(["Manager"]));
    assert_error(
        &app.patch(&format!("/v1/agents/{id}"), json!({"roles": ["Agent", "Manager"]})).await,
        StatusCode::BAD_REQUEST,
        "both",
    );
    assert_error(
        &app.patch(&format!("/v1/agents/{id}"), json!({"enabled": "no"})).await,
        StatusCode::BAD_REQUEST,
        "body",
    );
    assert_error(
        &app.patch(&format!("/v1/agents/{}", uuid::Uuid::nil()), json!({})).await,
        StatusCode::NOT_FOUND,
        "not found",
    );
    let (_, me) = app.get("/v1/me").await;
    let me = me["data"]["id"].as_str().unwrap().to_owned();
    assert_error(
        &app.patch(&format!("/v1/agents/{me}"), json!({"enabled": false})).await,
        StatusCode::CONFLICT,
        "yourself",
    );
    // An account manager may change the setup, but never an admin (nor lock the installation out).
    let (_, am) = app.post("/v1/agents", json!({"displayName": "Ada", "roles": ["AccountManager"]})).await;
    let (_, am_token) = app.post(&format!("/v1/agents/{}/tokens", am["data"]["id"].as_str().unwrap()), json!({})).await;
    let am_token = am_token["data"]["token"].as_str().unwrap().to_owned();
    let disable_admin =
        app.send_as(&am_token, "PATCH", &format!("/v1/agents/{me}"), Some(r#"{"enabled": false}"#)).await;
    assert_error(&disable_admin, StatusCode::FORBIDDEN, "Only an admin can change an admin");
    // A disabled agent can no longer sign in or take conversations.
    let (s, p) = app.patch(&format!("/v1/agents/{id}"), json!({"enabled": false})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(p["data"]["enabled"], false);
    assert_eq!(p["data"]["displayName"], "Dale B. Cooper");
    assert_error(&app.send_as(&agent_token, "GET", "/v1/me", None).await, StatusCode::UNAUTHORIZED, "token");
    let ann = app.end_user("Ann").await;
    let c = app.conversation(&ann, "Hi").await;
    assert_error(
        &app.put(&format!("/v1/conversations/{c}/claim"), json!({"agentId": id})).await,
        StatusCode::BAD_REQUEST,
        "disabled",
    );
}

#[tokio::test]
async fn queues_default_members_and_settings() {
    let app = App::new().await;
    let (_, list) = app.get("/v1/queues").await;
    let default = list["data"][0].clone();
    assert_eq!(default["isDefault"], true);
    assert_eq!(default["name"], "Default");
    let default_id = default["id"].as_str().unwrap().to_owned();

    let a = app.agent("Alice").await;
    let b = app.agent("Bob").await;
    // Every agent belongs to the Default queue.
    let (_, members) = app.get(&format!("/v1/queues/{default_id}/members")).await;
    let ids: Vec<&str> = members["data"].as_array().unwrap().iter().map(|m| m["agentId"].as_str().unwrap()).collect();
    assert!(ids.contains(&a.as_str()) && ids.contains(&b.as_str()));
    assert_error(
        &app.send("DELETE", &format!("/v1/queues/{default_id}/members"), Some(&json!({"agentIds": [a]}).to_string()))
            .await,
        StatusCode::CONFLICT,
        "Default queue",
    );

    // Created plain, wrapped in `request` as Dixa clients send it, or with no name at all.
    let (s, q) = app.post("/v1/queues", json!({"name": "Billing"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let q = q["data"]["id"].as_str().unwrap().to_owned();
    let (s, w) = app.post("/v1/queues", json!({"request": {"name": "VIP"}})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(w["data"]["name"], "VIP");
    let (_, unnamed) = app.post("/v1/queues", json!({})).await;
    assert!(unnamed["data"]["name"].as_str().unwrap().starts_with("Queue #"));
    assert_eq!(unnamed["data"]["autoAssignment"], true);

    let (s, m) = app.patch(&format!("/v1/queues/{q}/members"), json!({"agentIds": [a]})).await;
    assert_eq!(s, StatusCode::OK, "{m}");
    assert_eq!(m["data"].as_array().unwrap().len(), 1);
    // One unknown agent refuses the whole request.
    let bad = app.patch(&format!("/v1/queues/{q}/members"), json!({"agentIds": [b, uuid::Uuid::nil()]})).await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "not found");
    let (_, m) = app.get(&format!("/v1/queues/{q}/members")).await;
    assert_eq!(m["data"].as_array().unwrap().len(), 1, "Bob was not added");
    assert_error(
        &app.patch(&format!("/v1/queues/{q}/members"), json!({"agentIds": "x"})).await,
        StatusCode::BAD_REQUEST,
        "body",
    );
    assert_error(
        &app.patch(&format!("/v1/queues/{}/members", uuid::Uuid::nil()), json!({"agentIds": []})).await,
        StatusCode::NOT_FOUND,
        "Queue",
    );

    let (s, m) =
        app.send("DELETE", &format!("/v1/queues/{q}/members"), Some(&json!({"agentIds": [a]}).to_string())).await;
    assert_eq!(s, StatusCode::OK);
    assert!(m["data"].as_array().unwrap().is_empty());

    let (s, patched) = app
        .patch(&format!("/v1/queues/{q}"), json!({"name": "Payments", "notifications": {"newMessage": false}}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(patched["data"]["name"], "Payments");
    assert_eq!(
        patched["data"]["notifications"],
        json!({"newConversation": true, "newMessage": false, "desktop": true, "sound": true})
    );
    assert_error(&app.patch(&format!("/v1/queues/{q}"), json!({"name": ""})).await, StatusCode::BAD_REQUEST, "name");
    assert_error(&app.get("/v1/queues/123").await, StatusCode::BAD_REQUEST, "path parameter");
}

#[tokio::test]
async fn tags_create_list_and_states() {
    let app = App::new().await;
    let (s, t) = app.post("/v1/tags", json!({"name": "refund", "color": "#FF8800"})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(t["data"]["state"], "Active");
    let id = t["data"]["id"].as_str().unwrap().to_owned();
    assert_error(&app.post("/v1/tags", json!({"name": "Refund"})).await, StatusCode::CONFLICT, "already exists");
    assert_error(
        &app.post("/v1/tags", json!({"name": "x", "color": "orange"})).await,
        StatusCode::BAD_REQUEST,
        "color",
    );
    assert_error(&app.post("/v1/tags", json!({"color": "#fff"})).await, StatusCode::BAD_REQUEST, "body");
    let (s, _) = app.send("PATCH", &format!("/v1/tags/{id}/deactivate"), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, list) = app.get("/v1/tags").await;
    assert_eq!(list["data"][0]["state"], "Inactive");
    assert_eq!(app.count("tags").await, 1);
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let app = App::new().await;
    let huge = format!(r#"{{"displayName":"{}"}}"#, "x".repeat(switchboard_api::MAX_BODY_BYTES + 10));
    assert_error(&app.send("POST", "/v1/endusers", Some(&huge)).await, StatusCode::PAYLOAD_TOO_LARGE, "too large");
    assert_eq!(app.count("end_users").await, 0);
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_json() {
    let app = App::new().await;
    assert_error(&app.get("/v1/nothing-here").await, StatusCode::NOT_FOUND, "No endpoint");
    assert_error(&app.delete("/v1/me").await, StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
}

#[tokio::test]
async fn every_documented_v1_endpoint_refuses_a_missing_or_wrong_token() {
    let app = App::new().await;
    let (_, doc) = app.send_as("", "GET", "/openapi.json", None).await;
    let mut checked = 0;
    let mut public = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/v1/") {
            continue;
        }
        let uri = path
            .replace("{conversationId}", "1")
            .replace("{tagId}", &uuid::Uuid::nil().to_string())
            .replace("{queueId}", &uuid::Uuid::nil().to_string())
            .replace("{agentId}", &uuid::Uuid::nil().to_string())
            .replace("{userId}", &uuid::Uuid::nil().to_string())
            .replace("{ratingId}", &uuid::Uuid::nil().to_string())
            .replace("{attributeId}", &uuid::Uuid::nil().to_string())
            .replace("{contactEndpointId}", "+4512345678")
            .replace("{messageId}", &uuid::Uuid::nil().to_string())
            .replace("{teamId}", &uuid::Uuid::nil().to_string())
            .replace("{webhookId}", &uuid::Uuid::nil().to_string())
            .replace("{routeId}", &uuid::Uuid::nil().to_string())
            .replace("{statusId}", &uuid::Uuid::nil().to_string())
            .replace("{companyId}", &uuid::Uuid::nil().to_string())
            .replace("{periodId}", &uuid::Uuid::nil().to_string())
            .replace("{strategyId}", &uuid::Uuid::nil().to_string())
            .replace("{fileId}", &uuid::Uuid::nil().to_string())
            .replace("{policyId}", &uuid::Uuid::nil().to_string())
            .replace("{tokenId}", &uuid::Uuid::nil().to_string())
            .replace("{sessionId}", &uuid::Uuid::nil().to_string())
            .replace("{viewId}", &uuid::Uuid::nil().to_string())
            .replace("{linkToken}", "no-such-link");
        assert!(!uri.contains('{'), "unfilled parameter in {path}");
        for (method, op) in item.as_object().unwrap() {
            let method = method.to_uppercase();
            // Signing in and using a link are the only operations documented as needing no token.
            if op["security"] == serde_json::json!([{}]) {
                public.push(format!("{method} {path}"));
                continue;
            }
            for token in ["", "not-a-token", "Bearer not-a-token"] {
                let result = app.send_as(token, &method, &uri, Some("{}")).await;
                assert_error(&result, StatusCode::UNAUTHORIZED, "token");
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} endpoints checked");
    public.sort();
    assert_eq!(public, ["GET /v1/auth/links/{linkToken}", "POST /v1/auth/links/{linkToken}", "POST /v1/auth/sign-in"]);
}

/// Fills a documented path: `bad` names the parameter to spoil, the rest get harmless values.
fn fill(path: &str, bad: Option<&str>, conversation: &str) -> String {
    let mut out = path.to_owned();
    for (name, good) in [
        ("conversationId", conversation.to_owned()),
        ("tagId", uuid::Uuid::nil().to_string()),
        ("queueId", uuid::Uuid::nil().to_string()),
        ("agentId", uuid::Uuid::nil().to_string()),
        ("userId", uuid::Uuid::nil().to_string()),
        ("ratingId", uuid::Uuid::nil().to_string()),
        ("attributeId", uuid::Uuid::nil().to_string()),
        ("contactEndpointId", "+4512345678".to_owned()),
        ("messageId", uuid::Uuid::nil().to_string()),
        ("teamId", uuid::Uuid::nil().to_string()),
        ("webhookId", uuid::Uuid::nil().to_string()),
        ("routeId", uuid::Uuid::nil().to_string()),
        ("statusId", uuid::Uuid::nil().to_string()),
        ("companyId", uuid::Uuid::nil().to_string()),
        ("periodId", uuid::Uuid::nil().to_string()),
        ("strategyId", uuid::Uuid::nil().to_string()),
        ("fileId", uuid::Uuid::nil().to_string()),
        ("policyId", uuid::Uuid::nil().to_string()),
        ("viewId", uuid::Uuid::nil().to_string()),
    ] {
        let value = if bad == Some(name) { "not-valid".to_owned() } else { good };
        out = out.replace(&format!("{{{name}}}"), &value);
    }
    out
}

#[tokio::test]
async fn every_documented_endpoint_answers_bad_paths_bodies_and_unknown_conversations_with_4xx() {
    let app = App::new().await;
    let (_, doc) = app.send_as("", "GET", "/openapi.json", None).await;
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/v1/") {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            let method = method.to_uppercase();
            // A path parameter that doesn't parse is named in a 400.
            for param in [
                "conversationId",
                "tagId",
                "queueId",
                "agentId",
                "userId",
                "ratingId",
                "attributeId",
                "messageId",
                "statusId",
                "periodId",
                "strategyId",
                "fileId",
                "policyId",
                "viewId",
            ] {
                if path.contains(&format!("{{{param}}}")) {
                    let result = app.send(&method, &fill(path, Some(param), "1"), Some("{}")).await;
                    assert_error(&result, StatusCode::BAD_REQUEST, &format!("path parameter {param}"));
                    checked += 1;
                }
            }
            // A body that is not JSON is a 400 naming the body.
            // (Audio uploads take any bytes: their checks are the content type and the size.)
            if op.get("requestBody").is_some() && path != "/v1/events" && path != "/v1/audio-files" {
                let result = app.send(&method, &fill(path, None, "1"), Some("{oops")).await;
                assert_eq!(result.0, StatusCode::BAD_REQUEST, "{method} {path}: {}", result.1);
                assert!(
                    result.1["message"].as_str().unwrap().contains("Invalid value for: body"),
                    "{method} {path}: {}",
                    result.1
                );
                checked += 1;
            }
            // A conversation that doesn't exist is a 404 whatever else the request says.
            if path.contains("{conversationId}") {
                let body = if method == "GET" || method == "DELETE" { None } else { Some("{}") };
                let result = app.send(&method, &fill(path, None, "424242"), body).await;
                let expected =
                    if op.get("requestBody").is_some() && body == Some("{}") && result.0 == StatusCode::BAD_REQUEST {
                        // Bodies with required fields are refused before the lookup: still a 4xx with a message.
                        StatusCode::BAD_REQUEST
                    } else {
                        StatusCode::NOT_FOUND
                    };
                assert_eq!(result.0, expected, "{method} {path}: {}", result.1);
                assert!(result.1["message"].is_string(), "{method} {path}: {}", result.1);
                checked += 1;
            }
        }
    }
    assert!(checked >= 60, "only {checked} checks");
}

#[tokio::test]
async fn queue_names_are_unique_whatever_their_case() {
    let app = App::new().await;
    let billing = app.queue("Billing").await;
    let sales = app.queue("Sales").await;
    let before = app.count("queues").await;
    let taken = app.post("/v1/queues", json!({"name": "billing"})).await;
    assert_error(&taken, StatusCode::CONFLICT, "A queue named billing already exists");
    assert_eq!(app.count("queues").await, before, "nothing was made");
    // Renaming onto another queue's name is refused and changes nothing.
    let renamed = app.patch(&format!("/v1/queues/{sales}"), json!({"name": "BILLING"})).await;
    assert_error(&renamed, StatusCode::CONFLICT, "already exists");
    assert_eq!(app.get(&format!("/v1/queues/{sales}")).await.1["data"]["name"], "Sales");
    // A queue may change the case of its own name.
    let (s, v) = app.patch(&format!("/v1/queues/{billing}"), json!({"name": "BILLING"})).await;
    assert_eq!((s, v["data"]["name"].as_str()), (StatusCode::OK, Some("BILLING")), "{v}");
}
