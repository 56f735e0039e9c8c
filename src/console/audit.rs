//! The audit page for admins: every staff action with who and when, filtered by person and
//! action, and the same rows as CSV. The rows hold no message text.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::auth::Staff;
use super::login::html;
use super::{Console, Denied, Page, encode};
use crate::store::{AuditFilter, StaffAuditRow, StaffRole};

/// Rows on the page; the CSV file has up to `CSV_LIMIT`.
const PAGE_LIMIT: i64 = 500;
const CSV_LIMIT: i64 = 100_000;

#[derive(Deserialize, Default)]
pub(super) struct AuditParams {
    #[serde(default)]
    user: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    format: String,
}

struct AuditLine {
    at: String,
    username: String,
    action: String,
    case: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "console/audit.html")]
struct AuditPage {
    page: Page,
    user: String,
    action: String,
    csv_url: String,
    rows: Vec<AuditLine>,
}

/// `GET /audit` (`?format=csv` for the file).
pub(super) async fn page(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Query(params): Query<AuditParams>,
) -> Result<Response, Denied> {
    staff.require(&[StaffRole::Admin])?;
    let csv = params.format == "csv";
    let filter = AuditFilter {
        username: Some(params.user.trim().to_string()).filter(|u| !u.is_empty()),
        action: Some(params.action.trim().to_string()).filter(|a| !a.is_empty()),
        since: None,
        until: None,
        limit: if csv { CSV_LIMIT } else { PAGE_LIMIT },
    };
    let rows = console.store.staff_audit(&filter).await?;
    let detail = serde_json::json!({ "rows": rows.len(), "csv": csv });
    console
        .audit(&staff.account, "audit_viewed", None, detail)
        .await?;
    if csv {
        return Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"audit.csv\"",
                ),
            ],
            to_csv(&rows),
        )
            .into_response());
    }
    let page = Page::new(
        &console,
        staff.lang,
        Some(&staff),
        "console-audit-title",
        "audit",
    );
    let csv_url = format!(
        "/audit?format=csv&user={}&action={}",
        encode(params.user.trim()),
        encode(params.action.trim())
    );
    html(&AuditPage {
        page,
        user: params.user,
        action: params.action,
        csv_url,
        rows: rows.iter().map(line).collect(),
    })
}

fn line(row: &StaffAuditRow) -> AuditLine {
    AuditLine {
        at: row.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        username: row.username.clone(),
        action: row.action.clone(),
        case: row.case_id.map(|c| c.to_string()).unwrap_or_default(),
        detail: row.detail.clone(),
    }
}

/// RFC 4180: every field quoted, quotes doubled; a field that a spreadsheet would read as a
/// formula starts with a quote mark.
fn to_csv(rows: &[StaffAuditRow]) -> String {
    let field = |text: &str| {
        let text = if text.starts_with(['=', '+', '-', '@']) {
            format!("'{text}")
        } else {
            text.to_string()
        };
        format!("\"{}\"", text.replace('"', "\"\""))
    };
    let mut out = String::from("\"at\",\"username\",\"action\",\"case_id\",\"detail\"\r\n");
    for row in rows {
        let l = line(row);
        let fields = [l.at, l.username, l.action, l.case, l.detail];
        let fields: Vec<String> = fields.iter().map(|f| field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}
