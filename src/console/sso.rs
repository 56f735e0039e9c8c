//! Single sign-on with the Comune's identity provider over OpenID Connect (the authorization
//! code flow with PKCE): Microsoft Entra, Keycloak, or the regional SPID/CIE brokers that speak
//! it. The provider says who the person is; the console's own account of that username says
//! what they may do, so an account must exist (`sportello users add`) and be enabled. The ID
//! token is checked here: RS256 signature against the provider's published keys, issuer,
//! audience, expiry and nonce.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use ring::signature::{RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};
use secrecy::ExposeSecret;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::auth;
use super::login::{login_page, new_session};
use super::{Console, Denied, encode};

/// The cookie that carries the state, nonce and PKCE verifier to the callback. `Lax`, not
/// `Strict`: the provider sends the browser back from its own site.
const SSO_COOKIE: &str = "sportello_sso";
/// How long a sign-in at the provider may take.
const SSO_MAX_AGE_SECONDS: i64 = 600;

static HTTP: LazyLock<reqwest::Client> = LazyLock::new(|| {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_default()
});

/// The provider, when every setting is given.
pub(super) struct Provider<'a> {
    issuer: &'a str,
    client_id: &'a str,
    client_secret: &'a str,
    redirect_url: &'a str,
    username_claim: &'a str,
}

pub(super) fn provider(console: &Console) -> Option<Provider<'_>> {
    let s = &console.settings;
    Some(Provider {
        issuer: s.oidc_issuer.as_deref()?.trim_end_matches('/'),
        client_id: s.oidc_client_id.as_deref()?,
        client_secret: s.oidc_client_secret.as_ref()?.expose_secret(),
        redirect_url: s.oidc_redirect_url.as_deref()?,
        username_claim: &s.oidc_username_claim,
    })
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    jwks_uri: String,
}

#[derive(Deserialize)]
struct Jwks {
    keys: Vec<Jwk>,
}

#[derive(Deserialize)]
struct Jwk {
    kty: String,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    n: String,
    #[serde(default)]
    e: String,
}

/// Why a sign-in through the provider failed (logged; the person sees one polite text).
#[derive(Debug, thiserror::Error)]
pub(super) enum SsoError {
    #[error("the provider cannot be reached or answered badly: {0}")]
    Provider(String),
    #[error("the sign-in came back without its state, or with another")]
    State,
    #[error("the ID token is not valid: {0}")]
    Token(&'static str),
}

async fn discover(issuer: &str) -> Result<Discovery, SsoError> {
    let url = format!("{issuer}/.well-known/openid-configuration");
    let found: Discovery = get_json(&url).await?;
    if found.issuer.trim_end_matches('/') != issuer {
        return Err(SsoError::Provider(
            "the discovery names another issuer".into(),
        ));
    }
    Ok(found)
}

async fn get_json<T: serde::de::DeserializeOwned>(url: &str) -> Result<T, SsoError> {
    let response = HTTP
        .get(url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| SsoError::Provider(e.without_url().to_string()))?;
    response
        .json()
        .await
        .map_err(|e| SsoError::Provider(e.without_url().to_string()))
}

/// `GET /login/sso`: to the provider, with a new state, nonce and PKCE verifier.
pub(super) async fn start(State(console): State<Arc<Console>>) -> Result<Response, Denied> {
    let Some(provider) = provider(&console) else {
        return Err(Denied::NotFound);
    };
    let found = match discover(provider.issuer).await {
        Ok(found) => found,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on: discovery failed");
            return Err(Denied::Unavailable);
        }
    };
    let (state, nonce, verifier) = (auth::token(), auth::token(), auth::token());
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let url = format!(
        "{}?response_type=code&client_id={}&redirect_uri={}&scope=openid%20profile%20email\
         &state={state}&nonce={nonce}&code_challenge={challenge}&code_challenge_method=S256",
        found.authorization_endpoint,
        encode(provider.client_id),
        encode(provider.redirect_url),
    );
    let mut response = Redirect::to(&url).into_response();
    let cookie = format!(
        "{SSO_COOKIE}={state}.{nonce}.{verifier}; Path=/login/sso; HttpOnly; SameSite=Lax; \
         Max-Age={SSO_MAX_AGE_SECONDS}{}",
        if console.settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

#[derive(Deserialize, Default)]
pub(super) struct CallbackParams {
    #[serde(default)]
    code: String,
    #[serde(default)]
    state: String,
}

#[derive(Deserialize)]
struct TokenAnswer {
    id_token: String,
}

/// `GET /login/sso/callback`: the provider's code becomes a session of the account named by
/// the ID token.
pub(super) async fn callback(
    State(console): State<Arc<Console>>,
    headers: HeaderMap,
    Query(params): Query<CallbackParams>,
) -> Result<Response, Denied> {
    let Some(provider) = provider(&console) else {
        return Err(Denied::NotFound);
    };
    let username = match identify(&console, &provider, &headers, &params).await {
        Ok(username) => username,
        Err(e) => {
            tracing::warn!(error = %e, "single sign-on refused");
            return login_page(&console, &headers, "", Some("console-sso-failed"), false);
        }
    };
    let now = console.clock.now();
    let login = console.store.staff_login(&username).await?;
    let Some(login) = login.filter(|l| !l.account.disabled) else {
        tracing::info!("single sign-on of a person without an enabled console account");
        return login_page(&console, &headers, "", Some("console-sso-unknown"), false);
    };
    let account = &login.account;
    if login.locked_until.is_some_and(|until| until > now) {
        console
            .audit(
                account,
                "login_locked",
                None,
                serde_json::json!({ "sso": true }),
            )
            .await?;
        return login_page(&console, &headers, "", Some("console-login-locked"), false);
    }
    let pending = account.totp;
    let mut response = if pending {
        Redirect::to("/login/totp").into_response()
    } else {
        console
            .audit(account, "login", None, serde_json::json!({ "sso": true }))
            .await?;
        Redirect::to(auth::home(account.role)).into_response()
    };
    new_session(&console, &headers, account, pending, &mut response).await?;
    let clear = format!("{SSO_COOKIE}=; Path=/login/sso; HttpOnly; SameSite=Lax; Max-Age=0");
    if let Ok(value) = HeaderValue::from_str(&clear) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// The username the provider vouches for.
async fn identify(
    console: &Console,
    provider: &Provider<'_>,
    headers: &HeaderMap,
    params: &CallbackParams,
) -> Result<String, SsoError> {
    let cookie = auth::cookie(headers, SSO_COOKIE).ok_or(SsoError::State)?;
    let mut parts = cookie.split('.');
    let (Some(state), Some(nonce), Some(verifier)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(SsoError::State);
    };
    if params.code.is_empty() || !auth::same_token(&params.state, state) {
        return Err(SsoError::State);
    }
    let found = discover(provider.issuer).await?;
    let answer = HTTP
        .post(&found.token_endpoint)
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", params.code.as_str()),
            ("redirect_uri", provider.redirect_url),
            ("client_id", provider.client_id),
            ("client_secret", provider.client_secret),
            ("code_verifier", verifier),
        ])
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| SsoError::Provider(e.without_url().to_string()))?;
    let answer: TokenAnswer = answer
        .json()
        .await
        .map_err(|e| SsoError::Provider(e.without_url().to_string()))?;
    let keys: Jwks = get_json(&found.jwks_uri).await?;
    let claims = verify_id_token(
        &answer.id_token,
        &keys,
        provider,
        nonce,
        console.clock.now(),
    )?;
    claims
        .get(provider.username_claim)
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .ok_or(SsoError::Token("no username claim"))
}

