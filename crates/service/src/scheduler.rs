//! The persistent timer scheduler: timers are rows, fired once each in due order when the clock
//! reaches them, also after a restart (an overdue timer fires at start-up).
//!
//! The scheduler only delivers; what a timer does is decided by the timer's kind.

use crate::clock::AdvanceError;
use crate::{Result, Service, ServiceError};
use chrono::{DateTime, Duration, Utc};
use switchboard_engine::RuleError;
use switchboard_store::timers::{self, Timer};

/// What a fired timer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fired {
    pub id: i64,
    pub kind: String,
    pub due_at: DateTime<Utc>,
}

impl Service {
    /// Schedules work for later; returns the timer's id.
    pub async fn schedule(
        &self,
        kind: &str,
        conversation_id: Option<i64>,
        due_at: DateTime<Utc>,
        payload: &serde_json::Value,
    ) -> Result<i64> {
        let mut work = self.work().await?;
        let id = timers::insert(&mut work.tx, kind, conversation_id, due_at, &payload.to_string()).await?;
        self.finish(work).await?;
        self.inner.timers_changed.notify_one();
        Ok(id)
    }

    /// Fires every timer due by now, earliest first, each in its own transaction together with
    /// its removal, so a crash between two timers neither loses nor repeats one.
    pub async fn fire_due(&self) -> Result<Vec<Fired>> {
        let mut fired = Vec::new();
        loop {
            let mut work = self.work().await?;
            let Some(timer) = timers::next_due(&mut work.tx, work.now).await? else {
                break;
            };
            self.deliver(&mut work, &timer).await?;
            timers::delete(&mut work.tx, timer.id).await?;
            self.finish(work).await?;
            fired.push(Fired { id: timer.id, kind: timer.kind, due_at: timer.due_at });
        }
        Ok(fired)
    }

    /// Hands a timer to the rule that owns its kind, inside the unit that removes the timer.
    /// Unknown kinds (from a newer version) are logged and dropped rather than retried forever.
    async fn deliver(&self, work: &mut crate::work::Work, timer: &Timer) -> Result<()> {
        match timer.kind.as_str() {
            crate::statuses::IDLE_TIMER => crate::statuses::idle_check(self, work, timer).await,
            crate::hours::OPENING_TIMER => crate::hours::opening(work, timer).await,
            crate::waiting::STEP_TIMER => crate::waiting::step(work, timer).await,
            crate::sla::DUE_TIMER => crate::sla::due(work, timer).await,
            crate::snooze::WAKE_TIMER => crate::snooze::wake_timer(work, timer).await,
            _ => {
                tracing::info!(id = timer.id, kind = %timer.kind, conversation = ?timer.conversation_id, "timer fired");
                Ok(())
            }
        }
    }

    /// Moves a manual clock forward and fires what became due before returning. The clock
    /// steps through the due timers, so each fires at its own time (and what it schedules
    /// within the step fires too, at its time), as it would have with the system clock.
    pub async fn advance_clock(&self, seconds: i64) -> Result<(DateTime<Utc>, Vec<Fired>)> {
        use switchboard_engine::error::ClockStep;
        if seconds < 0 {
            return Err(RuleError::ClockStep(ClockStep::Negative).into());
        }
        let by = Duration::try_seconds(seconds).ok_or(RuleError::ClockStep(ClockStep::TooLarge))?;
        if !self.clock().is_manual() {
            return Err(RuleError::ClockNotManual.into());
        }
        let out_of_range = || ServiceError::from(RuleError::ClockStep(ClockStep::OutOfRange));
        let target = self.clock().now().checked_add_signed(by).ok_or_else(out_of_range)?;
        let mut fired = Vec::new();
        while let Some(due) = self.next_wakeup().await?.filter(|d| *d <= target) {
            self.clock().move_to(due);
            let batch = self.fire_due().await?;
            if batch.is_empty() {
                break;
            }
            fired.extend(batch);
        }
        let now = self.clock().advance(target - self.clock().now()).map_err(|e| match e {
            AdvanceError::NotManual => RuleError::ClockNotManual.into(),
            AdvanceError::OutOfRange => out_of_range(),
        })?;
        fired.extend(self.fire_due().await?);
        self.deliver_due().await?;
        Ok((now, fired))
    }

    pub async fn pending_timers(&self) -> Result<i64> {
        let mut tx = self.store().read().await?;
        Ok(timers::count(&mut tx).await?)
    }

    /// Runs the scheduler against the system clock until the service shuts down: fires what is
    /// due, then sleeps until the earliest pending timer (or a new one is scheduled).
    pub async fn run_scheduler(&self) {
        loop {
            if let Err(e) = self.fire_due().await {
                tracing::error!(error = %e, "firing timers failed");
            }
            let wait = match self.next_wakeup().await {
                Ok(Some(due)) => (due - self.clock().now()).to_std().unwrap_or_default(),
                Ok(None) => std::time::Duration::from_secs(3600),
                Err(e) => {
                    tracing::error!(error = %e, "reading timers failed");
                    std::time::Duration::from_secs(5)
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.inner.timers_changed.notified() => {}
            }
        }
    }

    async fn next_wakeup(&self) -> Result<Option<DateTime<Utc>>> {
        let mut tx = self.store().read().await?;
        Ok(timers::earliest(&mut tx).await?)
    }
}
