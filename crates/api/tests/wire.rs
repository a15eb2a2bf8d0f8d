//! Refusals made below the router, on a real socket: every one of them is JSON `{"message"}`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests: a failed step is a failed test.

mod common;

use common::App;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Serves the app on a loopback port; its address.
async fn listen(app: &App) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(switchboard_api::serve(listener, router, std::future::pending()));
    addr
}

/// Sends raw bytes and reads the whole answer (the server closes after a refusal).
async fn raw(addr: std::net::SocketAddr, request: &[u8]) -> (u16, String, serde_json::Value) {
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let mut out = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), s.read_to_end(&mut out)).await;
    assert!(read.is_ok(), "the server kept the connection open");
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a response");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let json = serde_json::from_str(body).unwrap_or_else(|_| panic!("not JSON: {text}"));
    (status, head.to_ascii_lowercase(), json)
}

#[tokio::test]
async fn a_url_too_long_and_unparseable_requests_answer_json() {
    let app = App::new().await;
    let addr = listen(&app).await;
    let long = format!("GET /v1/conversations?q={} HTTP/1.1\r\nhost: x\r\n\r\n", "a".repeat(100_000));
    let (status, head, body) = raw(addr, long.as_bytes()).await;
    assert_eq!(status, 414);
    assert!(head.contains("content-type: application/json"), "{head}");
    assert!(body["message"].as_str().unwrap().contains("URL is too long"), "{body}");

    let (status, _, body) = raw(addr, b"GET /v1/me HTTP/1.1\r\nbad header line\r\n\r\n").await;
    assert_eq!(status, 400);
    assert!(body["message"].as_str().unwrap().contains("not valid HTTP"), "{body}");

    // Below hyper's limit, a long URL reaches the router and gets its usual JSON answers.
    let mid = format!("GET /v1/nothing?q={} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n", "a".repeat(30_000));
    let (status, _, body) = raw(addr, mid.as_bytes()).await;
    assert_eq!(status, 404, "{body}");
    assert!(body["message"].is_string());

    // The UI's files are only read: other methods are refused in JSON too.
    let (status, _, body) = raw(addr, b"POST /index.html HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").await;
    assert_eq!(status, 405, "{body}");
    assert!(body["message"].is_string());
}
