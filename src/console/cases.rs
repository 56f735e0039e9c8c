//! The operators' inbox and the case page: the cases of the offices a person works on, the
//! conversation as stored, and the actions (claim, reply, ready reply, note, transfer, close)
//! done through `handoff::act_as_staff`, so the operators' group sees them too. New lines and
//! changes reach open pages as server-sent events.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use serde::Deserialize;

use super::auth::{self, STAFF_ACTOR_PREFIX, Staff};
use super::login::html;
use super::{Console, Denied, Page, encode};
use crate::flows::{CANNED_PREFIX, FlowSet};
use crate::handoff::{Actor, StaffAction, StaffRequest, act_as_staff, office_name};
use crate::i18n::Lang;
use crate::ids::ConversationId;
use crate::store::{Case, CaseStatus, CaseText, InboxQuery, NumberedLine, StaffRole};

/// Cases listed per view at most.
const INBOX_LIMIT: i64 = 200;
/// How often an open case page's stream looks for news when the store does not wake it
/// (another process wrote).
const LIVE_POLL: Duration = Duration::from_millis(250);
/// The same for an open inbox, whose query is larger and whose news can wait a moment more.
const INBOX_POLL: Duration = Duration::from_secs(1);
/// WhatsApp's window for free replies.
const WHATSAPP_WINDOW_HOURS: i64 = 24;

#[derive(Deserialize, Default)]
pub(super) struct InboxParams {
    #[serde(default)]
    view: String,
    #[serde(default)]
    office: String,
    #[serde(default)]
    case: String,
}

struct OfficeChoice {
    id: String,
    name: String,
    selected: bool,
    /// Listed with its opening state above the table.
    shown: bool,
    open: bool,
}

struct Tab {
    label: String,
    href: String,
    current: bool,
}

struct InboxRow {
    case_id: i64,
    label: String,
    office: String,
    channel: String,
    waited: String,
    overdue: bool,
    taken_by: String,
}

#[derive(Template)]
#[template(path = "console/inbox.html")]
struct InboxPage {
    page: Page,
    view: &'static str,
    offices: Vec<OfficeChoice>,
    search: String,
    tabs: Vec<Tab>,
    rows: Vec<InboxRow>,
    caption: String,
    live_url: String,
}

/// The view asked for: waiting, claimed or closed.
fn view_of(text: &str) -> (&'static str, CaseStatus) {
    match text {
        "claimed" => ("claimed", CaseStatus::Claimed),
        "closed" => ("closed", CaseStatus::Closed),
        _ => ("waiting", CaseStatus::Waiting),
    }
}

/// The case id in what was typed in the search box: `URP-0042`, `urp 42` or `42`.
fn case_number(text: &str) -> Option<i64> {
    let digits: String = text
        .trim()
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or_default()
        .to_string();
    digits.parse().ok()
}

/// The offices `staff` may filter by, and the one asked for if it is one of them.
fn offices_for(
    flows: &FlowSet,
    staff: &Staff,
    lang: Lang,
    asked: &str,
    now: DateTime<Utc>,
) -> Vec<OfficeChoice> {
    flows
        .offices
        .offices
        .iter()
        .filter(|o| staff.works_on(&o.id))
        .map(|o| OfficeChoice {
            id: o.id.clone(),
            name: office_name(flows, lang, &o.id),
            selected: o.id == asked,
            shown: asked.is_empty() || o.id == asked,
            open: o.schedule.is_open(now),
        })
        .collect()
}

/// `GET /inbox`.
pub(super) async fn inbox(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Query(params): Query<InboxParams>,
) -> Result<Response, Denied> {
    staff.require(&[StaffRole::Supervisor, StaffRole::Operator])?;
    let page = Page::new(
        &console,
        staff.lang,
        Some(&staff),
        "console-inbox-title",
        "inbox",
    );
    let flows = console.flows.get();
    let now = console.clock.now();
    let (view, _) = view_of(&params.view);
    let offices = offices_for(&flows, &staff, staff.lang, &params.office, now);
    let cases = inbox_cases(&console, &staff, &params).await?;
    // Who has each case, looked up once per person.
    let mut names = std::collections::HashMap::new();
    for by in cases.iter().filter_map(|c| c.claimed_by.clone()) {
        if let std::collections::hash_map::Entry::Vacant(slot) = names.entry(by) {
            let name = operator_name(&console, &page, slot.key()).await?;
            slot.insert(name);
        }
    }
    let rows: Vec<InboxRow> = cases
        .iter()
        .map(|case| inbox_row(&flows, &page, case, &names, now))
        .collect();
    let query = |v: &str| {
        let mut q = format!("view={v}");
        if !params.office.is_empty() {
            q.push_str(&format!("&office={}", encode(&params.office)));
        }
        q
    };
    let tabs = ["waiting", "claimed", "closed"]
        .into_iter()
        .map(|v| Tab {
            label: page.t(&format!("console-inbox-view-{v}")),
            href: format!("/inbox?{}", query(v)),
            current: v == view,
        })
        .collect();
    let caption = page.t1("console-inbox-caption", "count", &rows.len().to_string());
    html(&InboxPage {
        caption,
        live_url: format!("/inbox/events?{}", query(view)),
        page,
        view,
        offices,
        search: params.case.clone(),
        tabs,
        rows,
    })
}

