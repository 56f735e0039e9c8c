//! The daily jobs of subscriptions: at the configured local hour, it queues the reminders of
//! the deadlines due that day (`remind:` in `deadlines.yaml`) to the subscribers of each
//! deadline's topic, in each one's language, and ends the subscriptions of citizens silent for
//! the configured months, with a notice; at the evening's hour, it tells the subscribers of
//! the waste collection's topic who asked to remember their zone what is collected there
//! tomorrow (`waste.yaml`), when something is. Everything goes through the outbox; each reminder is
//! queued once however often the job runs, in however many processes (a unique key in the
//! store, `Store::queue_reminder`). `sportello run` runs it on schedule (`on_schedule`),
//! `sportello reminders run` once.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Months, NaiveDate, Timelike, Utc};

use crate::calendar::TIME_ZONE;
use crate::clock::Clock;
use crate::engine::{self, Reply};
use crate::flows::FlowSet;
use crate::flows::live::Live;
use crate::i18n::Lang;
use crate::store::{ReminderRow, Store, StoreError};

/// When the job runs and what it ends.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    /// The local hour (the Comune's time zone) from which the day's reminders go out.
    pub hour: u32,
    /// The local hour from which the evening's collection reminders go out.
    pub waste_hour: u32,
    /// Months without a message after which a citizen's subscriptions end.
    pub inactive_months: u32,
    /// How often the clock is looked at.
    pub poll: Duration,
}

/// What one run did: counts only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Reminders queued now.
    pub queued: u64,
    /// Reminders due today that were queued before (an earlier run, another process).
    pub already: u64,
    /// Citizens whose subscriptions ended for inactivity (each told once).
    pub ended: u64,
}

/// The reminders to queue on `today`: (deadline, topic, the reminder's day) for every deadline
/// with a topic whose latest reminder day not after today falls after `since`, the last day
/// the job ran (with `since` unknown, today only), while the deadline is still ahead. A day
/// the service was down is caught up the next time it runs: the latest reminder missed goes
/// late, its text counting the days from today; an earlier one it replaces is not sent.
fn due(
    flows: &FlowSet,
    today: NaiveDate,
    since: Option<NaiveDate>,
) -> Vec<(&crate::flows::Deadline, &crate::flows::Topic, NaiveDate)> {
    flows
        .deadlines
        .iter()
        .filter(|d| d.date >= today)
        .filter_map(|d| {
            let day = d
                .remind
                .iter()
                .map(|&days| d.date - chrono::Days::new(u64::from(days)))
                .filter(|&day| day <= today)
                .max()?;
            let missed_or_today = since.map_or(day == today, |since| day > since);
            missed_or_today.then_some((d, flows.topic(&d.topic.as_ref()?.text)?, day))
        })
        .collect()
}

fn payload(reply: &Reply) -> String {
    serde_json::to_string(reply).unwrap_or_else(|_| "null".to_owned())
}

/// Queues a reminder once per (citizen, topic, key) and day (`day`: the reminder's own day,
/// for the deadlines' reminders), and counts it.
async fn queue(
    store: &Store,
    (citizen_id, topic, key): (crate::store::CitizenId, &str, &str),
    day: NaiveDate,
    reply: &Reply,
    now: DateTime<Utc>,
    report: &mut RunReport,
) -> Result<(), StoreError> {
    // The topic goes with the reply: outside WhatsApp's 24-hour window it decides the template.
    let payload = crate::outbox::payload_with_topic(reply, topic);
    let row = ReminderRow {
        citizen_id,
        topic,
        deadline: key,
        remind_on: day,
        payload: &payload,
        text: &reply.text,
    };
    match store.queue_reminder(&row, now).await? {
        Some(_) => report.queued += 1,
        None => report.already += 1,
    }
    Ok(())
}

/// Queues what is due on the local date of `now` and ends inactive subscriptions.
pub async fn run(
    store: &Store,
    flows: &FlowSet,
    now: DateTime<Utc>,
    inactive_months: u32,
) -> Result<RunReport, StoreError> {
    run_since(store, flows, now, inactive_months, None).await
}

/// As [`run`], catching up the reminders of the days after `since` (the last day the job ran)
/// that it missed.
pub async fn run_since(
    store: &Store,
    flows: &FlowSet,
    now: DateTime<Utc>,
    inactive_months: u32,
    since: Option<NaiveDate>,
) -> Result<RunReport, StoreError> {
    let today = now.with_timezone(&TIME_ZONE).date_naive();
    let mut report = RunReport::default();
    for (deadline, topic, day) in due(flows, today, since) {
        for subscriber in store.subscribers(&topic.id).await? {
            let lang = Lang::from_tag(&subscriber.lang).unwrap_or_default();
            let reply = engine::reminder(flows, lang, deadline, topic, today);
            let key = (
                subscriber.citizen_id,
                topic.id.as_str(),
                deadline.id.as_str(),
            );
            queue(store, key, day, &reply, now, &mut report).await?;
        }
    }
    let cutoff = now
        .checked_sub_months(Months::new(inactive_months))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    report.ended = store
        .end_inactive_subscriptions(cutoff, now, |tag| {
            let lang = Lang::from_tag(tag).unwrap_or_default();
            let reply = Reply {
                text: flows.locales.text(lang, "avvisi-ended-inactive", &[]),
                ..Reply::default()
            };
            (reply.text.clone(), payload(&reply))
        })
        .await?;
    Ok(report)
}

