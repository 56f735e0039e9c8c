//! Subscriptions to the Comune's topics (`/avvisi`) and what goes out because of them: the
//! deadline reminders and the notice that a subscription ended for inactivity. Both are outbox
//! rows in the citizen's open conversation (opened if there is none), so they are sent by the
//! dispatcher like any reply, and are queued once: a reminder's key (citizen, deadline, day) is
//! unique and taken in the same transaction as its outbox row.

use chrono::{DateTime, NaiveDate, Utc};

use super::db::Conn;
use super::delivery::queue_reply_in;
use super::outbox::Priority;
use super::{CitizenId, OutboxId, Store, StoreError, from_ms, postgres, sqlite, to_ms};

/// A change of the citizen's subscriptions, written in the inbound transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubscriptionWrite {
    /// Turn a topic on, recording the version of the consent text the citizen saw (and the
    /// time: the turn's).
    On {
        topic: String,
        consent_version: String,
    },
    /// Turn a topic off.
    Off { topic: String },
    /// `/stop`: every topic off.
    AllOff,
}

/// One subscription as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub topic: String,
    pub consent_version: String,
    pub consented_at: DateTime<Utc>,
}

/// A subscriber of a topic and the language to write to them in (a tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub citizen_id: CitizenId,
    pub lang: String,
    /// The collection zone the citizen asked to remember (`waste.yaml`), if any.
    pub waste_zone: Option<String>,
}

/// A reminder to queue: its key (citizen, deadline, day) and the reply.
#[derive(Debug, Clone)]
pub struct ReminderRow<'a> {
    pub citizen_id: CitizenId,
    /// The topic the reminder is for: a citizen who turned it off in the meantime gets none.
    pub topic: &'a str,
    pub deadline: &'a str,
    pub remind_on: NaiveDate,
    /// The reply as JSON, and its text for the transcript.
    pub payload: &'a str,
    pub text: &'a str,
}

/// Writes the turn's subscription changes: $1 citizen, $2 topic, $3 consent version, $4 now.
pub(super) async fn write_subscriptions(
    conn: &mut Conn<'_>,
    citizen_id: i64,
    writes: &[SubscriptionWrite],
    now_ms: i64,
) -> Result<(), StoreError> {
    const ON: &str = "insert into subscriptions (citizen_id, topic, consent_version, \
         consented_at, created_at, updated_at) values ($1, $2, $3, $4, $4, $4) \
         on conflict (citizen_id, topic) do update set consent_version = excluded.consent_version, \
         consented_at = excluded.consented_at, updated_at = excluded.updated_at";
    const OFF: &str = "delete from subscriptions where citizen_id = $1 and topic = $2";
    const ALL_OFF: &str = "delete from subscriptions where citizen_id = $1";
    for write in writes {
        let query = match write {
            SubscriptionWrite::On {
                topic,
                consent_version,
            } => conn
                .query(ON)
                .bind(citizen_id)
                .bind(topic.as_str())
                .bind(consent_version.as_str())
                .bind(now_ms),
            SubscriptionWrite::Off { topic } => {
                conn.query(OFF).bind(citizen_id).bind(topic.as_str())
            }
            SubscriptionWrite::AllOff => conn.query(ALL_OFF).bind(citizen_id),
        };
        query.execute(conn).await?;
    }
    Ok(())
}

