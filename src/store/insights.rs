//! Daily aggregates that outlive the transcripts (`insights_daily`, docs/insights.md): each
//! closed day (Europe/Rome) is counted once from the rows that still exist, by channel,
//! language, flow, step and office, and kept for years. Nothing in a rollup names a citizen, a
//! conversation or a message: new and returning citizens are counted here, from the citizens'
//! rows, and only the counts are written.
//!
//! The rollup runs at start (back-filling every day not yet rolled up), on every purge before
//! anything is deleted (`Store::purge` calls `Store::roll_up` first), and on demand.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Timelike, Utc};
use sqlx::AssertSqlSafe;

use super::db::Conn;
use super::{Store, StoreError, from_ms, to_ms};
use crate::calendar::{OfficeHours, TIME_ZONE};

/// One aggregate: a count (or a sum of seconds) of a day, by the dimensions that apply; the
/// others are empty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct InsightRow {
    pub day: NaiveDate,
    pub metric: String,
    pub channel: String,
    pub lang: String,
    pub flow: String,
    pub step: String,
    pub office: String,
    /// The metric's own breakdown: hour of the week (`1-09`: Monday, 9 to 10), a hand-off's
    /// reason, a rating, an emergency's kind, an outcome.
    pub bucket: String,
    pub value: i64,
}

/// The metrics a rollup writes (docs/insights.md says what each counts).
pub mod metric {
    /// Conversations started; by channel and language.
    pub const CONVERSATIONS: &str = "conversations";
    /// Conversations started, by hour of the week (`bucket`).
    pub const CONVERSATIONS_BY_HOUR: &str = "conversations_by_hour";
    /// Messages from citizens.
    pub const MESSAGES_IN: &str = "messages_in";
    /// Messages to citizens (the bot's and operators').
    pub const MESSAGES_OUT: &str = "messages_out";
    /// Citizens who wrote that day for the first time.
    pub const CITIZENS_NEW: &str = "citizens_new";
    /// Citizens who wrote that day and had written on an earlier day.
    pub const CITIZENS_RETURNING: &str = "citizens_returning";
    /// Steps shown; by flow and step.
    pub const STEPS: &str = "steps";
    /// Conversations by how their day went (`bucket`: `bot`, `handoff`, `repeat`,
    /// `dropped`), at the last answer they reached that day or, without one, at the last
    /// step they reached.
    pub const LAST_STEP: &str = "last_step";
    /// Cases opened; by office and reason.
    pub const HANDOFFS: &str = "handoffs";
    /// Cases whose first operator reply came that day; by office.
    pub const FIRST_REPLIES: &str = "first_replies";
    /// Their seconds from the hand-off to that reply, summed.
    pub const FIRST_REPLY_SECONDS: &str = "first_reply_seconds";
    /// Cases closed; by office.
    pub const CLOSED: &str = "closed";
    /// Their seconds from the hand-off to the close, summed.
    pub const CLOSE_SECONDS: &str = "close_seconds";
    /// First replies timed within the office's hours; by office. Days rolled up before
    /// this was counted have none, so the mean divides by this count, not `first_replies`.
    pub const FIRST_REPLIES_TIMED: &str = "first_replies_timed";
    /// Their seconds of office hours from the hand-off to the first reply, summed.
    pub const FIRST_REPLY_OPEN_SECONDS: &str = "first_reply_open_seconds";
    /// First replies that came after more than the office's limit (`unclaimed_after`) of
    /// its hours; by office.
    pub const FIRST_REPLIES_LATE: &str = "first_replies_late";
    /// Closes timed within the office's hours; by office.
    pub const CLOSED_TIMED: &str = "closed_timed";
    /// Their seconds of office hours from the hand-off to the close, summed.
    pub const CLOSE_OPEN_SECONDS: &str = "close_open_seconds";
    /// Ratings given; by office and score (`bucket`).
    pub const RATINGS: &str = "ratings";
    /// Emergencies answered; by kind (`bucket`).
    pub const EMERGENCIES: &str = "emergencies";
    /// Messages not understood; by reason (`bucket`).
    pub const NOT_UNDERSTOOD: &str = "not_understood";
}

