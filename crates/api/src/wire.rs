//! The connection under HTTP: the refusals hyper answers by itself, before any handler runs (a
//! URL over its 65,534-byte limit, headers too large, a request that isn't HTTP), get the same
//! JSON `{"message"}` body as every other refusal instead of an empty one.

use axum::serve::Listener;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// A TCP listener whose connections rewrite hyper's bodiless refusals.
pub struct JsonRefusalListener(pub TcpListener);

impl Listener for JsonRefusalListener {
    type Io = JsonRefusals<TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (io, addr) = Listener::accept(&mut self.0).await;
        (JsonRefusals { inner: io, pending: Vec::new() }, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

/// The peer of a connection, as handlers find it in `ConnectInfo` (sign-in throttling).
#[derive(Clone, Copy, Debug)]
pub struct PeerAddr(pub std::net::SocketAddr);

impl axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, JsonRefusalListener>> for PeerAddr {
    fn connect_info(stream: axum::serve::IncomingStream<'_, JsonRefusalListener>) -> Self {
        PeerAddr(*stream.remote_addr())
    }
}

/// A connection that replaces hyper's automatic error responses with JSON ones.
pub struct JsonRefusals<S> {
    inner: S,
    /// Bytes of a rewritten response still to be written.
    pending: Vec<u8>,
}

/// The message for a status hyper answers by itself.
fn message_for(status: &str) -> Option<&'static str> {
    match status {
        "414" => Some("The URL is too long (at most 65,534 characters)"),
        "431" => Some("The request headers are too large"),
        "400" => Some("The request is not valid HTTP"),
        _ => None,
    }
}

/// The JSON form of a response head hyper wrote for a parse error: such a head has one of
/// those statuses and `content-length: 0`, which no handler of this API answers with (every
/// refusal of theirs has a body).
fn rewrite(buf: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(buf).ok()?;
    let head = text.strip_suffix("\r\n\r\n")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let status = status_line.strip_prefix("HTTP/1.1 ").or_else(|| status_line.strip_prefix("HTTP/1.0 "))?;
    let message = message_for(status.get(..3)?)?;
    let headers: Vec<&str> = lines.collect();
    if !headers.iter().any(|h| h.eq_ignore_ascii_case("content-length: 0")) {
        return None;
    }
    let body = serde_json::json!({ "message": message }).to_string();
    let mut out = format!("{status_line}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n", body.len());
    for h in headers.iter().filter(|h| !h.to_ascii_lowercase().starts_with("content-length:")) {
        out.push_str(h);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.push_str(&body);
    Some(out.into_bytes())
}

impl<S: AsyncWrite + Unpin> JsonRefusals<S> {
    /// Writes what is left of a rewritten response; Ready once it is all written.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while !self.pending.is_empty() {
            match Pin::new(&mut self.inner).poll_write(cx, &self.pending) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => {
                    self.pending.drain(..n);
                }
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for JsonRefusals<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for JsonRefusals<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.drain(cx) {
            Poll::Ready(Ok(())) => {}
            Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
            Poll::Pending => return Poll::Pending,
        }
        // Only a short write can be a bodiless error head; anything else passes untouched.
        if buf.len() < 512 && buf.starts_with(b"HTTP/1.") {
            if let Some(replacement) = rewrite(buf) {
                self.pending = replacement;
                // The whole original is taken; the replacement goes out now or on the next poll.
                let _ = self.drain(cx);
                return Poll::Ready(Ok(buf.len()));
            }
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.drain(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut self.inner).poll_flush(cx),
            other => other,
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.drain(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut self.inner).poll_shutdown(cx),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypers_bodiless_refusals_get_a_json_message() {
        let head = b"HTTP/1.1 414 URI Too Long\r\ncontent-length: 0\r\ndate: Sun, 06 Dec 2026 10:00:00 GMT\r\n\r\n";
        let out = String::from_utf8(rewrite(head).unwrap()).unwrap();
        assert!(out.starts_with("HTTP/1.1 414 URI Too Long\r\ncontent-type: application/json\r\n"), "{out}");
        assert!(out.contains("date: Sun, 06 Dec 2026 10:00:00 GMT\r\n"));
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let message = serde_json::from_str::<serde_json::Value>(body).unwrap()["message"].clone();
        assert!(message.as_str().is_some_and(|m| m.contains("too long")), "{message}");
        // Responses of handlers pass as they are.
        assert!(rewrite(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(rewrite(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 20\r\n\r\n").is_none());
        assert!(rewrite(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n{\"x\":1}").is_none());
    }
}
