//! Working hours in the service: periods (the default one is given to queues created
//! afterwards), each queue's period and away message, whether a queue is open now, the away
//! message to customers who write outside hours, and the timers that start bulk assignment
//! when a period opens.

use crate::unit::conversation::close_in;
use crate::unit::timeline::{insert_message, NewMessage};
use crate::work::Work;
use crate::{Result, Service, ServiceError};
use chrono::{DateTime, Utc};
use switchboard_engine::access::Permission;
use switchboard_engine::content::{validate_name, Content};
use switchboard_engine::hours::{self as rules, AwayMessage, HolidaySpec, Period, PeriodSpec, WeekSpec};
use switchboard_engine::kinds::{Automation, Direction};
use switchboard_store::conversations::{self, Conversation};
use switchboard_store::hours::{self as store, PeriodRow, QueueHours};
use switchboard_store::timers::{self, Timer};
use switchboard_store::users::User;
use switchboard_store::Tx;
use uuid::Uuid;

/// The timer that fires when a period's next working interval starts.
pub const OPENING_TIMER: &str = "hours.opening";
const MAX_NAME_CHARS: usize = 200;

/// A period with what its hours say about now.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodView {
    pub period: PeriodRow,
    pub open_now: bool,
    /// When it opens next (now, when open).
    pub next_opening: Option<DateTime<Utc>>,
}

/// Changes to a period; absent fields stay as they are (days and holidays are replaced whole).
#[derive(Debug, Clone, Default)]
pub struct PeriodChanges {
    pub name: Option<String>,
    pub time_zone: Option<String>,
    pub days: Option<WeekSpec>,
    pub holidays: Option<Vec<HolidaySpec>>,
    /// Making a period the default takes the mark off the previous one; queues keep theirs.
    pub is_default: Option<bool>,
}

/// Changes to a queue's hours; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct QueueHoursChanges {
    /// Some(None) makes the queue always open.
    pub period_id: Option<Option<Uuid>>,
    pub away_enabled: Option<bool>,
    pub away_message: Option<Option<String>>,
    pub away_close: Option<bool>,
}

/// A queue's hours with what they say about now.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueHoursView {
    pub hours: QueueHours,
    pub open_now: bool,
}

fn payload(period: Uuid) -> String {
    serde_json::json!({ "periodId": period }).to_string()
}

fn compile(row: &PeriodRow) -> Result<Period> {
    row.spec.compile().map_err(|e| ServiceError::Store(switchboard_store::StoreError::Corrupt(e.to_string())))
}

fn view(period: PeriodRow, now: DateTime<Utc>) -> Result<PeriodView> {
    let compiled = compile(&period)?;
    Ok(PeriodView { open_now: compiled.is_open(now), next_opening: compiled.next_opening(now), period })
}

async fn load(tx: &mut Tx, id: Uuid) -> Result<PeriodRow> {
    store::get(tx, id).await?.ok_or_else(|| ServiceError::NotFound(format!("Working hours {id} not found")))
}

async fn check_name(tx: &mut Tx, name: &str, other_than: Option<Uuid>) -> Result<String> {
    let name = validate_name("name", name, MAX_NAME_CHARS)?;
    if store::name_taken(tx, &name, other_than).await? {
        return Err(switchboard_engine::RuleError::AlreadyExists {
            what: switchboard_engine::Taken::WorkingHoursName,
            name: name.to_string(),
        }
        .into());
    }
    Ok(name)
}

/// Replaces a period's opening timer with one at its next opening after `now` (none when the
/// period has no working time ahead).
async fn schedule_opening(tx: &mut Tx, period: &PeriodRow, now: DateTime<Utc>) -> Result<()> {
    let key = payload(period.id);
    timers::delete_matching(tx, OPENING_TIMER, &key).await?;
    if let Some(due) = compile(period)?.next_start_after(now) {
        timers::insert(tx, OPENING_TIMER, None, due, &key).await?;
    }
    Ok(())
}

