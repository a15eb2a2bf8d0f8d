//! Waiting strategies: what a customer hears while waiting for an agent. For messaging
//! channels, a welcome message on entering the queue, announcements at an interval (at least a
//! minute, at most an hour of them, so at most 60), and a maximum wait (at most an hour) that
//! sends its message and closes the conversation. For voice, the greeting, hold music,
//! announcements with the caller's position in the queue and the maximum-wait message, with
//! their text-to-speech settings or uploaded files.

use crate::error::RuleError;
use crate::Timestamp;
use chrono::Duration;
use serde::{Deserialize, Serialize};

/// Longest time a waiting strategy sends messages for, and longest maximum wait.
pub const MAX_MINUTES: u32 = 60;
/// Longest message text.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Largest uploaded audio file (4 MB).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Audio file extensions and their types, for uploads sent as plain bytes.
const AUDIO_EXTENSIONS: &[(&str, &str)] = &[
    ("mp3", "audio/mpeg"),
    ("wav", "audio/wav"),
    ("ogg", "audio/ogg"),
    ("oga", "audio/ogg"),
    ("m4a", "audio/mp4"),
    ("aac", "audio/aac"),
    ("flac", "audio/flac"),
    ("webm", "audio/webm"),
];

/// Checks an uploaded audio file and gives its type: an `audio/*` Content-Type as sent, or,
/// for plain bytes, the type its name's extension says. Empty files and files over 4 MB are
/// refused.
pub fn audio_upload(name: &str, content_type: &str, size: usize) -> Result<String, RuleError> {
    let given = content_type.trim().to_ascii_lowercase();
    let kind = if given.starts_with("audio/") {
        given
    } else if given.is_empty() || given == "application/octet-stream" {
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let found = AUDIO_EXTENSIONS.iter().find(|(e, _)| *e == ext).map(|(_, t)| (*t).to_owned());
        found.ok_or_else(|| {
            let list: Vec<String> = AUDIO_EXTENSIONS.iter().map(|(e, _)| format!(".{e}")).collect();
            RuleError::BadAudio(format!(
                "audio files only: send an audio/* Content-Type, or a name ending in {}",
                list.join(", ")
            ))
        })?
    } else {
        return Err(RuleError::BadAudio(format!("audio files only: Content-Type '{given}' is not audio/*")));
    };
    if size == 0 {
        return Err(RuleError::BadAudio("the file is empty".into()));
    }
    if size > MAX_FILE_BYTES {
        return Err(RuleError::BadAudio(format!("the file is larger than {MAX_FILE_BYTES} bytes (4 MB)")));
    }
    Ok(kind)
}

fn bad(message: impl Into<String>) -> RuleError {
    RuleError::BadWaitingStrategy(message.into())
}

fn check_text(field: &str, enabled: bool, text: &str) -> Result<(), RuleError> {
    if enabled && text.trim().is_empty() {
        return Err(bad(format!("{field}.text is needed when {field} is enabled")));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(bad(format!("{field}.text is longer than {MAX_TEXT_CHARS} characters")));
    }
    Ok(())
}

/// A message sent once, when the conversation enters the queue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WelcomeMessage {
    pub enabled: bool,
    #[serde(default)]
    pub text: String,
}

/// Messages sent at an interval while the customer waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Announcements {
    pub enabled: bool,
    #[serde(default)]
    pub text: String,
    /// Minutes between two announcements (the first comes one interval after entering).
    pub interval_minutes: u32,
    /// How many are sent at most; interval × count may not pass an hour.
    pub count: u32,
}

impl Default for Announcements {
    fn default() -> Self {
        Announcements { enabled: false, text: String::new(), interval_minutes: 5, count: 1 }
    }
}

/// After this long unassigned, the customer gets the message and the conversation is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MaximumWait {
    pub enabled: bool,
    #[serde(default)]
    pub text: String,
    pub minutes: u32,
}

impl Default for MaximumWait {
    fn default() -> Self {
        MaximumWait { enabled: false, text: String::new(), minutes: MAX_MINUTES }
    }
}

