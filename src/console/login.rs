//! Signing in and out: the password form (its own token in a cookie, since there is no session
//! yet), the second factor, locks after repeated failures, a new session id at every step,
//! and the set-up of the second factor.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::auth::{
    self, DECOY_HASH, LOCK_AFTER, LOCK_MINUTES, LOGIN_COOKIE, SESSION_COOKIE, Staff, totp,
};
use super::{Console, Denied, Page, language};
use crate::store::StaffAccount;

#[derive(Template)]
#[template(path = "console/login.html")]
struct LoginPage {
    page: Page,
    action: &'static str,
    token: String,
    username: String,
    error: Option<String>,
    second_factor: bool,
    /// Signing in with the Comune's identity provider is offered.
    sso: bool,
}

#[derive(Template)]
#[template(path = "console/totp_setup.html")]
struct TotpSetupPage {
    page: Page,
    active: bool,
    secret: String,
    uri: String,
    error: Option<String>,
    notice: Option<String>,
}

pub(super) fn html(template: &impl Template) -> Result<Response, Denied> {
    Ok(Html(template.render()?).into_response())
}

/// The sign-in form, with a fresh token in the form and in a cookie.
pub(super) fn login_page(
    console: &Console,
    headers: &HeaderMap,
    username: &str,
    error: Option<&str>,
    second_factor: bool,
) -> Result<Response, Denied> {
    let lang = language(headers);
    let title = if second_factor {
        "console-login-code-title"
    } else {
        "console-login-title"
    };
    let page = Page::new(console, lang, None, title, "");
    let token = auth::token();
    let error = error.map(|id| page.t(id));
    let mut response = html(&LoginPage {
        page,
        action: if second_factor {
            "/login/totp"
        } else {
            "/login"
        },
        token: token.clone(),
        username: username.to_string(),
        error,
        second_factor,
        sso: super::sso::provider(console).is_some(),
    })?;
    let cookie = auth::set_cookie(LOGIN_COOKIE, &token, console.settings.secure_cookies);
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

/// `GET /login`.
pub(super) async fn form(
    State(console): State<Arc<Console>>,
    headers: HeaderMap,
) -> Result<Response, Denied> {
    login_page(&console, &headers, "", None, false)
}

#[derive(Deserialize)]
pub(super) struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

/// `POST /login`.
pub(super) async fn submit(
    State(console): State<Arc<Console>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, Denied> {
    let login_token = auth::cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    let username = form.username.trim();
    if !auth::same_token(&form.csrf, &login_token) {
        return login_page(
            &console,
            &headers,
            username,
            Some("console-error-form"),
            false,
        );
    }
    let now = console.clock.now();
    let store = &console.store;
    let login = store.staff_login(username).await?;
    let Some(login) = login.filter(|l| !l.account.disabled) else {
        // The same work as for a known name, so the answer's time tells nothing.
        let password = form.password.clone();
        let _ = tokio::task::spawn_blocking(move || auth::password_matches(&password, &DECOY_HASH))
            .await;
        return login_page(
            &console,
            &headers,
            username,
            Some("console-login-wrong"),
            false,
        );
    };
    let account = &login.account;
    if login.locked_until.is_some_and(|until| until > now) {
        console
            .audit(account, "login_locked", None, serde_json::json!({}))
            .await?;
        return login_page(
            &console,
            &headers,
            username,
            Some("console-login-locked"),
            false,
        );
    }
    let (password, hash) = (form.password.clone(), login.password_hash.clone());
    let matches = tokio::task::spawn_blocking(move || auth::password_matches(&password, &hash))
        .await
        .unwrap_or(false);
    if !matches {
        let locked = failed(&console, account, "login_failed").await?;
        let error = if locked {
            "console-login-locked"
        } else {
            "console-login-wrong"
        };
        return login_page(&console, &headers, username, Some(error), false);
    }
    store.record_login_success(account.staff_id, now).await?;
    let pending = account.totp;
    let mut response = if pending {
        Redirect::to("/login/totp").into_response()
    } else {
        console
            .audit(account, "login", None, serde_json::json!({}))
            .await?;
        Redirect::to(auth::home(account.role)).into_response()
    };
    new_session(&console, &headers, account, pending, &mut response).await?;
    Ok(response)
}

/// Counts a wrong password or code and audits it (`account_locked` when it locks the
/// account); `true` when the account is now locked.
async fn failed(console: &Console, account: &StaffAccount, action: &str) -> Result<bool, Denied> {
    let lock_for = chrono::Duration::minutes(LOCK_MINUTES);
    let now = console.clock.now();
    let store = &console.store;
    let locked = store
        .record_login_failure(account.staff_id, LOCK_AFTER, lock_for, now)
        .await?
        .is_some();
    let action = if locked { "account_locked" } else { action };
    console
        .audit(account, action, None, serde_json::json!({}))
        .await?;
    Ok(locked)
}

/// Ends the session the browser had, if any, and opens a new one under a new id: an id set
/// before signing in never becomes a signed-in session.
pub(super) async fn new_session(
    console: &Console,
    headers: &HeaderMap,
    account: &StaffAccount,
    pending_totp: bool,
    response: &mut Response,
) -> Result<(), Denied> {
    if let Some(old) = auth::cookie(headers, SESSION_COOKIE) {
        console
            .store
            .end_staff_session(&auth::session_hash(&old))
            .await?;
    }
    // Sessions nobody will come back to go now, at the pace of sign-ins.
    let stale = console.settings.idle.min(console.settings.session);
    if let Ok(stale) = chrono::Duration::from_std(stale) {
        console
            .store
            .end_stale_staff_sessions(console.clock.now() - stale)
            .await?;
    }
    let id = auth::token();
    console
        .store
        .open_staff_session(
            &auth::session_hash(&id),
            account.staff_id,
            &auth::token(),
            pending_totp,
            console.clock.now(),
        )
        .await?;
    let secure = console.settings.secure_cookies;
    let cookies = response.headers_mut();
    cookies.append(
        header::SET_COOKIE,
        auth::set_cookie(SESSION_COOKIE, &id, secure),
    );
    cookies.append(
        header::SET_COOKIE,
        auth::set_cookie(LOGIN_COOKIE, "", secure),
    );
    Ok(())
}

/// The session waiting for its second factor, if the browser has one that is still fresh.
async fn pending_session(
    console: &Console,
    headers: &HeaderMap,
) -> Result<Option<(String, crate::store::StaffSession)>, Denied> {
    let Some(id) = auth::cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let hash = auth::session_hash(&id);
    let session = console.store.staff_session(&hash).await?;
    let now = console.clock.now();
    Ok(session
        .filter(|s| s.pending_totp && !s.account.disabled)
        .filter(|s| auth::session_alive(console, s.created_at, s.last_seen_at, now))
        .map(|s| (hash, s)))
}

/// `GET /login/totp`.
pub(super) async fn totp_form(
    State(console): State<Arc<Console>>,
    headers: HeaderMap,
) -> Result<Response, Denied> {
    if pending_session(&console, &headers).await?.is_none() {
        return Ok(Redirect::to("/login").into_response());
    }
    login_page(&console, &headers, "", None, true)
}

#[derive(Deserialize)]
pub(super) struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    secret: String,
}

/// `POST /login/totp`.
pub(super) async fn totp_submit(
    State(console): State<Arc<Console>>,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, Denied> {
    let Some((hash, session)) = pending_session(&console, &headers).await? else {
        return Ok(Redirect::to("/login").into_response());
    };
    let login_token = auth::cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if !auth::same_token(&form.csrf, &login_token) {
        return login_page(&console, &headers, "", Some("console-error-form"), true);
    }
    let now = console.clock.now();
    let store = &console.store;
    let account = &session.account;
    let login = store.staff_login(&account.username).await?;
    let secret = login.and_then(|l| l.totp_secret).unwrap_or_default();
    if !totp::verify(&secret, &form.code, now) {
        if failed(&console, account, "totp_failed").await? {
            store.end_staff_session(&hash).await?;
            return login_page(&console, &headers, "", Some("console-login-locked"), false);
        }
        return login_page(
            &console,
            &headers,
            "",
            Some("console-login-code-wrong"),
            true,
        );
    }
    store.record_login_success(account.staff_id, now).await?;
    console
        .audit(account, "login", None, serde_json::json!({ "totp": true }))
        .await?;
    let mut response = Redirect::to(auth::home(account.role)).into_response();
    new_session(&console, &headers, account, false, &mut response).await?;
    Ok(response)
}

#[derive(Deserialize)]
pub(super) struct TokenForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /logout`.
pub(super) async fn logout(
    State(console): State<Arc<Console>>,
    staff: Staff,
    Form(form): Form<TokenForm>,
) -> Result<Response, Denied> {
    staff.check_form(&form.csrf)?;
    console.store.end_staff_session(&staff.session_hash).await?;
    let account = &staff.account;
    console
        .audit(account, "logout", None, serde_json::json!({}))
        .await?;
    let mut response = Redirect::to("/login").into_response();
    let cookie = auth::set_cookie(SESSION_COOKIE, "", console.settings.secure_cookies);
    response.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(response)
}

/// The set-up page: a new secret to enter in an authenticator app, or that it is active.
fn setup_page(
    console: &Console,
    staff: &Staff,
    secret: Option<String>,
    error: Option<&str>,
    notice: Option<&str>,
) -> Result<Response, Denied> {
    let page = Page::new(
        console,
        staff.lang,
        Some(staff),
        "console-totp-title",
        "account",
    );
    let secret = secret.unwrap_or_else(totp::new_secret);
    let issuer = page.t("console-name");
    html(&TotpSetupPage {
        active: staff.account.totp,
        uri: totp::uri(&issuer, &staff.account.username, &secret),
        secret,
        error: error.map(|id| page.t(id)),
        notice: notice.map(|id| page.t(id)),
        page,
    })
}

/// `GET /account/totp`.
pub(super) async fn setup_form(
    State(console): State<Arc<Console>>,
    staff: Staff,
) -> Result<Response, Denied> {
    setup_page(&console, &staff, None, None, None)
}

/// `POST /account/totp`: the first code proves the app holds the secret.
pub(super) async fn setup_submit(
    State(console): State<Arc<Console>>,
    mut staff: Staff,
    Form(form): Form<CodeForm>,
) -> Result<Response, Denied> {
    staff.check_form(&form.csrf)?;
    if staff.account.totp {
        return setup_page(&console, &staff, None, None, None);
    }
    let now = console.clock.now();
    if !totp::verify(&form.secret, &form.code, now) {
        let error = Some("console-login-code-wrong");
        return setup_page(&console, &staff, Some(form.secret), error, None);
    }
    let account = &staff.account;
    console
        .store
        .set_staff_totp(&account.username, Some(&form.secret), now)
        .await
        .map_err(|e| match e {
            crate::store::StaffError::Store(e) => Denied::Store(e),
            _ => Denied::NotFound,
        })?;
    console
        .audit(account, "totp_enabled", None, serde_json::json!({}))
        .await?;
    staff.account.totp = true;
    setup_page(&console, &staff, None, None, Some("console-totp-done"))
}
