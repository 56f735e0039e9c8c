//! Announcements in the console, for editors, supervisors and admins: the latest broadcasts
//! with their progress, a form to write one, and each one's page with its preview as citizens
//! will see it, who would get it now, and the forms to schedule, approve and cancel it. Every
//! action is one of `announcements::actions`, the functions `sportello broadcast` calls: the
//! same checks, the same audit rows; a refusal is worded here in the console's language.
//! There is no test send: the command line sends one to a chat id, which a console account
//! does not have.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::auth::Staff;
use super::login::html;
use super::{Console, Denied, Page};
use crate::announcements::actions::{self, Actor, Audience, Draft, Failure, Refusal};
use crate::flows::FlowSet;
use crate::i18n::Lang;
use crate::store::{Broadcast, BroadcastProgress, BroadcastStatus, StaffRole};

/// Who works on announcements.
const ROLES: &[StaffRole] = &[StaffRole::Editor, StaffRole::Supervisor, StaffRole::Admin];

/// Broadcasts the list shows, newest first.
const LIST_LIMIT: i64 = 50;

/// One broadcast in the list, or at the top of its page.
struct Line {
    id: i64,
    topic: String,
    status: String,
    schedule: String,
    author: String,
    approver: String,
    progress: BroadcastProgress,
}

/// A choice of a select.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "console/broadcasts.html")]
struct ListPage {
    page: Page,
    lines: Vec<Line>,
    topics: Vec<Choice>,
    images: Vec<Choice>,
    it: String,
    en: String,
    /// The form's own id: sent twice, it makes one broadcast.
    request: String,
    error: Option<String>,
}

/// One language's message as citizens will see it.
struct Message {
    lang: String,
    heading: String,
    text: String,
    image: Option<String>,
}

/// Subscribers who would get it now, on one channel in one language.
struct Reach {
    channel: String,
    lang: String,
    citizens: u64,
}

#[derive(Template)]
#[template(path = "console/broadcast.html")]
struct BroadcastPage {
    page: Page,
    line: Line,
    emergency: bool,
    messages: Vec<Message>,
    reach: Vec<Reach>,
    total: u64,
    followed: Option<i64>,
    can_schedule: bool,
    can_approve: bool,
    can_cancel: bool,
    notice: Option<String>,
    error: Option<String>,
    date: String,
    time: String,
}

