//! Signing in with email and password: invite and reset links, sessions listed and revoked,
//! signing out, changing a password, throttled attempts, and named API tokens.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery";

/// Signs in without a token; returns the answer.
async fn sign_in(app: &App, email: &str, password: &str) -> (StatusCode, Value) {
    let body = json!({ "email": email, "password": password }).to_string();
    app.send_as("", "POST", "/v1/auth/sign-in", Some(&body)).await
}

/// An agent invited by the admin who set their password through the link; returns the agent's
/// id and the session token the link began.
async fn invited(app: &App, name: &str) -> (String, String) {
    let agent = app.agent(name).await;
    let (s, link) = app.post(&format!("/v1/agents/{agent}/invite"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{link}");
    let token = link["data"]["token"].as_str().unwrap().to_owned();
    let body = json!({ "password": PASSWORD }).to_string();
    let (s, v) = app.send_as("", "POST", &format!("/v1/auth/links/{token}"), Some(&body)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    (agent, v["data"]["token"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn an_invited_agent_sets_a_password_signs_in_and_signing_out_revokes() {
    let app = App::new().await;
    let bob = app.agent("Bob").await;
    let (s, link) = app.post(&format!("/v1/agents/{bob}/invite"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{link}");
    let secret = link["data"]["token"].as_str().unwrap().to_owned();
    assert_eq!(link["data"]["purpose"], "Invite");
    assert_eq!(link["data"]["path"], format!("/set-password?token={secret}"));
    assert_eq!(link["data"]["expiresAt"], "2026-01-12T09:00:00.000Z", "an invite lasts 7 days");

    // The link's page, without a token.
    let (s, info) = app.send_as("", "GET", &format!("/v1/auth/links/{secret}"), None).await;
    assert_eq!(s, StatusCode::OK, "{info}");
    assert_eq!(info["data"]["displayName"], "Bob");
    assert_eq!(info["data"]["email"], "bob@agents.test");

    // Bad passwords change nothing.
    let set = |password: &str| json!({ "password": password }).to_string();
    let uri = format!("/v1/auth/links/{secret}");
    assert_error(&app.send_as("", "POST", &uri, Some(&set("short"))).await, StatusCode::BAD_REQUEST, "at least 10");
    assert_error(
        &app.send_as("", "POST", &uri, Some(&set("BOB@agents.test"))).await,
        StatusCode::BAD_REQUEST,
        "not be the email",
    );
    assert_error(&app.send_as("", "POST", &uri, Some(&set(&"x".repeat(257)))).await, StatusCode::BAD_REQUEST, "256");
    assert_error(&sign_in(&app, "bob@agents.test", "short").await, StatusCode::UNAUTHORIZED, "not right");

    let (s, v) = app.send_as("", "POST", &uri, Some(&set(PASSWORD))).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let first = v["data"]["token"].as_str().unwrap().to_owned();
    assert_eq!(v["data"]["agent"]["displayName"], "Bob");
    assert_eq!(v["data"]["session"]["current"], true);
    // Once only.
    assert_error(&app.send_as("", "POST", &uri, Some(&set(PASSWORD))).await, StatusCode::GONE, "already used");
    assert_error(&app.send_as("", "GET", &uri, None).await, StatusCode::GONE, "already used");
    assert_error(&app.send_as("", "GET", "/v1/auth/links/sb_nothing", None).await, StatusCode::NOT_FOUND, "not valid");

    // Signing in is case-blind on the email and begins a second session.
    let (s, v) = sign_in(&app, " Bob@Agents.test ", PASSWORD).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let second = v["data"]["token"].as_str().unwrap().to_owned();
    let (s, me) = app.send_as(&second, "GET", "/v1/me", None).await;
    assert_eq!((s, me["data"]["id"].as_str().unwrap()), (StatusCode::OK, bob.as_str()));
    assert_eq!(me["data"]["hasPassword"], true);
    assert_eq!(app.get("/v1/me").await.1["data"]["hasPassword"], false, "the admin signs in with a token only");

    let (_, list) = app.send_as(&second, "GET", "/v1/me/sessions", None).await;
    let sessions = list["data"].as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{list}");
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);

    // Signing out ends this session only.
    let (s, _) = app.send_as(&second, "POST", "/v1/auth/sign-out", None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.send_as(&second, "GET", "/v1/me", None).await.0, StatusCode::UNAUTHORIZED);
    let (s, list) = app.send_as(&first, "GET", "/v1/me/sessions", None).await;
    assert_eq!((s, list["data"].as_array().unwrap().len()), (StatusCode::OK, 1), "{list}");

    // "Signing out" with an API token ends no session and leaves the token working: integrations
    // share it, and it is revoked by name.
    let (s, _) = app.post("/v1/auth/sign-out", json!({})).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/v1/me").await.0, StatusCode::OK);

    // Revoking a session from the list signs that browser out.
    let (_, v) = sign_in(&app, "bob@agents.test", PASSWORD).await;
    let third = v["data"]["token"].as_str().unwrap().to_owned();
    let third_id = v["data"]["session"]["id"].as_str().unwrap().to_owned();
    let (s, _) = app.send_as(&first, "DELETE", &format!("/v1/me/sessions/{third_id}"), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.send_as(&third, "GET", "/v1/me", None).await.0, StatusCode::UNAUTHORIZED);
    // Someone else's session is not found for another user.
    let (_, admin_sessions) = app.get("/v1/me/sessions").await;
    assert_eq!(admin_sessions["data"], json!([]), "the admin's API token is not a session");
    let (_, v) = sign_in(&app, "bob@agents.test", PASSWORD).await;
    let bobs = v["data"]["session"]["id"].as_str().unwrap().to_owned();
    assert_error(&app.delete(&format!("/v1/me/sessions/{bobs}")).await, StatusCode::NOT_FOUND, "not found");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = App::new().await;
    invited(&app, "Bob").await;
    let wrong = sign_in(&app, "bob@agents.test", "not the password").await;
    let unknown = sign_in(&app, "nobody@agents.test", "not the password").await;
    assert_eq!(wrong, unknown);
    assert_error(&wrong, StatusCode::UNAUTHORIZED, "The email or password is not right");

    // A disabled user cannot sign in, and their sessions stop working.
    let (_, v) = sign_in(&app, "bob@agents.test", PASSWORD).await;
    let session = v["data"]["token"].as_str().unwrap().to_owned();
    let bob = v["data"]["agent"]["id"].as_str().unwrap().to_owned();
    let (s, _) = app.patch(&format!("/v1/agents/{bob}"), json!({"enabled": false})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(sign_in(&app, "bob@agents.test", PASSWORD).await, unknown);
    assert_eq!(app.send_as(&session, "GET", "/v1/me", None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn failed_attempts_are_throttled_per_email_until_the_oldest_is_15_minutes_old() {
    let app = App::new().await;
    invited(&app, "Bob").await;
    for _ in 0..4 {
        assert_eq!(sign_in(&app, "bob@agents.test", "guess guess guess").await.0, StatusCode::UNAUTHORIZED);
        app.advance(60).await;
    }
    // The 5th failure is still answered as a failure; the 6th attempt, even right, is refused.
    assert_eq!(sign_in(&app, "bob@agents.test", "guess guess guess").await.0, StatusCode::UNAUTHORIZED);
    let refused = sign_in(&app, "bob@agents.test", PASSWORD).await;
    assert_error(&refused, StatusCode::TOO_MANY_REQUESTS, "try again in 11 minute(s)");
    // Another email is not affected.
    assert_eq!(sign_in(&app, "carol@agents.test", "guess guess guess").await.0, StatusCode::UNAUTHORIZED);
    // Once the first failure is 15 minutes old, one more attempt is let through.
    app.advance(10 * 60).await;
    assert_eq!(sign_in(&app, "bob@agents.test", PASSWORD).await.0, StatusCode::TOO_MANY_REQUESTS);
    app.advance(60).await;
    let (s, v) = sign_in(&app, "bob@agents.test", PASSWORD).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    // A success clears the count.
    assert_eq!(sign_in(&app, "bob@agents.test", "guess guess guess").await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(sign_in(&app, "bob@agents.test", PASSWORD).await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn links_expire_and_a_reset_ends_every_session() {
    let app = App::new().await;
    let (bob, session) = invited(&app, "Bob").await;

    // An invite lasts 7 days.
    let carol = app.agent("Carol").await;
    let (_, link) = app.post(&format!("/v1/agents/{carol}/invite"), json!({})).await;
    let secret = link["data"]["token"].as_str().unwrap().to_owned();
    app.advance(7 * 24 * 3600).await;
    assert_error(&app.send_as("", "GET", &format!("/v1/auth/links/{secret}"), None).await, StatusCode::GONE, "expired");
    // A new invite replaces an unused one: the old link is no more.
    let (_, link) = app.post(&format!("/v1/agents/{carol}/invite"), json!({})).await;
    let again = link["data"]["token"].as_str().unwrap().to_owned();
    let (_, _) = app.post(&format!("/v1/agents/{carol}/invite"), json!({})).await;
    assert_eq!(app.send_as("", "GET", &format!("/v1/auth/links/{again}"), None).await.0, StatusCode::NOT_FOUND);

    // A reset lasts a day; using it ends Bob's sessions and begins one.
    let (s, reset) = app.post(&format!("/v1/agents/{bob}/password-reset"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{reset}");
    assert_eq!(reset["data"]["purpose"], "Reset");
    assert_eq!(reset["data"]["expiresAt"], "2026-01-13T09:00:00.000Z");
    let secret = reset["data"]["token"].as_str().unwrap().to_owned();
    let body = json!({ "password": "a brand new password" }).to_string();
    let (s, v) = app.send_as("", "POST", &format!("/v1/auth/links/{secret}"), Some(&body)).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(app.send_as(&session, "GET", "/v1/me", None).await.0, StatusCode::UNAUTHORIZED, "old session ended");
    assert_eq!(sign_in(&app, "bob@agents.test", PASSWORD).await.0, StatusCode::UNAUTHORIZED, "old password");
    assert_eq!(sign_in(&app, "bob@agents.test", "a brand new password").await.0, StatusCode::CREATED);

    // A reset link unused for a day expires.
    let (_, reset) = app.post(&format!("/v1/agents/{bob}/password-reset"), json!({})).await;
    let secret = reset["data"]["token"].as_str().unwrap().to_owned();
    app.advance(24 * 3600).await;
    assert_error(
        &app.send_as("", "POST", &format!("/v1/auth/links/{secret}"), Some(&body)).await,
        StatusCode::GONE,
        "expired",
    );
}

#[tokio::test]
async fn links_need_an_email_and_the_right_to_administer_the_user() {
    let app = App::new().await;
    let (s, v) = app.post("/v1/agents", json!({"displayName": "No Mail"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let no_mail = v["data"]["id"].as_str().unwrap().to_owned();
    assert_error(
        &app.post(&format!("/v1/agents/{no_mail}/invite"), json!({})).await,
        StatusCode::BAD_REQUEST,
        "no email",
    );
    let nobody = uuid::Uuid::new_v4();
    assert_error(
        &app.post(&format!("/v1/agents/{nobody}/invite"), json!({})).await,
        StatusCode::NOT_FOUND,
        "not found",
    );

    // An account manager invites agents, but never resets an admin's password.
    let (_, v) = app
        .post("/v1/agents", json!({"displayName": "AM", "email": "am@agents.test", "roles": ["AccountManager"]}))
        .await;
    let am = v["data"]["id"].as_str().unwrap().to_owned();
    let (_, t) = app.post(&format!("/v1/agents/{am}/tokens"), json!({"name": "setup"})).await;
    let am_token = t["data"]["token"].as_str().unwrap().to_owned();
    let bob = app.agent("Bob").await;
    assert_eq!(app.send_as(&am_token, "POST", &format!("/v1/agents/{bob}/invite"), None).await.0, StatusCode::CREATED);
    let (_, me) = app.get("/v1/me").await;
    let admin = me["data"]["id"].as_str().unwrap();
    let (s, _) = app.patch(&format!("/v1/agents/{admin}"), json!({"email": "admin@agents.test"})).await;
    assert_eq!(s, StatusCode::OK);
    let links = app.count("credential_links").await;
    assert_error(
        &app.send_as(&am_token, "POST", &format!("/v1/agents/{admin}/password-reset"), None).await,
        StatusCode::FORBIDDEN,
        "admin",
    );
    assert_eq!(app.count("credential_links").await, links, "no link was made");
    // An agent makes none.
    let (_, bob_session) = invited(&app, "Carol").await;
    assert_error(
        &app.send_as(&bob_session, "POST", &format!("/v1/agents/{bob}/invite"), None).await,
        StatusCode::FORBIDDEN,
        "",
    );
}

#[tokio::test]
async fn changing_a_password_keeps_this_session_and_ends_the_others() {
    let app = App::new().await;
    let (_, first) = invited(&app, "Bob").await;
    let (_, v) = sign_in(&app, "bob@agents.test", PASSWORD).await;
    let second = v["data"]["token"].as_str().unwrap().to_owned();
    let change = |current: &str, new: &str| json!({"currentPassword": current, "newPassword": new}).to_string();

    assert_error(
        &app.send_as(&second, "PUT", "/v1/me/password", Some(&change("wrong password", "another good one"))).await,
        StatusCode::BAD_REQUEST,
        "current password",
    );
    assert_error(
        &app.send_as(&second, "PUT", "/v1/me/password", Some(&change(PASSWORD, "tiny"))).await,
        StatusCode::BAD_REQUEST,
        "at least 10",
    );
    assert_eq!(app.send_as(&first, "GET", "/v1/me", None).await.0, StatusCode::OK, "refusals changed nothing");

    let (s, _) = app.send_as(&second, "PUT", "/v1/me/password", Some(&change(PASSWORD, "another good one"))).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.send_as(&second, "GET", "/v1/me", None).await.0, StatusCode::OK, "this session stays");
    assert_eq!(app.send_as(&first, "GET", "/v1/me", None).await.0, StatusCode::UNAUTHORIZED, "the other ended");
    assert_eq!(sign_in(&app, "bob@agents.test", "another good one").await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn sessions_end_after_30_idle_days() {
    let app = App::new().await;
    let (_, session) = invited(&app, "Bob").await;
    app.advance(29 * 24 * 3600).await;
    assert_eq!(app.send_as(&session, "GET", "/v1/me", None).await.0, StatusCode::OK, "a use keeps it alive");
    app.advance(29 * 24 * 3600).await;
    assert_eq!(app.send_as(&session, "GET", "/v1/me", None).await.0, StatusCode::OK);
    app.advance(30 * 24 * 3600).await;
    assert_eq!(app.send_as(&session, "GET", "/v1/me", None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn api_tokens_are_named_listed_with_their_last_use_and_revocable() {
    let app = App::new().await;
    let bob = app.agent("Bob").await;
    let uri = format!("/v1/agents/{bob}/tokens");
    let (s, zapier) = app.post(&uri, json!({"name": "Zapier"})).await;
    assert_eq!(s, StatusCode::CREATED, "{zapier}");
    let zapier_token = zapier["data"]["token"].as_str().unwrap().to_owned();
    let (_, unnamed) = app.post(&uri, json!({})).await;
    assert_eq!(unnamed["data"]["name"], "API token");
    let (_, unnamed2) = app.send("POST", &uri, None).await;
    assert_eq!(unnamed2["data"]["name"], "API token 2", "no name: a new token, never a silent re-issue");

    // The same name again is refused (without case), unless replacing, which ends the old one.
    assert_error(&app.post(&uri, json!({"name": "zapier"})).await, StatusCode::CONFLICT, "replace");
    assert_error(&app.post(&uri, json!({"name": "  "})).await, StatusCode::BAD_REQUEST, "name");
    assert_error(&app.post(&uri, json!({"name": "x".repeat(101)})).await, StatusCode::BAD_REQUEST, "name");
    assert_eq!(app.send_as(&zapier_token, "GET", "/v1/me", None).await.0, StatusCode::OK);
    app.advance(120).await;
    let (_, list) = app.get(&uri).await;
    let names: Vec<&str> = list["data"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3, "{list}");
    let listed = list["data"].as_array().unwrap().iter().find(|t| t["name"] == "Zapier").unwrap();
    assert_eq!(listed["lastUsedAt"], "2026-01-05T09:00:00.000Z", "{listed}");
    assert!(listed.get("token").is_none(), "the secret is never listed");

    let (s, replaced) = app.post(&uri, json!({"name": "Zapier", "replace": true})).await;
    assert_eq!(s, StatusCode::CREATED, "{replaced}");
    assert_eq!(app.send_as(&zapier_token, "GET", "/v1/me", None).await.0, StatusCode::UNAUTHORIZED, "old one ended");
    let new_token = replaced["data"]["token"].as_str().unwrap().to_owned();
    assert_eq!(app.send_as(&new_token, "GET", "/v1/me", None).await.0, StatusCode::OK);

    // Revoked: it signs nothing in.
    let id = replaced["data"]["id"].as_str().unwrap();
    assert_eq!(app.delete(&format!("{uri}/{id}")).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.send_as(&new_token, "GET", "/v1/me", None).await.0, StatusCode::UNAUTHORIZED);
    assert_error(&app.delete(&format!("{uri}/{id}")).await, StatusCode::NOT_FOUND, "not found");
    let (_, list) = app.get(&uri).await;
    assert_eq!(list["data"].as_array().unwrap().len(), 2);

    // Sessions are not API tokens: they are not listed or revoked here.
    let (_, session) = invited(&app, "Carol").await;
    let (_, me) = app.send_as(&session, "GET", "/v1/me", None).await;
    let carol = me["data"]["id"].as_str().unwrap();
    let (_, sessions) = app.send_as(&session, "GET", "/v1/me/sessions", None).await;
    let session_id = sessions["data"][0]["id"].as_str().unwrap();
    let (_, list) = app.get(&format!("/v1/agents/{carol}/tokens")).await;
    assert_eq!(list["data"], json!([]));
    assert_eq!(app.delete(&format!("/v1/agents/{carol}/tokens/{session_id}")).await.0, StatusCode::NOT_FOUND);
}