/// How a conversation's day went, for `metric::LAST_STEP`.
pub mod outcome {
    /// Resolved by the bot: an answer reached, no hand-off, and the citizen did not reach
    /// the same answer in another conversation that day.
    pub const BOT: &str = "bot";
    pub const HANDOFF: &str = "handoff";
    /// The citizen came back to the same answer in another conversation the same day.
    pub const REPEAT: &str = "repeat";
    /// No answer reached and no hand-off: the step is where the conversation stopped.
    pub const DROPPED: &str = "dropped";
}

/// The audit event a turn writes when it shows a step (`{"flow": ..., "step": ...,
/// "answer": true}`, answer when the step rests on a source): the fact the rollup counts
/// steps, resolutions and drop-off points from.
pub const STEP_EVENT: &str = "step";

/// The first and last instants (unix ms, half-open) of a day in Rome.
pub fn day_bounds(day: NaiveDate) -> (i64, i64) {
    let start = |d: NaiveDate| {
        TIME_ZONE
            .from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    };
    let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
    (to_ms(start(day)), to_ms(start(next)))
}

/// The day in Rome of an instant.
pub fn rome_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&TIME_ZONE).date_naive()
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
struct Tally(BTreeMap<Key, i64>);

impl Tally {
    fn add(&mut self, metric: &str, dims: [&str; 6], value: i64) {
        let [channel, lang, flow, step, office, bucket] = dims.map(str::to_owned);
        *self
            .0
            .entry([metric.to_owned(), channel, lang, flow, step, office, bucket])
            .or_default() += value;
    }
}

fn field(detail: &str, name: &str) -> String {
    serde_json::from_str::<serde_json::Value>(detail)
        .ok()
        .and_then(|v| match v.get(name)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        })
        .unwrap_or_default()
}

const CONVERSATIONS_SQL: &str = "select c.created_at, z.channel, z.lang from conversations c \
     join citizens z on z.citizen_id = c.citizen_id \
     where c.created_at >= $1 and c.created_at < $2";

const MESSAGES_SQL: &str = "select m.direction, z.channel, z.lang, count(*) from messages m \
     join conversations c on c.conversation_id = m.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where m.at >= $1 and m.at < $2 group by m.direction, z.channel, z.lang";

const CITIZENS_SQL: &str = "select distinct z.citizen_id, z.channel, z.lang, z.first_seen_at \
     from messages m join conversations c on c.conversation_id = m.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where m.at >= $1 and m.at < $2 and m.direction = 'in'";

const AUDIT_SQL: &str = "select a.conversation_id, a.event, a.detail, z.citizen_id, z.channel, \
     z.lang from audit a join conversations c on c.conversation_id = a.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where a.at >= $1 and a.at < $2 \
     and a.event in ('step', 'handoff', 'not_understood', 'emergency') \
     order by a.audit_id";

const RATINGS_SQL: &str = "select (select k.office from cases k \
     where k.conversation_id = a.conversation_id and k.opened_at <= a.at \
     order by k.case_id desc limit 1), a.detail, z.channel, z.lang from audit a \
     join conversations c on c.conversation_id = a.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where a.event = 'rated' and a.at >= $1 and a.at < $2";

const OPENED_SQL: &str = "select k.office, k.reason, z.channel, z.lang from cases k \
     join conversations c on c.conversation_id = k.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where k.opened_at >= $1 and k.opened_at < $2";

const FIRST_REPLY_SQL: &str = "select k.office, k.opened_at, min(m.at), z.channel, z.lang \
     from cases k join messages m on m.conversation_id = k.conversation_id \
     and m.kind = 'operator' and m.direction = 'out' and m.at >= k.opened_at \
     and (k.closed_at is null or m.at <= k.closed_at) \
     join conversations c on c.conversation_id = k.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where k.opened_at < $2 group by k.case_id, k.office, k.opened_at, z.channel, z.lang \
     having min(m.at) >= $1 and min(m.at) < $2";

