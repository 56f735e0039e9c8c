//! Counting a day for its rollup, on the readers, a little at a time. Each table is read in
//! ranges of its ids (`RollupPace::ids_per_read`), each range a short read transaction of its
//! own that sums what it can in SQL, and after each range the rollup rests for a share of the
//! time it took (`RollupPace::rest`). So the rollup never holds a core, a reader connection or
//! a snapshot of the database for long: on SQLite the turns' statements keep a core, the
//! background checkpoints can start the log afresh between two reads (a read open for
//! seconds would pin it), and the turns' async tasks are not held up behind thousands of rows
//! decoded in one go. The writer is held only by the rollup's final write (see
//! `Store::roll_up_day`). PostgreSQL reads each table at once (`RollupPace::of`).
//!
//! The counts do not depend on the ranges: each figure is a sum over rows or cases, the
//! citizens are told apart by id across ranges, and the audit rows are taken in id order
//! as one read would take them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, Timelike, Utc};

use super::super::db::{Conn, Row};
use super::super::{BackendKind, StoreError, from_ms};
use super::{STEP_EVENT, metric, outcome};
use crate::calendar::{OfficeHours, TIME_ZONE};

/// How the rollup shares the machine with the citizens' turns (`RollupPace::of` a backend).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RollupPace {
    /// Ids of a table read at a time: a few milliseconds of work for either backend.
    pub ids_per_read: i64,
    /// The rest after each read, as a share of the time the read took: 1.0 leaves the
    /// readers' core idle half of the time, and doubles the rollup's own time.
    pub rest: f64,
}

impl RollupPace {
    /// The pace of the scheduled rollup. On SQLite, ranges of 5,000 ids and a rest as long as
    /// each: the turns share the file's readers, their threads and the two cores with it. On
    /// PostgreSQL, one read per table, as its planner scans and joins a whole day faster than
    /// thousands of ranges by index (measured: 6 s against 44 s for a day of 100,000
    /// conversations), and the server's own processes keep the turns' statements apart.
    pub fn of(backend: BackendKind) -> RollupPace {
        match backend {
            BackendKind::Sqlite => RollupPace {
                ids_per_read: 5_000,
                rest: 1.0,
            },
            BackendKind::Postgres => RollupPace {
                ids_per_read: i64::MAX,
                rest: 0.0,
            },
        }
    }
}

/// The ranges of ids a table is read in, with the rest between them.
struct Ranges {
    next: i64,
    last: i64,
    pace: RollupPace,
    /// When the range being read was handed out.
    since: Option<Instant>,
}

impl Ranges {
    /// The ids `first..=last` (none when the table is empty).
    fn new(pace: RollupPace, (first, last): (Option<i64>, Option<i64>)) -> Ranges {
        match (first, last) {
            (Some(first), Some(last)) => Ranges {
                next: first,
                last,
                pace,
                since: None,
            },
            _ => Ranges {
                next: 1,
                last: 0,
                pace,
                since: None,
            },
        }
    }

    /// After resting for the last range, the next one, half-open.
    async fn next(&mut self) -> Option<(i64, i64)> {
        if let Some(since) = self.since.take() {
            let rest = since.elapsed().mul_f64(self.pace.rest.max(0.0));
            if rest < Duration::from_millis(1) {
                tokio::task::yield_now().await;
            } else {
                tokio::time::sleep(rest).await;
            }
        }
        if self.next > self.last {
            return None;
        }
        let from = self.next;
        self.next = from.saturating_add(self.pace.ids_per_read.max(1));
        self.since = Some(Instant::now());
        Some((from, self.next))
    }
}

/// The hour of the week in Rome, as `bucket`: `1-09` is Monday from 9 to 10.
fn hour_of_week(ms: i64) -> String {
    let t = DateTime::<Utc>::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&TIME_ZONE);
    format!("{}-{:02}", t.weekday().number_from_monday(), t.hour())
}

/// The dimensions of a row, in table order: metric, channel, lang, flow, step, office,
/// bucket.
type Key = [String; 7];

#[derive(Default)]
pub(super) struct Tally(pub(super) BTreeMap<Key, i64>);

impl Tally {
    fn add(&mut self, metric: &str, dims: [&str; 6], value: i64) {
        let [channel, lang, flow, step, office, bucket] = dims.map(str::to_owned);
        *self
            .0
            .entry([metric.to_owned(), channel, lang, flow, step, office, bucket])
            .or_default() += value;
    }
}

/// The audit rows' details, parsed once per distinct text: a day repeats a few hundred.
#[derive(Default)]
struct Details(HashMap<String, serde_json::Value>);

