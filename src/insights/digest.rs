//! The weekly digest for the operators' group: the last week's figures against the week
//! before, the questions most often not understood, and the offices whose first replies came
//! after their limit. `run` (`sportello run`) posts it once a week at the configured day and
//! hour through the hand-off's queue; the store remembers the week sent
//! (`Store::queue_digest`), so it goes out once across restarts and processes.
//! `sportello insights --digest` prints it.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use super::text::number;
use super::{Filter, Report};
use crate::calendar::TIME_ZONE;
use crate::clock::Clock;
use crate::flows::FlowSet;
use crate::flows::live::Live;
use crate::i18n::Lang;
use crate::store::{Store, StoreError, day_bounds, rome_day};

/// Questions not understood the digest quotes, most frequent first.
pub const TOP_UNANSWERED: usize = 5;

/// When the digest goes, in what language, and what a resolved conversation is worth.
#[derive(Debug, Clone, Copy)]
pub struct Schedule {
    pub day: Weekday,
    /// The local hour from which it goes on that day.
    pub hour: u32,
    /// The operators' language.
    pub lang: Lang,
    pub call_share: f64,
    /// How often the clock is looked at.
    pub poll: Duration,
}

/// The Monday of the week (Monday to Sunday, Rome) that `day` falls in.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The week whose digest is due at `now`: the week before the current one, once the
/// current week's day and hour have come; `None` before.
pub fn due(now: DateTime<Utc>, day: Weekday, hour: u32) -> Option<NaiveDate> {
    let this_week = week_of(rome_day(now));
    let date = this_week + Days::new(u64::from(day.num_days_from_monday()));
    let time = NaiveTime::from_hms_opt(hour, 0, 0)?;
    let at = TIME_ZONE
        .from_local_datetime(&date.and_time(time))
        .earliest()?;
    (now >= at).then(|| this_week - Days::new(7))
}

/// A week's digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// The week's Monday.
    pub week: NaiveDate,
    pub text: String,
    /// Nothing was counted in the week nor in the week before (the service was not running
    /// yet): nothing to post.
    pub empty: bool,
}

/// The digest of the week starting on `week` (a Monday), in `lang`, from the rollups as they
/// are: the job and the command roll the closed days up first; the console shows the last
/// digest sent as it reads now.
pub async fn compose(
    store: &Store,
    flows: &FlowSet,
    week: NaiveDate,
    lang: Lang,
    call_share: f64,
    now: DateTime<Utc>,
) -> Result<Digest, StoreError> {
    let previous = week - Days::new(7);
    let last_day = week + Days::new(6);
    let rows = store.insights(previous, last_day).await?;
    let filter = |from: NaiveDate, to: NaiveDate| Filter {
        from,
        to,
        office: None,
        channel: None,
    };
    let mut this = Report::build(&rows, filter(week, last_day), flows, lang, call_share);
    let before = Report::build(
        &rows,
        filter(previous, week - Days::new(1)),
        flows,
        lang,
        call_share,
    );
    let (since, _) = day_bounds(week);
    let since = DateTime::from_timestamp_millis(since).unwrap_or(now);
    this.add_unanswered(&store.unanswered(since).await?);
    Ok(Digest {
        week,
        text: write(&this, &before, flows),
        empty: rows.is_empty(),
    })
}

/// Cases opened for the offices (hand-offs, with or without a step before them).
fn cases(r: &Report) -> i64 {
    r.offices.iter().map(|o| o.handoffs).sum()
}