/// The working hours a queue keeps; None when it is always open.
pub(crate) async fn period_of_queue(tx: &mut Tx, queue: Uuid) -> Result<Option<Period>> {
    let Some(period_id) = store::of_queue(tx, queue).await?.and_then(|h| h.period_id) else { return Ok(None) };
    match store::get(tx, period_id).await? {
        Some(row) => Ok(Some(compile(&row)?)),
        None => Ok(None),
    }
}

/// Whether a queue is within its working hours at `now` (a queue without hours always is).
pub(crate) async fn queue_is_open(tx: &mut Tx, queue: Uuid, now: DateTime<Utc>) -> Result<bool> {
    Ok(period_of_queue(tx, queue).await?.is_none_or(|p| p.is_open(now)))
}

/// The default period's id, for a queue being created.
pub(crate) async fn default_period_id(tx: &mut Tx) -> Result<Option<Uuid>> {
    Ok(store::default_period(tx).await?.map(|p| p.id))
}

/// Sends the queue's away message to a customer who opened a conversation outside its working
/// hours (once: only at creation), closing the conversation when the queue says so.
pub(crate) async fn away_on_create(work: &mut Work, c: &mut Conversation) -> Result<()> {
    let Some(queue) = c.queue_id else { return Ok(()) };
    let Some(hours) = store::of_queue(&mut work.tx, queue).await? else { return Ok(()) };
    let away = match (&hours.away_message, hours.away_enabled) {
        (Some(text), true) => AwayMessage { text: text.clone(), close: hours.away_close },
        _ => return Ok(()),
    };
    let period = period_of_queue(&mut work.tx, queue).await?;
    let Some(reply) = rules::away_reply(Some(&away), c.direction == Direction::Inbound, period.as_ref(), work.now)
    else {
        return Ok(());
    };
    let message = NewMessage {
        direction: Direction::Outbound,
        content: Content::Text { value: reply.text.clone() },
        attachments: Vec::new(),
        agent_id: None,
        external_id: None,
        email: None,
        created_at: None,
        automated: Some(Automation::AwayMessage),
    };
    insert_message(work, c, message).await?;
    if reply.close {
        close_in(work, c, None).await?;
        conversations::update(&mut work.tx, c).await?;
    }
    Ok(())
}

/// A period opened: bulk assignment runs over the queues that keep its hours, and the next
/// opening is scheduled.
pub(crate) async fn opening(work: &mut Work, timer: &Timer) -> Result<()> {
    let id = serde_json::from_str::<serde_json::Value>(&timer.payload)
        .ok()
        .and_then(|v| v["periodId"].as_str().and_then(|s| Uuid::parse_str(s).ok()));
    let Some(period) = (match id {
        Some(id) => store::get(&mut work.tx, id).await?,
        None => None,
    }) else {
        tracing::warn!(payload = %timer.payload, "opening timer of an unknown period");
        return Ok(());
    };
    let queues = store::queues_using(&mut work.tx, period.id).await?;
    work.triggers.opened_queues.extend(queues.into_iter().map(|(id, _)| id));
    schedule_opening(&mut work.tx, &period, work.now).await
}

impl Service {
    pub async fn create_period(
        &self,
        by: &User,
        name: Option<String>,
        spec: PeriodSpec,
        is_default: bool,
    ) -> Result<PeriodView> {
        crate::access::require(by, Permission::Configure)?;
        let spec = spec.normalized()?;
        let mut work = self.work().await?;
        let name = match name {
            Some(n) => check_name(&mut work.tx, &n, None).await?,
            None => {
                let mut n = store::count(&mut work.tx).await? + 1;
                while store::name_taken(&mut work.tx, &format!("Working hours #{n}"), None).await? {
                    n += 1;
                }
                format!("Working hours #{n}")
            }
        };
        if is_default {
            store::clear_default(&mut work.tx).await?;
        }
        let period =
            PeriodRow { id: Uuid::new_v4(), name, spec, is_default, created_at: work.now, updated_at: work.now };
        store::insert(&mut work.tx, &period).await?;
        schedule_opening(&mut work.tx, &period, work.now).await?;
        let now = work.now;
        self.finish(work).await?;
        self.inner.timers_changed.notify_one();
        view(period, now)
    }

