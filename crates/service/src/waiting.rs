//! Waiting strategies in the service: their setup (one strategy per sender, an optional
//! default per kind, uploaded audio for calls), starting a messaging strategy when an
//! unassigned conversation enters an open queue, its timers (announcements, maximum wait) that
//! stop once an agent has it, and a caller's place in the queue for voice announcements.

use crate::unit::conversation::close_in;
use crate::unit::timeline::{insert_message, NewMessage};
use crate::work::Work;
use crate::{Result, Service, ServiceError};
use chrono::{DateTime, Utc};
use serde_json::json;
use switchboard_engine::access::Permission;
use switchboard_engine::content::{validate_name, Content};
use switchboard_engine::kinds::{Automation, Channel, Direction, Status};
use switchboard_engine::waiting::{self as rules, MessagingStrategy, Step, VoiceStrategy};
use switchboard_store::conversations::{self, Conversation};
use switchboard_store::timers::{self, Timer};
use switchboard_store::users::User;
use switchboard_store::waiting::{self as store, AudioFile, StrategyKind, StrategyRow};
use switchboard_store::{queues, Tx};
use uuid::Uuid;

/// The timer of a conversation's next waiting-strategy step.
pub const STEP_TIMER: &str = "waiting.step";
const MAX_NAME_CHARS: usize = 200;
const MAX_SENDERS: usize = 500;

/// A strategy's messages, by kind.
#[derive(Debug, Clone, PartialEq)]
pub enum StrategyConfig {
    Messaging(MessagingStrategy),
    Voice(Box<VoiceStrategy>),
}

impl StrategyConfig {
    fn kind(&self) -> StrategyKind {
        match self {
            StrategyConfig::Messaging(_) => StrategyKind::Messaging,
            StrategyConfig::Voice(_) => StrategyKind::Voice,
        }
    }

    fn to_json(&self) -> Result<String> {
        let text = match self {
            StrategyConfig::Messaging(m) => serde_json::to_string(m),
            StrategyConfig::Voice(v) => serde_json::to_string(v),
        };
        text.map_err(|e| ServiceError::Internal(e.to_string()))
    }
}

