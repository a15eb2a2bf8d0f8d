//! Agent presence: connected while they hold an event stream open; last seen at their latest
//! request. Kept in memory: presence is about now, not history.

use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use uuid::Uuid;

#[derive(Debug, Default)]
struct Entry {
    last_seen: Option<DateTime<Utc>>,
    streams: usize,
}

/// Who is connected, and when each user was last seen.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    entries: Arc<Mutex<HashMap<Uuid, Entry>>>,
}

/// One user's presence right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Presence {
    pub online: bool,
    pub last_seen: Option<DateTime<Utc>>,
}

/// Held while an event stream is open; closing the stream drops it.
#[derive(Debug)]
pub struct Connection {
    tracker: Tracker,
    user: Uuid,
}

impl Drop for Connection {
    fn drop(&mut self) {
        let mut map = self.tracker.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(e) = map.get_mut(&self.user) {
            e.streams = e.streams.saturating_sub(1);
        }
    }
}

impl Tracker {
    pub fn touch(&self, user: Uuid, at: DateTime<Utc>) {
        let mut map = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        map.entry(user).or_default().last_seen = Some(at);
    }

    pub fn connect(&self, user: Uuid, at: DateTime<Utc>) -> Connection {
        let mut map = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let e = map.entry(user).or_default();
        e.streams += 1;
        e.last_seen = Some(at);
        Connection { tracker: self.clone(), user }
    }

    pub fn of(&self, user: Uuid) -> Presence {
        let map = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        match map.get(&user) {
            Some(e) => Presence { online: e.streams > 0, last_seen: e.last_seen },
            None => Presence { online: false, last_seen: None },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn online_while_a_stream_is_open() {
        let t = Tracker::default();
        let u = Uuid::from_u128(1);
        let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        assert_eq!(t.of(u), Presence { online: false, last_seen: None });
        t.touch(u, at);
        assert_eq!(t.of(u), Presence { online: false, last_seen: Some(at) });
        let a = t.connect(u, at);
        let b = t.connect(u, at);
        assert!(t.of(u).online);
        drop(a);
        assert!(t.of(u).online, "still one stream open");
        drop(b);
        assert!(!t.of(u).online);
    }
}
