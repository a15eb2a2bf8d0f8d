//! Email: the SMTP setup (checked, its password never read back), a test message, invite links
//! emailed through a loopback SMTP receiver, and a mail server that fails leaving the link to copy.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use axum::http::StatusCode;
use common::{assert_error, App};
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// A minimal SMTP receiver on a loopback port: no TLS, no AUTH; each message's DATA goes to the
/// channel.
async fn smtp_receiver() -> (u16, mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let tx = tx.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 receiver ESMTP\r\n").await.unwrap();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                    let answer: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-receiver\r\n250 8BITMIME\r\n",
                        "DATA" => {
                            write.write_all(b"354 go on\r\n").await.unwrap();
                            let mut data = String::new();
                            while let Ok(Some(l)) = lines.next_line().await {
                                if l == "." {
                                    break;
                                }
                                data.push_str(&l);
                                data.push('\n');
                            }
                            tx.send(data).unwrap();
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            write.write_all(b"221 bye\r\n").await.unwrap();
                            break;
                        }
                        _ => b"250 OK\r\n",
                    };
                    write.write_all(answer).await.unwrap();
                }
            });
        }
    });
    (port, rx)
}

/// A message's text with quoted-printable soft breaks and escapes undone.
fn unfold(data: &str) -> String {
    data.replace("=\n", "").replace("=3D", "=")
}

#[tokio::test]
async fn an_smtp_setup_is_checked_and_its_password_never_read_back() {
    let app = App::new().await;
    let (s, v) = app.get("/v1/settings/email").await;
    assert_eq!((s, &v["data"]["configured"]), (StatusCode::OK, &json!(false)));
    let good = json!({"host": "smtp.example.com", "security": "StartTls", "username": "mailer", "password": "s3cret-pw",
        "fromAddress": "help@example.com", "fromName": "Example Help", "publicAddress": "https://help.example.com/"});
    let with = |key: &str, value: serde_json::Value| {
        let mut b = good.clone();
        b[key] = value;
        b
    };
    assert_error(
        &app.put("/v1/settings/email", with("publicAddress", json!("help.example.com"))).await,
        StatusCode::BAD_REQUEST,
        "public address",
    );
    assert_error(&app.put("/v1/settings/email", with("port", json!(0))).await, StatusCode::BAD_REQUEST, "port");
    assert_error(
        &app.put("/v1/settings/email", with("host", json!("smtp://x"))).await,
        StatusCode::BAD_REQUEST,
        "host",
    );
    assert_error(
        &app.put("/v1/settings/email", with("fromAddress", json!("nobody"))).await,
        StatusCode::BAD_REQUEST,
        "email",
    );
    assert_error(
        &app.put("/v1/settings/email", with("username", json!(""))).await,
        StatusCode::BAD_REQUEST,
        "user name",
    );
    assert_eq!(app.get("/v1/settings/email").await.1["data"]["configured"], false, "refusals stored nothing");

    let (s, v) = app.put("/v1/settings/email", good.clone()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["data"]["port"], 587, "StartTls's usual port");
    assert_eq!(v["data"]["publicAddress"], "https://help.example.com");
    assert_eq!(v["data"]["hasPassword"], true);
    let (_, read) = app.get("/v1/settings/email").await;
    assert!(!read.to_string().contains("s3cret-pw"), "the password is never answered: {read}");
    // Saving without a password keeps it; "" removes it (and then the user name may go too).
    let mut keep = good.clone();
    keep.as_object_mut().unwrap().remove("password");
    assert_eq!(app.put("/v1/settings/email", keep).await.1["data"]["hasPassword"], true);
    let (_, v) = app.put("/v1/settings/email", with("password", json!("")).clone()).await;
    assert_eq!(v["data"]["hasPassword"], false);

    assert_eq!(app.delete("/v1/settings/email").await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/v1/settings/email").await.1["data"]["configured"], false);
    assert_error(
        &app.post("/v1/settings/email/test", json!({"to": "ops@example.com"})).await,
        StatusCode::CONFLICT,
        "No SMTP",
    );
}

#[tokio::test]
async fn invite_links_are_emailed_where_an_smtp_server_is_set_up() {
    let app = App::new().await;
    let (port, mut inbox) = smtp_receiver().await;
    let setup = json!({"host": "127.0.0.1", "port": port, "security": "None", "fromAddress": "help@example.com",
        "fromName": "Example Help", "publicAddress": "http://sb.example:4810"});
    let (s, v) = app.put("/v1/settings/email", setup.clone()).await;
    assert_eq!(s, StatusCode::OK, "{v}");

    // A loopback server is a private address: outbound rules refuse it until it is listed.
    let refused = app.post("/v1/settings/email/test", json!({"to": "ops@example.com"})).await;
    assert_error(&refused, StatusCode::BAD_GATEWAY, "not allowed");
    let (s, _) = app.put("/v1/settings/outbound", json!({"allowedPrivateHosts": ["127.0.0.1"]})).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = app.post("/v1/settings/email/test", json!({"to": "ops@example.com"})).await;
    assert_eq!((s, &v["data"]["to"]), (StatusCode::OK, &json!("ops@example.com")), "{v}");
    let test = inbox.recv().await.unwrap();
    assert!(
        test.contains("Subject: Switchboard test email") && test.contains("To: Administrator <ops@example.com>"),
        "{test}"
    );
    assert!(
        test.contains("From: \"Example Help\" <help@example.com>")
            || test.contains("From: Example Help <help@example.com>"),
        "{test}"
    );

    // An invite is emailed with the link on the public address.
    let dana = app.agent("Dana").await;
    let (s, link) = app.post(&format!("/v1/agents/{dana}/invite"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{link}");
    assert_eq!(link["data"]["emailedTo"], "dana@agents.test");
    let token = link["data"]["token"].as_str().unwrap();
    let mail = unfold(&inbox.recv().await.unwrap());
    assert!(mail.contains("Subject: You are invited to Switchboard"), "{mail}");
    assert!(mail.contains(&format!("http://sb.example:4810/set-password?token={token}")), "{mail}");
    assert!(mail.contains("until 2026-01-12 09:00 UTC"), "{mail}");

    // A mail server that fails (it offers no STARTTLS, which is required) leaves the link to copy.
    let mut starttls = setup.clone();
    starttls["security"] = json!("StartTls");
    assert_eq!(app.put("/v1/settings/email", starttls).await.0, StatusCode::OK);
    let (s, reset) = app.post(&format!("/v1/agents/{dana}/password-reset"), json!({})).await;
    assert_eq!(s, StatusCode::CREATED, "{reset}");
    assert!(reset["data"].get("emailedTo").is_none());
    assert!(reset["data"]["emailError"].as_str().unwrap().contains("did not take the message"), "{reset}");
    let secret = reset["data"]["token"].as_str().unwrap();
    assert_eq!(app.send_as("", "GET", &format!("/v1/auth/links/{secret}"), None).await.0, StatusCode::OK);
    let failed = app.post("/v1/settings/email/test", json!({})).await;
    assert_error(&failed, StatusCode::BAD_REQUEST, "no email address");

    // Without a setup, nothing is emailed.
    assert_eq!(app.delete("/v1/settings/email").await.0, StatusCode::NO_CONTENT);
    let (_, link) = app.post(&format!("/v1/agents/{dana}/invite"), json!({})).await;
    assert!(link["data"].get("emailedTo").is_none() && link["data"].get("emailError").is_none(), "{link}");
}