/// The digest's text from the week's report and the week before's.
fn write(this: &Report, before: &Report, flows: &FlowSet) -> String {
    let t = |id: &str, args: &[(&str, &str)]| this.t(flows, id, args);
    let n = |v: i64| number(this.lang, v as f64, 0);
    let mut lines = vec![
        t(
            "insights-digest-title",
            &[
                ("from", &this.filter.from.to_string()),
                ("to", &this.filter.to.to_string()),
            ],
        ),
        String::new(),
    ];
    let (a, b) = (&this.totals, &before.totals);
    for (id, now, then) in [
        ("insights-conversations", a.conversations, b.conversations),
        ("insights-resolved", a.resolved, b.resolved),
        ("insights-handoffs", cases(this), cases(before)),
        (
            "insights-not-understood",
            a.not_understood,
            b.not_understood,
        ),
        ("insights-emergencies", a.emergencies, b.emergencies),
        ("insights-calls-avoided", a.calls_avoided, b.calls_avoided),
    ] {
        lines.push(t(
            "insights-digest-line",
            &[
                ("figure", &t(id, &[])),
                ("value", &n(now)),
                ("previous", &n(then)),
            ],
        ));
    }
    lines.push(String::new());
    if this.unanswered.is_empty() {
        lines.push(t("insights-digest-unanswered-none", &[]));
    } else {
        lines.push(t("insights-digest-unanswered", &[]));
        for w in this.unanswered.iter().take(TOP_UNANSWERED) {
            lines.push(t(
                "insights-digest-unanswered-item",
                &[("text", &w.text), ("count", &w.count.to_string())],
            ));
        }
    }
    lines.push(String::new());
    let late: Vec<_> = this
        .offices
        .iter()
        .filter(|o| o.first_replies_late > 0)
        .collect();
    if late.is_empty() {
        lines.push(t("insights-digest-late-none", &[]));
    } else {
        lines.push(t("insights-digest-late", &[]));
        for o in late {
            let limit = flows.office(&o.office).map_or(0, |f| f.unclaimed_after);
            lines.push(t(
                "insights-digest-late-office",
                &[
                    ("office", &o.name),
                    ("late", &o.first_replies_late.to_string()),
                    ("replies", &o.first_replies_timed.to_string()),
                    ("limit", &limit.to_string()),
                    (
                        "minutes",
                        &number(this.lang, o.first_reply_open_minutes.unwrap_or(0.0), 1),
                    ),
                ],
            ));
        }
    }
    lines.join("\n")
}

/// Queues the digest due at `now`, unless it was queued before. Returns the week queued.
pub async fn send_due(
    store: &Store,
    flows: &FlowSet,
    now: DateTime<Utc>,
    schedule: &Schedule,
) -> Result<Option<NaiveDate>, StoreError> {
    let Some(week) = due(now, schedule.day, schedule.hour) else {
        return Ok(None);
    };
    if store.last_digest().await? >= Some(week) {
        return Ok(None);
    }
    store.roll_up(now, &flows.office_hours()).await?;
    let digest = compose(store, flows, week, schedule.lang, schedule.call_share, now).await?;
    // A week with nothing to compare is marked done without a post.
    let text = (!digest.empty).then_some(digest.text.as_str());
    let queued = store.queue_digest(week, text, now).await?;
    Ok((queued && text.is_some()).then_some(week))
}

/// The weekly job as `sportello run` starts it: the store, the flows in service and the
/// clock it reads.
pub struct Weekly {
    pub store: Store,
    pub flows: Arc<Live>,
    pub clock: Arc<dyn Clock>,
}

/// Looks at the clock every `schedule.poll` and queues each week's digest once; a failed
/// attempt is tried again at the next look.
pub async fn on_schedule(job: Weekly, schedule: Schedule, stop: impl Future<Output = ()>) {
    let (
        Weekly {
            store,
            flows,
            clock,
        },
        schedule,
    ) = (&job, &schedule);
    crate::wake::every(schedule.poll, stop, (), |()| async move {
        match send_due(store, &flows.get(), clock.now(), schedule).await {
            Ok(Some(week)) => tracing::info!(%week, "weekly digest queued"),
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "weekly digest failed"),
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rome(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        TIME_ZONE
            .with_ymd_and_hms(2026, 11, d, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_digest_of_last_week_is_due_from_the_day_and_hour_of_this_week() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(week_of(day(26)), day(23));
        assert_eq!(week_of(day(23)), day(23));
        assert_eq!(week_of(day(29)), day(23));
        // Monday 30 November at 9: the week of 23 November.
        assert_eq!(due(rome(30, 8, 59), Weekday::Mon, 9), None);
        assert_eq!(due(rome(30, 9, 0), Weekday::Mon, 9), Some(day(23)));
        assert_eq!(due(rome(30, 23, 0), Weekday::Mon, 9), Some(day(23)));
        // Later in the week, still last week's; on Sunday too.
        assert_eq!(due(rome(29, 12, 0), Weekday::Mon, 9), Some(day(16)));
        // A digest on Friday is not due on Thursday.
        assert_eq!(due(rome(26, 12, 0), Weekday::Fri, 9), None);
        assert_eq!(due(rome(27, 9, 0), Weekday::Fri, 9), Some(day(16)));
    }
}
