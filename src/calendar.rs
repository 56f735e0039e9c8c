//! Office calendar: weekly opening hours in Europe/Rome, Italian public holidays and closures.
//!
//! Everything here is pure: callers pass the current instant in, nothing reads the clock.
//!
//! Local times are mapped to instants with one rule, applied everywhere: a wall-clock time
//! `t` on date `d` means *the first instant at which the clock in Rome shows `t` or later on
//! `d`*. In the autumn fold that is the first of the two occurrences (staff open and leave at
//! the first 02:30 they see); in the spring gap it is the instant the clock jumps forward. The
//! rule is monotonic, so opening ranges never turn into overlapping or reversed intervals.

use std::cmp::{max, min};
use std::fmt;
use std::iter;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Timelike,
    Utc, Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The time zone every office of the Comune keeps its hours in.
pub const TIME_ZONE: Tz = chrono_tz::Europe::Rome;

/// How far ahead [`Schedule::next_opening`] and [`Schedule::closes_at`] look, in days.
pub const SEARCH_HORIZON_DAYS: usize = 400;

/// A half-open opening range `[start, end)` within one day, in local (Rome) time.
///
/// `end` is exclusive and must be after `start`; a range cannot cross midnight, so the
/// latest representable closing time is 23:59.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeRange {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// Why a text is not a valid [`TimeRange`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeRangeError {
    #[error("expected an opening range such as \"09:00-12:30\", got \"{0}\"")]
    MissingSeparator(String),
    #[error("\"{0}\" is not a time of day; expected HH:MM between 00:00 and 23:59")]
    InvalidTime(String),
    #[error("the range {}-{} does not end after it starts", hhmm(.start), hhmm(.end))]
    EndNotAfterStart { start: NaiveTime, end: NaiveTime },
}

impl TimeRange {
    /// Builds a range, rejecting one that does not end after it starts.
    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, TimeRangeError> {
        if end <= start {
            return Err(TimeRangeError::EndNotAfterStart { start, end });
        }
        Ok(TimeRange { start, end })
    }

    /// Whether the local time `time` falls within `[start, end)`.
    pub fn contains(&self, time: NaiveTime) -> bool {
        self.start <= time && time < self.end
    }
}

impl FromStr for TimeRange {
    type Err = TimeRangeError;

    /// Parses `"09:00-12:30"`. Hours may have one digit, `.` may replace `:` (Italian notices
    /// write "9.00"), the separator may be a hyphen, an en dash or an em dash, and spaces
    /// around the separator are ignored.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        let (start, end) = trimmed
            .split_once(['-', '\u{2013}', '\u{2014}'])
            .ok_or_else(|| TimeRangeError::MissingSeparator(trimmed.to_owned()))?;
        let start = parse_time(start.trim())?;
        let end = parse_time(end.trim())?;
        TimeRange::new(start, end)
    }
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", hhmm(&self.start), hhmm(&self.end))
    }
}

/// Serialised as its text form (`"09:00-12:30"`) so configuration files stay readable.
impl Serialize for TimeRange {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Parses a day's ranges separated by commas or semicolons, e.g. `"9:00-12:30, 15:00-17:00"`.
/// An empty or blank text means no ranges (closed all day).
pub fn parse_ranges(text: &str) -> Result<Vec<TimeRange>, TimeRangeError> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect()
}

fn parse_time(text: &str) -> Result<NaiveTime, TimeRangeError> {
    let invalid = || TimeRangeError::InvalidTime(text.to_owned());
    let (hours, minutes) = text.split_once([':', '.']).ok_or_else(invalid)?;
    // `u32::from_str` accepts a leading '+', which is not a time people write.
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || hours.len() > 2 || !all_digits(minutes) || minutes.len() != 2 {
        return Err(invalid());
    }
    let hours = hours.parse().map_err(|_| invalid())?;
    let minutes = minutes.parse().map_err(|_| invalid())?;
    NaiveTime::from_hms_opt(hours, minutes, 0).ok_or_else(invalid)
}

fn hhmm(time: &NaiveTime) -> String {
    if time.second() == 0 && time.nanosecond() == 0 {
        time.format("%H:%M").to_string()
    } else {
        time.format("%H:%M:%S").to_string()
    }
}

fn weekday_name(day: &Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// Why a day's ranges were rejected by [`WeeklyHours::set`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    #[error("invalid opening range on {}: {range} does not end after it starts", weekday_name(.day))]
    EmptyRange { day: Weekday, range: TimeRange },
    #[error("overlapping opening ranges on {}: {first} and {second}", weekday_name(.day))]
    Overlap {
        day: Weekday,
        first: TimeRange,
        second: TimeRange,
    },
}

/// Opening ranges per weekday, each day's list sorted and free of overlaps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeeklyHours {
    days: [Vec<TimeRange>; 7],
}

impl WeeklyHours {
    /// Replaces the ranges of `day`. Ranges are sorted; ranges that merely touch
    /// (`09:00-12:00` and `12:00-13:00`) are accepted, overlapping ones are rejected and
    /// leave the hours unchanged.
    pub fn set(&mut self, day: Weekday, ranges: Vec<TimeRange>) -> Result<(), HoursError> {
        self.days[index(day)] = normalise(day, ranges)?;
        Ok(())
    }

    /// Gives every day in `days` the same ranges; on error no day is changed.
    pub fn set_days(&mut self, days: &[Weekday], ranges: &[TimeRange]) -> Result<(), HoursError> {
        let mut checked = Vec::with_capacity(days.len());
        for &day in days {
            checked.push((day, normalise(day, ranges.to_vec())?));
        }
        for (day, ranges) in checked {
            self.days[index(day)] = ranges;
        }
        Ok(())
    }

    pub fn ranges(&self, day: Weekday) -> &[TimeRange] {
        &self.days[index(day)]
    }

    /// True when no weekday has any range: the office never opens.
    pub fn is_empty(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }
}

