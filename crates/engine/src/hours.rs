//! Working hours: a period in a time zone with working intervals per weekday (several a day for
//! split shifts; none for a switched-off day) and holidays by dates (from 00:00 of the first day
//! to 24:00 of the last, both included). Whether a moment is inside, when the next opening is,
//! how much working time lies between two moments, and when an amount of it has passed.

use crate::error::RuleError;
use crate::Timestamp;
use chrono::{Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Minutes in a day: an interval may end at 24:00.
const DAY_MINUTES: u16 = 24 * 60;
/// How far ahead openings and deadlines are looked for (a period with no working time at all
/// has none).
const HORIZON_DAYS: i64 = 3 * 366;

/// Working time within one day, in minutes from local midnight: `start` < `end` ≤ 24:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    start: u16,
    end: u16,
}

impl Interval {
    /// From "HH:MM" texts; "24:00" ends at midnight.
    pub fn parse(start: &str, end: &str) -> Result<Self, RuleError> {
        let (s, e) = (minutes(start)?, minutes(end)?);
        if s >= e {
            return Err(RuleError::BadHours(format!("an interval must end after it starts ({start}-{end})")));
        }
        Ok(Interval { start: s, end: e })
    }

    pub fn start_text(&self) -> String {
        text(self.start)
    }

    pub fn end_text(&self) -> String {
        text(self.end)
    }
}

