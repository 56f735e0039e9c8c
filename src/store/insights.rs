//! Daily aggregates that outlive the transcripts (`insights_daily`, docs/insights.md): each
//! closed day (Europe/Rome) is counted once from the rows that still exist, by channel,
//! language, flow, step and office, and kept for years. Nothing in a rollup names a citizen, a
//! conversation or a message: new and returning citizens are counted here, from the citizens'
//! rows, and only the counts are written.
//!
//! The rollup runs at start (back-filling every day not yet rolled up), on every purge before
//! anything is deleted (`Store::purge` calls `Store::roll_up` first), and on demand.

mod count;

use std::collections::HashSet;

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use sqlx::AssertSqlSafe;

use super::{Store, StoreError, to_ms};
use crate::calendar::{OfficeHours, TIME_ZONE};
pub use count::RollupPace;
use count::count_day;

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
                && self
                    .roll_up_day_inner(day, now, hours, false, RollupPace::of(self.kind()))
                    .await?
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
        self.roll_up_day_with(day, now, hours, RollupPace::of(self.kind()))
            .await
    }

    /// `roll_up_day` at another pace: the same rows whatever the pace.
    pub async fn roll_up_day_with(
        &self,
        day: NaiveDate,
        now: DateTime<Utc>,
        hours: &OfficeHours,
        pace: RollupPace,
    ) -> Result<(), StoreError> {
        self.roll_up_day_inner(day, now, hours, true, pace)
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
        pace: RollupPace,
    ) -> Result<bool, StoreError> {
        let now = to_ms(now);
        let key = day.to_string();
        // A closed day's rows no longer change: counted on the readers, a range of ids at a
        // time (`count`), so the SQLite writer (and the citizens' messages behind it) is held
        // only for the writing, one short transaction at the end. Interrupted before it, a
        // rollup has written nothing.
        let tally = count_day(&mut self.read(), day_bounds(day), hours, pace).await?;
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
