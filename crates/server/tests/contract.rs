//! The headless server's command-line contract, tested on the real binary: listening, the
//! manual clock and its routes, the first-start token, and a clean stop on SIGTERM even with
//! an event stream open.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

use futures::StreamExt;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    base: String,
    stdout_lines: Vec<String>,
}

fn start(data_dir: &std::path::Path, extra: &[&str], token: Option<&str>) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_switchboard-server"));
    cmd.args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .args(extra)
        .env("RUST_LOG", "warn")
        .env_remove("SWITCHBOARD_BOOTSTRAP_TOKEN")
        .stdout(Stdio::piped());
    if let Some(t) = token {
        cmd.env("SWITCHBOARD_BOOTSTRAP_TOKEN", t);
    }
    let mut child = cmd.spawn().expect("server starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = Vec::new();
    let mut reader = BufReader::new(stdout);
    let base = loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "server exited early: {lines:?}");
        if let Some(addr) = line.strip_prefix("Switchboard listening on ") {
            break addr.trim().to_owned();
        }
        lines.push(line.trim().to_owned());
    };
    Server { child, base, stdout_lines: lines }
}

fn sigterm(child: &Child) {
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

/// Waits for the process to exit, failing after `limit` (a bound, not a sleep).
async fn wait_exit(mut child: Child, limit: Duration) -> std::process::ExitStatus {
    let waited = tokio::task::spawn_blocking(move || child.wait());
    tokio::time::timeout(limit, waited)
        .await
        .unwrap_or_else(|_| panic!("the server did not stop within {limit:?}"))
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn manual_clock_routes_token_and_clean_stop() {
    let dir = tempfile::tempdir().unwrap();
    let server =
        start(dir.path(), &["--clock", "manual", "--clock-start", "2026-01-05T09:00:00Z"], Some("contract-token"));
    assert!(server.stdout_lines.iter().any(|l| l.contains("SWITCHBOARD_BOOTSTRAP_TOKEN")), "{:?}", server.stdout_lines);
    let client = reqwest::Client::new();
    let now: serde_json::Value =
        client.get(format!("{}/_clock", server.base)).send().await.unwrap().json().await.unwrap();
    assert_eq!(now["now"], "2026-01-05T09:00:00.000Z");
    let advanced: serde_json::Value = client
        .post(format!("{}/_clock/advance", server.base))
        .json(&serde_json::json!({"seconds": 3600}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(advanced["now"], "2026-01-05T10:00:00.000Z");
    let me =
        client.get(format!("{}/v1/me", server.base)).header("Authorization", "contract-token").send().await.unwrap();
    assert_eq!(me.status(), 200);
    let ui = client.get(format!("{}/", server.base)).send().await.unwrap();
    assert_eq!(ui.status(), 200, "the UI (or the page saying it is not built) is served at /");

    // An open event stream must not keep the server from stopping.
    let events = client
        .get(format!("{}/v1/events", server.base))
        .header("Authorization", "contract-token")
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 200);
    let mut stream = events.bytes_stream();
    let first = stream.next().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("connected"));
    sigterm(&server.child);
    let status = wait_exit(server.child, Duration::from_secs(10)).await;
    assert!(status.success(), "clean exit, got {status}");
}

#[tokio::test]
async fn without_the_manual_clock_there_are_no_clock_routes_and_a_token_is_generated() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path(), &[], None);
    let line = server
        .stdout_lines
        .iter()
        .find(|l| l.contains("shown only this once"))
        .cloned()
        .unwrap_or_else(|| panic!("no token line in {:?}", server.stdout_lines));
    let token = line.rsplit(' ').next().unwrap().to_owned();
    let client = reqwest::Client::new();
    assert_eq!(client.get(format!("{}/_clock", server.base)).send().await.unwrap().status(), 404);
    let advance = client
        .post(format!("{}/_clock/advance", server.base))
        .json(&serde_json::json!({"seconds": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(advance.status(), 404);
    let me = client
        .get(format!("{}/v1/me", server.base))
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    sigterm(&server.child);
    assert!(wait_exit(server.child, Duration::from_secs(10)).await.success());

    // A second start finds the installation: no new token is printed.
    let again = start(dir.path(), &[], None);
    assert!(!again.stdout_lines.iter().any(|l| l.contains("token")), "{:?}", again.stdout_lines);
    let me = client.get(format!("{}/v1/me", again.base)).header("Authorization", &token).send().await.unwrap();
    assert_eq!(me.status(), 200, "the first token still works after a restart");
    sigterm(&again.child);
    assert!(wait_exit(again.child, Duration::from_secs(10)).await.success());
}

#[test]
fn a_bad_clock_start_is_refused_with_a_message() {
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard-server"))
        .args(["serve", "--listen", "127.0.0.1:0", "--clock", "manual", "--clock-start", "yesterday", "--data-dir"])
        .arg(tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an RFC 3339 time"));
}

/// Sends a JSON request with the contract token and returns the JSON answer.
async fn call(
    client: &reqwest::Client,
    base: &str,
    method: reqwest::Method,
    path: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let resp = client
        .request(method, format!("{base}{path}"))
        .header("Authorization", "contract-token")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{path}: {}", resp.status());
    resp.json().await.unwrap_or(serde_json::Value::Null)
}

#[tokio::test]
async fn timers_pending_at_a_kill_fire_exactly_once_after_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let server =
        start(dir.path(), &["--clock", "manual", "--clock-start", "2026-01-05T09:00:00Z"], Some("contract-token"));
    let (client, base) = (reqwest::Client::new(), server.base.clone());
    use reqwest::Method;
    // A waiting strategy announcing every minute, three times.
    call(
        &client,
        &base,
        Method::POST,
        "/v1/waiting-strategies",
        serde_json::json!({"isDefault": true, "messaging": {
        "announcements": {"enabled": true, "text": "Still in line", "intervalMinutes": 1, "count": 3}}}),
    )
    .await;
    let ann = call(&client, &base, Method::POST, "/v1/endusers", serde_json::json!({"displayName": "Ann"})).await;
    let created = call(
        &client,
        &base,
        Method::POST,
        "/v1/conversations",
        serde_json::json!({
        "requesterId": ann["data"]["id"], "_type": "WhatsApp",
        "message": {"content": {"value": "Hello", "_type": "Text"}, "_type": "Inbound"}}),
    )
    .await;
    let id = created["data"]["id"].as_i64().unwrap();
    let announcements = |client: reqwest::Client, base: String| async move {
        let v = call(&client, &base, Method::GET, &format!("/v1/conversations/{id}/messages"), serde_json::Value::Null)
            .await;
        v["data"].as_array().unwrap().iter().filter(|m| m["automated"] == "WaitingStrategy").count()
    };
    call(&client, &base, Method::POST, "/_clock/advance", serde_json::json!({"seconds": 60})).await;
    assert_eq!(announcements(client.clone(), base.clone()).await, 1);

    // kill -9: no chance to clean up. The two announcements still pending are overdue at the
    // next start and fire then, once each.
    let status = Command::new("kill").args(["-KILL", &server.child.id().to_string()]).status().unwrap();
    assert!(status.success());
    wait_exit(server.child, Duration::from_secs(10)).await;
    let server =
        start(dir.path(), &["--clock", "manual", "--clock-start", "2026-01-05T09:10:00Z"], Some("contract-token"));
    let base = server.base.clone();
    assert_eq!(announcements(client.clone(), base.clone()).await, 3);
    call(&client, &base, Method::POST, "/_clock/advance", serde_json::json!({"seconds": 3600})).await;
    assert_eq!(announcements(client.clone(), base.clone()).await, 3, "none fired twice, none after the last");
    sigterm(&server.child);
    assert!(wait_exit(server.child, Duration::from_secs(10)).await.success());
}