/// A waiting strategy for messaging channels.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MessagingStrategy {
    #[serde(default)]
    pub welcome: WelcomeMessage,
    #[serde(default)]
    pub announcements: Announcements,
    #[serde(default)]
    pub maximum_wait: MaximumWait,
}

/// What happens at a point of a messaging strategy after the welcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The n-th announcement (from 1).
    Announcement(u32),
    /// The maximum wait is reached: its message, then the conversation closes.
    MaximumWait,
}

impl MessagingStrategy {
    pub fn validate(&self) -> Result<(), RuleError> {
        if !self.welcome.enabled && !self.announcements.enabled && !self.maximum_wait.enabled {
            return Err(bad("at least one of welcome, announcements and maximumWait must be enabled"));
        }
        check_text("welcome", self.welcome.enabled, &self.welcome.text)?;
        check_text("announcements", self.announcements.enabled, &self.announcements.text)?;
        check_text("maximumWait", self.maximum_wait.enabled, &self.maximum_wait.text)?;
        let a = &self.announcements;
        if a.interval_minutes < 1 {
            return Err(bad("announcements.intervalMinutes must be at least 1"));
        }
        if a.count < 1 {
            return Err(bad("announcements.count must be at least 1"));
        }
        if u64::from(a.interval_minutes) * u64::from(a.count) > u64::from(MAX_MINUTES) {
            return Err(bad(format!(
                "announcements may run for at most {MAX_MINUTES} minutes (intervalMinutes × count is {})",
                u64::from(a.interval_minutes) * u64::from(a.count)
            )));
        }
        let m = self.maximum_wait.minutes;
        if !(1..=MAX_MINUTES).contains(&m) {
            return Err(bad(format!("maximumWait.minutes must be between 1 and {MAX_MINUTES}")));
        }
        Ok(())
    }

    /// The text sent when the conversation enters the queue, if any.
    pub fn welcome_text(&self) -> Option<&str> {
        self.welcome.enabled.then_some(self.welcome.text.as_str())
    }

    /// Everything after the welcome, in time order, for a conversation that entered the queue
    /// at `entered`: announcements strictly before the maximum wait, then the maximum wait.
    /// Nothing is planned past an hour, so without a maximum wait the conversation stays open
    /// and quiet after that.
    pub fn plan(&self, entered: Timestamp) -> Vec<(Timestamp, Step)> {
        let limit = if self.maximum_wait.enabled { self.maximum_wait.minutes } else { MAX_MINUTES };
        let mut out = Vec::new();
        if self.announcements.enabled {
            for n in 1..=self.announcements.count {
                let at = n * self.announcements.interval_minutes;
                let before_the_end = if self.maximum_wait.enabled { at < limit } else { at <= limit };
                if !before_the_end {
                    break;
                }
                out.push((entered + Duration::minutes(i64::from(at)), Step::Announcement(n)));
            }
        }
        if self.maximum_wait.enabled {
            out.push((entered + Duration::minutes(i64::from(limit)), Step::MaximumWait));
        }
        out
    }

    /// The text of a step.
    pub fn text(&self, step: Step) -> &str {
        match step {
            Step::Announcement(_) => &self.announcements.text,
            Step::MaximumWait => &self.maximum_wait.text,
        }
    }
}

/// Where a voice message's audio comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(tag = "source", rename_all = "camelCase")]
pub enum AudioSource {
    /// Spoken from text.
    #[serde(rename_all = "camelCase")]
    TextToSpeech {
        text: String,
        /// A language tag such as "en-US".
        language: String,
        /// One of the language's voices.
        voice: String,
        /// 0.5 (slow) to 2.0 (fast); 1.0 is normal.
        #[serde(default = "normal_rate")]
        speech_rate: f64,
    },
    /// An uploaded audio file.
    #[serde(rename_all = "camelCase")]
    File { file_id: uuid::Uuid },
}

fn normal_rate() -> f64 {
    1.0
}

/// One voice message of a waiting strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct VoiceMessage {
    pub enabled: bool,
    #[serde(flatten)]
    pub audio: AudioSource,
}