/// Queues, to each subscriber of the waste calendar's topic who asked to remember their zone,
/// what is collected there on the day after the local date of `now`, once per citizen and
/// day. Nothing for a zone with no collection tomorrow.
pub async fn run_collection(
    store: &Store,
    flows: &FlowSet,
    now: DateTime<Utc>,
) -> Result<RunReport, StoreError> {
    let mut report = RunReport::default();
    let Some(waste) = &flows.waste else {
        return Ok(report);
    };
    let Some(topic) = &waste.topic else {
        return Ok(report);
    };
    let today = now.with_timezone(&TIME_ZONE).date_naive();
    let tomorrow = today + chrono::Days::new(1);
    for subscriber in store.subscribers(&topic.text).await? {
        let Some(zone) = subscriber.waste_zone.as_deref() else {
            continue;
        };
        let lang = Lang::from_tag(&subscriber.lang).unwrap_or_default();
        let Some(reply) = engine::collection_reminder(flows, lang, zone, tomorrow) else {
            continue;
        };
        let key = (subscriber.citizen_id, topic.text.as_str(), COLLECTION_KEY);
        queue(store, key, today, &reply, now, &mut report).await?;
    }
    Ok(report)
}

/// The key of the collection reminders in the store's `reminders` (beside deadline ids): one
/// per citizen and day.
const COLLECTION_KEY: &str = "waste-collection";

/// How long a process that started a daily job holds it before another may take over (if it
/// was killed meanwhile). A run that takes longer may meet another's: the reminders' keys keep
/// each sent once.
const RUN_LEASE: Duration = Duration::from_secs(60);

/// One of the daily jobs: the name of its lease, its local hour, the day it last ran (here or,
/// as its lease says, in another process).
struct Daily {
    name: &'static str,
    hour: u32,
    done: Option<NaiveDate>,
    /// When `due` said yes: the last day it ran before (here, or as its lease says), if known.
    since: Option<NaiveDate>,
}

impl Daily {
    /// Whether the job is due and this process's to run: it takes the job's lease. When
    /// another process holds it until the end of the day (it ran the job), the job is done
    /// for today here too.
    async fn due(&mut self, store: &Store, holder: &str, now: DateTime<Utc>) -> bool {
        let local = now.with_timezone(&TIME_ZONE);
        let today = local.date_naive();
        if local.hour() < self.hour || self.done == Some(today) {
            return false;
        }
        // A run keeps the lease to the end of its day: the lease's end tells the last day run.
        let before = store.lease_until(self.name).await.ok().flatten();
        match store.take_lease(self.name, holder, now, RUN_LEASE).await {
            Ok(true) => {
                let leased = before.map(|until| {
                    (until - chrono::Duration::milliseconds(1))
                        .with_timezone(&TIME_ZONE)
                        .date_naive()
                });
                self.since = self.done.max(leased).filter(|&day| day < today);
                true
            }
            Ok(false) => {
                let until = store.lease_until(self.name).await.ok().flatten();
                if until.is_some_and(|until| until >= end_of_day(now)) {
                    self.done = Some(today);
                }
                false
            }
            Err(e) => {
                tracing::error!(error = %e, job = self.name, "the daily job's lease failed");
                false
            }
        }
    }

    /// After a run: done for today, and the lease kept until the end of the day so the other
    /// processes know; a failed run is tried again at the next look at the clock.
    async fn ran(
        &mut self,
        store: &Store,
        holder: &str,
        now: DateTime<Utc>,
        result: Result<RunReport, StoreError>,
    ) {
        match result {
            Ok(report) => {
                tracing::info!(
                    job = self.name,
                    queued = report.queued,
                    already = report.already,
                    ended = report.ended,
                    "daily job done"
                );
                self.done = Some(now.with_timezone(&TIME_ZONE).date_naive());
                let rest = (end_of_day(now) - now).to_std().unwrap_or(RUN_LEASE);
                if let Err(e) = store.take_lease(self.name, holder, now, rest).await {
                    tracing::error!(error = %e, job = self.name, "the daily job's lease failed");
                }
            }
            Err(e) => tracing::error!(error = %e, job = self.name, "the daily job failed"),
        }
    }
}

/// The end of the local day of `now`, in UTC.
fn end_of_day(now: DateTime<Utc>) -> DateTime<Utc> {
    let tomorrow = now.with_timezone(&TIME_ZONE).date_naive() + chrono::Days::new(1);
    tomorrow
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(TIME_ZONE).earliest())
        .map_or(now, |t| t.with_timezone(&Utc))
}

/// Runs the daily jobs, each once a day at its local hour or as soon after as the process is
/// up, with the flows in service; a failed run is tried again at the next look at the clock.
pub async fn on_schedule(
    store: Store,
    flows: Arc<Live>,
    clock: Arc<dyn Clock>,
    schedule: Schedule,
    stop: impl Future<Output = ()>,
) {
    let (store, flows, clock) = (&store, &flows, &clock);
    let holder = &crate::store::lease_holder();
    let jobs = (
        Daily {
            name: "reminders",
            hour: schedule.hour,
            done: None,
            since: None,
        },
        Daily {
            name: "collection-reminders",
            hour: schedule.waste_hour,
            done: None,
            since: None,
        },
    );
    crate::wake::every(
        schedule.poll,
        stop,
        jobs,
        |(mut deadlines, mut collection)| async move {
            let now = clock.now();
            if collection.due(store, holder, now).await {
                let result = run_collection(store, &flows.get(), now).await;
                collection.ran(store, holder, now, result).await;
            }
            if deadlines.due(store, holder, now).await {
                let (flows, months) = (flows.get(), schedule.inactive_months);
                let result = run_since(store, &flows, now, months, deadlines.since).await;
                deadlines.ran(store, holder, now, result).await;
            }
            (deadlines, collection)
        },
    )
    .await;
}