fn minutes(t: &str) -> Result<u16, RuleError> {
    let bad = || RuleError::BadHours(format!("'{t}' is not a time of day (HH:MM, 00:00 to 24:00)"));
    let (h, m) = t.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m >= 60 || h * 60 + m > DAY_MINUTES || h.to_string().len() > 2 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

fn text(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Days off, from the first to the last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Holiday {
    pub fn new(first: NaiveDate, last: NaiveDate) -> Result<Self, RuleError> {
        if last < first {
            return Err(RuleError::BadHours(format!("a holiday can't end ({last}) before it starts ({first})")));
        }
        Ok(Holiday { first, last })
    }

    fn covers(&self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last
    }
}

/// A working-hours period.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    tz: Tz,
    /// Monday first.
    week: [Vec<Interval>; 7],
    holidays: Vec<Holiday>,
}

impl Period {
    /// Intervals of a day are sorted and must not overlap.
    pub fn new(tz: Tz, week: [Vec<Interval>; 7], holidays: Vec<Holiday>) -> Result<Self, RuleError> {
        let mut week = week;
        for (i, day) in week.iter_mut().enumerate() {
            day.sort();
            if day.windows(2).any(|w| w[0].end > w[1].start) {
                let name = Weekday::try_from(i as u8).map(|d| d.to_string()).unwrap_or_default();
                return Err(RuleError::BadHours(format!("the intervals of {name} overlap")));
            }
        }
        Ok(Period { tz, week, holidays })
    }

    /// Parses an IANA time zone name ("Europe/Copenhagen").
    pub fn zone(name: &str) -> Result<Tz, RuleError> {
        name.trim().parse::<Tz>().map_err(|_| RuleError::BadHours(format!("unknown time zone '{name}'")))
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    pub fn day(&self, weekday: Weekday) -> &[Interval] {
        &self.week[weekday.num_days_from_monday() as usize]
    }

    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// The working intervals of one local day, as UTC instants (empty on holidays and days off).
    fn spans(&self, day: NaiveDate) -> Vec<(Timestamp, Timestamp)> {
        if self.holidays.iter().any(|h| h.covers(day)) {
            return Vec::new();
        }
        self.day(day.weekday())
            .iter()
            .map(|i| (self.instant(day, i.start, true), self.instant(day, i.end, false)))
            .filter(|(s, e)| s < e)
            .collect()
    }

    /// The instant of a local day's minute. A time that the clocks skip (spring forward) becomes
    /// the first moment after the jump; a time they pass twice (fall back) is taken at its first
    /// pass for a start and its second for an end, so the interval is never cut short.
    fn instant(&self, day: NaiveDate, minute: u16, start: bool) -> Timestamp {
        let local = if minute == DAY_MINUTES {
            NaiveDateTime::new(day.succ_opt().unwrap_or(day), NaiveTime::MIN)
        } else {
            NaiveDateTime::new(day, NaiveTime::MIN) + Duration::minutes(i64::from(minute))
        };
        match self.tz.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => if start { a } else { b }.with_timezone(&Utc),
            LocalResult::None => {
                // In a gap: walk forward a minute at a time to the first time that exists.
                let mut probe = local;
                for _ in 0..(3 * 60) {
                    probe += Duration::minutes(1);
                    if let Some(t) = self.tz.from_local_datetime(&probe).earliest() {
                        return t.with_timezone(&Utc);
                    }
                }
                Utc.from_utc_datetime(&local)
            }
        }
    }

    fn local_day(&self, at: Timestamp) -> NaiveDate {
        at.with_timezone(&self.tz).date_naive()
    }

    /// Whether `at` is within working hours.
    pub fn is_open(&self, at: Timestamp) -> bool {
        let day = self.local_day(at);
        // An interval of the day before can't reach into this one (it ends by 24:00), but a local
        // day can start before `at`'s UTC day; checking the local day is enough.
        self.spans(day).iter().any(|(s, e)| *s <= at && at < *e)
    }

    /// The first moment at or after `at` that is within working hours (`at` itself when open).
    pub fn next_opening(&self, at: Timestamp) -> Option<Timestamp> {
        let first = self.local_day(at);
        for d in 0..HORIZON_DAYS {
            let day = first + Duration::days(d);
            for (s, e) in self.spans(day) {
                if at < e {
                    return Some(s.max(at));
                }
            }
        }
        None
    }

    /// The first moment after `at` when a working interval starts: when work waiting from
    /// outside hours is handed out.
    pub fn next_start_after(&self, at: Timestamp) -> Option<Timestamp> {
        let first = self.local_day(at);
        for d in 0..HORIZON_DAYS {
            let day = first + Duration::days(d);
            if let Some((s, _)) = self.spans(day).into_iter().find(|(s, _)| *s > at) {
                return Some(s);
            }
        }
        None
    }

    /// The next moment after `at` when the period opens or closes.
    pub fn next_change(&self, at: Timestamp) -> Option<Timestamp> {
        let first = self.local_day(at);
        for d in 0..HORIZON_DAYS {
            let day = first + Duration::days(d);
            for (s, e) in self.spans(day) {
                if s > at {
                    return Some(s);
                }
                if e > at {
                    return Some(e);
                }
            }
        }
        None
    }

    /// Working time between two moments (zero when `to` is not after `from`).
    pub fn working_time(&self, from: Timestamp, to: Timestamp) -> Duration {
        if to <= from {
            return Duration::zero();
        }
        let mut total = Duration::zero();
        let (first, last) = (self.local_day(from), self.local_day(to));
        let mut day = first;
        while day <= last {
            for (s, e) in self.spans(day) {
                let (s, e) = (s.max(from), e.min(to));
                if s < e {
                    total += e - s;
                }
            }
            day = match day.succ_opt() {
                Some(d) => d,
                None => break,
            };
        }
        total
    }

    /// The moment when `amount` of working time has passed since `from` (a deadline counted in
    /// working hours only). None when the period has no working time within about three years.
    pub fn add_working_time(&self, from: Timestamp, amount: Duration) -> Option<Timestamp> {
        let mut left = amount;
        let first = self.local_day(from);
        for d in 0..HORIZON_DAYS {
            let day = first + Duration::days(d);
            for (s, e) in self.spans(day) {
                let s = s.max(from);
                if s >= e {
                    continue;
                }
                if left <= e - s {
                    return Some(s + left);
                }
                left -= e - s;
            }
        }
        None
    }
}

/// One working interval as supervisors write it: "09:00" to "17:00" ("24:00" ends at midnight).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct IntervalSpec {
    #[cfg_attr(feature = "schema", schema(example = "09:00"))]
    pub start: String,
    #[cfg_attr(feature = "schema", schema(example = "17:00"))]
    pub end: String,
}