fn index(day: Weekday) -> usize {
    // num_days_from_monday() is 0..=6, so the array index is always in bounds.
    day.num_days_from_monday() as usize
}

fn normalise(day: Weekday, mut ranges: Vec<TimeRange>) -> Result<Vec<TimeRange>, HoursError> {
    // The fields are public, so ranges may not have gone through `TimeRange::new`.
    if let Some(range) = ranges.iter().find(|r| r.end <= r.start) {
        return Err(HoursError::EmptyRange {
            day,
            range: range.clone(),
        });
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    if let Some(pair) = ranges.windows(2).find(|pair| pair[1].start < pair[0].end) {
        return Err(HoursError::Overlap {
            day,
            first: pair[0].clone(),
            second: pair[1].clone(),
        });
    }
    Ok(ranges)
}

/// The twelve national public holidays of Italy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holiday {
    NewYear,
    Epiphany,
    EasterSunday,
    EasterMonday,
    Liberation,
    Labour,
    Republic,
    Assumption,
    AllSaints,
    ImmaculateConception,
    Christmas,
    StStephen,
}

impl Holiday {
    pub const ALL: [Holiday; 12] = [
        Holiday::NewYear,
        Holiday::Epiphany,
        Holiday::EasterSunday,
        Holiday::EasterMonday,
        Holiday::Liberation,
        Holiday::Labour,
        Holiday::Republic,
        Holiday::Assumption,
        Holiday::AllSaints,
        Holiday::ImmaculateConception,
        Holiday::Christmas,
        Holiday::StStephen,
    ];

    /// The Fluent message id naming this holiday in citizen-facing texts.
    pub fn fluent_id(&self) -> &'static str {
        match self {
            Holiday::NewYear => "holiday-new-year",
            Holiday::Epiphany => "holiday-epiphany",
            Holiday::EasterSunday => "holiday-easter-sunday",
            Holiday::EasterMonday => "holiday-easter-monday",
            Holiday::Liberation => "holiday-liberation",
            Holiday::Labour => "holiday-labour",
            Holiday::Republic => "holiday-republic",
            Holiday::Assumption => "holiday-assumption",
            Holiday::AllSaints => "holiday-all-saints",
            Holiday::ImmaculateConception => "holiday-immaculate-conception",
            Holiday::Christmas => "holiday-christmas",
            Holiday::StStephen => "holiday-st-stephen",
        }
    }
}

/// Holidays on the same (month, day) every year.
const FIXED_HOLIDAYS: [(u32, u32, Holiday); 10] = [
    (1, 1, Holiday::NewYear),
    (1, 6, Holiday::Epiphany),
    (4, 25, Holiday::Liberation),
    (5, 1, Holiday::Labour),
    (6, 2, Holiday::Republic),
    (8, 15, Holiday::Assumption),
    (11, 1, Holiday::AllSaints),
    (12, 8, Holiday::ImmaculateConception),
    (12, 25, Holiday::Christmas),
    (12, 26, Holiday::StStephen),
];

/// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
///
/// Correct for 1583..=9999; other years get the same rule applied proleptically. A year
/// chrono cannot represent yields `NaiveDate::MIN` or `NaiveDate::MAX` instead of panicking.
pub fn easter_sunday(year: i32) -> NaiveDate {
    computus(year).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

fn computus(year: i32) -> Option<NaiveDate> {
    // Euclidean division keeps the arithmetic defined for negative years; every
    // intermediate value stays far from i32 overflow because `year` is divided by 100 first.
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n / 31).ok()?;
    let day = u32::try_from(n % 31 + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The national holidays of `year`, sorted by date.
///
/// A date can appear twice when a movable feast meets a fixed one (Easter Sunday 2038 is
/// 25 April); a year chrono cannot represent yields only the dates that exist.
pub fn italian_holidays(year: i32) -> Vec<(NaiveDate, Holiday)> {
    let mut holidays = Vec::with_capacity(12);
    if let Some(easter) = computus(year) {
        holidays.push((easter, Holiday::EasterSunday));
        if let Some(monday) = easter.succ_opt() {
            holidays.push((monday, Holiday::EasterMonday));
        }
    }
    holidays.extend(FIXED_HOLIDAYS.iter().filter_map(|&(month, day, holiday)| {
        Some((NaiveDate::from_ymd_opt(year, month, day)?, holiday))
    }));
    // Stable sort: on a shared date the Easter feast stays first, as in `holiday_on`.
    holidays.sort_by_key(|&(date, _)| date);
    holidays
}

/// The national holiday falling on `date`; when two coincide, the Easter feast wins.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    if matches!(date.month(), 3 | 4)
        && let Some(easter) = computus(date.year())
    {
        if date == easter {
            return Some(Holiday::EasterSunday);
        }
        if easter.succ_opt() == Some(date) {
            return Some(Holiday::EasterMonday);
        }
    }
    FIXED_HOLIDAYS
        .iter()
        .find(|&&(month, day, _)| date.month() == month && date.day() == day)
        .map(|&(_, _, holiday)| holiday)
}

/// Days an office stays closed whatever its weekly hours say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closures {
    /// Closed on the twelve national holidays; true by default.
    pub national_holidays: bool,
    /// The patron saint's day as (month, day), e.g. `(10, 4)` for San Francesco. A pair that
    /// names no date never matches; `(2, 29)` matches only in leap years.
    pub patron: Option<(u32, u32)>,
    /// One-off closures (bridges, strikes, elections). Order does not matter.
    pub extra: Vec<NaiveDate>,
}

impl Default for Closures {
    fn default() -> Self {
        Closures {
            national_holidays: true,
            patron: None,
            extra: Vec::new(),
        }
    }
}

/// Why an office is closed on a whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClosureReason {
    Holiday(Holiday),
    Patron,
    Extra,
}

