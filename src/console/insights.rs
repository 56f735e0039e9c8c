//! The insights in the console: for supervisors and admins, the figures of the HTML report
//! (`sportello insights --format html`) for the last 30 closed days and the last weekly digest
//! sent to the operators' group; for editors, what citizens asked that the assistant did not
//! understand, grouped by similar wording, while the transcripts keep it. Read from the
//! rollups as they stand: the purge rolls up every closed day on its schedule.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Days};

use super::auth::Staff;
use super::login::html;
use super::{Console, Denied, Page};
use crate::insights::{Filter, Report, digest, html as report_html, text};
use crate::store::{StaffRole, day_bounds, rome_day};

/// Days the page covers, ending yesterday.
const DAYS: u64 = 30;

#[derive(Template)]
#[template(path = "console/insights.html")]
struct InsightsPage {
    page: Page,
    /// "From ... to ...".
    period: String,
    /// The report's sections, rendered and escaped by `insights::html::sections`.
    sections: String,
    /// The last digest's lines, when the page shows figures and one was sent.
    digest: Option<Vec<String>>,
    /// Whether the page shows the figures (supervisors, admins), not only the list.
    figures: bool,
}

/// `GET /insights`.
pub(super) async fn page(
    State(console): State<Arc<Console>>,
    staff: Staff,
) -> Result<Response, Denied> {
    staff.require(&[StaffRole::Supervisor, StaffRole::Admin, StaffRole::Editor])?;
    let figures = staff.account.role != StaffRole::Editor;
    let page = Page::new(
        &console,
        staff.lang,
        Some(&staff),
        "console-insights-title",
        "insights",
    );
    let flows = console.flows.get();
    let now = console.clock.now();
    let to = rome_day(now) - Days::new(1);
    let filter = Filter {
        from: to - Days::new(DAYS - 1),
        to,
        office: None,
        channel: None,
    };
    let share = console.call_share;
    let rows = if figures {
        console.store.insights(filter.from, filter.to).await?
    } else {
        Vec::new()
    };
    let mut report = Report::build(&rows, filter, &flows, staff.lang, share);
    let (since, _) = day_bounds(report.filter.from);
    let since = DateTime::from_timestamp_millis(since).unwrap_or(now);
    report.add_unanswered(&console.store.unanswered(since).await?);
    let unanswered = report.t(&flows, "insights-unanswered", &[]);
    let tables: Vec<text::Table> = text::tables(&report, &flows)
        .into_iter()
        .filter(|t| figures || t.title == unanswered)
        .collect();
    let sections = report_html::sections(&report, &flows, &tables, "table table-sm");
    let digest = match console.store.last_digest().await? {
        Some(week) if figures => {
            let d = digest::compose(&console.store, &flows, week, staff.lang, share, now).await?;
            Some(d.text.lines().map(str::to_owned).collect())
        }
        _ => None,
    };
    let period = text::heading(&report, &flows)
        .get(1)
        .cloned()
        .unwrap_or_default();
    html(&InsightsPage {
        page,
        period,
        sections,
        digest,
        figures,
    })
}