/// A waiting strategy as clients see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Strategy {
    pub id: Uuid,
    pub name: String,
    pub enabled: bool,
    pub is_default: bool,
    pub senders: Vec<String>,
    pub config: StrategyConfig,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn decode(row: StrategyRow) -> Result<Strategy> {
    let corrupt = |e: serde_json::Error| {
        ServiceError::Store(switchboard_store::StoreError::Corrupt(format!("waiting strategy {}: {e}", row.id)))
    };
    let config = match row.kind {
        StrategyKind::Messaging => StrategyConfig::Messaging(serde_json::from_str(&row.config).map_err(corrupt)?),
        StrategyKind::Voice => StrategyConfig::Voice(Box::new(serde_json::from_str(&row.config).map_err(corrupt)?)),
    };
    Ok(Strategy {
        id: row.id,
        name: row.name,
        enabled: row.enabled,
        is_default: row.is_default,
        senders: row.senders,
        config,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// What a strategy is made of; on update, absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct StrategyFields {
    pub name: Option<String>,
    pub enabled: Option<bool>,
    pub is_default: Option<bool>,
    pub senders: Option<Vec<String>>,
    pub config: Option<StrategyConfig>,
}

/// A waiting call's place in its queue, and the announcement that says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuePosition {
    pub position: i64,
    pub waiting: i64,
    /// The voice strategy's announcement with the position in place (text-to-speech only).
    pub announcement: Option<String>,
}

async fn check(tx: &mut Tx, id: Uuid, s: &mut Strategy) -> Result<()> {
    match &s.config {
        StrategyConfig::Messaging(m) => m.validate()?,
        StrategyConfig::Voice(v) => {
            v.validate()?;
            for file in v.files() {
                if store::file(tx, file).await?.is_none() {
                    return Err(ServiceError::Unknown(format!("Audio file {file} does not exist")));
                }
            }
        }
    }
    let mut senders: Vec<String> = Vec::new();
    for raw in &s.senders {
        let sender = raw.trim();
        if sender.is_empty() || sender.chars().count() > 320 {
            return Err(switchboard_engine::RuleError::BadSender(raw.clone()).into());
        }
        if !senders.iter().any(|x| x.eq_ignore_ascii_case(sender)) {
            senders.push(sender.to_owned());
        }
    }
    if senders.len() > MAX_SENDERS {
        return Err(switchboard_engine::RuleError::TooManySenders { max: MAX_SENDERS }.into());
    }
    for sender in &senders {
        if let Some((_, name)) = store::owner_of_sender(tx, s.config.kind(), sender, Some(id)).await? {
            return Err(switchboard_engine::RuleError::SenderTaken { sender: sender.clone(), strategy: name }.into());
        }
    }
    s.senders = senders;
    Ok(())
}

async fn save(work: &mut Work, s: &Strategy, was_default: bool) -> Result<()> {
    if s.is_default && !was_default {
        store::clear_default(&mut work.tx, s.config.kind()).await?;
    }
    let row = StrategyRow {
        id: s.id,
        name: s.name.clone(),
        kind: s.config.kind(),
        enabled: s.enabled,
        is_default: s.is_default,
        config: s.config.to_json()?,
        senders: s.senders.clone(),
        created_at: s.created_at,
        updated_at: s.updated_at,
    };
    store::upsert(&mut work.tx, &row).await?;
    Ok(())
}

/// The sender a conversation came through: the address or number the customer wrote to, else
/// its queue's default sender.
async fn sender_of(tx: &mut Tx, c: &Conversation) -> Result<Option<String>> {
    if let Some(s) = c.integration_email.clone().or_else(|| c.contact_endpoint_id.clone()) {
        return Ok(Some(s));
    }
    let Some(queue) = c.queue_id else { return Ok(None) };
    Ok(queues::senders(tx, queue).await?.into_iter().find(|s| s.is_default).map(|s| s.sender))
}

fn is_call(channel: Channel) -> bool {
    matches!(channel, Channel::PstnPhone | Channel::Callback)
}

async fn send(work: &mut Work, c: &mut Conversation, text: &str) -> Result<()> {
    let message = NewMessage {
        direction: Direction::Outbound,
        content: Content::Text { value: text.to_owned() },
        attachments: Vec::new(),
        agent_id: None,
        external_id: None,
        email: None,
        created_at: None,
        automated: Some(Automation::WaitingStrategy),
    };
    insert_message(work, c, message).await?;
    Ok(())
}

fn step_payload(strategy: Uuid, entered: DateTime<Utc>, step: usize) -> String {
    json!({ "strategyId": strategy, "enteredAt": entered.timestamp_millis(), "step": step }).to_string()
}

/// Starts the messaging strategy of conversations that entered a queue during the unit and are
/// still unassigned (after automatic assignment had its turn), when their queue is open.
pub(crate) async fn settle(work: &mut Work) -> Result<()> {
    let entered = std::mem::take(&mut work.entered);
    if entered.is_empty() || !store::any_enabled(&mut work.tx, StrategyKind::Messaging).await? {
        return Ok(());
    }
    let mut seen = std::collections::HashSet::new();
    for id in entered {
        if !seen.insert(id) {
            continue;
        }
        let Some(mut c) = conversations::get(&mut work.tx, id).await? else { continue };
        if c.assignment.is_some() || c.status == Status::Closed || is_call(c.channel) {
            continue;
        }
        let (Some(queue), Some(entered_at)) = (c.queue_id, c.queued_at) else { continue };
        // A queue outside its working hours answers with its away message, not a strategy.
        if !crate::hours::queue_is_open(&mut work.tx, queue, work.now).await? {
            continue;
        }
        let sender = sender_of(&mut work.tx, &c).await?;
        let Some(row) = store::for_sender(&mut work.tx, StrategyKind::Messaging, sender.as_deref()).await? else {
            continue;
        };
        let strategy = decode(row)?;
        let StrategyConfig::Messaging(m) = &strategy.config else { continue };
        if let Some(text) = m.welcome_text() {
            send(work, &mut c, text).await?;
        }
        if let Some((due, _)) = m.plan(entered_at).first() {
            timers::insert(&mut work.tx, STEP_TIMER, Some(c.id), *due, &step_payload(strategy.id, entered_at, 0))
                .await?;
            work.timers_added = true;
        }
    }
    Ok(())
}

/// A strategy's step is due: the announcement or the maximum wait, unless the conversation was
/// assigned, closed or entered a queue again since.
pub(crate) async fn step(work: &mut Work, timer: &Timer) -> Result<()> {
    let v: serde_json::Value = serde_json::from_str(&timer.payload).unwrap_or_default();
    let strategy_id = v["strategyId"].as_str().and_then(|s| Uuid::parse_str(s).ok());
    let (Some(strategy_id), Some(entered_ms), Some(index), Some(id)) =
        (strategy_id, v["enteredAt"].as_i64(), v["step"].as_u64(), timer.conversation_id)
    else {
        tracing::warn!(payload = %timer.payload, "malformed waiting-strategy timer");
        return Ok(());
    };
    let Some(mut c) = conversations::get(&mut work.tx, id).await? else { return Ok(()) };
    let Some(entered) = chrono::DateTime::from_timestamp_millis(entered_ms) else { return Ok(()) };
    // It ends at assignment (and with the conversation, or when it entered a queue again).
    if c.assignment.is_some() || c.status == Status::Closed || c.queued_at != Some(entered) {
        return Ok(());
    }
    let Some(row) = store::get(&mut work.tx, strategy_id).await? else { return Ok(()) };
    if !row.enabled {
        return Ok(());
    }
    let StrategyConfig::Messaging(m) = decode(row)?.config else { return Ok(()) };
    let plan = m.plan(entered);
    let Some((_, now_step)) = plan.get(index as usize).copied() else { return Ok(()) };
    send(work, &mut c, m.text(now_step)).await?;
    match now_step {
        Step::MaximumWait => {
            close_in(work, &mut c, None).await?;
            conversations::update(&mut work.tx, &c).await?;
        }
        Step::Announcement(_) => {
            let next = index as usize + 1;
            if let Some((due, _)) = plan.get(next) {
                timers::insert(&mut work.tx, STEP_TIMER, Some(c.id), *due, &step_payload(strategy_id, entered, next))
                    .await?;
            }
        }
    }
    Ok(())
}

impl Service {
    pub async fn create_waiting_strategy(&self, by: &User, f: StrategyFields) -> Result<Strategy> {
        crate::access::require(by, Permission::Configure)?;
        let config = f.config.ok_or(switchboard_engine::RuleError::Required("messaging or voice"))?;
        let mut work = self.work().await?;
        let name = match f.name {
            Some(n) => validate_name("name", &n, MAX_NAME_CHARS)?,
            None => {
                let mut n = store::count(&mut work.tx).await? + 1;
                while store::name_taken(&mut work.tx, &format!("Waiting strategy #{n}"), None).await? {
                    n += 1;
                }
                format!("Waiting strategy #{n}")
            }
        };
        if store::name_taken(&mut work.tx, &name, None).await? {
            return Err(switchboard_engine::RuleError::AlreadyExists {
                what: switchboard_engine::Taken::WaitingStrategyName,
                name: name.to_string(),
            }
            .into());
        }
        let id = Uuid::new_v4();
        let mut s = Strategy {
            id,
            name,
            enabled: f.enabled.unwrap_or(true),
            is_default: f.is_default.unwrap_or(false),
            senders: f.senders.unwrap_or_default(),
            config,
            created_at: work.now,
            updated_at: work.now,
        };
        check(&mut work.tx, id, &mut s).await?;
        save(&mut work, &s, false).await?;
        self.finish(work).await?;
        Ok(s)
    }

    pub async fn waiting_strategies(&self, by: &User) -> Result<Vec<Strategy>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        store::list(&mut tx).await?.into_iter().map(decode).collect()
    }

    pub async fn waiting_strategy(&self, by: &User, id: Uuid) -> Result<Strategy> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let row = store::get(&mut tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Waiting strategy {id} not found")))?;
        decode(row)
    }

    /// Changes a strategy; conversations already waiting follow the new messages from their next step.
    pub async fn update_waiting_strategy(&self, by: &User, id: Uuid, f: StrategyFields) -> Result<Strategy> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        let row = store::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Waiting strategy {id} not found")))?;
        let mut s = decode(row)?;
        let was_default = s.is_default;
        if let Some(name) = f.name {
            let name = validate_name("name", &name, MAX_NAME_CHARS)?;
            if store::name_taken(&mut work.tx, &name, Some(id)).await? {
                return Err(switchboard_engine::RuleError::AlreadyExists {
                    what: switchboard_engine::Taken::WaitingStrategyName,
                    name: name.to_string(),
                }
                .into());
            }
            s.name = name;
        }
        if let Some(v) = f.enabled {
            s.enabled = v;
        }
        if let Some(v) = f.is_default {
            s.is_default = v;
        }
        if let Some(senders) = f.senders {
            s.senders = senders;
        }
        if let Some(config) = f.config {
            if config.kind() != s.config.kind() {
                return Err(
                    switchboard_engine::RuleError::StrategyKindFixed(s.config.kind().as_str().to_lowercase()).into()
                );
            }
            s.config = config;
        }
        s.updated_at = work.now;
        check(&mut work.tx, id, &mut s).await?;
        save(&mut work, &s, was_default).await?;
        self.finish(work).await?;
        Ok(s)
    }

    /// Deletes a strategy; waiting conversations hear nothing more from it.
    pub async fn delete_waiting_strategy(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        store::get(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Waiting strategy {id} not found")))?;
        store::delete(&mut work.tx, id).await?;
        self.finish(work).await
    }

    /// Stores an uploaded audio file (at most 4 MB, an audio type).
    pub async fn upload_audio(&self, by: &User, name: &str, content_type: &str, data: &[u8]) -> Result<AudioFile> {
        crate::access::require(by, Permission::Configure)?;
        let name = validate_name("name", name, MAX_NAME_CHARS)?;
        let content_type = rules::audio_upload(&name, content_type, data.len())?;
        let mut work = self.work().await?;
        // The engine bounded the size above (4 MB), far inside i64.
        let size = i64::try_from(data.len()).map_err(|e| ServiceError::Internal(e.to_string()))?;
        let file = AudioFile { id: Uuid::new_v4(), name, content_type, size, created_at: work.now };
        store::insert_file(&mut work.tx, &file, data).await?;
        self.finish(work).await?;
        Ok(file)
    }

    pub async fn audio_files(&self, by: &User) -> Result<Vec<AudioFile>> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        Ok(store::files(&mut tx).await?)
    }

    pub async fn audio_file(&self, by: &User, id: Uuid) -> Result<(AudioFile, Vec<u8>)> {
        crate::access::require(by, Permission::ReadDirectory)?;
        let mut tx = self.store().read().await?;
        let not_found = || ServiceError::NotFound(format!("Audio file {id} not found"));
        let file = store::file(&mut tx, id).await?.ok_or_else(not_found)?;
        let data = store::file_data(&mut tx, id).await?.ok_or_else(not_found)?;
        Ok((file, data))
    }

    /// Deletes a file no voice strategy plays (409 names the strategies that do).
    pub async fn delete_audio_file(&self, by: &User, id: Uuid) -> Result<()> {
        crate::access::require(by, Permission::Configure)?;
        let mut work = self.work().await?;
        store::file(&mut work.tx, id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("Audio file {id} not found")))?;
        let mut users = Vec::new();
        for row in store::list(&mut work.tx).await? {
            let s = decode(row)?;
            if let StrategyConfig::Voice(v) = &s.config {
                if v.files().contains(&id) {
                    users.push(s.name);
                }
            }
        }
        if !users.is_empty() {
            return Err(switchboard_engine::RuleError::AudioInUse { id, strategies: users }.into());
        }
        store::delete_file(&mut work.tx, id).await?;
        self.finish(work).await
    }

    /// A waiting call's place in its queue and the voice announcement that says it.
    pub async fn queue_position(&self, by: &User, id: i64) -> Result<QueuePosition> {
        let mut tx = self.store().read().await?;
        let c = crate::access::reach_conversation(&mut tx, by, id, self.default_queue_id()).await?;
        if !is_call(c.channel) {
            return Err(switchboard_engine::RuleError::NotACall(id).into());
        }
        let (position, waiting) =
            store::call_position(&mut tx, id).await?.ok_or(switchboard_engine::RuleError::NotWaiting(id))?;
        let sender = sender_of(&mut tx, &c).await?;
        let announcement = match store::for_sender(&mut tx, StrategyKind::Voice, sender.as_deref()).await? {
            Some(row) => match decode(row)?.config {
                StrategyConfig::Voice(v) => v.announcement.filter(|a| a.enabled).and_then(|a| match a.audio {
                    rules::AudioSource::TextToSpeech { text, language, .. } => rules::language(&language)
                        .map(|l| rules::render_position(&text, u32::try_from(position).unwrap_or(u32::MAX), l)),
                    rules::AudioSource::File { .. } => None,
                }),
                StrategyConfig::Messaging(_) => None,
            },
            None => None,
        };
        Ok(QueuePosition { position, waiting, announcement })
    }
}