impl Details {
    /// At most this many texts are kept; past it, the cache starts again.
    const MAX: usize = 10_000;

    fn field(&mut self, detail: &str, name: &str) -> String {
        if !self.0.contains_key(detail) {
            if self.0.len() >= Self::MAX {
                self.0.clear();
            }
            let value = serde_json::from_str(detail).unwrap_or(serde_json::Value::Null);
            self.0.insert(detail.to_owned(), value);
        }
        match self.0.get(detail).and_then(|v| v.get(name)) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(serde_json::Value::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    }
}

// In every statement below, $1 and $2 are the day's bounds (unix ms, half-open) and $3 and $4
// the range of ids read (half-open).

const CONVERSATION_IDS_SQL: &str =
    "select min(conversation_id), max(conversation_id) from conversations";

/// By hour since the epoch: Rome is a whole number of hours from UTC, so an hour in UTC is
/// one hour of the week in Rome.
const CONVERSATIONS_SQL: &str = "select z.channel, z.lang, c.created_at / 3600000, count(*) \
     from conversations c join citizens z on z.citizen_id = c.citizen_id \
     where c.conversation_id >= $3 and c.conversation_id < $4 \
     and c.created_at >= $1 and c.created_at < $2 \
     group by z.channel, z.lang, c.created_at / 3600000";

/// The whole transcript is read (a message's time has no index: it would cost every message
/// a page write for a query that runs once a day).
const MESSAGE_IDS_SQL: &str = "select min(message_id), max(message_id) from messages";

const MESSAGES_SQL: &str = "select m.direction, z.channel, z.lang, count(*) from messages m \
     join conversations c on c.conversation_id = m.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where m.message_id >= $3 and m.message_id < $4 and m.at >= $1 and m.at < $2 \
     group by m.direction, z.channel, z.lang";

const CITIZENS_SQL: &str = "select distinct z.citizen_id, z.channel, z.lang, z.first_seen_at \
     from messages m join conversations c on c.conversation_id = m.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where m.message_id >= $3 and m.message_id < $4 and m.at >= $1 and m.at < $2 \
     and m.direction = 'in'";

/// The audit rows of the day, found by their time's index; read by id, in id order.
const AUDIT_IDS_SQL: &str =
    "select min(audit_id), max(audit_id) from audit where at >= $1 and at < $2";

const AUDIT_SQL: &str = "select a.conversation_id, a.event, a.detail, z.citizen_id, z.channel, \
     z.lang from audit a join conversations c on c.conversation_id = a.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where a.audit_id >= $3 and a.audit_id < $4 and a.at >= $1 and a.at < $2 \
     and a.event in ('step', 'handoff', 'not_understood', 'emergency') \
     order by a.audit_id";

const RATINGS_SQL: &str = "select (select k.office from cases k \
     where k.conversation_id = a.conversation_id and k.opened_at <= a.at \
     order by k.case_id desc limit 1), a.detail, z.channel, z.lang from audit a \
     join conversations c on c.conversation_id = a.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where a.audit_id >= $3 and a.audit_id < $4 and a.event = 'rated' \
     and a.at >= $1 and a.at < $2";

const CASE_IDS_SQL: &str = "select min(case_id), max(case_id) from cases";

const OPENED_SQL: &str = "select k.office, k.reason, z.channel, z.lang, count(*) from cases k \
     join conversations c on c.conversation_id = k.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where k.case_id >= $3 and k.case_id < $4 and k.opened_at >= $1 and k.opened_at < $2 \
     group by k.office, k.reason, z.channel, z.lang";

const FIRST_REPLY_SQL: &str = "select k.office, k.opened_at, min(m.at), z.channel, z.lang \
     from cases k join messages m on m.conversation_id = k.conversation_id \
     and m.kind = 'operator' and m.direction = 'out' and m.at >= k.opened_at \
     and (k.closed_at is null or m.at <= k.closed_at) \
     join conversations c on c.conversation_id = k.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where k.case_id >= $3 and k.case_id < $4 and k.opened_at < $2 \
     group by k.case_id, k.office, k.opened_at, z.channel, z.lang \
     having min(m.at) >= $1 and min(m.at) < $2";

const CLOSED_SQL: &str = "select k.office, k.opened_at, k.closed_at, z.channel, z.lang \
     from cases k join conversations c on c.conversation_id = k.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where k.case_id >= $3 and k.case_id < $4 and k.closed_at >= $1 and k.closed_at < $2";

/// The first and last id of a table (or of the day's rows in it).
async fn ids(
    conn: &mut Conn<'_>,
    sql: &'static str,
    day: Option<(i64, i64)>,
) -> Result<(Option<i64>, Option<i64>), StoreError> {
    let mut query = conn.query(sql);
    if let Some((lo, hi)) = day {
        query = query.bind(lo).bind(hi);
    }
    let row = query.fetch_one(conn).await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// A case's span from `row` (office, start, end in ms, channel, language), counted under
/// `keys` (how many, their seconds, how many timed) and `open` (their seconds within the
/// office's hours, and the metric of those past the office's limit, if counted).
fn add_span(
    t: &mut Tally,
    hours: &OfficeHours,
    row: &Row,
    [count, seconds, timed]: [&str; 3],
    (open_seconds, late): (&str, Option<&str>),
) -> Result<(), StoreError> {
    let (office, start, end): (String, i64, i64) =
        (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    let (channel, lang): (String, String) = (row.try_get(3)?, row.try_get(4)?);
    let dims = [channel.as_str(), lang.as_str(), "", "", office.as_str(), ""];
    t.add(count, dims, 1);
    t.add(seconds, dims, (end - start) / 1000);
    let open = hours.waited(&office, from_ms(start), from_ms(end));
    t.add(timed, dims, 1);
    t.add(open_seconds, dims, open.num_seconds());
    if let Some(late) = late
        && hours.past_limit(&office, open)
    {
        t.add(late, dims, 1);
    }
    Ok(())
}

/// The rows of `sql` for the day `(lo, hi)` among the ids `from..to`.
async fn in_range(
    conn: &mut Conn<'_>,
    sql: &'static str,
    (lo, hi): (i64, i64),
    (from, to): (i64, i64),
) -> Result<Vec<Row>, StoreError> {
    Ok(conn
        .query(sql)
        .bind(lo)
        .bind(hi)
        .bind(from)
        .bind(to)
        .fetch_all(conn)
        .await?)
}

/// Per conversation of the day: its channel, language, last step and last answer reached,
/// and whether it was handed off.
struct Day {
    citizen: i64,
    channel: String,
    lang: String,
    last: Option<(String, String)>,
    answer: Option<(String, String)>,
    handed_off: bool,
}

/// Counts a day from the rows that exist now, a range of ids at a time.
pub(super) async fn count_day(
    conn: &mut Conn<'_>,
    bounds: (i64, i64),
    hours: &OfficeHours,
    pace: RollupPace,
) -> Result<Tally, StoreError> {
    use metric::*;
    let (lo, hi) = bounds;
    let mut t = Tally::default();

    let mut ranges = Ranges::new(pace, ids(conn, CONVERSATION_IDS_SQL, None).await?);
    while let Some((from, to)) = ranges.next().await {
        for row in in_range(conn, CONVERSATIONS_SQL, (lo, hi), (from, to)).await? {
            let (channel, lang, hour, n): (String, String, i64, i64) = (
                row.try_get(0)?,
                row.try_get(1)?,
                row.try_get(2)?,
                row.try_get(3)?,
            );
            t.add(CONVERSATIONS, [&channel, &lang, "", "", "", ""], n);
            let bucket = hour_of_week(hour * 3_600_000);
            t.add(
                CONVERSATIONS_BY_HOUR,
                [&channel, &lang, "", "", "", &bucket],
                n,
            );
        }
    }

    // Citizens who wrote, each once however many ranges hold their messages.
    let mut citizens: HashMap<i64, (String, String, i64)> = HashMap::new();
    let mut ranges = Ranges::new(pace, ids(conn, MESSAGE_IDS_SQL, None).await?);
    while let Some((from, to)) = ranges.next().await {
        for row in in_range(conn, MESSAGES_SQL, (lo, hi), (from, to)).await? {
            let (direction, channel, lang, n): (String, String, String, i64) = (
                row.try_get(0)?,
                row.try_get(1)?,
                row.try_get(2)?,
                row.try_get(3)?,
            );
            let m = if direction == "in" {
                MESSAGES_IN
            } else {
                MESSAGES_OUT
            };
            t.add(m, [&channel, &lang, "", "", "", ""], n);
        }
        for row in in_range(conn, CITIZENS_SQL, (lo, hi), (from, to)).await? {
            let citizen: i64 = row.try_get(0)?;
            if let std::collections::hash_map::Entry::Vacant(entry) = citizens.entry(citizen) {
                entry.insert((row.try_get(1)?, row.try_get(2)?, row.try_get(3)?));
            }
        }
    }
    for (channel, lang, first_seen) in citizens.values() {
        let m = if *first_seen >= lo {
            CITIZENS_NEW
        } else {
            CITIZENS_RETURNING
        };
        t.add(m, [channel, lang, "", "", "", ""], 1);
    }

    // Per citizen, the conversations that reached each answer.
    let mut days: BTreeMap<i64, Day> = BTreeMap::new();
    let mut reached: HashMap<(i64, String, String), HashSet<i64>> = HashMap::new();
    let mut details = Details::default();
    let mut ranges = Ranges::new(pace, ids(conn, AUDIT_IDS_SQL, Some(bounds)).await?);
    while let Some((from, to)) = ranges.next().await {
        for row in in_range(conn, AUDIT_SQL, (lo, hi), (from, to)).await? {
            let (conversation, event, detail, citizen, channel, lang): (
                i64,
                String,
                String,
                i64,
                String,
                String,
            ) = (
                row.try_get(0)?,
                row.try_get(1)?,
                row.try_get(2)?,
                row.try_get(3)?,
                row.try_get(4)?,
                row.try_get(5)?,
            );
            let day = days.entry(conversation).or_insert_with(|| Day {
                citizen,
                channel: channel.clone(),
                lang: lang.clone(),
                last: None,
                answer: None,
                handed_off: false,
            });
            match event.as_str() {
                STEP_EVENT => {
                    let flow = details.field(&detail, "flow");
                    let step = details.field(&detail, "step");
                    t.add(STEPS, [&channel, &lang, &flow, &step, "", ""], 1);
                    if details.field(&detail, "answer") == "true" {
                        reached
                            .entry((citizen, flow.clone(), step.clone()))
                            .or_default()
                            .insert(conversation);
                        day.answer = Some((flow.clone(), step.clone()));
                    }
                    day.last = Some((flow, step));
                }
                "handoff" => day.handed_off = true,
                "not_understood" => {
                    let reason = details.field(&detail, "reason");
                    t.add(NOT_UNDERSTOOD, [&channel, &lang, "", "", "", &reason], 1);
                }
                _ => {
                    let danger = details.field(&detail, "danger");
                    t.add(EMERGENCIES, [&channel, &lang, "", "", "", &danger], 1);
                }
            }
        }
        for row in in_range(conn, RATINGS_SQL, (lo, hi), (from, to)).await? {
            let office: Option<String> = row.try_get(0)?;
            let (detail, channel, lang): (String, String, String) =
                (row.try_get(1)?, row.try_get(2)?, row.try_get(3)?);
            let score = details.field(&detail, "score");
            let office = office.unwrap_or_default();
            t.add(RATINGS, [&channel, &lang, "", "", &office, &score], 1);
        }
    }
    for (i, day) in days.values().enumerate() {
        if i % 10_000 == 9_999 {
            tokio::task::yield_now().await;
        }
        let Some((flow, step)) = day.answer.as_ref().or(day.last.as_ref()) else {
            continue;
        };
        let repeated = reached
            .get(&(day.citizen, flow.clone(), step.clone()))
            .is_some_and(|c| c.len() > 1);
        let how = if day.handed_off {
            outcome::HANDOFF
        } else if day.answer.is_none() {
            outcome::DROPPED
        } else if repeated {
            outcome::REPEAT
        } else {
            outcome::BOT
        };
        t.add(LAST_STEP, [&day.channel, &day.lang, flow, step, "", how], 1);
    }

    let mut ranges = Ranges::new(pace, ids(conn, CASE_IDS_SQL, None).await?);
    while let Some((from, to)) = ranges.next().await {
        for row in in_range(conn, OPENED_SQL, (lo, hi), (from, to)).await? {
            let (office, reason, channel, lang, n): (String, String, String, String, i64) = (
                row.try_get(0)?,
                row.try_get(1)?,
                row.try_get(2)?,
                row.try_get(3)?,
                row.try_get(4)?,
            );
            t.add(HANDOFFS, [&channel, &lang, "", "", &office, &reason], n);
        }

        for row in in_range(conn, FIRST_REPLY_SQL, (lo, hi), (from, to)).await? {
            let keys = [FIRST_REPLIES, FIRST_REPLY_SECONDS, FIRST_REPLIES_TIMED];
            add_span(
                &mut t,
                hours,
                &row,
                keys,
                (FIRST_REPLY_OPEN_SECONDS, Some(FIRST_REPLIES_LATE)),
            )?;
        }

        for row in in_range(conn, CLOSED_SQL, (lo, hi), (from, to)).await? {
            let keys = [CLOSED, CLOSE_SECONDS, CLOSED_TIMED];
            add_span(&mut t, hours, &row, keys, (CLOSE_OPEN_SECONDS, None))?;
        }
    }
    Ok(t)
}