/// Announcements played at an interval while the caller holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct VoiceAnnouncement {
    pub enabled: bool,
    #[serde(flatten)]
    pub audio: AudioSource,
    /// Seconds between two announcements.
    pub interval_seconds: u32,
}

/// A waiting strategy for calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct VoiceStrategy {
    /// How long the strategy runs before the call ends, in minutes.
    pub maximum_wait_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<VoiceMessage>,
    /// Hold music: an uploaded file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_music: Option<VoiceMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announcement: Option<VoiceAnnouncement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_wait_message: Option<VoiceMessage>,
}

/// A text-to-speech language with its voices and the position placeholders they can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    pub tag: &'static str,
    /// The language's name as people read it.
    pub label: &'static str,
    pub voices: &'static [&'static str],
    /// Whether ordinal words ("third") can be spoken.
    pub ordinal_words: bool,
    /// How an adaptive position is written: English says "3rd", others a numeral with their
    /// ordinal mark ("3.", "3e", "3.º").
    pub ordinal_mark: OrdinalMark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrdinalMark {
    EnglishSuffix,
    Suffix(&'static str),
}

/// The text-to-speech languages and voices offered.
pub const LANGUAGES: &[Language] = &[
    Language {
        tag: "en-US",
        label: "English (US)",
        voices: &["Joanna", "Matthew", "Joanna (neural)", "Matthew (neural)"],
        ordinal_words: true,
        ordinal_mark: OrdinalMark::EnglishSuffix,
    },
    Language {
        tag: "en-GB",
        label: "English (UK)",
        voices: &["Amy", "Brian", "Amy (neural)"],
        ordinal_words: true,
        ordinal_mark: OrdinalMark::EnglishSuffix,
    },
    Language {
        tag: "da-DK",
        label: "Danish",
        voices: &["Naja", "Mads"],
        ordinal_words: false,
        ordinal_mark: OrdinalMark::Suffix("."),
    },
    Language {
        tag: "de-DE",
        label: "German",
        voices: &["Marlene", "Hans", "Vicki (neural)"],
        ordinal_words: false,
        ordinal_mark: OrdinalMark::Suffix("."),
    },
    Language {
        tag: "fr-FR",
        label: "French",
        voices: &["Celine", "Mathieu"],
        ordinal_words: false,
        ordinal_mark: OrdinalMark::Suffix("e"),
    },
    Language {
        tag: "es-ES",
        label: "Spanish",
        voices: &["Conchita", "Enrique", "Lucia (neural)"],
        ordinal_words: false,
        ordinal_mark: OrdinalMark::Suffix(".º"),
    },
];

pub fn language(tag: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.tag.eq_ignore_ascii_case(tag.trim()))
}

/// The placeholders of a caller's position in an announcement's text.
pub const ORDINAL: &str = "{{position.ordinal}}";
pub const CARDINAL: &str = "{{position.cardinal}}";
pub const ADAPTIVE: &str = "{{position.adaptive}}";

fn check_audio(field: &str, audio: &AudioSource, position_allowed: bool) -> Result<(), RuleError> {
    match audio {
        AudioSource::TextToSpeech { text, language: tag, voice, speech_rate } => {
            check_text(field, true, text)?;
            let lang = language(tag).ok_or_else(|| {
                let tags: Vec<&str> = LANGUAGES.iter().map(|l| l.tag).collect();
                bad(format!("{field}.language '{tag}' is not offered; one of: {}", tags.join(", ")))
            })?;
            if !lang.voices.iter().any(|v| v.eq_ignore_ascii_case(voice.trim())) {
                return Err(bad(format!(
                    "{field}.voice '{voice}' is not a voice of {}; one of: {}",
                    lang.tag,
                    lang.voices.join(", ")
                )));
            }
            if !(0.5..=2.0).contains(speech_rate) {
                return Err(bad(format!("{field}.speechRate must be between 0.5 and 2.0")));
            }
            let uses_position = [ORDINAL, CARDINAL, ADAPTIVE].iter().any(|p| text.contains(p));
            if uses_position && !position_allowed {
                return Err(bad(format!("{field}.text can't use the position placeholders (announcements only)")));
            }
            if text.contains(ORDINAL) && !lang.ordinal_words {
                return Err(bad(format!(
                    "{field}.text: {} has no ordinal words; use {CARDINAL} or {ADAPTIVE}",
                    lang.tag
                )));
            }
            Ok(())
        }
        AudioSource::File { .. } => Ok(()),
    }
}