impl ClosureReason {
    /// The Fluent message id explaining the closure in citizen-facing texts.
    pub fn fluent_id(&self) -> &'static str {
        match self {
            ClosureReason::Holiday(holiday) => holiday.fluent_id(),
            ClosureReason::Patron => "closure-patron",
            ClosureReason::Extra => "closure-extra",
        }
    }
}

impl Closures {
    /// The reason `date` is closed, checking holidays, then the patron, then extra days.
    pub fn reason(&self, date: NaiveDate) -> Option<ClosureReason> {
        if self.national_holidays
            && let Some(holiday) = holiday_on(date)
        {
            return Some(ClosureReason::Holiday(holiday));
        }
        if self.patron == Some((date.month(), date.day())) {
            return Some(ClosureReason::Patron);
        }
        if self.extra.contains(&date) {
            return Some(ClosureReason::Extra);
        }
        None
    }
}

/// An office's calendar: weekly hours minus closed days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    pub hours: WeeklyHours,
    pub closures: Closures,
}

/// How long a citizen waited for an office between two instants: the office's opening time
/// when its hours are known, else the time on the clock. The one rule for every wait shown
/// to staff (the inbox, the dashboard, the operators' reminders) and counted in the insights.
pub fn waited(schedule: Option<&Schedule>, from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
    match schedule {
        Some(schedule) => schedule.open_time_between(from, to),
        None => max(to - from, TimeDelta::zero()),
    }
}

/// An office's hours and how long a case may wait in them for an operator
/// (`unclaimed_after`, minutes), as plain data for whoever counts waits without the flows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeClock {
    pub schedule: Schedule,
    pub limit_minutes: u32,
}

/// The offices' clocks by office id. An office not listed (removed from the flows since)
/// waits by the clock on the wall and has no limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfficeHours(pub std::collections::BTreeMap<String, OfficeClock>);

impl OfficeHours {
    /// [`waited`] for the office `office`.
    pub fn waited(&self, office: &str, from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
        waited(self.0.get(office).map(|c| &c.schedule), from, to)
    }

    /// Whether a wait of `waited` is past the office's limit; never for an office without
    /// one.
    pub fn past_limit(&self, office: &str, waited: TimeDelta) -> bool {
        self.0.get(office).is_some_and(|c| {
            c.limit_minutes > 0 && waited.num_minutes() > i64::from(c.limit_minutes)
        })
    }
}

/// One opening range resolved to instants; `start < end`.
#[derive(Debug, Clone, Copy)]
struct Interval {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl Schedule {
    pub fn new(hours: WeeklyHours, closures: Closures) -> Self {
        Schedule { hours, closures }
    }

    /// Whether the office is open at `now`. Ranges are half-open: open at the start minute,
    /// closed at the end minute.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.interval_at(now).is_some()
    }

    /// When the office next opens, in Rome time.
    ///
    /// If the office is open at `now`, returns `now` itself (converted to Rome), so "open now"
    /// and "opens at X" can be told apart with [`Schedule::is_open`] or by comparing with
    /// `now`. Otherwise returns the start of the first range strictly after `now`. Returns
    /// `None` when the office has no hours or does not open within [`SEARCH_HORIZON_DAYS`]
    /// days of `now`'s date.
    pub fn next_opening(&self, now: DateTime<Utc>) -> Option<DateTime<Tz>> {
        if self.hours.is_empty() {
            return None;
        }
        if self.is_open(now) {
            return Some(now.with_timezone(&TIME_ZONE));
        }
        let first = day_before(rome_date(now));
        self.intervals(first, SEARCH_HORIZON_DAYS + 2)
            .find(|interval| interval.start > now)
            .map(|interval| interval.start.with_timezone(&TIME_ZONE))
    }

    /// When the office closes, if it is open at `now`; `None` when closed.
    ///
    /// Ranges that touch (`09:00-12:00` then `12:00-13:00`) count as one opening, so the
    /// answer is the end of the last of them.
    pub fn closes_at(&self, now: DateTime<Utc>) -> Option<DateTime<Tz>> {
        let first = day_before(rome_date(now));
        let mut intervals = self
            .intervals(first, SEARCH_HORIZON_DAYS + 2)
            .skip_while(|interval| interval.end <= now);
        let current = intervals.next().filter(|interval| interval.start <= now)?;
        let mut end = current.end;
        for next in intervals {
            if next.start > end {
                break;
            }
            end = next.end;
        }
        Some(end.with_timezone(&TIME_ZONE))
    }

    /// Why the office is closed all day on `date`, or `None` if the closures allow opening.
    /// This does not look at weekly hours: a Sunday with no hours is not a "closed day".
    pub fn is_closed_day(&self, date: NaiveDate) -> Option<ClosureReason> {
        self.closures.reason(date)
    }