    pub async fn periods(&self, by: &User) -> Result<Vec<PeriodView>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let now = self.clock().now();
        store::list(&mut tx).await?.into_iter().map(|p| view(p, now)).collect()
    }

    pub async fn period(&self, by: &User, id: Uuid) -> Result<PeriodView> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        view(load(&mut tx, id).await?, self.clock().now())
    }

    pub async fn update_period(&self, by: &User, id: Uuid, changes: PeriodChanges) -> Result<PeriodView> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let mut period = load(&mut work.tx, id).await?;
        if let Some(name) = changes.name {
            period.name = check_name(&mut work.tx, &name, Some(id)).await?;
        }
        if changes.time_zone.is_some() || changes.days.is_some() || changes.holidays.is_some() {
            let current = period.spec.clone();
            period.spec = PeriodSpec {
                time_zone: changes.time_zone.unwrap_or(current.time_zone),
                days: changes.days.unwrap_or(current.days),
                holidays: changes.holidays.unwrap_or(current.holidays),
            }
            .normalized()?;
        }
        match changes.is_default {
            Some(true) if !period.is_default => {
                store::clear_default(&mut work.tx).await?;
                period.is_default = true;
            }
            Some(false) => period.is_default = false,
            _ => {}
        }
        period.updated_at = work.now;
        store::update(&mut work.tx, &period).await?;
        schedule_opening(&mut work.tx, &period, work.now).await?;
        // Queues that opened with the change take their waiting conversations now.
        let now = work.now;
        if compile(&period)?.is_open(now) {
            let queues = store::queues_using(&mut work.tx, id).await?;
            work.triggers.opened_queues.extend(queues.into_iter().map(|(q, _)| q));
        }
        self.finish(work).await?;
        self.inner.timers_changed.notify_one();
        view(period, now)
    }

    /// Deletes a period no queue keeps (409 names the queues otherwise).
    pub async fn delete_period(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let period = load(&mut work.tx, id).await?;
        let users = store::queues_using(&mut work.tx, id).await?;
        if !users.is_empty() {
            let names: Vec<String> = users.into_iter().map(|(_, n)| n).collect();
            return Err(switchboard_engine::RuleError::HoursInUse { name: period.name.clone(), queues: names }.into());
        }
        timers::delete_matching(&mut work.tx, OPENING_TIMER, &payload(id)).await?;
        store::delete(&mut work.tx, id).await?;
        self.finish(work).await
    }

    pub async fn queue_hours(&self, by: &User, queue: Uuid) -> Result<QueueHoursView> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let hours = store::of_queue(&mut tx, queue)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue} not found")))?;
        let open_now = queue_is_open(&mut tx, queue, self.clock().now()).await?;
        Ok(QueueHoursView { hours, open_now })
    }

    /// Gives a queue working hours (or none) and sets its away message.
    pub async fn set_queue_hours(&self, by: &User, queue: Uuid, changes: QueueHoursChanges) -> Result<QueueHoursView> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        switchboard_store::queues::get(&mut work.tx, queue)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Queue {queue} not found")))?;
        let mut hours = store::of_queue(&mut work.tx, queue).await?.unwrap_or_default();
        let was_open = queue_is_open(&mut work.tx, queue, work.now).await?;
        if let Some(period) = changes.period_id {
            if let Some(p) = period {
                store::get(&mut work.tx, p)
                    .await?
                    .ok_or_else(|| ServiceError::Unknown("Working hours do not exist".into()))?;
            }
            hours.period_id = period;
        }
        if let Some(text) = changes.away_message {
            hours.away_message = text;
        }
        if let Some(v) = changes.away_enabled {
            hours.away_enabled = v;
        }
        if let Some(v) = changes.away_close {
            hours.away_close = v;
        }
        hours.away_message = rules::check_away(hours.away_enabled, hours.away_message.as_deref())?;
        store::set_of_queue(&mut work.tx, queue, &hours).await?;
        let open_now = queue_is_open(&mut work.tx, queue, work.now).await?;
        if open_now && !was_open {
            work.triggers.opened_queues.push(queue);
        }
        self.finish(work).await?;
        Ok(QueueHoursView { hours, open_now })
    }
}