impl VoiceStrategy {
    pub fn validate(&self) -> Result<(), RuleError> {
        if !(1..=MAX_MINUTES).contains(&self.maximum_wait_minutes) {
            return Err(bad(format!("maximumWaitMinutes must be between 1 and {MAX_MINUTES}")));
        }
        if let Some(g) = &self.greeting {
            check_audio("greeting", &g.audio, false)?;
        }
        if let Some(h) = &self.hold_music {
            if !matches!(h.audio, AudioSource::File { .. }) {
                return Err(bad("holdMusic must be an uploaded file"));
            }
        }
        if let Some(a) = &self.announcement {
            check_audio("announcement", &a.audio, true)?;
            if a.interval_seconds < 10 {
                return Err(bad("announcement.intervalSeconds must be at least 10"));
            }
        }
        if let Some(m) = &self.maximum_wait_message {
            check_audio("maximumWaitMessage", &m.audio, false)?;
        }
        let any = [self.greeting.as_ref(), self.hold_music.as_ref(), self.maximum_wait_message.as_ref()]
            .iter()
            .any(|m| m.is_some_and(|m| m.enabled))
            || self.announcement.as_ref().is_some_and(|a| a.enabled);
        if !any {
            return Err(bad(
                "at least one of greeting, holdMusic, announcement and maximumWaitMessage must be enabled",
            ));
        }
        Ok(())
    }

    /// The uploaded files it plays.
    pub fn files(&self) -> Vec<uuid::Uuid> {
        let audio = [
            self.greeting.as_ref().map(|m| &m.audio),
            self.hold_music.as_ref().map(|m| &m.audio),
            self.announcement.as_ref().map(|a| &a.audio),
            self.maximum_wait_message.as_ref().map(|m| &m.audio),
        ];
        audio
            .into_iter()
            .flatten()
            .filter_map(|a| match a {
                AudioSource::File { file_id } => Some(*file_id),
                AudioSource::TextToSpeech { .. } => None,
            })
            .collect()
    }
}

const ONES: [&str; 20] = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

fn cardinal_words(n: u32) -> String {
    match n {
        0 => "zero".into(),
        1..=19 => ONES[n as usize].into(),
        20..=99 => {
            let (t, o) = (n / 10, n % 10);
            if o == 0 {
                TENS[t as usize].into()
            } else {
                format!("{}-{}", TENS[t as usize], ONES[o as usize])
            }
        }
        100..=999 => {
            let rest = n % 100;
            let head = format!("{} hundred", ONES[(n / 100) as usize]);
            if rest == 0 {
                head
            } else {
                format!("{head} {}", cardinal_words(rest))
            }
        }
        _ => {
            let rest = n % 1000;
            let head = format!("{} thousand", cardinal_words(n / 1000));
            if rest == 0 {
                head
            } else {
                format!("{head} {}", cardinal_words(rest))
            }
        }
    }
}