const CLOSED_SQL: &str = "select k.office, k.opened_at, k.closed_at, z.channel, z.lang \
     from cases k join conversations c on c.conversation_id = k.conversation_id \
     join citizens z on z.citizen_id = c.citizen_id \
     where k.closed_at >= $1 and k.closed_at < $2";

/// Counts a day from the rows that exist now.
async fn count_day(
    conn: &mut Conn<'_>,
    (lo, hi): (i64, i64),
    hours: &OfficeHours,
) -> Result<Tally, StoreError> {
    use metric::*;
    let mut t = Tally::default();

    for row in conn
        .query(CONVERSATIONS_SQL)
        .bind(lo)
        .bind(hi)
        .fetch_all(conn)
        .await?
    {
        let (at, channel, lang): (i64, String, String) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        t.add(CONVERSATIONS, [&channel, &lang, "", "", "", ""], 1);
        t.add(
            CONVERSATIONS_BY_HOUR,
            [&channel, &lang, "", "", "", &hour_of_week(at)],
            1,
        );
    }

    for row in conn
        .query(MESSAGES_SQL)
        .bind(lo)
        .bind(hi)
        .fetch_all(conn)
        .await?
    {
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

    for row in conn
        .query(CITIZENS_SQL)
        .bind(lo)
        .bind(hi)
        .fetch_all(conn)
        .await?
    {
        let (channel, lang, first_seen): (String, String, i64) =
            (row.try_get(1)?, row.try_get(2)?, row.try_get(3)?);
        let m = if first_seen >= lo {
            CITIZENS_NEW
        } else {
            CITIZENS_RETURNING
        };
        t.add(m, [&channel, &lang, "", "", "", ""], 1);
    }

    // Per conversation: its channel, language, last step of the day and whether it was
    // handed off; per citizen, the conversations that reached each step.
    struct Day {
        citizen: i64,
        channel: String,
        lang: String,
        last: Option<(String, String)>,
        answer: Option<(String, String)>,
        handed_off: bool,
    }
    let mut days: BTreeMap<i64, Day> = BTreeMap::new();
    let mut reached: HashMap<(i64, String, String), HashSet<i64>> = HashMap::new();
    for row in conn
        .query(AUDIT_SQL)
        .bind(lo)
        .bind(hi)
        .fetch_all(conn)
        .await?
    {
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
                let (flow, step) = (field(&detail, "flow"), field(&detail, "step"));
                t.add(STEPS, [&channel, &lang, &flow, &step, "", ""], 1);
                if field(&detail, "answer") == "true" {
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
                let reason = field(&detail, "reason");
                t.add(NOT_UNDERSTOOD, [&channel, &lang, "", "", "", &reason], 1);
            }
            _ => {
                let danger = field(&detail, "danger");
                t.add(EMERGENCIES, [&channel, &lang, "", "", "", &danger], 1);
            }
        }
    }
    for day in days.values() {
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

    for row in conn
        .query(OPENED_SQL)
        .bind(lo)
        .bind(hi)
        .fetch_all(conn)
        .await?
    {
        let (office, reason, channel, lang): (String, String, String, String) = (
            row.try_get(0)?,
            row.try_get(1)?,
            row.try_get(2)?,
            row.try_get(3)?,
        );
        t.add(HANDOFFS, [&channel, &lang, "", "", &office, &reason], 1);
    }

    for row in conn
        .query(FIRST_REPLY_SQL)
        .bind(lo)
        .bind(hi)
        .fetch_all(conn)
        .await?
    {
        let (office, opened, replied): (String, i64, i64) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        let (channel, lang): (String, String) = (row.try_get(3)?, row.try_get(4)?);
        let dims = [channel.as_str(), lang.as_str(), "", "", office.as_str(), ""];
        t.add(FIRST_REPLIES, dims, 1);
        t.add(FIRST_REPLY_SECONDS, dims, (replied - opened) / 1000);
        let open = hours.waited(&office, from_ms(opened), from_ms(replied));
        t.add(FIRST_REPLIES_TIMED, dims, 1);
        t.add(FIRST_REPLY_OPEN_SECONDS, dims, open.num_seconds());
        if hours.past_limit(&office, open) {
            t.add(FIRST_REPLIES_LATE, dims, 1);
        }
    }

    for row in conn
        .query(CLOSED_SQL)
        .bind(lo)
        .bind(hi)
        .fetch_all(conn)
        .await?
    {
        let (office, opened, closed): (String, i64, i64) =
            (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
        let (channel, lang): (String, String) = (row.try_get(3)?, row.try_get(4)?);
        let dims = [channel.as_str(), lang.as_str(), "", "", office.as_str(), ""];
        t.add(CLOSED, dims, 1);
        t.add(CLOSE_SECONDS, dims, (closed - opened) / 1000);
        let open = hours.waited(&office, from_ms(opened), from_ms(closed));
        t.add(CLOSED_TIMED, dims, 1);
        t.add(CLOSE_OPEN_SECONDS, dims, open.num_seconds());
    }

    for row in conn
        .query(RATINGS_SQL)
        .bind(lo)
        .bind(hi)
        .fetch_all(conn)
        .await?
    {
        let office: Option<String> = row.try_get(0)?;
        let (detail, channel, lang): (String, String, String) =
            (row.try_get(1)?, row.try_get(2)?, row.try_get(3)?);
        let score = field(&detail, "score");
        let office = office.unwrap_or_default();
        t.add(RATINGS, [&channel, &lang, "", "", &office, &score], 1);
    }
    Ok(t)
}

/// Rows per insert statement: 9 values each, well under both backends' limits.
const INSERT_ROWS: usize = 100;

impl Store {
    /// Rolls up every closed day (before today in Rome) not rolled up yet, from the first day
    /// anything was stored: the back-fill on first run, then the days since the last rollup.
    /// Returns the days rolled up. Safe from several processes: a day is claimed in the
    /// transaction that writes it.
    /// Waits are counted within each office's hours (`hours`).
    pub async fn roll_up(
        &self,
        now: DateTime<Utc>,
        hours: &OfficeHours,
    ) -> Result<Vec<NaiveDate>, StoreError> {
        let today = rome_day(now);
        let (first, done) = {
            let db = &mut self.read();
            let first: Option<i64> = db
                .query(
                    "select min(t) from (select min(created_at) as t from conversations \
                     union all select min(at) from audit where conversation_id is not null) x",
                )
                .fetch_one(db)
                .await?
                .try_get(0)?;
            let done: HashSet<String> = db
                .query("select day from insights_days")
                .fetch_all(db)
                .await?
                .iter()
                .map(|r| r.try_get(0))
                .collect::<Result<_, _>>()?;
            (first, done)
        };
        let Some(first) = first else {
            return Ok(Vec::new());
        };
        let mut day = rome_day(DateTime::<Utc>::from_timestamp_millis(first).unwrap_or(now));
        let mut rolled = Vec::new();
        while day < today {
            if !done.contains(&day.to_string())
                && self.roll_up_day_inner(day, now, hours, false).await?
            {
                rolled.push(day);
            }
            let Some(next) = day.checked_add_days(Days::new(1)) else {
                break;
            };
            day = next;
        }
        if !rolled.is_empty() {
            tracing::info!(days = rolled.len(), "insights rolled up");
        }
        Ok(rolled)
    }

    /// Counts one day again from the rows that exist now, replacing its rollup. The same
    /// rows give the same rollup; after the purge took the day's conversations it would count
    /// less, so the scheduled rollup never repeats a day.
    pub async fn roll_up_day(
        &self,
        day: NaiveDate,
        now: DateTime<Utc>,
        hours: &OfficeHours,
    ) -> Result<(), StoreError> {
        self.roll_up_day_inner(day, now, hours, true)
            .await
            .map(|_| ())
    }

    /// Writes a day's rollup in one transaction; unless `again`, only when no other process
    /// has rolled it up meanwhile. Returns whether it wrote.
    async fn roll_up_day_inner(
        &self,
        day: NaiveDate,
        now: DateTime<Utc>,
        hours: &OfficeHours,
        again: bool,
    ) -> Result<bool, StoreError> {
        let now = to_ms(now);
        let key = day.to_string();
        // A closed day's rows no longer change: counted on the readers, so the SQLite writer
        // (and the citizens' messages behind it) is held only for the writing.
        let tally = count_day(&mut self.read(), day_bounds(day), hours).await?;
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        let claim = if again {
            "insert into insights_days (day, rolled_at, created_at, updated_at) \
             values ($1, $2, $2, $2) on conflict (day) do update set rolled_at = $2, updated_at = $2"
        } else {
            "insert into insights_days (day, rolled_at, created_at, updated_at) \
             values ($1, $2, $2, $2) on conflict (day) do nothing"
        };
        let claimed = conn
            .query(claim)
            .bind(key.as_str())
            .bind(now)
            .execute(conn)
            .await?
            .rows_affected();
        if claimed == 0 {
            // Rolled up by another process meanwhile: nothing written, so nothing to undo
            // (a transaction dropped open would undo the writes sharing SQLite's commit).
            tx.release().await?;
            return Ok(false);
        }
        conn.query("delete from insights_daily where day = $1")
            .bind(key.as_str())
            .execute(conn)
            .await?;
        let rows: Vec<_> = tally.0.into_iter().filter(|(_, v)| *v != 0).collect();
        for chunk in rows.chunks(INSERT_ROWS) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let p = 3 + 8 * i;
                    format!(
                        "($1, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, $2, $2)",
                        p,
                        p + 1,
                        p + 2,
                        p + 3,
                        p + 4,
                        p + 5,
                        p + 6,
                        p + 7
                    )
                })
                .collect();
            let sql = format!(
                "insert into insights_daily (day, metric, channel, lang, flow, step, office, \
                 bucket, value, created_at, updated_at) values {}",
                values.join(", ")
            );
            let mut query = conn.query(AssertSqlSafe(sql)).bind(key.as_str()).bind(now);
            for (dims, value) in chunk {
                for d in dims {
                    query = query.bind(d.as_str());
                }
                query = query.bind(*value);
            }
            query.execute(conn).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// The rollups of the days `from..=to`.
    pub async fn insights(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<InsightRow>, StoreError> {
        const SQL: &str = "select day, metric, channel, lang, flow, step, office, bucket, value \
             from insights_daily where day >= $1 and day <= $2 \
             order by day, metric, channel, lang, flow, step, office, bucket";
        let db = &mut self.read();
        let rows = db
            .query(SQL)
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(db)
            .await?;
        rows.iter()
            .map(|row| {
                let day: String = row.try_get(0)?;
                Ok(InsightRow {
                    day: day
                        .parse()
                        .map_err(|e| StoreError::corrupt("insights day", e))?,
                    metric: row.try_get(1)?,
                    channel: row.try_get(2)?,
                    lang: row.try_get(3)?,
                    flow: row.try_get(4)?,
                    step: row.try_get(5)?,
                    office: row.try_get(6)?,
                    bucket: row.try_get(7)?,
                    value: row.try_get(8)?,
                })
            })
            .collect()
    }

    /// Deletes the rollups of days more than `keep_days` before `now`
    /// (`insights_retention_days`). Returns the rows deleted.
    pub async fn prune_insights(
        &self,
        now: DateTime<Utc>,
        keep_days: u32,
    ) -> Result<u64, StoreError> {
        let cutoff = rome_day(now)
            .checked_sub_days(Days::new(u64::from(keep_days)))
            .unwrap_or(NaiveDate::MIN)
            .to_string();
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        let n = conn
            .query("delete from insights_daily where day < $1")
            .bind(cutoff.as_str())
            .execute(conn)
            .await?
            .rows_affected();
        tx.commit().await?;
        // The days stay marked as rolled up: their conversations are long gone.
        Ok(n)
    }
}
