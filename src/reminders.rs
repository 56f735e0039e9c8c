//! The daily job of subscriptions: at the configured local hour, it queues the reminders of
//! the deadlines due that day (`remind:` in `deadlines.yaml`) to the subscribers of each
//! deadline's topic, in each one's language, and ends the subscriptions of citizens silent for
//! the configured months, with a notice. Everything goes through the outbox; each reminder is
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

/// The reminders due on `today`: (deadline, topic, days before) for every deadline with a
/// topic that reminds this many days before its date.
fn due(flows: &FlowSet, today: NaiveDate) -> Vec<(&crate::flows::Deadline, &crate::flows::Topic)> {
    flows
        .deadlines
        .iter()
        .filter(|d| {
            d.remind
                .iter()
                .any(|&days| d.date - chrono::Days::new(u64::from(days)) == today)
        })
        .filter_map(|d| Some((d, flows.topic(&d.topic.as_ref()?.text)?)))
        .collect()
}

fn payload(reply: &Reply) -> String {
    serde_json::to_string(reply).unwrap_or_else(|_| "null".to_owned())
}

/// Queues what is due on the local date of `now` and ends inactive subscriptions.
pub async fn run(
    store: &Store,
    flows: &FlowSet,
    now: DateTime<Utc>,
    inactive_months: u32,
) -> Result<RunReport, StoreError> {
    let today = now.with_timezone(&TIME_ZONE).date_naive();
    let mut report = RunReport::default();
    for (deadline, topic) in due(flows, today) {
        for subscriber in store.subscribers(&topic.id).await? {
            let lang = Lang::from_tag(&subscriber.lang).unwrap_or_default();
            let reply = engine::reminder(flows, lang, deadline, topic, today);
            let payload = payload(&reply);
            let row = ReminderRow {
                citizen_id: subscriber.citizen_id,
                topic: &topic.id,
                deadline: &deadline.id,
                remind_on: today,
                payload: &payload,
                text: &reply.text,
            };
            match store.queue_reminder(&row, now).await? {
                Some(_) => report.queued += 1,
                None => report.already += 1,
            }
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

/// Runs the job once a day, at `schedule.hour` local time or as soon after as the process is
/// up, with the flows in service; a failed run is tried again at the next look at the clock.
pub async fn on_schedule(
    store: Store,
    flows: Arc<Live>,
    clock: Arc<dyn Clock>,
    schedule: Schedule,
    stop: impl Future<Output = ()>,
) {
    let (store, flows, clock) = (&store, &flows, &clock);
    crate::wake::every(schedule.poll, stop, None, |mut done| async move {
        let now = clock.now();
        let local = now.with_timezone(&TIME_ZONE);
        let today = local.date_naive();
        if local.hour() >= schedule.hour && done != Some(today) {
            match run(store, &flows.get(), now, schedule.inactive_months).await {
                Ok(report) => {
                    tracing::info!(
                        queued = report.queued,
                        already = report.already,
                        ended = report.ended,
                        "reminders done"
                    );
                    done = Some(today);
                }
                Err(e) => tracing::error!(error = %e, "reminders failed"),
            }
        }
        done
    })
    .await;
}