/// The working intervals of each weekday; an empty (or missing) day is switched off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct WeekSpec {
    pub monday: Vec<IntervalSpec>,
    pub tuesday: Vec<IntervalSpec>,
    pub wednesday: Vec<IntervalSpec>,
    pub thursday: Vec<IntervalSpec>,
    pub friday: Vec<IntervalSpec>,
    pub saturday: Vec<IntervalSpec>,
    pub sunday: Vec<IntervalSpec>,
}

impl WeekSpec {
    /// Monday first.
    fn days(&self) -> [(&'static str, &Vec<IntervalSpec>); 7] {
        [
            ("monday", &self.monday),
            ("tuesday", &self.tuesday),
            ("wednesday", &self.wednesday),
            ("thursday", &self.thursday),
            ("friday", &self.friday),
            ("saturday", &self.saturday),
            ("sunday", &self.sunday),
        ]
    }

    /// The same intervals on the five working days, the weekend switched off.
    pub fn weekdays(start: &str, end: &str) -> Self {
        let day = vec![IntervalSpec { start: start.into(), end: end.into() }];
        WeekSpec {
            monday: day.clone(),
            tuesday: day.clone(),
            wednesday: day.clone(),
            thursday: day.clone(),
            friday: day,
            ..WeekSpec::default()
        }
    }
}

/// Days off by exact dates: from 00:00 of `startDate` to 24:00 of `endDate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HolidaySpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[cfg_attr(feature = "schema", schema(value_type = String, format = Date))]
    pub start_date: NaiveDate,
    #[cfg_attr(feature = "schema", schema(value_type = String, format = Date))]
    pub end_date: NaiveDate,
}

/// Most holidays one period keeps (years of them; more is a mistake, not a calendar).
pub const MAX_HOLIDAYS: usize = 1000;
/// Most intervals in one day.
pub const MAX_INTERVALS_A_DAY: usize = 24;

/// A working-hours period as stored and exchanged: checked and turned into a [`Period`] by
/// [`PeriodSpec::compile`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PeriodSpec {
    /// An IANA time zone, for the intervals and the holidays alike.
    #[cfg_attr(feature = "schema", schema(example = "Europe/Copenhagen"))]
    pub time_zone: String,
    pub days: WeekSpec,
    #[serde(default)]
    pub holidays: Vec<HolidaySpec>,
}