/// A date and time in Rome, as the console shows them.
fn local(at: DateTime<Utc>) -> String {
    at.with_timezone(&crate::calendar::TIME_ZONE)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

fn line(page: &Page, flows: &FlowSet, b: &Broadcast, progress: BroadcastProgress) -> Line {
    Line {
        id: b.broadcast_id,
        topic: flows.topic(&b.topic).map_or_else(
            || b.topic.clone(),
            |t| flows.locales.text(page.lang, &t.label.text, &[]),
        ),
        status: page.t(&format!("console-broadcast-status-{}", b.status.code())),
        schedule: b.send_at.map(local).unwrap_or_default(),
        author: b.created_by.clone(),
        approver: b.approved_by.clone().unwrap_or_default(),
        progress,
    }
}

fn language_name(page: &Page, lang: Lang) -> String {
    page.t(&format!("console-broadcast-lang-{}", lang.code()))
}

/// A refusal in the console's language; `None` for what a console account cannot meet
/// (an unknown broadcast is a missing page).
fn refusal(page: &Page, r: &Refusal) -> Result<String, Denied> {
    let status = |s: &BroadcastStatus| page.t(&format!("console-broadcast-status-{}", s.code()));
    let text = |id: &str, args: &[(&str, &str)]| page.flows.locales.text(page.lang, id, args);
    Ok(match r {
        Refusal::UnknownTopic { topic, .. } | Refusal::TopicGone(topic) => {
            text("console-broadcast-refused-topic", &[("topic", topic)])
        }
        Refusal::MissingText(lang) => text(
            "console-broadcast-refused-missing-text",
            &[("language", &language_name(page, *lang))],
        ),
        Refusal::TooLong(problems) => problems
            .iter()
            .map(|p| {
                let id = if p.caption {
                    "console-broadcast-refused-caption-too-long"
                } else {
                    "console-broadcast-refused-too-long"
                };
                text(
                    id,
                    &[
                        ("language", &language_name(page, p.lang)),
                        ("chars", &p.chars.to_string()),
                        ("channel", p.channel),
                        ("max", &p.max.to_string()),
                        ("over", &(p.chars - p.max).to_string()),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join(" "),
        Refusal::Image { image, .. } => {
            text("console-broadcast-refused-image", &[("image", image)])
        }
        Refusal::BadTime(_) => page.t("console-broadcast-refused-bad-time"),
        Refusal::InPast(_) => page.t("console-broadcast-refused-past"),
        Refusal::OwnApproval { .. } => page.t("console-broadcast-refused-own"),
        Refusal::Expired(_) => page.t("console-broadcast-refused-expired"),
        Refusal::NotApprovable { status: s, .. } => text(
            "console-broadcast-refused-not-approvable",
            &[("status", &status(s))],
        ),
        Refusal::NotSchedulable { status: s, .. } => text(
            "console-broadcast-refused-not-schedulable",
            &[("status", &status(s))],
        ),
        Refusal::Finished { status: s, .. } => text(
            "console-broadcast-refused-finished",
            &[("status", &status(s))],
        ),
        Refusal::Changed(_) => page.t("console-broadcast-refused-changed"),
        Refusal::NotFound(_) => return Err(Denied::NotFound),
        // The session's own account: disabled meanwhile.
        Refusal::UnknownLogin(_) | Refusal::DisabledLogin(_) => return Err(Denied::Forbidden),
    })
}

/// The refusal's words, or the failure to answer with.
fn refused(page: &Page, f: Failure) -> Result<String, Denied> {
    match f {
        Failure::Refused(r) => refusal(page, &r),
        Failure::Store(e) => Err(Denied::Store(e)),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct CreateForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    topic: String,
    #[serde(default)]
    it: String,
    #[serde(default)]
    en: String,
    #[serde(default)]
    image: String,
    #[serde(default)]
    request: String,
}

/// The list page, with the form filled with `form` and the refusal if any.
async fn list_page(
    console: &Console,
    staff: &Staff,
    form: &CreateForm,
    error: Option<String>,
) -> Result<Response, Denied> {
    let page = Page::new(
        console,
        staff.lang,
        Some(staff),
        "console-broadcasts-title",
        "broadcasts",
    );
    let flows = console.flows.get();
    let lines = actions::list(&console.store, LIST_LIMIT)
        .await?
        .iter()
        .map(|(b, p)| line(&page, &flows, b, *p))
        .collect();
    let topics = flows
        .topics
        .iter()
        .map(|t| Choice {
            value: t.id.clone(),
            label: flows.locales.text(page.lang, &t.label.text, &[]),
            selected: t.id == form.topic,
        })
        .collect();
    let mut images: Vec<Choice> = flows
        .media
        .keys()
        .map(|file| Choice {
            value: file.clone(),
            label: file.clone(),
            selected: *file == form.image,
        })
        .collect();
    images.sort_by(|a, b| a.value.cmp(&b.value));
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = html(&ListPage {
        page,
        lines,
        topics,
        images,
        it: form.it.clone(),
        en: form.en.clone(),
        request: Some(form.request.clone())
            .filter(|r| !r.is_empty())
            .unwrap_or_else(super::auth::token),
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /broadcasts`.
pub(super) async fn list(
    State(console): State<Arc<Console>>,
    staff: Staff,
) -> Result<Response, Denied> {
    staff.require(ROLES)?;
    list_page(&console, &staff, &CreateForm::default(), None).await
}

/// `POST /broadcasts`: a new draft, then its page; refused, the form again with the reason.
pub(super) async fn create(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Form(form): Form<CreateForm>,
) -> Result<Response, Denied> {
    staff.require(ROLES)?;
    staff.check_form(&form.csrf)?;
    let flows = console.flows.get();
    // Per author, so that one person's form id can never name another's broadcast.
    let request = Some(form.request.trim())
        .filter(|r| !r.is_empty())
        .map(|r| {
            let what = format!("{}\u{1f}{r}", staff.account.username);
            format!("console-{}", super::auth::session_hash(&what))
        });
    let draft = Draft {
        topic: form.topic.trim(),
        it: Some(&form.it),
        en: Some(&form.en),
        image: Some(form.image.trim()).filter(|i| !i.is_empty()),
        request: request.as_deref(),
    };
    let now = console.clock.now();
    match actions::create(&console.store, &flows, &staff.account, &draft, now).await {
        Ok(id) => Ok(Redirect::to(&format!("/broadcasts/{id}?done=created")).into_response()),
        Err(f) => {
            let page = Page::new(&console, staff.lang, Some(&staff), "", "");
            let error = refused(&page, f)?;
            list_page(&console, &staff, &form, Some(error)).await
        }
    }
}

#[derive(Deserialize, Default)]
pub(super) struct PageParams {
    #[serde(default)]
    done: String,
}

/// One broadcast's page, with what was just done or why it was refused.
async fn broadcast_page(
    console: &Console,
    staff: &Staff,
    id: i64,
    notice: Option<String>,
    error: Option<String>,
) -> Result<Response, Denied> {
    let flows = console.flows.get();
    let b = console.store.broadcast(id).await?.ok_or(Denied::NotFound)?;
    let mut page = Page::new(console, staff.lang, Some(staff), "", "broadcasts");
    page.title = page.t1("console-broadcast-title", "id", &id.to_string());
    let progress = console.store.broadcast_progress(id).await?;
    let mut view = BroadcastView {
        line: line(&page, &flows, &b, progress),
        emergency: false,
        messages: Vec::new(),
        reach: Vec::new(),
        followed: None,
        notice,
        error,
    };
    match actions::preview(&console.store, &flows, &b).await {
        Ok(shown) => {
            view.emergency = shown.emergency;
            view.messages = shown
                .messages
                .into_iter()
                .map(|(lang, reply)| Message {
                    lang: lang.code().to_owned(),
                    heading: page.t(&format!("console-broadcast-text-{}", lang.code())),
                    text: reply.text,
                    image: reply.image.map(|i| i.file),
                })
                .collect();
            match shown.audience {
                Audience::Followed(f) => view.followed = Some(f),
                Audience::Subscribers(counts) => {
                    view.reach = counts
                        .into_iter()
                        .map(|a| Reach {
                            channel: a.channel,
                            lang: a.lang,
                            citizens: a.citizens,
                        })
                        .collect();
                }
            }
        }
        // A topic no longer in the flows (the job cancels the broadcast): the page says so.
        Err(Failure::Refused(r)) => {
            let why = refusal(&page, &r)?;
            view.error.get_or_insert(why);
        }
        Err(Failure::Store(e)) => return Err(Denied::Store(e)),
    }
    render(page, view, &b)
}

/// What a broadcast's page shows besides its actions.
struct BroadcastView {
    line: Line,
    emergency: bool,
    messages: Vec<Message>,
    reach: Vec<Reach>,
    followed: Option<i64>,
    notice: Option<String>,
    error: Option<String>,
}

fn render(page: Page, view: BroadcastView, b: &Broadcast) -> Result<Response, Denied> {
    use BroadcastStatus::*;
    let status = if view.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let local = b
        .send_at
        .map(|at| at.with_timezone(&crate::calendar::TIME_ZONE));
    let body = html(&BroadcastPage {
        line: view.line,
        emergency: view.emergency,
        messages: view.messages,
        total: view.reach.iter().map(|r| r.citizens).sum(),
        reach: view.reach,
        followed: view.followed,
        can_schedule: matches!(b.status, Draft | AwaitingApproval | Scheduled),
        can_approve: view.emergency
            && b.approved_by.is_none()
            && matches!(b.status, Draft | AwaitingApproval),
        can_cancel: !matches!(b.status, Sent | Cancelled),
        notice: view.notice,
        error: view.error,
        date: local
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        time: local
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default(),
        page,
    })?;
    Ok((status, body).into_response())
}

/// `GET /broadcasts/{id}`.
pub(super) async fn page(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(params): Query<PageParams>,
) -> Result<Response, Denied> {
    staff.require(ROLES)?;
    let notice = match params.done.as_str() {
        done @ ("created" | "scheduled" | "awaiting" | "approved" | "cancelled") => {
            let page = Page::new(&console, staff.lang, Some(&staff), "", "");
            Some(page.t(&format!("console-broadcast-done-{done}")))
        }
        _ => None,
    };
    broadcast_page(&console, &staff, id, notice, None).await
}

#[derive(Deserialize, Default)]
pub(super) struct ActForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    time: String,
}

/// `POST /broadcasts/{id}/act`: schedule (at a local date and time, or now), approve, cancel;
/// then the page with what was done, or with why it was refused.
pub(super) async fn act(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<ActForm>,
) -> Result<Response, Denied> {
    staff.require(ROLES)?;
    staff.check_form(&form.csrf)?;
    let flows = console.flows.get();
    let settings = &console.broadcasts;
    let (store, now) = (&console.store, console.clock.now());
    let me = Actor(Some(&staff.account));
    let done: Result<&str, Failure> = match form.action.as_str() {
        "schedule" | "now" => {
            let at = if form.action == "now" {
                Ok(now)
            } else {
                actions::local_at(&form.date, &form.time, now)
            };
            match at {
                Ok(at) => actions::schedule(store, &flows, settings, me, id, at, now)
                    .await
                    .map(|s| {
                        if s.awaits_approval {
                            "awaiting"
                        } else {
                            "scheduled"
                        }
                    }),
                Err(r) => Err(r.into()),
            }
        }
        "approve" => actions::approve(store, &staff.account, id, now)
            .await
            .map(|_| "approved"),
        "cancel" => actions::cancel(store, me, id, now)
            .await
            .map(|_| "cancelled"),
        _ => return Err(Denied::BadForm),
    };
    match done {
        Ok(done) => Ok(Redirect::to(&format!("/broadcasts/{id}?done={done}")).into_response()),
        Err(f) => {
            let page = Page::new(&console, staff.lang, Some(&staff), "", "");
            let error = refused(&page, f)?;
            broadcast_page(&console, &staff, id, None, Some(error)).await
        }
    }
}