/// The claims of an ID token whose signature, issuer, audience, expiry and nonce are right.
fn verify_id_token(
    token: &str,
    keys: &Jwks,
    provider: &Provider<'_>,
    nonce: &str,
    now: DateTime<Utc>,
) -> Result<serde_json::Map<String, serde_json::Value>, SsoError> {
    let decode = |part: &str| {
        URL_SAFE_NO_PAD
            .decode(part)
            .map_err(|_| SsoError::Token("not base64url"))
    };
    let parts: Vec<&str> = token.split('.').collect();
    let [head, body, signature] = parts[..] else {
        return Err(SsoError::Token("not three parts"));
    };
    let header: serde_json::Value =
        serde_json::from_slice(&decode(head)?).map_err(|_| SsoError::Token("header"))?;
    if header["alg"] != "RS256" {
        return Err(SsoError::Token("not RS256"));
    }
    let kid = header["kid"].as_str();
    let key = keys
        .keys
        .iter()
        .find(|k| k.kty == "RSA" && (kid.is_none() || k.kid.as_deref() == kid))
        .ok_or(SsoError::Token("no key of the provider signed it"))?;
    let public = RsaPublicKeyComponents {
        n: decode(&key.n)?,
        e: decode(&key.e)?,
    };
    public
        .verify(
            &RSA_PKCS1_2048_8192_SHA256,
            format!("{head}.{body}").as_bytes(),
            &decode(signature)?,
        )
        .map_err(|_| SsoError::Token("bad signature"))?;
    let claims: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&decode(body)?).map_err(|_| SsoError::Token("claims"))?;
    let issuer = claims
        .get("iss")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    if issuer.trim_end_matches('/') != provider.issuer {
        return Err(SsoError::Token("another issuer"));
    }
    let audience_ok = match claims.get("aud") {
        Some(serde_json::Value::String(aud)) => aud == provider.client_id,
        Some(serde_json::Value::Array(auds)) => auds.iter().any(|a| a == provider.client_id),
        _ => false,
    };
    if !audience_ok {
        return Err(SsoError::Token("for another client"));
    }
    let expires = claims.get("exp").and_then(|v| v.as_i64()).unwrap_or(0);
    // A minute of leeway for clocks that drift.
    if expires + 60 < now.timestamp() {
        return Err(SsoError::Token("expired"));
    }
    if claims.get("nonce").and_then(|v| v.as_str()) != Some(nonce) {
        return Err(SsoError::Token("another nonce"));
    }
    Ok(claims)
}
