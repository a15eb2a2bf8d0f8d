//! The service's sense of time: the system clock, or a manual one that tests move by hand.

use chrono::{DateTime, Duration, Utc};
use std::sync::{Arc, Mutex, PoisonError};

/// Where "now" comes from. Everything in the service asks the clock; nothing reads the system time.
#[derive(Clone, Debug)]
pub enum Clock {
    System,
    Manual(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    pub fn manual(start: DateTime<Utc>) -> Self {
        Clock::Manual(Arc::new(Mutex::new(start)))
    }

    /// The current time, at millisecond precision (what the store keeps).
    pub fn now(&self) -> DateTime<Utc> {
        let now = match self {
            Clock::System => Utc::now(),
            Clock::Manual(t) => *t.lock().unwrap_or_else(PoisonError::into_inner),
        };
        DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
    }

    pub fn is_manual(&self) -> bool {
        matches!(self, Clock::Manual(_))
    }

    /// Moves a manual clock forward; returns the new time, or None for the system clock.
    pub(crate) fn advance(&self, by: Duration) -> Result<DateTime<Utc>, AdvanceError> {
        match self {
            Clock::System => Err(AdvanceError::NotManual),
            Clock::Manual(t) => {
                let mut guard = t.lock().unwrap_or_else(PoisonError::into_inner);
                *guard = guard.checked_add_signed(by).ok_or(AdvanceError::OutOfRange)?;
                Ok(*guard)
            }
        }
    }
}

impl Clock {
    /// Moves a manual clock forward to `to` (never back); the system clock is left alone.
    pub(crate) fn move_to(&self, to: DateTime<Utc>) {
        if let Clock::Manual(t) = self {
            let mut guard = t.lock().unwrap_or_else(PoisonError::into_inner);
            if to > *guard {
                *guard = to;
            }
        }
    }
}

/// Why the clock could not be moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AdvanceError {
    NotManual,
    OutOfRange,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_stands_still_until_advanced() {
        let start = DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z").unwrap().with_timezone(&Utc);
        let clock = Clock::manual(start);
        assert_eq!(clock.now(), start);
        assert_eq!(clock.advance(Duration::seconds(90)), Ok(start + Duration::seconds(90)));
        assert_eq!(clock.now(), start + Duration::seconds(90));
        assert_eq!(Clock::System.advance(Duration::seconds(1)), Err(AdvanceError::NotManual));
        assert_eq!(clock.advance(Duration::MAX), Err(AdvanceError::OutOfRange));
        assert_eq!(clock.now(), start + Duration::seconds(90), "a refused advance changes nothing");
    }
}