/// Locks the citizen's row until commit (on PostgreSQL; SQLite's single writer is the lock),
/// as the inbound transaction's upsert does: the rows of one citizen are always locked
/// citizen first, so the job and a citizen's message never wait for each other in a circle.
/// `false`: no such citizen.
pub(super) async fn lock_citizen(conn: &mut Conn<'_>, citizen_id: i64) -> Result<bool, StoreError> {
    let lock = conn
        .dialect()
        .pick(sqlite::sql::LOCK_CITIZEN, postgres::sql::LOCK_CITIZEN);
    let row = conn
        .query(lock)
        .bind(citizen_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

/// The open conversation of a citizen whose row the caller locked, or a new one: where a
/// message the citizen did not ask for just now goes.
pub(super) async fn open_conversation(
    conn: &mut Conn<'_>,
    citizen_id: i64,
    now_ms: i64,
) -> Result<i64, StoreError> {
    const OPEN: &str = "select conversation_id from conversations \
         where citizen_id = $1 and status <> 'closed'";
    const NEW: &str = "insert into conversations (citizen_id, status, state, last_seq, \
         created_at, updated_at) values ($1, 'bot', '', 0, $2, $2) returning conversation_id";
    if let Some(row) = conn
        .query(OPEN)
        .bind(citizen_id)
        .fetch_optional(conn)
        .await?
    {
        return Ok(row.try_get(0)?);
    }
    let row = conn
        .query(NEW)
        .bind(citizen_id)
        .bind(now_ms)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get(0)?)
}

impl Store {
    /// The citizen's subscriptions, by topic.
    pub async fn subscriptions(
        &self,
        citizen_id: CitizenId,
    ) -> Result<Vec<Subscription>, StoreError> {
        const SQL: &str = "select topic, consent_version, consented_at from subscriptions \
             where citizen_id = $1 order by topic";
        let db = &mut self.read();
        let rows = db.query(SQL).bind(citizen_id.0).fetch_all(db).await?;
        rows.iter()
            .map(|row| {
                Ok(Subscription {
                    topic: row.try_get(0)?,
                    consent_version: row.try_get(1)?,
                    consented_at: from_ms(row.try_get(2)?),
                })
            })
            .collect()
    }

    /// Who receives what is sent on `topic`: its subscribers the channel can still reach.
    pub async fn subscribers(&self, topic: &str) -> Result<Vec<Subscriber>, StoreError> {
        const SQL: &str = "select s.citizen_id, z.lang, z.waste_zone from subscriptions s \
             join citizens z on z.citizen_id = s.citizen_id \
             where s.topic = $1 and z.unreachable_at is null order by s.citizen_id";
        let db = &mut self.read();
        let rows = db.query(SQL).bind(topic).fetch_all(db).await?;
        rows.iter()
            .map(|row| {
                Ok(Subscriber {
                    citizen_id: CitizenId(row.try_get(0)?),
                    lang: row.try_get(1)?,
                    waste_zone: row.try_get(2)?,
                })
            })
            .collect()
    }

    /// Queues a reminder once: its key and its outbox row in one transaction. `None` when it
    /// was queued before (by this process or another), or the citizen is no longer
    /// subscribed to its topic.
    pub async fn queue_reminder(
        &self,
        reminder: &ReminderRow<'_>,
        now: DateTime<Utc>,
    ) -> Result<Option<OutboxId>, StoreError> {
        const KEY: &str = "insert into reminders (citizen_id, deadline, remind_on, created_at, \
             updated_at) select $1, $2, $3, $4, $4 where exists (select 1 from subscriptions \
             where citizen_id = $1 and topic = $5) \
             on conflict (citizen_id, deadline, remind_on) do nothing returning reminder_id";
        const SENT: &str = "update reminders set outbox_id = $2 where reminder_id = $1";
        let now_ms = to_ms(now);
        let mut tx = self.transaction().await?;
        let conn = &mut tx.conn()?;
        if !lock_citizen(conn, reminder.citizen_id.0).await? {
            tx.release().await?;
            return Ok(None);
        }
        let key = conn
            .query(KEY)
            .bind(reminder.citizen_id.0)
            .bind(reminder.deadline)
            .bind(reminder.remind_on.to_string())
            .bind(now_ms)
            .bind(reminder.topic)
            .fetch_optional(conn)
            .await?;
        let Some(key) = key else {
            tx.release().await?;
            return Ok(None);
        };
        let conversation_id = open_conversation(conn, reminder.citizen_id.0, now_ms).await?;
        let reminder_id: i64 = key.try_get(0)?;
        let text = super::storable(reminder.text.to_owned());
        let outbox_id = queue_reply_in(
            conn,
            conversation_id,
            reminder.payload,
            &text,
            now_ms,
            Priority::Routine,
        )
        .await?
        .ok_or_else(|| StoreError::corrupt("reminder", "no outbox row"))?;
        conn.query(SENT)
            .bind(reminder_id)
            .bind(outbox_id)
            .execute(conn)
            .await?;
        tx.commit().await?;
        self.wake_dispatchers();
        Ok(Some(OutboxId(outbox_id)))
    }

    /// Ends the subscriptions of citizens silent since `cutoff` (no message, no subscription
    /// turned on since), each citizen told once with `notice(lang)`: the reply's transcript
    /// text and payload. Returns how many citizens lost their subscriptions.
    pub async fn end_inactive_subscriptions(
        &self,
        cutoff: DateTime<Utc>,
        now: DateTime<Utc>,
        notice: impl Fn(&str) -> (String, String),
    ) -> Result<u64, StoreError> {
        const SILENT: &str = "select z.citizen_id, z.lang from citizens z \
             where coalesce(z.last_inbound_at, 0) < $1 and exists (select 1 from subscriptions s \
             where s.citizen_id = z.citizen_id) and not exists (select 1 from subscriptions s \
             where s.citizen_id = z.citizen_id and s.consented_at >= $1) order by z.citizen_id";
        // Checked again under the citizen's lock: the citizen may have written meanwhile.
        const END: &str = "delete from subscriptions where citizen_id = $1 and \
             (select coalesce(z.last_inbound_at, 0) from citizens z where z.citizen_id = $1) < $2 \
             and not exists (select 1 from subscriptions s where s.citizen_id = $1 \
             and s.consented_at >= $2)";
        const AUDIT: &str = "insert into audit (citizen_id, conversation_id, event, detail, at, \
             created_at, updated_at) values ($1, $2, 'subscriptions_ended', \
             '{\"reason\":\"inactive\"}', $3, $3, $3)";
        let (cutoff_ms, now_ms) = (to_ms(cutoff), to_ms(now));
        let silent = {
            let db = &mut self.read();
            db.query(SILENT).bind(cutoff_ms).fetch_all(db).await?
        };
        let mut ended = 0;
        for row in silent {
            let (citizen_id, lang): (i64, String) = (row.try_get(0)?, row.try_get(1)?);
            let mut tx = self.transaction().await?;
            let conn = &mut tx.conn()?;
            let found = lock_citizen(conn, citizen_id).await?;
            let gone = conn
                .query(END)
                .bind(citizen_id)
                .bind(cutoff_ms)
                .execute(conn)
                .await?;
            if !found || gone.rows_affected() == 0 {
                tx.release().await?;
                continue;
            }
            let conversation_id = open_conversation(conn, citizen_id, now_ms).await?;
            let (text, payload) = notice(&lang);
            queue_reply_in(
                conn,
                conversation_id,
                &payload,
                &text,
                now_ms,
                Priority::Routine,
            )
            .await?;
            conn.query(AUDIT)
                .bind(citizen_id)
                .bind(conversation_id)
                .bind(now_ms)
                .execute(conn)
                .await?;
            tx.commit().await?;
            ended += 1;
        }
        if ended > 0 {
            self.wake_dispatchers();
        }
        Ok(ended)
    }
}
