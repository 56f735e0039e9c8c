//! Revealing what a citizen wrote before the redaction: the case page shows the transcript as
//! stored (personal data replaced by placeholders); where operators may see personal data
//! (`operators_see_personal_data`), the store keeps the citizen's texts as written while the
//! case is open, and a person who works on the case's office may show them. Every reveal is
//! an audit row (who, when, which case, how many texts), never the text itself.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::auth::Staff;
use super::cases::{case_for, case_page};
use super::{Console, Denied};
use crate::store::CaseStatus;

#[derive(Deserialize)]
pub(super) struct RevealForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /cases/{case_id}/reveal`: the case page with the texts as written, audited. A POST,
/// with the form's token: a link or an image cannot reveal anything, and the page that shows
/// them is not kept by the browser (`no-store`).
pub(super) async fn reveal(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Path(case_id): Path<i64>,
    Form(form): Form<RevealForm>,
) -> Result<Response, Denied> {
    staff.check_form(&form.csrf)?;
    let case = case_for(&console, &staff, case_id).await?;
    if !console.store.keeps_as_written() {
        // Operators do not see personal data here: there is nothing to reveal, by design.
        return Err(Denied::Forbidden);
    }
    let texts = if case.status == CaseStatus::Closed {
        Vec::new()
    } else {
        console.store.case_texts(case_id).await?
    };
    console
        .audit(
            &staff.account,
            "reveal",
            Some(case_id),
            serde_json::json!({ "texts": texts.len() }),
        )
        .await?;
    case_page(&console, &staff, case, "", Some(texts)).await
}