/// The cases an inbox lists: of the office asked for if this person works on it, else of all
/// their offices.
async fn inbox_cases(
    console: &Console,
    staff: &Staff,
    params: &InboxParams,
) -> Result<Vec<Case>, Denied> {
    let (_, status) = view_of(&params.view);
    let asked = [params.office.clone()];
    let scope = if !params.office.is_empty() && staff.works_on(&params.office) {
        Some(&asked[..])
    } else {
        staff.offices()
    };
    let now = console.clock.now();
    Ok(console
        .store
        .inbox(&InboxQuery {
            offices: scope,
            status,
            closed_since: now - chrono::Duration::days(1),
            // A search that names no number finds nothing rather than everything.
            case_id: (!params.case.trim().is_empty())
                .then(|| case_number(&params.case).unwrap_or(-1)),
            limit: INBOX_LIMIT,
        })
        .await?)
}

/// One row of the inbox: waiting time within the office's hours, and whether it is past the
/// office's limit (`unclaimed_after`).
fn inbox_row(
    flows: &FlowSet,
    page: &Page,
    case: &Case,
    names: &std::collections::HashMap<String, String>,
    now: DateTime<Utc>,
) -> InboxRow {
    let office = flows.office(&case.office);
    let until = case.closed_at.unwrap_or(now);
    let minutes = flows.waited_minutes(&case.office, case.opened_at, until);
    let overdue = case.status == CaseStatus::Waiting
        && office.is_some_and(|o| minutes > i64::from(o.unclaimed_after));
    InboxRow {
        case_id: case.case_id,
        label: case.label.clone(),
        office: office_name(flows, page.lang, &case.office),
        channel: case.channel.clone(),
        waited: page.t1("console-minutes", "minutes", &minutes.to_string()),
        overdue,
        taken_by: case
            .claimed_by
            .as_ref()
            .and_then(|by| names.get(by).cloned())
            .unwrap_or_default(),
    }
}

/// Who has the case, as colleagues know them.
async fn taken_by(console: &Console, page: &Page, case: &Case) -> Result<String, Denied> {
    match &case.claimed_by {
        Some(by) => operator_name(console, page, by).await,
        None => Ok(String::new()),
    }
}

/// The name of an operator as stored on a case: a console account's display name, or a
/// Telegram operator's user id.
async fn operator_name(console: &Console, page: &Page, by: &str) -> Result<String, Denied> {
    Ok(match by.strip_prefix(STAFF_ACTOR_PREFIX) {
        Some(username) => match console.store.staff_login(username).await? {
            Some(login) => login.account.display_name,
            None => username.to_string(),
        },
        None => page.t1("console-telegram-operator", "id", by),
    })
}

struct LineView {
    id: i64,
    class: &'static str,
    who: String,
    at: String,
    text: String,
}

struct RevealedLine {
    at: String,
    text: String,
}

struct Choice {
    id: String,
    text: String,
}

struct OfficeOption {
    id: String,
    name: String,
}

#[derive(Template)]
#[template(path = "console/case.html")]
struct CasePage {
    page: Page,
    case_id: i64,
    office: String,
    status: String,
    channel: String,
    opened: String,
    path: String,
    lines: Vec<LineView>,
    live_url: String,
    open: bool,
    can_claim: bool,
    /// Texts kept as written that a reveal would show.
    kept: i64,
    /// The texts as written, when revealed.
    revealed: Option<Vec<RevealedLine>>,
    action_id: String,
    window: Option<String>,
    canned: Vec<Choice>,
    transfer_to: Vec<OfficeOption>,
    notice: Option<String>,
}

/// The case, if this person works on its office; otherwise as if it did not exist.
pub(super) async fn case_for(
    console: &Console,
    staff: &Staff,
    case_id: i64,
) -> Result<Case, Denied> {
    staff.require(&[StaffRole::Supervisor, StaffRole::Operator])?;
    match console.store.case(case_id).await? {
        Some(case) if staff.works_on(&case.office) => Ok(case),
        Some(_) => Err(Denied::Forbidden),
        None => Err(Denied::NotFound),
    }
}

fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Rome)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

fn line_view(page: &Page, numbered: &NumberedLine) -> LineView {
    let line = &numbered.line;
    let (class, who) = match (line.inbound, line.kind.as_str()) {
        (true, _) => ("from-citizen", "console-line-citizen"),
        (false, "operator") => ("from-staff", "console-line-operator"),
        (false, "note") => ("note", "console-line-note"),
        (false, _) => ("from-bot", "console-line-bot"),
    };
    LineView {
        id: numbered.message_id,
        class,
        who: page.t(who),
        at: local_time(line.at),
        text: line.text.clone(),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct CaseParams {
    #[serde(default)]
    done: String,
}

/// `GET /cases/{case_id}`.
pub(super) async fn page(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Path(case_id): Path<i64>,
    Query(params): Query<CaseParams>,
) -> Result<Response, Denied> {
    let case = case_for(&console, &staff, case_id).await?;
    case_page(&console, &staff, case, &params.done, None).await
}

/// The case page, with what `done` says happened, and the texts as written when they were
/// revealed (`reveal::reveal`).
pub(super) async fn case_page(
    console: &Console,
    staff: &Staff,
    case: Case,
    done: &str,
    revealed: Option<Vec<CaseText>>,
) -> Result<Response, Denied> {
    let case_id = case.case_id;
    let flows = console.flows.get();
    let mut page = Page::new(
        console,
        staff.lang,
        Some(staff),
        "console-case-title",
        "inbox",
    );
    page.title = page.t1("console-case-title", "case", &case.label);
    let lines = console
        .store
        .transcript_after(case.conversation_id, 0)
        .await?;
    let conversation = console.store.conversation(case.conversation_id).await?;
    let state = conversation
        .as_ref()
        .and_then(|c| crate::engine::State::from_stored(&c.state).ok());
    let citizen_lang = state.as_ref().map_or(Lang::It, |s| s.lang);
    // The steps the citizen went through (`flow.step`, oldest first), named by their flow's
    // title where the flows still have it.
    let path = state
        .map(|s| {
            s.path
                .iter()
                .map(|at| {
                    let (flow, step) = at.split_once('.').unwrap_or((at.as_str(), ""));
                    let title = flows
                        .flow(flow)
                        .map(|f| flows.locales.text(page.lang, &f.title.text, &[]));
                    match title {
                        Some(title) if !step.is_empty() => format!("{title} ({step})"),
                        Some(title) => title,
                        None => at.clone(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" → ")
        })
        .unwrap_or_default();
    let now = console.clock.now();
    let last_inbound = lines
        .iter()
        .rev()
        .find(|l| l.line.inbound)
        .map(|l| l.line.at);
    let window = (case.channel == "whatsapp"
        && last_inbound.is_none_or(|at| now - at > chrono::Duration::hours(WHATSAPP_WINDOW_HOURS)))
    .then(|| page.t("console-case-window-closed"));
    let mut canned: Vec<Choice> = flows
        .locales
        .definitions(citizen_lang)
        .map(|(id, _)| id)
        .filter(|id| id.starts_with(CANNED_PREFIX))
        .map(|id| Choice {
            id: id[CANNED_PREFIX.len()..].to_string(),
            text: flows.locales.text(citizen_lang, id, &[]),
        })
        .collect();
    canned.sort_by(|a, b| a.id.cmp(&b.id));
    let transfer_to = flows
        .offices
        .offices
        .iter()
        .filter(|o| o.id != case.office)
        .map(|o| OfficeOption {
            id: o.id.clone(),
            name: office_name(&flows, page.lang, &o.id),
        })
        .collect();
    let mine = case.claimed_by.as_deref() == Some(staff.actor_id().as_str());
    let notice = match done {
        "" => None,
        "taken" => Some(page.t1(
            "console-done-taken",
            "name",
            &taken_by(console, &page, &case).await?,
        )),
        done => Some(page.t(&format!("console-done-{done}"))).filter(|t| !t.is_empty()),
    };
    let last = lines.last().map_or(0, |l| l.message_id);
    let open = case.status != CaseStatus::Closed;
    // Only while the case is open, and only where operators may see personal data.
    let kept = if open && revealed.is_none() && console.store.keeps_as_written() {
        console.store.case_texts_kept(case_id).await?
    } else {
        0
    };
    html(&CasePage {
        case_id,
        office: office_name(&flows, page.lang, &case.office),
        status: status_text(console, &page, &case).await?,
        channel: case.channel.clone(),
        opened: local_time(case.opened_at),
        path,
        lines: lines.iter().map(|l| line_view(&page, l)).collect(),
        live_url: format!("/cases/{case_id}/events?after={last}"),
        open,
        kept,
        revealed: revealed.map(|texts| {
            texts
                .into_iter()
                .map(|t| RevealedLine {
                    at: local_time(t.at),
                    text: t.text,
                })
                .collect()
        }),
        can_claim: case.status == CaseStatus::Waiting
            || (case.status == CaseStatus::Claimed && !mine),
        action_id: auth::token(),
        window,
        canned,
        transfer_to,
        notice,
        page,
    })
}

async fn status_text(console: &Console, page: &Page, case: &Case) -> Result<String, Denied> {
    Ok(match case.status {
        CaseStatus::Waiting => page.t("console-status-waiting"),
        CaseStatus::Claimed => page.t1(
            "console-status-claimed",
            "name",
            &taken_by(console, page, case).await?,
        ),
        CaseStatus::Closed => page.t("console-status-closed"),
    })
}

#[derive(Deserialize)]
pub(super) struct ActForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    action_id: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    canned: String,
    #[serde(default)]
    office: String,
}

/// `POST /cases/{case_id}/act`: one action, then back to the case page with what happened.
pub(super) async fn act(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Path(case_id): Path<i64>,
    Form(form): Form<ActForm>,
) -> Result<Response, Denied> {
    staff.check_form(&form.csrf)?;
    let case = case_for(&console, &staff, case_id).await?;
    let text = form.text.trim().to_string();
    let action = match form.action.as_str() {
        "claim" => StaffAction::Claim,
        "reply" if !text.is_empty() => StaffAction::Reply(text),
        "reply" if !form.canned.is_empty() => StaffAction::Canned(form.canned.clone()),
        "note" if !text.is_empty() => StaffAction::Note(text),
        "transfer" if !form.office.is_empty() => StaffAction::Transfer(form.office.clone()),
        "close" => StaffAction::Close,
        "reply" | "note" => return Ok(back(case_id, "empty")),
        _ => return Err(Denied::BadForm),
    };
    let actor_id = staff.actor_id();
    if action == StaffAction::Claim
        && case.status == CaseStatus::Claimed
        && case.claimed_by.as_deref() != Some(actor_id.as_str())
    {
        return Ok(back(case_id, "taken"));
    }
    if case.status == CaseStatus::Closed {
        return Ok(back(case_id, "closed-already"));
    }
    let flows = console.flows.get();
    let now = console.clock.now();
    let actor = Actor {
        id: &actor_id,
        name: &staff.account.display_name,
    };
    // The form's own id: the same form sent twice (a double click, a reload) acts once; the
    // forms of one page, and different texts, are different actions.
    let what = [
        form.action_id.as_str(),
        &form.action,
        &form.text,
        &form.canned,
        &form.office,
    ]
    .join("\u{1f}");
    let action_id = format!("console-{}", auth::session_hash(&what));
    let request = StaffRequest {
        case_id,
        actor,
        action: action.clone(),
        action_id: &action_id,
        now,
    };
    act_as_staff(&console.store, &flows, &console.handoff, &request).await?;
    let after = console.store.case(case_id).await?;
    let (audit, done) = match &action {
        StaffAction::Claim => ("claim", "claimed"),
        StaffAction::Reply(_) | StaffAction::Canned(_) => ("reply", "replied"),
        StaffAction::Note(_) => ("note", "noted"),
        StaffAction::Transfer(_) => ("transfer", "transferred"),
        StaffAction::Close => ("close", "closed"),
    };
    let detail = match &action {
        StaffAction::Transfer(to) => serde_json::json!({ "from": case.office, "to": to }),
        StaffAction::Canned(id) => serde_json::json!({ "canned": id }),
        _ => serde_json::json!({}),
    };
    console
        .audit(&staff.account, audit, Some(case_id), detail)
        .await?;
    // Claimed by someone else meanwhile: say who.
    let done = match after {
        Some(after)
            if action == StaffAction::Claim
                && after.claimed_by.as_deref() != Some(actor_id.as_str()) =>
        {
            "taken"
        }
        // Transferred to an office this person does not work on: back to the inbox.
        Some(after) if !staff.works_on(&after.office) => {
            return Ok(Redirect::to("/inbox?view=waiting").into_response());
        }
        _ => done,
    };
    Ok(back(case_id, done))
}

fn back(case_id: i64, done: &str) -> Response {
    Redirect::to(&format!("/cases/{case_id}?done={done}")).into_response()
}

#[derive(Deserialize, Default)]
pub(super) struct EventsParams {
    #[serde(default)]
    after: i64,
}

/// `GET /cases/{case_id}/events`: new transcript lines as they are stored (`line` events,
/// with the line's id as the event id, so a reconnect resumes after it), and `case` when the
/// case's status or operator changes.
pub(super) async fn events(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Path(case_id): Path<i64>,
    Query(params): Query<EventsParams>,
    headers: axum::http::HeaderMap,
) -> Result<Response, Denied> {
    let case = case_for(&console, &staff, case_id).await?;
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok());
    let after = resume.unwrap_or(params.after);
    let page = Page::new(
        &console,
        staff.lang,
        Some(&staff),
        "console-case-title",
        "inbox",
    );
    let watch = CaseWatch {
        wake: console.store.wake_signal(),
        console,
        conversation: case.conversation_id,
        case_id,
        after,
        seen: (case.status, case.claimed_by),
        page,
    };
    let stream = futures_util::stream::unfold(watch, CaseWatch::next)
        .map(|events| futures_util::stream::iter(events.into_iter().map(Ok::<_, Infallible>)))
        .flatten();
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}

/// What a case page's stream has sent so far.
struct CaseWatch {
    console: Arc<Console>,
    wake: Arc<tokio::sync::Notify>,
    conversation: ConversationId,
    case_id: i64,
    /// The last line sent.
    after: i64,
    /// The status and operator last shown.
    seen: (CaseStatus, Option<String>),
    page: Page,
}

impl CaseWatch {
    /// Waits for the store's signal or the poll interval, then gives what is new: lines, or
    /// the case's new status. A failed read is tried again at the next turn.
    async fn next(mut self) -> Option<(Vec<Event>, CaseWatch)> {
        loop {
            let store = &self.console.store;
            let lines = store.transcript_after(self.conversation, self.after).await;
            if let Some(last) = lines.as_ref().ok().and_then(|l| l.last()) {
                self.after = last.message_id;
                let events = lines
                    .unwrap_or_default()
                    .iter()
                    .map(|l| {
                        let view = line_view(&self.page, l);
                        let data = serde_json::json!({
                            "id": view.id, "class": view.class, "who": view.who,
                            "at": view.at, "text": view.text,
                        });
                        Event::default()
                            .event("line")
                            .id(view.id.to_string())
                            .data(data.to_string())
                    })
                    .collect();
                return Some((events, self));
            }
            if let Ok(Some(case)) = store.case(self.case_id).await {
                let now = (case.status, case.claimed_by.clone());
                if now != self.seen {
                    self.seen = now;
                    let status = status_text(&self.console, &self.page, &case).await.ok()?;
                    let data = serde_json::json!({ "status": status });
                    return Some((
                        vec![Event::default().event("case").data(data.to_string())],
                        self,
                    ));
                }
            }
            if !self.console.wait_for_news(&self.wake, LIVE_POLL).await {
                return None;
            }
        }
    }
}

/// `GET /inbox/events`: `changed` whenever the cases the inbox lists (with the same filters)
/// change, so the page fetches its table again.
pub(super) async fn inbox_events(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Query(params): Query<InboxParams>,
) -> Result<Response, Denied> {
    staff.require(&[StaffRole::Supervisor, StaffRole::Operator])?;
    let watch = InboxWatch {
        wake: console.store.wake_signal(),
        console,
        staff,
        params,
        seen: None,
    };
    let stream = futures_util::stream::unfold(watch, InboxWatch::next).map(Ok::<_, Infallible>);
    Ok(Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response())
}

struct InboxWatch {
    console: Arc<Console>,
    wake: Arc<tokio::sync::Notify>,
    staff: Staff,
    params: InboxParams,
    /// The cases last listed: id, status and operator.
    seen: Option<Vec<(i64, CaseStatus, Option<String>)>>,
}

impl InboxWatch {
    async fn next(mut self) -> Option<(Event, InboxWatch)> {
        loop {
            if let Ok(cases) = inbox_cases(&self.console, &self.staff, &self.params).await {
                let now: Vec<_> = cases
                    .into_iter()
                    .map(|c| (c.case_id, c.status, c.claimed_by))
                    .collect();
                let changed = self.seen.as_ref().is_some_and(|seen| *seen != now);
                self.seen = Some(now);
                if changed {
                    return Some((Event::default().event("changed").data("{}"), self));
                }
            }
            if !self.console.wait_for_news(&self.wake, INBOX_POLL).await {
                return None;
            }
        }
    }
}
