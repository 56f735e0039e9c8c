//! The web console for the Comune's staff, on its own listener (`console_listen`): sign-in,
//! the operators' inbox and case pages over the same cases as the Telegram operators' group,
//! announcements to the subscribers of a topic, and the audit of staff actions.
//! Server-rendered pages (askama templates under `templates/console/`), Bootstrap Italia
//! embedded in the binary, a few lines of JavaScript for live updates over server-sent events;
//! every page works without it.
//!
//! Every handler takes `auth::Staff`, which proves a live session; roles and offices are
//! checked by `Staff::require` and `Staff::works_on` before anything is read, so a URL typed
//! by hand reaches nothing the person may not see.

use std::sync::Arc;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use crate::clock::Clock;
use crate::flows::FlowSet;
use crate::flows::live::Live;
use crate::handoff::HandoffConfig;
use crate::i18n::Lang;
use crate::settings::{BroadcastsSettings, ConsoleSettings};
use crate::store::{StaffAccount, StaffRole, Store, StoreError};

mod assets;
mod audit;
pub mod auth;
mod broadcasts;
mod cases;
mod content;
mod dashboard;
mod insights;
mod login;
mod reveal;
mod sso;

/// What the console's handlers share.
pub struct Console {
    pub store: Store,
    pub flows: Arc<Live>,
    pub handoff: HandoffConfig,
    pub clock: Arc<dyn Clock>,
    pub settings: ConsoleSettings,
    /// The announcements' settings: whether emergency topics need a second person's approval.
    pub broadcasts: BroadcastsSettings,
    /// What a conversation the bot resolved is worth in calls (`insights_call_share`).
    pub call_share: f64,
    /// True once the service is stopping: open live streams end, so the server can.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

impl Console {
    /// Waits for the poll interval or the store's signal; `false` once the service stops.
    async fn wait_for_news(&self, wake: &tokio::sync::Notify, poll: std::time::Duration) -> bool {
        let mut stopping = self.stopping.clone();
        tokio::select! {
            _ = wake.notified() => true,
            _ = tokio::time::sleep(poll) => true,
            _ = stopping.wait_for(|stop| *stop) => false,
        }
    }

    /// Writes the audit row of what `account` did.
    async fn audit(
        &self,
        account: &StaffAccount,
        action: &str,
        case_id: Option<i64>,
        detail: serde_json::Value,
    ) -> Result<(), StoreError> {
        let now = self.clock.now();
        self.store
            .audit_staff(
                Some(account),
                &account.username,
                action,
                case_id,
                &detail,
                now,
            )
            .await
    }
}

/// The console's routes.
pub fn router(console: Console) -> Router {
    let console = Arc::new(console);
    Router::new()
        .route(
            "/",
            get(|staff: auth::Staff| async move { Redirect::to(auth::home(staff.account.role)) }),
        )
        .route("/login", get(login::form).post(login::submit))
        .route(
            "/login/totp",
            get(login::totp_form).post(login::totp_submit),
        )
        .route("/login/sso", get(sso::start))
        .route("/login/sso/callback", get(sso::callback))
        .route("/logout", post(login::logout))
        .route(
            "/account/totp",
            get(login::setup_form).post(login::setup_submit),
        )
        .route("/inbox", get(cases::inbox))
        .route("/inbox/events", get(cases::inbox_events))
        .route("/cases/{case_id}", get(cases::page))
        .route("/cases/{case_id}/act", post(cases::act))
        .route("/cases/{case_id}/reveal", post(reveal::reveal))
        .route("/cases/{case_id}/events", get(cases::events))
        .route("/audit", get(audit::page))
        .route("/dashboard", get(dashboard::page))
        .route("/insights", get(insights::page))
        .route("/content", get(content::page))
        .route(
            "/broadcasts",
            get(broadcasts::list).post(broadcasts::create),
        )
        .route("/broadcasts/{id}", get(broadcasts::page))
        .route("/broadcasts/{id}/act", post(broadcasts::act))
        .route("/lang/{code}", get(choose_language))
        .route("/assets/{*path}", get(assets::serve))
        // Browsers ask for it on every site; the console has none.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .layer(middleware::from_fn_with_state(
            console.clone(),
            render_errors,
        ))
        .with_state(console)
        .layer(middleware::from_fn(security_headers))
}

/// The headers every answer carries: no inline scripts, no framing, no referrer to other
/// sites, and pages (which show cases) never cached.
async fn security_headers(request: axum::extract::Request, next: Next) -> Response {
    let is_asset = request.uri().path().starts_with("/assets/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         base-uri 'none'; object-src 'none'",
    );
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    if !is_asset {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    response
}

/// Why a request was not served.
#[derive(Debug)]
pub(crate) enum Denied {
    /// No live session, on a page: to the sign-in form.
    ToLogin,
    /// No live session, on an action: refused.
    Unauthenticated,
    /// An admin without a second factor: to its set-up.
    SetUpTotp,
    /// Signed in, but the role or office does not allow it.
    Forbidden,
    /// A form without this session's token.
    BadForm,
    NotFound,
    /// Something the console needs does not answer (the identity provider).
    Unavailable,
    Store(StoreError),
    Render(askama::Error),
}

impl From<StoreError> for Denied {
    fn from(e: StoreError) -> Self {
        Denied::Store(e)
    }
}

impl From<askama::Error> for Denied {
    fn from(e: askama::Error) -> Self {
        Denied::Render(e)
    }
}

impl IntoResponse for Denied {
    fn into_response(self) -> Response {
        let (status, text) = match self {
            Denied::ToLogin => return Redirect::to("/login").into_response(),
            Denied::SetUpTotp => return Redirect::to("/account/totp").into_response(),
            Denied::Unauthenticated => (StatusCode::UNAUTHORIZED, "console-error-signed-out"),
            Denied::Forbidden => (StatusCode::FORBIDDEN, "console-error-forbidden"),
            Denied::BadForm => (StatusCode::FORBIDDEN, "console-error-form"),
            Denied::NotFound => (StatusCode::NOT_FOUND, "console-error-not-found"),
            Denied::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "console-error-unavailable"),
            Denied::Store(e) => {
                tracing::error!(error = %e, "console: the database failed");
                (StatusCode::SERVICE_UNAVAILABLE, "console-error-unavailable")
            }
            Denied::Render(e) => {
                tracing::error!(error = %e, "console: a page could not be rendered");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "console-error-unavailable",
                )
            }
        };
        // `render_errors` turns it into a page, in the texts of the flows in service.
        let mut response = status.into_response();
        response.extensions_mut().insert(ErrorText(text));
        response
    }
}

