//! A backlog of routine messages for the pacing tests and the broadcast benchmark: `n`
//! citizens of one channel subscribed to a topic, written with plain SQL (much faster than `n`
//! conversations), and one reminder queued to each through the reminders job itself
//! (`sportello::reminders::run`), as it queues them on the morning of a deadline's reminder.
//! `queue_backlog` is the one place to switch to announcements once they exist.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sportello::flows::FlowSet;
use sportello::store::{BackendKind, Store};
use sqlx::Connection;

/// The topic the backlog's citizens subscribe to; its deadlines remind them.
pub const TOPIC: &str = "scadenze";

/// The citizens of a backlog: their channel, their ids `first..first + n` on it, and when
/// they last wrote (`None`: never, so outside WhatsApp's 24-hour window).
#[derive(Debug, Clone, Copy)]
pub struct Subscribers {
    pub channel: &'static str,
    pub first: i64,
    pub n: i64,
    pub last_inbound: Option<DateTime<Utc>>,
}

fn with_series(kind: BackendKind, n: i64, rest: &str) -> String {
    match kind {
        BackendKind::Sqlite => format!(
            "with recursive n(i) as (select 0 union all select i + 1 from n where i < {n} - 1) {rest}"
        ),
        BackendKind::Postgres => rest.replace(
            " from n",
            &format!(" from generate_series(0::bigint, {n} - 1) as n(i)"),
        ),
    }
}

/// Writes the citizens and their subscriptions to `TOPIC` in the database at `url`.
pub async fn seed(url: &str, kind: BackendKind, who: Subscribers, now: DateTime<Utc>) {
    let now_ms = now.timestamp_millis();
    let last = who
        .last_inbound
        .map_or("null".to_owned(), |t| t.timestamp_millis().to_string());
    let user = match kind {
        BackendKind::Sqlite => format!("cast({} + i as text)", who.first),
        BackendKind::Postgres => format!("({} + i)::text", who.first),
    };
    let citizens = with_series(
        kind,
        who.n,
        &format!(
            "insert into citizens (channel, channel_user_id, lang, first_seen_at, \
             last_inbound_at, created_at, updated_at) \
             select '{}', {user}, 'it', {now_ms}, {last}, {now_ms}, {now_ms} from n",
            who.channel
        ),
    );
    let subscriptions = format!(
        "insert into subscriptions (citizen_id, topic, consent_version, consented_at, \
         created_at, updated_at) select c.citizen_id, '{TOPIC}', '1', {now_ms}, {now_ms}, \
         {now_ms} from citizens c where c.channel = '{}' and not exists (select 1 from \
         subscriptions s where s.citizen_id = c.citizen_id and s.topic = '{TOPIC}')",
        who.channel
    );
    let sql = sqlx::AssertSqlSafe(format!("{citizens}; {subscriptions}"));
    match kind {
        BackendKind::Sqlite => {
            let path = url.strip_prefix("sqlite://").unwrap_or(url);
            let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{path}"))
                .await
                .expect("sqlite");
            sqlx::raw_sql(sql).execute(&mut db).await.expect("seed");
        }
        BackendKind::Postgres => {
            let mut db = sqlx::PgConnection::connect(url).await.expect("postgres");
            sqlx::raw_sql(sql).execute(&mut db).await.expect("seed");
        }
    }
}

/// The morning (10:00 in Rome) of the earliest reminder of a `TOPIC` deadline that fell before
/// today: the reminders job run then queues one to every subscriber, due at once.
pub fn reminder_morning(flows: &FlowSet) -> DateTime<Utc> {
    let today = Utc::now().date_naive();
    let day: NaiveDate = flows
        .deadlines
        .iter()
        .filter(|d| d.topic.as_ref().is_some_and(|t| t.text == TOPIC))
        .flat_map(|d| {
            d.remind
                .iter()
                .map(|&days| d.date - chrono::Days::new(u64::from(days)))
        })
        .filter(|&day| day < today)
        .min()
        .expect("a reminder of the example deadlines before today");
    let local = day.and_hms_opt(10, 0, 0).unwrap();
    sportello::calendar::TIME_ZONE
        .from_local_datetime(&local)
        .single()
        .expect("a local time")
        .with_timezone(&Utc)
}

/// Queues one routine message to every subscriber of `TOPIC`, as the reminders job does on
/// `morning`; returns how many.
pub async fn queue_backlog(store: &Store, flows: &FlowSet, morning: DateTime<Utc>) -> u64 {
    let report = sportello::reminders::run(store, flows, morning, 1200)
        .await
        .expect("the reminders job");
    report.queued
}
