//! The supervisors' live dashboard: per office, the cases waiting and the longest wait, those
//! taken, those closed today, and the median time to the first reply, counted within the
//! office's hours. The page refreshes its table by itself.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, TimeZone, Utc};

use super::auth::Staff;
use super::login::html;
use super::{Console, Denied, Page};
use crate::flows::FlowSet;
use crate::handoff::office_name;
use crate::store::{CaseActivity, CaseStatus, StaffRole};

struct OfficeLine {
    name: String,
    waiting: usize,
    longest: String,
    claimed: usize,
    closed_today: usize,
    median_first_reply: String,
    overdue: bool,
}

#[derive(Template)]
#[template(path = "console/dashboard.html")]
struct DashboardPage {
    page: Page,
    offices: Vec<OfficeLine>,
    updated: String,
}

/// Midnight in Rome today, as an instant.
fn start_of_today(now: DateTime<Utc>) -> DateTime<Utc> {
    let local = now.with_timezone(&chrono_tz::Europe::Rome).date_naive();
    chrono_tz::Europe::Rome
        .from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map_or(now, |t| t.with_timezone(&Utc))
}

/// The middle value (the lower of the two middle ones for an even count).
fn median(mut values: Vec<i64>) -> Option<i64> {
    values.sort_unstable();
    values.get(values.len().saturating_sub(1) / 2).copied()
}

/// One office's line from the cases that concern it.
fn office_line(
    flows: &FlowSet,
    page: &Page,
    office: &str,
    cases: &[&CaseActivity],
    today: DateTime<Utc>,
    now: DateTime<Utc>,
) -> OfficeLine {
    let known = flows.office(office);
    let open_minutes = |from, to| flows.waited_minutes(office, from, to);
    let waiting: Vec<&&CaseActivity> = cases
        .iter()
        .filter(|c| c.status == CaseStatus::Waiting)
        .collect();
    let longest = waiting.iter().map(|c| open_minutes(c.opened_at, now)).max();
    let first_replies = cases
        .iter()
        .filter(|c| c.opened_at >= today)
        .filter_map(|c| c.first_reply_at.map(|at| open_minutes(c.opened_at, at)))
        .collect();
    let minutes = |m: Option<i64>| {
        m.map_or_else(
            || page.t("console-dashboard-none"),
            |m| page.t1("console-minutes", "minutes", &m.to_string()),
        )
    };
    OfficeLine {
        name: office_name(flows, page.lang, office),
        waiting: waiting.len(),
        overdue: longest
            .zip(known)
            .is_some_and(|(m, o)| m > i64::from(o.unclaimed_after)),
        longest: minutes(longest),
        claimed: cases
            .iter()
            .filter(|c| c.status == CaseStatus::Claimed)
            .count(),
        closed_today: cases
            .iter()
            .filter(|c| c.closed_at.is_some_and(|at| at >= today))
            .count(),
        median_first_reply: minutes(median(first_replies)),
    }
}

/// `GET /dashboard`.
pub(super) async fn page(
    State(console): State<Arc<Console>>,
    staff: Staff,
) -> Result<Response, Denied> {
    staff.require(&[StaffRole::Supervisor])?;
    let page = Page::new(
        &console,
        staff.lang,
        Some(&staff),
        "console-dashboard-title",
        "dashboard",
    );
    let flows = console.flows.get();
    let now = console.clock.now();
    let today = start_of_today(now);
    let activity = console.store.case_activity(today).await?;
    let mut offices: Vec<String> = flows.offices.offices.iter().map(|o| o.id.clone()).collect();
    // Cases of an office since removed from offices.yaml still count.
    for case in &activity {
        if !offices.contains(&case.office) {
            offices.push(case.office.clone());
        }
    }
    let lines = offices
        .iter()
        .map(|office| {
            let cases: Vec<&CaseActivity> =
                activity.iter().filter(|c| &c.office == office).collect();
            office_line(&flows, &page, office, &cases, today, now)
        })
        .collect();
    let updated = now
        .with_timezone(&chrono_tz::Europe::Rome)
        .format("%H:%M:%S")
        .to_string();
    html(&DashboardPage {
        page,
        offices: lines,
        updated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_middle_value_and_today_starts_at_midnight_in_rome() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![7]), Some(7));
        assert_eq!(median(vec![9, 1, 5]), Some(5));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2));
        let noon = Utc.with_ymd_and_hms(2026, 7, 1, 10, 0, 0).unwrap();
        assert_eq!(
            start_of_today(noon),
            Utc.with_ymd_and_hms(2026, 6, 30, 22, 0, 0).unwrap()
        );
        let winter = Utc.with_ymd_and_hms(2026, 12, 1, 23, 30, 0).unwrap();
        assert_eq!(
            start_of_today(winter),
            Utc.with_ymd_and_hms(2026, 12, 1, 23, 0, 0).unwrap()
        );
    }
}
