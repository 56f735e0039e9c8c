//! The content as citizens get it, read-only, for editors (and supervisors and admins): each
//! flow with its steps, what each says in the console's language, its source and when it was
//! last verified. Editing stays in the files under `flows/` and `locales/`, checked by
//! `sportello flows check`.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::auth::Staff;
use super::login::html;
use super::{Console, Denied, Page};
use crate::store::StaffRole;

struct StepView {
    id: String,
    text: String,
    source: String,
    verified: String,
    choices: usize,
}

struct FlowView {
    id: String,
    title: String,
    file: String,
    emergency: bool,
    steps: Vec<StepView>,
}

#[derive(Template)]
#[template(path = "console/content.html")]
struct ContentPage {
    page: Page,
    flows: Vec<FlowView>,
}

/// `GET /content`.
pub(super) async fn page(
    State(console): State<Arc<Console>>,
    staff: Staff,
) -> Result<Response, Denied> {
    staff.require(&[StaffRole::Editor, StaffRole::Supervisor, StaffRole::Admin])?;
    let page = Page::new(
        &console,
        staff.lang,
        Some(&staff),
        "console-content-title",
        "content",
    );
    let set = console.flows.get();
    let text = |id: &str| set.locales.text(page.lang, id, &[]);
    let flows = set
        .flows
        .iter()
        .map(|flow| FlowView {
            id: flow.id.clone(),
            title: text(&flow.title.text),
            file: flow
                .file
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            emergency: flow.emergency,
            steps: flow
                .steps
                .iter()
                .map(|step| StepView {
                    id: step.id.clone(),
                    text: text(&step.say.text),
                    source: step
                        .source
                        .as_ref()
                        .map(|s| s.text.clone())
                        .unwrap_or_default(),
                    verified: step
                        .verified
                        .as_ref()
                        .map(|v| v.date.format("%d/%m/%Y").to_string())
                        .unwrap_or_default(),
                    choices: step.choices.len(),
                })
                .collect(),
        })
        .collect();
    html(&ContentPage { page, flows })
}