    /// Minutes of opening time within `[from, to)`, rounded down; 0 when `to <= from`.
    ///
    /// The count is real elapsed time, so a range spanning a DST change counts the minutes
    /// that actually passed. Cost is linear in the number of days spanned.
    pub fn open_minutes_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        self.open_time_between(from, to).num_minutes()
    }

    /// Opening time within `[from, to)`; zero when `to <= from`. See
    /// [`Schedule::open_minutes_between`].
    pub fn open_time_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
        if to <= from || self.hours.is_empty() {
            return TimeDelta::zero();
        }
        let first = day_before(rome_date(from));
        let days = (rome_date(to) - first).num_days().saturating_add(2);
        let days = usize::try_from(days).unwrap_or(usize::MAX);
        self.intervals(first, days)
            .take_while(|interval| interval.start < to)
            .filter_map(|interval| {
                let start = max(interval.start, from);
                let end = min(interval.end, to);
                (start < end).then(|| end - start)
            })
            .fold(TimeDelta::zero(), |total, open| {
                total.checked_add(&open).unwrap_or(TimeDelta::MAX)
            })
    }

    fn interval_at(&self, now: DateTime<Utc>) -> Option<Interval> {
        // A day's ranges resolve to instants within that local day, but checking the
        // neighbouring days too keeps this right whatever the offset near `now`.
        let first = day_before(rome_date(now));
        self.intervals(first, 3)
            .find(|interval| interval.start <= now && now < interval.end)
    }

    /// Resolved opening intervals of `days` consecutive dates from `first`, in order.
    fn intervals(&self, first: NaiveDate, days: usize) -> impl Iterator<Item = Interval> + '_ {
        iter::successors(Some(first), |date| date.succ_opt())
            .take(days)
            .flat_map(|date| self.day_intervals(date))
    }

    fn day_intervals(&self, date: NaiveDate) -> impl Iterator<Item = Interval> + '_ {
        let ranges = self.hours.ranges(date.weekday());
        // Only days with hours need the (cheap but not free) closure check.
        let ranges = if ranges.is_empty() || self.is_closed_day(date).is_some() {
            &[]
        } else {
            ranges
        };
        ranges.iter().filter_map(move |range| {
            let start = resolve_local(date.and_time(range.start))?;
            let end = resolve_local(date.and_time(range.end))?;
            // A range lying wholly inside the spring-forward gap never happens on the clock.
            (start < end).then_some(Interval { start, end })
        })
    }
}

fn day_before(date: NaiveDate) -> NaiveDate {
    date.pred_opt().unwrap_or(date)
}

/// The date in Rome at `instant`; the UTC date at the extreme edges of chrono's range,
/// where the local date is not representable.
fn rome_date(instant: DateTime<Utc>) -> NaiveDate {
    rome_wall_clock(instant)
        .unwrap_or(instant.naive_utc())
        .date()
}

/// The wall-clock time in Rome at `instant`, without the panicking `naive_local()`.
fn rome_wall_clock(instant: DateTime<Utc>) -> Option<NaiveDateTime> {
    let utc = instant.naive_utc();
    let offset = TIME_ZONE.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_signed(TimeDelta::seconds(offset.local_minus_utc().into()))
}

/// The first instant at which the Rome wall clock shows `local` or later (see module docs).
fn resolve_local(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    // `earliest()` is the single mapping, or the first pass through an autumn fold.
    if let Some(instant) = TIME_ZONE.from_local_datetime(&local).earliest() {
        return Some(instant.with_timezone(&Utc));
    }
    end_of_gap(local)
}