/// "first", "second", "twenty-third", "one hundred and first" style English ordinals.
pub fn ordinal_words(n: u32) -> String {
    let words = cardinal_words(n);
    // Only the last word changes: "twenty-one" → "twenty-first".
    let split = words.rfind([' ', '-']).map(|i| i + 1).unwrap_or(0);
    let (head, last) = words.split_at(split);
    let last = match last {
        "one" => "first".to_owned(),
        "two" => "second".to_owned(),
        "three" => "third".to_owned(),
        "five" => "fifth".to_owned(),
        "eight" => "eighth".to_owned(),
        "nine" => "ninth".to_owned(),
        "twelve" => "twelfth".to_owned(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    };
    format!("{head}{last}")
}

fn english_suffix(n: u32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Highest queue position a preview says.
pub const MAX_PREVIEW_POSITION: u32 = 10_000;

/// A position a preview may say: from 1 to [`MAX_PREVIEW_POSITION`].
pub fn check_preview_position(position: u32) -> Result<(), RuleError> {
    if position == 0 || position > MAX_PREVIEW_POSITION {
        Err(RuleError::PositionOutOfRange { max: MAX_PREVIEW_POSITION })
    } else {
        Ok(())
    }
}

/// An announcement's text with the caller's position (from 1) in place of its placeholders.
pub fn render_position(text: &str, position: u32, lang: &Language) -> String {
    let adaptive = match lang.ordinal_mark {
        OrdinalMark::EnglishSuffix => format!("{position}{}", english_suffix(position)),
        OrdinalMark::Suffix(mark) => format!("{position}{mark}"),
    };
    text.replace(ORDINAL, &ordinal_words(position))
        .replace(CARDINAL, &position.to_string())
        .replace(ADAPTIVE, &adaptive)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_preview_says_positions_from_one_to_the_maximum() {
        assert!(check_preview_position(0).is_err());
        assert!(check_preview_position(1).is_ok());
        assert!(check_preview_position(MAX_PREVIEW_POSITION).is_ok());
        assert!(check_preview_position(MAX_PREVIEW_POSITION + 1).is_err());
    }

    fn t0() -> Timestamp {
        Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap()
    }

    fn strategy(interval: u32, count: u32, max_wait: Option<u32>) -> MessagingStrategy {
        MessagingStrategy {
            welcome: WelcomeMessage { enabled: true, text: "Welcome".into() },
            announcements: Announcements {
                enabled: true,
                text: "Still there".into(),
                interval_minutes: interval,
                count,
            },
            maximum_wait: MaximumWait {
                enabled: max_wait.is_some(),
                text: "Sorry".into(),
                minutes: max_wait.unwrap_or(MAX_MINUTES),
            },
        }
    }

    fn minutes(plan: &[(Timestamp, Step)]) -> Vec<(i64, Step)> {
        plan.iter().map(|(t, s)| ((*t - t0()).num_minutes(), *s)).collect()
    }

    #[test]
    fn announcements_come_at_their_interval_and_the_maximum_wait_ends_it() {
        let plan = strategy(10, 5, Some(30)).plan(t0());
        assert_eq!(
            minutes(&plan),
            [(10, Step::Announcement(1)), (20, Step::Announcement(2)), (30, Step::MaximumWait)],
            "the announcement due with the maximum wait gives way to it"
        );
        // Without a maximum wait: the announcements, then nothing (the conversation stays open).
        let plan = strategy(15, 4, None).plan(t0());
        assert_eq!(plan.len(), 4);
        assert_eq!(minutes(&plan).last(), Some(&(60, Step::Announcement(4))));
        // At most 60 of them, a minute apart.
        assert_eq!(strategy(1, 60, None).plan(t0()).len(), 60);
    }

    #[test]
    fn uploads_are_audio_of_at_most_4_mb() {
        assert_eq!(audio_upload("x", " Audio/MPEG ", 10).unwrap(), "audio/mpeg");
        assert_eq!(audio_upload("chime.WAV", "application/octet-stream", 10).unwrap(), "audio/wav");
        assert!(audio_upload("notes.txt", "", 10).unwrap_err().to_string().contains(".mp3"));
        assert!(audio_upload("a.mp3", "text/plain", 10).unwrap_err().to_string().contains("text/plain"));
        assert!(audio_upload("a.mp3", "audio/mpeg", 0).unwrap_err().to_string().contains("empty"));
        assert!(audio_upload("a.mp3", "audio/mpeg", MAX_FILE_BYTES).is_ok());
        assert!(audio_upload("a.mp3", "audio/mpeg", MAX_FILE_BYTES + 1).unwrap_err().to_string().contains("4 MB"));
    }

    #[test]
    fn limits_are_named() {
        let err = |s: MessagingStrategy| s.validate().unwrap_err().to_string();
        assert!(err(strategy(0, 5, None)).contains("intervalMinutes must be at least 1"));
        assert!(err(strategy(2, 31, None)).contains("at most 60 minutes"));
        assert!(err(strategy(1, 0, None)).contains("count"));
        assert!(err(strategy(5, 1, Some(61))).contains("maximumWait.minutes"));
        let mut none = strategy(5, 1, None);
        none.welcome.enabled = false;
        none.announcements.enabled = false;
        assert!(err(none).contains("at least one"));
        let mut empty = strategy(5, 1, None);
        empty.welcome.text = "  ".into();
        assert!(err(empty).contains("welcome.text"));
        assert!(strategy(1, 60, Some(60)).validate().is_ok());
    }

    #[test]
    fn positions_are_said_as_each_language_can() {
        let en = language("en-us").unwrap();
        let text = format!("You are {ORDINAL} in line ({CARDINAL}, {ADAPTIVE}).");
        assert_eq!(render_position(&text, 3, en), "You are third in line (3, 3rd).");
        assert_eq!(render_position(&text, 21, en), "You are twenty-first in line (21, 21st).");
        assert_eq!(render_position(&text, 12, en), "You are twelfth in line (12, 12th).");
        assert_eq!(ordinal_words(40), "fortieth");
        assert_eq!(ordinal_words(101), "one hundred first");
        let de = language("de-DE").unwrap();
        assert_eq!(render_position(&format!("Sie sind {ADAPTIVE}"), 2, de), "Sie sind 2.");
    }

    #[test]
    fn voice_strategies_check_languages_voices_and_placeholders() {
        let tts = |text: &str, lang: &str, voice: &str| AudioSource::TextToSpeech {
            text: text.into(),
            language: lang.into(),
            voice: voice.into(),
            speech_rate: 1.0,
        };
        let mut v = VoiceStrategy {
            maximum_wait_minutes: 10,
            greeting: Some(VoiceMessage { enabled: true, audio: tts("Hello", "en-US", "Joanna") }),
            hold_music: None,
            announcement: Some(VoiceAnnouncement {
                enabled: true,
                audio: tts(&format!("You are {ORDINAL}"), "en-US", "Matthew"),
                interval_seconds: 30,
            }),
            maximum_wait_message: None,
        };
        assert!(v.validate().is_ok());
        v.announcement.as_mut().unwrap().audio = tts(&format!("Du er {ORDINAL}"), "da-DK", "Naja");
        assert!(v.validate().unwrap_err().to_string().contains("no ordinal words"));
        v.announcement = None;
        v.greeting = Some(VoiceMessage { enabled: true, audio: tts("Hi", "en-US", "Hans") });
        assert!(v.validate().unwrap_err().to_string().contains("greeting.voice 'Hans'"));
        v.greeting = Some(VoiceMessage { enabled: true, audio: tts("Hi", "xx-XX", "Hans") });
        assert!(v.validate().unwrap_err().to_string().contains("greeting.language 'xx-XX'"));
        v.greeting = Some(VoiceMessage { enabled: true, audio: tts(&format!("You are {CARDINAL}"), "en-US", "Amy") });
        assert!(v.validate().is_err(), "Amy is en-GB; and greetings can't say the position");
        v.greeting = Some(VoiceMessage { enabled: true, audio: tts("Hi", "en-US", "Joanna") });
        v.hold_music = Some(VoiceMessage { enabled: true, audio: tts("la la", "en-US", "Joanna") });
        assert!(v.validate().unwrap_err().to_string().contains("holdMusic"));
        let file = uuid::Uuid::new_v4();
        v.hold_music = Some(VoiceMessage { enabled: true, audio: AudioSource::File { file_id: file } });
        assert_eq!(v.files(), [file]);
        v.maximum_wait_minutes = 0;
        assert!(v.validate().unwrap_err().to_string().contains("maximumWaitMinutes"));
    }
}