/// The text id of an error, for `render_errors`.
#[derive(Debug, Clone, Copy)]
struct ErrorText(&'static str);

/// Renders the page of an answer that carries an `ErrorText`.
async fn render_errors(
    State(console): State<Arc<Console>>,
    request: axum::extract::Request,
    next: Next,
) -> Response {
    let lang = language(request.headers());
    let response = next.run(request).await;
    let Some(ErrorText(id)) = response.extensions().get::<ErrorText>().copied() else {
        return response;
    };
    let page = Page::new(&console, lang, None, id, "");
    let message = page.title.clone();
    match (ErrorPage { page, message }).render() {
        Ok(html) => (response.status(), Html(html)).into_response(),
        Err(_) => response,
    }
}

/// The language of the console for this browser: the `sportello_lang` cookie, Italian unless
/// it says English.
pub(crate) fn language(headers: &axum::http::HeaderMap) -> Lang {
    match auth::cookie(headers, LANG_COOKIE).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::It,
    }
}

/// The console's language choice.
const LANG_COOKIE: &str = "sportello_lang";

/// `GET /lang/{code}`: remembers the language and goes back to the person's main page.
async fn choose_language(
    State(console): State<Arc<Console>>,
    axum::extract::Path(code): axum::extract::Path<String>,
) -> Response {
    let code = if code == "en" { "en" } else { "it" };
    let cookie = format!(
        "{LANG_COOKIE}={code}; Path=/; SameSite=Strict; Max-Age=31536000{}",
        if console.settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    );
    let mut response = Redirect::to("/").into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// A query string value, percent-encoded.
pub(crate) fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// What every page's layout needs: the texts, who is signed in, the form token.
pub(crate) struct Page {
    flows: Arc<FlowSet>,
    pub(crate) lang: Lang,
    pub(crate) staff: Option<StaffAccount>,
    pub(crate) csrf: String,
    pub(crate) title: String,
    /// Which section of the navigation is current.
    pub(crate) section: &'static str,
    pub(crate) version: &'static str,
}

impl Page {
    fn new(
        console: &Console,
        lang: Lang,
        staff: Option<&auth::Staff>,
        title_id: &str,
        section: &'static str,
    ) -> Page {
        let flows = console.flows.get();
        let title = flows.locales.text(lang, title_id, &[]);
        Page {
            flows,
            lang,
            staff: staff.map(|s| s.account.clone()),
            csrf: staff.map(|s| s.csrf.clone()).unwrap_or_default(),
            title,
            section,
            version: assets::VERSION.trim(),
        }
    }

    /// A console text.
    pub(crate) fn t(&self, id: &str) -> String {
        self.flows.locales.text(self.lang, id, &[])
    }

    /// A console text with one variable.
    pub(crate) fn t1(&self, id: &str, name: &str, value: &str) -> String {
        self.flows.locales.text(self.lang, id, &[(name, value)])
    }

    /// Whether the signed-in person has one of `roles` (for the navigation).
    pub(crate) fn is(&self, roles: &[&str]) -> bool {
        self.staff
            .as_ref()
            .is_some_and(|s| roles.contains(&s.role.code()))
    }

    pub(crate) fn role_name(&self, role: &StaffRole) -> String {
        self.t(&format!("console-role-{}", role.code()))
    }
}

/// A page that says only what went wrong, with a way back.
#[derive(Template)]
#[template(path = "console/error.html")]
struct ErrorPage {
    page: Page,
    message: String,
}

#[cfg(test)]
mod tests {
    use crate::flows::messages::MESSAGES;

    /// Every text id the console's templates and code name is one `flows check` requires in
    /// every language; ids built from a prefix are listed whole.
    #[test]
    fn every_console_text_is_a_checked_message() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = Vec::new();
        for dir in ["templates/console", "src/console"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                sources.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
            }
        }
        let mut named = 0;
        for source in &sources {
            for piece in source.split('"').skip(1).step_by(2) {
                if !piece.starts_with("console-") {
                    continue;
                }
                // `format!("console-done-{done}")`: the prefix.
                let piece = piece.split('{').next().unwrap_or_default();
                named += 1;
                if piece.ends_with('-') {
                    assert!(
                        MESSAGES
                            .iter()
                            .any(|m| m.starts_with(piece) && m.len() > piece.len()),
                        "no message starts with {piece}"
                    );
                } else {
                    assert!(MESSAGES.contains(&piece), "{piece} is not in MESSAGES");
                }
            }
        }
        assert!(named > 50, "only {named} text ids found");
        for prefix in [
            "console-done-",
            "console-inbox-view-",
            "console-role-",
            "console-broadcast-status-",
            "console-broadcast-done-",
        ] {
            let listed = MESSAGES.iter().filter(|m| m.starts_with(prefix)).count();
            assert!(listed >= 3, "{prefix}: {listed}");
        }
    }
}