impl PeriodSpec {
    pub fn compile(&self) -> Result<Period, RuleError> {
        let tz = Period::zone(&self.time_zone)?;
        let mut week: [Vec<Interval>; 7] = Default::default();
        for (i, (name, intervals)) in self.days.days().into_iter().enumerate() {
            if intervals.len() > MAX_INTERVALS_A_DAY {
                return Err(RuleError::BadHours(format!("{name} has more than {MAX_INTERVALS_A_DAY} intervals")));
            }
            week[i] = intervals
                .iter()
                .map(|iv| {
                    Interval::parse(&iv.start, &iv.end).map_err(|e| match e {
                        RuleError::BadHours(m) => RuleError::BadHours(format!("{name}: {m}")),
                        other => other,
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        if self.holidays.len() > MAX_HOLIDAYS {
            return Err(RuleError::BadHours(format!("at most {MAX_HOLIDAYS} holidays")));
        }
        let holidays =
            self.holidays.iter().map(|h| Holiday::new(h.start_date, h.end_date)).collect::<Result<Vec<_>, _>>()?;
        Period::new(tz, week, holidays)
    }

    /// The same period in its canonical form: intervals sorted and written as HH:MM, the time
    /// zone by its IANA name, holidays by start date.
    pub fn normalized(&self) -> Result<Self, RuleError> {
        let period = self.compile()?;
        let day = |d: Weekday| -> Vec<IntervalSpec> {
            period.day(d).iter().map(|i| IntervalSpec { start: i.start_text(), end: i.end_text() }).collect()
        };
        let mut holidays: Vec<HolidaySpec> = self
            .holidays
            .iter()
            .map(|h| HolidaySpec {
                name: h.name.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned),
                ..h.clone()
            })
            .collect();
        holidays.sort_by_key(|h| (h.start_date, h.end_date));
        Ok(PeriodSpec {
            time_zone: period.tz().name().to_owned(),
            days: WeekSpec {
                monday: day(Weekday::Mon),
                tuesday: day(Weekday::Tue),
                wednesday: day(Weekday::Wed),
                thursday: day(Weekday::Thu),
                friday: day(Weekday::Fri),
                saturday: day(Weekday::Sat),
                sunday: day(Weekday::Sun),
            },
            holidays,
        })
    }
}

/// Longest away message.
pub const MAX_AWAY_CHARS: usize = 5000;

/// Checks a queue's away message: its text is trimmed (empty: none) and at most
/// [`MAX_AWAY_CHARS`] long, and a message switched on needs a text.
pub fn check_away(enabled: bool, text: Option<&str>) -> Result<Option<String>, RuleError> {
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    if text.is_some_and(|t| t.chars().count() > MAX_AWAY_CHARS) {
        return Err(RuleError::BadHours(format!("awayMessage.message is longer than {MAX_AWAY_CHARS} characters")));
    }
    if enabled && text.is_none() {
        return Err(RuleError::BadHours("awayMessage.message is needed to switch the away message on".into()));
    }
    Ok(text.map(str::to_owned))
}

/// What a queue answers a customer who opens a conversation outside its working hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwayMessage {
    pub text: String,
    /// Close the conversation once the message is sent.
    pub close: bool,
}

/// Whether a new conversation gets the queue's away message: only a conversation the customer
/// opens (not one an agent starts, nor an import of history), only while the queue is outside
/// its working hours, and only when the queue has an away message.
pub fn away_reply<'a>(
    away: Option<&'a AwayMessage>,
    opened_by_customer: bool,
    period: Option<&Period>,
    now: Timestamp,
) -> Option<&'a AwayMessage> {
    let away = away?;
    let closed = period.is_some_and(|p| !p.is_open(now));
    (opened_by_customer && closed).then_some(away)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekdays(intervals: &[(&str, &str)]) -> [Vec<Interval>; 7] {
        let day: Vec<Interval> = intervals.iter().map(|(s, e)| Interval::parse(s, e).unwrap()).collect();
        [day.clone(), day.clone(), day.clone(), day.clone(), day, vec![], vec![]]
    }

    fn utc(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn copenhagen(intervals: &[(&str, &str)], holidays: Vec<Holiday>) -> Period {
        Period::new(Period::zone("Europe/Copenhagen").unwrap(), weekdays(intervals), holidays).unwrap()
    }

    #[test]
    fn split_shifts_and_switched_off_days() {
        // Mon-Fri 08:00-12:00 and 13:00-17:00 in Copenhagen (UTC+1 in January); weekends off.
        let p = copenhagen(&[("08:00", "12:00"), ("13:00", "17:00")], vec![]);
        assert!(p.is_open(utc("2026-01-05T07:00:00Z")), "Monday 08:00 local");
        assert!(!p.is_open(utc("2026-01-05T11:30:00Z")), "the lunch break");
        assert!(p.is_open(utc("2026-01-05T12:00:00Z")));
        assert!(!p.is_open(utc("2026-01-05T16:00:00Z")), "17:00 is closed");
        assert!(!p.is_open(utc("2026-01-10T10:00:00Z")), "Saturday is switched off");
        assert_eq!(p.next_opening(utc("2026-01-10T10:00:00Z")), Some(utc("2026-01-12T07:00:00Z")));
        assert_eq!(p.next_opening(utc("2026-01-05T11:30:00Z")), Some(utc("2026-01-05T12:00:00Z")));
        let t = utc("2026-01-05T09:00:00Z");
        assert_eq!(p.next_opening(t), Some(t), "open now");
    }

    #[test]
    fn a_holidays_last_day_is_included() {
        let p = copenhagen(&[("09:00", "17:00")], vec![Holiday::new(date("2026-12-24"), date("2026-12-25")).unwrap()]);
        assert!(!p.is_open(utc("2026-12-24T10:00:00Z")));
        assert!(!p.is_open(utc("2026-12-25T15:59:00Z")), "the last day, until 24:00");
        assert!(p.is_open(utc("2026-12-28T08:00:00Z")), "Monday after");
        assert_eq!(p.next_opening(utc("2026-12-24T10:00:00Z")), Some(utc("2026-12-28T08:00:00Z")));
        assert!(Holiday::new(date("2026-12-25"), date("2026-12-24")).is_err());
        // A one-day holiday has the same first and last day.
        let one =
            copenhagen(&[("09:00", "17:00")], vec![Holiday::new(date("2026-05-14"), date("2026-05-14")).unwrap()]);
        assert!(!one.is_open(utc("2026-05-14T10:00:00Z")));
        assert!(one.is_open(utc("2026-05-15T10:00:00Z")));
    }

    #[test]
    fn daylight_saving_transitions() {
        // 29 March 2026: Copenhagen jumps from 02:00 to 03:00. A 02:30-06:00 interval starts at 03:00.
        let mut week: [Vec<Interval>; 7] = Default::default();
        week[6] = vec![Interval::parse("02:30", "06:00").unwrap()];
        let tz = Period::zone("Europe/Copenhagen").unwrap();
        let p = Period::new(tz, week.clone(), vec![]).unwrap();
        assert_eq!(p.next_opening(utc("2026-03-29T00:00:00Z")), Some(utc("2026-03-29T01:00:00Z")), "03:00 CEST");
        assert_eq!(p.working_time(utc("2026-03-29T00:00:00Z"), utc("2026-03-29T06:00:00Z")), Duration::hours(3));
        // 25 October 2026: 02:00-03:00 happens twice; a 01:00-04:00 interval lasts four hours.
        let mut week: [Vec<Interval>; 7] = Default::default();
        week[6] = vec![Interval::parse("01:00", "04:00").unwrap()];
        let p = Period::new(tz, week, vec![]).unwrap();
        assert_eq!(p.working_time(utc("2026-10-24T00:00:00Z"), utc("2026-10-26T00:00:00Z")), Duration::hours(4));
        // A full day in local time is 23 or 25 hours of UTC around the transitions.
        let all =
            Period::new(tz, std::array::from_fn(|_| vec![Interval::parse("00:00", "24:00").unwrap()]), vec![]).unwrap();
        assert_eq!(all.working_time(utc("2026-03-28T23:00:00Z"), utc("2026-03-29T22:00:00Z")), Duration::hours(23));
        assert!(all.is_open(utc("2026-10-25T01:30:00Z")));
    }

    #[test]
    fn working_time_and_deadlines_skip_nights_and_weekends() {
        let p = copenhagen(&[("09:00", "17:00")], vec![]);
        // Friday 16:00 local to Monday 10:00 local: 1 hour + 1 hour.
        let fri = utc("2026-01-09T15:00:00Z");
        let mon = utc("2026-01-12T09:00:00Z");
        assert_eq!(p.working_time(fri, mon), Duration::hours(2));
        assert_eq!(p.add_working_time(fri, Duration::hours(2)), Some(mon));
        assert_eq!(p.add_working_time(fri, Duration::minutes(30)), Some(utc("2026-01-09T15:30:00Z")));
        // From outside hours, counting starts at the next opening.
        assert_eq!(
            p.add_working_time(utc("2026-01-10T12:00:00Z"), Duration::minutes(15)),
            Some(utc("2026-01-12T08:15:00Z"))
        );
        let never = Period::new(p.tz(), Default::default(), vec![]).unwrap();
        assert_eq!(never.add_working_time(fri, Duration::minutes(1)), None);
        assert_eq!(never.next_opening(fri), None);
    }

    #[test]
    fn bad_input_names_the_problem() {
        assert!(Interval::parse("17:00", "09:00").unwrap_err().to_string().contains("end after it starts"));
        assert!(Interval::parse("25:00", "26:00").unwrap_err().to_string().contains("25:00"));
        assert!(Interval::parse("9h", "10:00").is_err());
        assert_eq!(Interval::parse("00:00", "24:00").unwrap().end_text(), "24:00");
        assert!(Period::zone("Mars/Olympus").unwrap_err().to_string().contains("Mars/Olympus"));
        let overlapping = [
            vec![Interval::parse("08:00", "12:00").unwrap(), Interval::parse("11:00", "13:00").unwrap()],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
        ];
        assert!(Period::new(chrono_tz::UTC, overlapping, vec![]).unwrap_err().to_string().contains("Mon"));
    }
    #[test]
    fn specs_compile_normalize_and_name_the_bad_day() {
        let mut spec = PeriodSpec {
            time_zone: " Europe/Copenhagen ".into(),
            days: WeekSpec::weekdays("9:00", "17:00"),
            holidays: vec![
                HolidaySpec {
                    name: Some(" Christmas ".into()),
                    start_date: date("2026-12-24"),
                    end_date: date("2026-12-26"),
                },
                HolidaySpec { name: None, start_date: date("2026-01-01"), end_date: date("2026-01-01") },
            ],
        };
        spec.days.saturday = vec![
            IntervalSpec { start: "13:00".into(), end: "15:00".into() },
            IntervalSpec { start: "08:00".into(), end: "12:00".into() },
        ];
        let n = spec.normalized().unwrap();
        assert_eq!(n.time_zone, "Europe/Copenhagen");
        assert_eq!(n.days.monday[0].start, "09:00");
        assert_eq!(n.days.saturday[0].start, "08:00", "sorted");
        assert_eq!(n.holidays[0].start_date, date("2026-01-01"), "by date");
        assert_eq!(n.holidays[1].name.as_deref(), Some("Christmas"));
        assert!(n.days.sunday.is_empty());
        spec.days.wednesday = vec![IntervalSpec { start: "18:00".into(), end: "08:00".into() }];
        assert!(spec.compile().unwrap_err().to_string().contains("wednesday"));
    }

    #[test]
    fn openings_after_a_moment() {
        let p = copenhagen(&[("08:00", "12:00"), ("13:00", "17:00")], vec![]);
        // Friday evening: the next opening is Monday 08:00 local.
        assert_eq!(p.next_start_after(utc("2026-01-09T18:00:00Z")), Some(utc("2026-01-12T07:00:00Z")));
        // At an opening itself, the next one is the afternoon shift.
        assert_eq!(p.next_start_after(utc("2026-01-12T07:00:00Z")), Some(utc("2026-01-12T12:00:00Z")));
        let never = Period::new(p.tz(), Default::default(), vec![]).unwrap();
        assert_eq!(never.next_start_after(utc("2026-01-12T07:00:00Z")), None);
        // Changes: the lunch break's start, then its end.
        assert_eq!(p.next_change(utc("2026-01-12T08:00:00Z")), Some(utc("2026-01-12T11:00:00Z")));
        assert_eq!(p.next_change(utc("2026-01-12T11:30:00Z")), Some(utc("2026-01-12T12:00:00Z")));
        assert_eq!(never.next_change(utc("2026-01-12T11:30:00Z")), None);
    }

    #[test]
    fn away_messages_need_a_text_when_on() {
        assert_eq!(check_away(true, Some("  Closed  ")), Ok(Some("Closed".into())));
        assert_eq!(check_away(false, Some("  ")), Ok(None));
        assert!(check_away(true, Some(" ")).unwrap_err().to_string().contains("needed"));
        assert!(check_away(false, Some(&"x".repeat(MAX_AWAY_CHARS + 1))).is_err());
    }

    #[test]
    fn the_away_message_goes_to_new_customer_conversations_outside_hours() {
        let p = copenhagen(&[("09:00", "17:00")], vec![]);
        let away = AwayMessage { text: "We're closed".into(), close: false };
        let saturday = utc("2026-01-10T10:00:00Z");
        let monday = utc("2026-01-12T10:00:00Z");
        assert_eq!(away_reply(Some(&away), true, Some(&p), saturday), Some(&away), "a switched-off day");
        assert_eq!(away_reply(Some(&away), true, Some(&p), monday), None, "within hours");
        assert_eq!(away_reply(Some(&away), false, Some(&p), saturday), None, "an agent's outbound conversation");
        assert_eq!(away_reply(None, true, Some(&p), saturday), None, "no away message set");
        assert_eq!(away_reply(Some(&away), true, None, saturday), None, "a queue without hours is always open");
    }
}