/// For a wall-clock time skipped by a spring-forward gap, the instant the clock jumps: the
/// first instant whose wall-clock time is not before `local`.
fn end_of_gap(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    // No UTC offset exceeds 14 hours, so the answer lies within this window, and the wall
    // clock only moves forward across a gap, which makes bisection valid.
    const WINDOW_SECONDS: i64 = 15 * 3600;
    let wall_clock_at =
        |seconds: i64| DateTime::from_timestamp(seconds, 0).and_then(rome_wall_clock);
    let as_if_utc = local.and_utc().timestamp();
    let mut before = as_if_utc.checked_sub(WINDOW_SECONDS)?;
    let mut after = as_if_utc.checked_add(WINDOW_SECONDS)?;
    if wall_clock_at(before)? >= local || wall_clock_at(after)? < local {
        return None;
    }
    // Transitions fall on whole seconds, so whole-second bisection finds the exact instant.
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if wall_clock_at(middle)? >= local {
            after = middle;
        } else {
            before = middle;
        }
    }
    DateTime::from_timestamp(after, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
    }

    /// An instant given as an unambiguous Rome wall-clock time.
    fn rome(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        TIME_ZONE
            .with_ymd_and_hms(year, month, day, hour, minute, 0)
            .single()
            .expect("unambiguous Rome time")
            .with_timezone(&Utc)
    }

    fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
            .single()
            .expect("valid UTC time")
    }

    fn range(text: &str) -> TimeRange {
        text.parse().expect("valid range")
    }

    const WORKDAYS: [Weekday; 5] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];

    /// Mon-Fri 09:00-12:30, plus 15:00-17:00 on Tuesday and Thursday.
    fn office() -> Schedule {
        let mut hours = WeeklyHours::default();
        hours
            .set_days(&WORKDAYS, &[range("09:00-12:30")])
            .expect("valid hours");
        hours
            .set_days(
                &[Weekday::Tue, Weekday::Thu],
                &[range("09:00-12:30"), range("15:00-17:00")],
            )
            .expect("valid hours");
        Schedule::new(hours, Closures::default())
    }

    /// Mon-Fri 09:00-12:30 only.
    fn mornings() -> Schedule {
        let mut hours = WeeklyHours::default();
        hours
            .set_days(&WORKDAYS, &[range("09:00-12:30")])
            .expect("valid hours");
        Schedule::new(hours, Closures::default())
    }

    #[test]
    fn easter_sunday_matches_known_dates() {
        let known = [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2000, 4, 23),
            (1818, 3, 22),
            (2285, 3, 22),
            (1583, 4, 10),
            (9999, 3, 28),
        ];
        for (year, month, day) in known {
            assert_eq!(easter_sunday(year), date(year, month, day), "year {year}");
        }
    }

    #[test]
    fn easter_sunday_is_always_a_sunday_between_22_march_and_25_april() {
        for year in 1583..=9999 {
            let easter = easter_sunday(year);
            assert_eq!(easter.weekday(), Weekday::Sun, "year {year}");
            assert!(easter >= date(year, 3, 22) && easter <= date(year, 4, 25));
        }
    }

    #[test]
    fn easter_sunday_does_not_panic_on_unrepresentable_years() {
        assert_eq!(easter_sunday(i32::MAX), NaiveDate::MAX);
        assert_eq!(easter_sunday(i32::MIN), NaiveDate::MIN);
        assert!(italian_holidays(i32::MAX).is_empty());
    }

    #[test]
    fn italian_holidays_lists_the_twelve_national_holidays_in_date_order() {
        let holidays = italian_holidays(2026);
        assert_eq!(holidays.len(), 12);
        assert!(holidays.windows(2).all(|pair| pair[0].0 <= pair[1].0));
        assert!(holidays.contains(&(date(2026, 4, 5), Holiday::EasterSunday)));
        assert!(holidays.contains(&(date(2026, 4, 6), Holiday::EasterMonday)));
        assert!(holidays.contains(&(date(2026, 6, 2), Holiday::Republic)));
        assert!(holidays.contains(&(date(2026, 12, 26), Holiday::StStephen)));
        for holiday in Holiday::ALL {
            assert!(holidays.iter().any(|&(_, h)| h == holiday), "{holiday:?}");
        }
    }

    #[test]
    fn a_holiday_shared_by_easter_and_liberation_day_is_reported_as_easter() {
        let holidays = italian_holidays(2038);
        let on_25_april: Vec<Holiday> = holidays
            .iter()
            .filter(|&&(d, _)| d == date(2038, 4, 25))
            .map(|&(_, h)| h)
            .collect();
        assert_eq!(on_25_april, [Holiday::EasterSunday, Holiday::Liberation]);
        assert_eq!(holiday_on(date(2038, 4, 25)), Some(Holiday::EasterSunday));
        assert_eq!(holiday_on(date(2011, 4, 25)), Some(Holiday::EasterMonday));
    }

    #[test]
    fn every_holiday_has_a_distinct_fluent_id() {
        let ids: std::collections::HashSet<&str> =
            Holiday::ALL.iter().map(Holiday::fluent_id).collect();
        assert_eq!(ids.len(), 12);
        assert!(ids.iter().all(|id| id.starts_with("holiday-")));
        assert_eq!(Holiday::EasterMonday.fluent_id(), "holiday-easter-monday");
        assert_eq!(ClosureReason::Patron.fluent_id(), "closure-patron");
    }

    #[test]
    fn easter_monday_2026_is_closed() {
        let schedule = office();
        assert_eq!(
            schedule.is_closed_day(date(2026, 4, 6)),
            Some(ClosureReason::Holiday(Holiday::EasterMonday))
        );
        assert!(!schedule.is_open(rome(2026, 4, 6, 10, 0)));
        assert!(schedule.is_open(rome(2026, 4, 7, 10, 0)));
    }

    #[test]
    fn republic_day_is_closed() {
        let schedule = office();
        // 2 June 2026 is a Tuesday.
        assert_eq!(
            schedule.is_closed_day(date(2026, 6, 2)),
            Some(ClosureReason::Holiday(Holiday::Republic))
        );
        assert!(!schedule.is_open(rome(2026, 6, 2, 10, 0)));
    }

    #[test]
    fn holidays_are_ignored_when_national_holidays_are_switched_off() {
        let mut schedule = office();
        schedule.closures.national_holidays = false;
        assert_eq!(schedule.is_closed_day(date(2026, 6, 2)), None);
        assert!(schedule.is_open(rome(2026, 6, 2, 10, 0)));
    }

    #[test]
    fn the_patron_saints_day_is_closed() {
        let mut schedule = office();
        schedule.closures.patron = Some((10, 4));
        // 4 October 2027 is a Monday.
        assert_eq!(
            schedule.is_closed_day(date(2027, 10, 4)),
            Some(ClosureReason::Patron)
        );
        assert!(!schedule.is_open(rome(2027, 10, 4, 10, 0)));
        assert!(schedule.is_open(rome(2027, 10, 5, 10, 0)));
    }

    #[test]
    fn an_extra_closure_day_is_closed() {
        let mut schedule = office();
        schedule.closures.extra = vec![date(2026, 11, 24)];
        assert_eq!(
            schedule.is_closed_day(date(2026, 11, 24)),
            Some(ClosureReason::Extra)
        );
        assert!(!schedule.is_open(rome(2026, 11, 24, 10, 0)));
        assert!(!schedule.is_open(rome(2026, 11, 24, 15, 30)));
        assert_eq!(
            schedule.next_opening(rome(2026, 11, 24, 10, 0)),
            Some(TIME_ZONE.from_utc_datetime(&rome(2026, 11, 25, 9, 0).naive_utc()))
        );
    }

    #[test]
    fn an_ordinary_tuesday_is_open_in_the_morning_and_afternoon_ranges_only() {
        let schedule = office();
        let tuesday = date(2026, 11, 24);
        assert_eq!(tuesday.weekday(), Weekday::Tue);
        assert_eq!(schedule.is_closed_day(tuesday), None);
        assert!(schedule.is_open(rome(2026, 11, 24, 10, 0)));
        assert!(!schedule.is_open(rome(2026, 11, 24, 13, 0)));
        assert!(schedule.is_open(rome(2026, 11, 24, 15, 30)));
        assert!(!schedule.is_open(rome(2026, 11, 24, 17, 30)));
        // Wednesday has no afternoon range.
        assert!(!schedule.is_open(rome(2026, 11, 25, 15, 30)));
    }

    #[test]
    fn ranges_are_open_at_their_start_and_closed_at_their_end() {
        let schedule = office();
        assert!(schedule.is_open(rome(2026, 11, 24, 9, 0)));
        assert!(!schedule.is_open(rome(2026, 11, 24, 12, 30)));
        assert!(!schedule.is_open(rome(2026, 11, 24, 8, 59)));
        let morning = range("09:00-12:30");
        assert!(morning.contains(NaiveTime::from_hms_opt(9, 0, 0).expect("time")));
        assert!(!morning.contains(NaiveTime::from_hms_opt(12, 30, 0).expect("time")));
    }

    #[test]
    fn opening_hours_follow_rome_time_across_daylight_saving_time() {
        let schedule = mornings();
        // Tuesday 13 January 2026, CET (UTC+1).
        assert!(!schedule.is_open(utc(2026, 1, 13, 7, 30)));
        assert!(schedule.is_open(utc(2026, 1, 13, 8, 30)));
        assert!(schedule.is_open(utc(2026, 1, 13, 11, 15)));
        // Tuesday 14 July 2026, CEST (UTC+2).
        assert!(schedule.is_open(utc(2026, 7, 14, 7, 30)));
        assert!(schedule.is_open(utc(2026, 7, 14, 8, 30)));
        assert!(!schedule.is_open(utc(2026, 7, 14, 11, 15)));
    }

    #[test]
    fn next_opening_after_friday_closing_is_monday_morning() {
        let schedule = mornings();
        let friday_evening = rome(2026, 11, 20, 18, 0);
        assert_eq!(date(2026, 11, 20).weekday(), Weekday::Fri);
        let opening = schedule
            .next_opening(friday_evening)
            .expect("the office opens");
        assert_eq!(opening.with_timezone(&Utc), rome(2026, 11, 23, 9, 0));
        assert_eq!(opening.date_naive(), date(2026, 11, 23));
        assert_eq!(
            opening.time(),
            NaiveTime::from_hms_opt(9, 0, 0).expect("time")
        );
    }

    #[test]
    fn next_opening_skips_christmas_and_st_stephen_and_the_weekend() {
        let schedule = mornings();
        let christmas_eve = rome(2026, 12, 24, 13, 0);
        let opening = schedule
            .next_opening(christmas_eve)
            .expect("the office opens");
        assert_eq!(opening.with_timezone(&Utc), rome(2026, 12, 28, 9, 0));
    }

    #[test]
    fn next_opening_across_the_spring_dst_change_uses_summer_time() {
        let schedule = mornings();
        let saturday = rome(2026, 3, 28, 10, 0);
        let opening = schedule.next_opening(saturday).expect("the office opens");
        assert_eq!(opening.with_timezone(&Utc), utc(2026, 3, 30, 7, 0));
        assert_eq!(opening.offset().fix().local_minus_utc(), 2 * 3600);
    }

    #[test]
    fn next_opening_before_opening_time_is_the_same_day() {
        let schedule = office();
        let opening = schedule.next_opening(rome(2026, 11, 24, 13, 0));
        assert_eq!(
            opening.map(|o| o.with_timezone(&Utc)),
            Some(rome(2026, 11, 24, 15, 0))
        );
    }

    #[test]
    fn next_opening_while_open_is_now() {
        let schedule = office();
        let now = rome(2026, 11, 24, 10, 17);
        assert_eq!(
            schedule.next_opening(now).map(|o| o.with_timezone(&Utc)),
            Some(now)
        );
    }

    #[test]
    fn an_office_without_hours_never_opens() {
        let schedule = Schedule::default();
        assert_eq!(schedule.next_opening(rome(2026, 11, 20, 18, 0)), None);
        assert!(!schedule.is_open(rome(2026, 11, 24, 10, 0)));
        assert_eq!(
            schedule.open_minutes_between(rome(2026, 1, 1, 0, 0), rome(2027, 1, 1, 0, 0)),
            0
        );
    }

    #[test]
    fn next_opening_gives_up_after_the_search_horizon() {
        let mut hours = WeeklyHours::default();
        hours
            .set(Weekday::Mon, vec![range("09:00-12:00")])
            .expect("valid hours");
        let closures = Closures {
            extra: iter::successors(Some(date(2026, 11, 23)), |d| {
                d.checked_add_days(chrono::Days::new(7))
            })
            .take(60)
            .collect(),
            ..Closures::default()
        };
        let schedule = Schedule::new(hours, closures);
        assert_eq!(schedule.next_opening(rome(2026, 11, 20, 18, 0)), None);
    }

    #[test]
    fn closes_at_is_the_end_of_the_current_range() {
        let schedule = office();
        let closes = schedule.closes_at(rome(2026, 11, 24, 10, 0));
        assert_eq!(
            closes.map(|c| c.with_timezone(&Utc)),
            Some(rome(2026, 11, 24, 12, 30))
        );
        assert_eq!(schedule.closes_at(rome(2026, 11, 24, 13, 0)), None);
        assert_eq!(schedule.closes_at(rome(2026, 11, 24, 12, 30)), None);
    }

    #[test]
    fn closes_at_joins_ranges_that_touch() {
        let mut hours = WeeklyHours::default();
        hours
            .set(
                Weekday::Tue,
                vec![range("12:00-13:00"), range("09:00-12:00")],
            )
            .expect("touching ranges are accepted");
        assert_eq!(
            hours.ranges(Weekday::Tue),
            [range("09:00-12:00"), range("12:00-13:00")]
        );
        let schedule = Schedule::new(hours, Closures::default());
        let closes = schedule.closes_at(rome(2026, 11, 24, 10, 0));
        assert_eq!(
            closes.map(|c| c.with_timezone(&Utc)),
            Some(rome(2026, 11, 24, 13, 0))
        );
    }

    #[test]
    fn open_minutes_between_skips_the_weekend() {
        let schedule = office();
        // Friday 12:00 -> Monday 09:45: 30 minutes on Friday, 45 on Monday.
        let minutes =
            schedule.open_minutes_between(rome(2026, 11, 20, 12, 0), rome(2026, 11, 23, 9, 45));
        assert_eq!(minutes, 75);
    }

    #[test]
    fn open_minutes_between_skips_the_lunch_break() {
        let schedule = office();
        // Tuesday 12:00 -> 15:30: 30 minutes before lunch, 30 after.
        let minutes =
            schedule.open_minutes_between(rome(2026, 11, 24, 12, 0), rome(2026, 11, 24, 15, 30));
        assert_eq!(minutes, 60);
        // Wednesday has no afternoon: the same span holds only the morning's last 30 minutes.
        let minutes =
            schedule.open_minutes_between(rome(2026, 11, 25, 12, 0), rome(2026, 11, 25, 15, 30));
        assert_eq!(minutes, 30);
    }

    #[test]
    fn open_minutes_between_counts_a_whole_week() {
        let schedule = office();
        // 5 mornings of 210 minutes and 2 afternoons of 120.
        let week = 5 * 210 + 2 * 120;
        let minutes =
            schedule.open_minutes_between(rome(2026, 11, 23, 0, 0), rome(2026, 11, 30, 0, 0));
        assert_eq!(minutes, week);
        // The week of the spring DST change (Sunday 29 March) has the same opening time.
        let minutes =
            schedule.open_minutes_between(rome(2026, 3, 23, 0, 0), rome(2026, 3, 30, 0, 0));
        assert_eq!(minutes, week);
        // Easter Monday's morning is lost.
        let minutes =
            schedule.open_minutes_between(rome(2026, 4, 6, 0, 0), rome(2026, 4, 13, 0, 0));
        assert_eq!(minutes, week - 210);
    }

    #[test]
    fn open_minutes_between_is_zero_for_an_empty_or_reversed_span() {
        let schedule = office();
        let now = rome(2026, 11, 24, 10, 0);
        assert_eq!(schedule.open_minutes_between(now, now), 0);
        assert_eq!(
            schedule.open_minutes_between(now, rome(2026, 11, 24, 9, 0)),
            0
        );
    }

    #[test]
    fn a_wait_is_counted_in_the_office_hours_and_on_the_clock_for_an_unknown_office() {
        let schedule = office();
        // Friday 12:00 to Monday 9:45: the weekend does not count.
        let (from, to) = (rome(2026, 11, 20, 12, 0), rome(2026, 11, 23, 9, 45));
        let open = schedule.open_minutes_between(from, to);
        assert_eq!(waited(Some(&schedule), from, to).num_minutes(), open);
        assert_eq!(waited(None, from, to), to - from);
        assert_eq!(waited(None, to, from), TimeDelta::zero());
        let hours = OfficeHours(
            [(
                "urp".to_owned(),
                OfficeClock {
                    schedule,
                    limit_minutes: 30,
                },
            )]
            .into(),
        );
        assert_eq!(hours.waited("urp", from, to).num_minutes(), open);
        assert_eq!(hours.waited("gone", from, to), to - from);
        assert!(hours.past_limit("urp", TimeDelta::minutes(31)));
        assert!(!hours.past_limit("urp", TimeDelta::minutes(30)));
        assert!(!hours.past_limit("gone", TimeDelta::days(3)));
    }

    #[test]
    fn open_minutes_between_rounds_partial_minutes_down() {
        let schedule = office();
        let from = rome(2026, 11, 24, 10, 0);
        let to = from + TimeDelta::seconds(30 * 60 + 59);
        assert_eq!(schedule.open_minutes_between(from, to), 30);
    }

    /// Sunday hours straddling 02:00-03:00, the hour skipped or repeated by DST changes.
    fn night_owls() -> Schedule {
        let mut hours = WeeklyHours::default();
        hours
            .set(
                Weekday::Sun,
                vec![range("01:00-02:30"), range("02:30-04:00")],
            )
            .expect("valid hours");
        Schedule::new(hours, Closures::default())
    }

    #[test]
    fn a_time_in_the_spring_gap_means_the_instant_the_clock_jumps() {
        let schedule = night_owls();
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST at 01:00 UTC; 02:30 never happens.
        assert!(schedule.is_open(utc(2026, 3, 29, 0, 30)));
        assert!(schedule.is_open(utc(2026, 3, 29, 1, 0)));
        assert!(!schedule.is_open(utc(2026, 3, 29, 2, 0)));
        let minutes =
            schedule.open_minutes_between(utc(2026, 3, 28, 12, 0), utc(2026, 3, 29, 12, 0));
        // 01:00 CET to the jump is 60 minutes, then 03:00 to 04:00 CEST another 60.
        assert_eq!(minutes, 120);
        assert_eq!(
            schedule
                .closes_at(utc(2026, 3, 29, 0, 30))
                .map(|c| c.with_timezone(&Utc)),
            Some(utc(2026, 3, 29, 2, 0))
        );
    }

    #[test]
    fn a_time_in_the_autumn_fold_means_its_first_occurrence() {
        let schedule = night_owls();
        // 25 October 2026: 03:00 CEST goes back to 02:00 CET at 01:00 UTC, so 01:00-04:00
        // on the wall clock lasts four real hours: 23:00 to 03:00 UTC.
        assert!(schedule.is_open(utc(2026, 10, 24, 23, 0)));
        assert!(schedule.is_open(utc(2026, 10, 25, 2, 59)));
        assert!(!schedule.is_open(utc(2026, 10, 25, 3, 0)));
        let minutes =
            schedule.open_minutes_between(utc(2026, 10, 24, 12, 0), utc(2026, 10, 25, 12, 0));
        assert_eq!(minutes, 240);
        let opening = schedule
            .next_opening(utc(2026, 10, 24, 12, 0))
            .expect("the office opens");
        assert_eq!(opening.with_timezone(&Utc), utc(2026, 10, 24, 23, 0));
    }

    #[test]
    fn a_range_wholly_inside_the_spring_gap_never_opens() {
        let mut hours = WeeklyHours::default();
        hours
            .set(Weekday::Sun, vec![range("02:10-02:50")])
            .expect("valid hours");
        let schedule = Schedule::new(hours, Closures::default());
        assert!(!schedule.is_open(utc(2026, 3, 29, 1, 0)));
        assert_eq!(
            schedule.open_minutes_between(utc(2026, 3, 28, 0, 0), utc(2026, 3, 30, 0, 0)),
            0
        );
        let opening = schedule
            .next_opening(utc(2026, 3, 28, 12, 0))
            .expect("the office opens on a later Sunday");
        assert_eq!(opening.with_timezone(&Utc), rome(2026, 4, 12, 2, 10));
    }

    #[test]
    fn extreme_instants_do_not_panic() {
        let mut hours = WeeklyHours::default();
        let all_week = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ];
        hours
            .set_days(&all_week, &[range("00:00-23:59")])
            .expect("valid hours");
        let schedule = Schedule::new(hours, Closures::default());
        for instant in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
            let _ = schedule.is_open(instant);
            let _ = schedule.closes_at(instant);
            let _ = schedule.next_opening(instant);
        }
        assert_eq!(schedule.next_opening(DateTime::<Utc>::MAX_UTC), None);
        assert!(
            schedule
                .next_opening(DateTime::<Utc>::MIN_UTC)
                .is_some_and(|o| o.with_timezone(&Utc) > DateTime::<Utc>::MIN_UTC)
        );
        let max = DateTime::<Utc>::MAX_UTC;
        // From 00:59:59.999… local on 30 December of chrono's last year to 23:59 local on
        // 31 December: 1379 + 1439 minutes. The UTC end lies past local midnight, which chrono
        // cannot represent, and is simply not counted.
        let minutes = schedule.open_minutes_between(max - TimeDelta::days(2), max);
        assert_eq!(minutes, 1379 + 1439);
        assert_eq!(
            schedule.open_minutes_between(max, DateTime::<Utc>::MIN_UTC),
            0
        );
    }

    #[test]
    fn time_ranges_parse_in_the_usual_notations() {
        let expected = TimeRange {
            start: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
            end: NaiveTime::from_hms_opt(12, 30, 0).expect("time"),
        };
        for text in [
            "09:00-12:30",
            "9:00-12:30",
            "09:00\u{2013}12:30",
            " 9:00 - 12:30 ",
            "9.00-12.30",
        ] {
            assert_eq!(text.parse::<TimeRange>(), Ok(expected.clone()), "{text:?}");
        }
        assert_eq!(expected.to_string(), "09:00-12:30");
    }

    #[test]
    fn time_ranges_with_impossible_times_are_rejected() {
        assert_eq!(
            "25:00-26:00".parse::<TimeRange>(),
            Err(TimeRangeError::InvalidTime("25:00".to_owned()))
        );
        for text in [
            "24:00-25:00",
            "09:60-10:00",
            "9:5-10:00",
            "+9:00-10:00",
            "09:00-",
        ] {
            assert!(
                matches!(
                    text.parse::<TimeRange>(),
                    Err(TimeRangeError::InvalidTime(_))
                ),
                "{text:?}"
            );
        }
    }

    #[test]
    fn time_ranges_that_run_backwards_are_rejected() {
        let error = "12:00-09:00"
            .parse::<TimeRange>()
            .expect_err("backwards range");
        assert!(matches!(error, TimeRangeError::EndNotAfterStart { .. }));
        assert_eq!(
            error.to_string(),
            "the range 12:00-09:00 does not end after it starts"
        );
        assert!(matches!(
            "09:00-09:00".parse::<TimeRange>(),
            Err(TimeRangeError::EndNotAfterStart { .. })
        ));
    }

    #[test]
    fn text_without_a_range_is_rejected_with_a_clear_message() {
        let error = "abc".parse::<TimeRange>().expect_err("not a range");
        assert_eq!(error, TimeRangeError::MissingSeparator("abc".to_owned()));
        assert_eq!(
            error.to_string(),
            "expected an opening range such as \"09:00-12:30\", got \"abc\""
        );
    }

    #[test]
    fn a_day_of_ranges_parses_from_one_line() {
        assert_eq!(
            parse_ranges("9:00-12:30, 15:00-17:00"),
            Ok(vec![range("09:00-12:30"), range("15:00-17:00")])
        );
        assert_eq!(parse_ranges("  "), Ok(Vec::new()));
        assert!(parse_ranges("9:00-12:30; nope").is_err());
    }

    #[test]
    fn time_ranges_round_trip_through_serde_as_text() {
        let json = serde_json::to_string(&range("09:00-12:30")).expect("serialise");
        assert_eq!(json, "\"09:00-12:30\"");
        let parsed: TimeRange = serde_json::from_str("\"9:00-12:30\"").expect("deserialise");
        assert_eq!(parsed, range("09:00-12:30"));
        assert!(serde_json::from_str::<TimeRange>("\"12:00-09:00\"").is_err());
    }

    #[test]
    fn overlapping_ranges_are_rejected_and_leave_hours_unchanged() {
        let mut hours = WeeklyHours::default();
        hours
            .set(Weekday::Mon, vec![range("09:00-12:00")])
            .expect("valid hours");
        let error = hours
            .set(
                Weekday::Mon,
                vec![range("12:00-14:00"), range("09:00-12:30")],
            )
            .expect_err("overlap");
        assert_eq!(
            error,
            HoursError::Overlap {
                day: Weekday::Mon,
                first: range("09:00-12:30"),
                second: range("12:00-14:00"),
            }
        );
        assert_eq!(
            error.to_string(),
            "overlapping opening ranges on Monday: 09:00-12:30 and 12:00-14:00"
        );
        assert_eq!(hours.ranges(Weekday::Mon), [range("09:00-12:00")]);
    }

    #[test]
    fn a_hand_built_backwards_range_is_rejected_by_set() {
        let backwards = TimeRange {
            start: NaiveTime::from_hms_opt(12, 0, 0).expect("time"),
            end: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
        };
        let mut hours = WeeklyHours::default();
        assert!(matches!(
            hours.set(Weekday::Fri, vec![backwards]),
            Err(HoursError::EmptyRange { .. })
        ));
        assert!(hours.is_empty());
    }

    #[test]
    fn set_days_changes_no_day_when_one_is_invalid() {
        let mut hours = WeeklyHours::default();
        let result = hours.set_days(
            &[Weekday::Mon, Weekday::Tue],
            &[range("09:00-12:00"), range("11:00-13:00")],
        );
        assert!(result.is_err());
        assert!(hours.is_empty());
    }
}
