//! Single sign-on in the console against a small fake OpenID Connect provider (discovery,
//! authorization with PKCE, token, keys; ID tokens signed RS256 with a test key), on SQLite
//! and PostgreSQL: a known account signs in; a forged state, an unknown or disabled person, a
//! bad signature, a token for another client and a code used twice are refused.

use crate::common::TestDb;
use crate::console::{Browser, console_desk};
use crate::handoff::root;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Form, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use ring::rand::SystemRandom;
use ring::signature::{RSA_PKCS1_SHA256, RsaKeyPair, RsaPublicKeyComponents};
use sha2::{Digest, Sha256};
use sportello::clock::Clock;

const CLIENT_ID: &str = "sportello-console";
const CLIENT_SECRET: &str = "a client secret";
/// The console's public address as registered at the provider; the test browser goes to the
/// console's real address instead, as a reverse proxy would.
const PUBLIC: &str = "https://console.comune.invalid";

/// How the fake provider misbehaves, when asked to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    BadSignature,
    OtherAudience,
}

struct Idp {
    url: String,
    key: RsaKeyPair,
    now: i64,
    /// Who signs in at the provider next.
    user: String,
    fault: Fault,
    /// code → (nonce, code challenge, user)
    codes: HashMap<String, (String, String, String)>,
}

type Shared = Arc<Mutex<Idp>>;

async fn discovery(State(idp): State<Shared>) -> Response {
    let url = idp.lock().unwrap().url.clone();
    axum::Json(serde_json::json!({
        "issuer": url,
        "authorization_endpoint": format!("{url}/authorize"),
        "token_endpoint": format!("{url}/token"),
        "jwks_uri": format!("{url}/jwks"),
    }))
    .into_response()
}

async fn authorize(
    State(idp): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mut idp = idp.lock().unwrap();
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(q["scope"].split(' ').any(|s| s == "openid"));
    let code = format!("code-{}", idp.codes.len() + 1);
    let user = idp.user.clone();
    idp.codes.insert(
        code.clone(),
        (q["nonce"].clone(), q["code_challenge"].clone(), user),
    );
    Redirect::to(&format!(
        "{}?code={code}&state={}",
        q["redirect_uri"], q["state"]
    ))
    .into_response()
}

async fn token(State(idp): State<Shared>, Form(f): Form<HashMap<String, String>>) -> Response {
    let mut idp = idp.lock().unwrap();
    if f.get("client_secret").map(String::as_str) != Some(CLIENT_SECRET) {
        return (StatusCode::UNAUTHORIZED, "invalid_client").into_response();
    }
    // A code works once.
    let Some((nonce, challenge, user)) = idp.codes.remove(&f["code"]) else {
        return (StatusCode::BAD_REQUEST, "invalid_grant").into_response();
    };
    let verifier = URL_SAFE_NO_PAD.encode(Sha256::digest(f["code_verifier"].as_bytes()));
    if verifier != challenge {
        return (StatusCode::BAD_REQUEST, "invalid_grant").into_response();
    }
    let audience = if idp.fault == Fault::OtherAudience {
        "another-app"
    } else {
        CLIENT_ID
    };
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#);
    let claims = serde_json::json!({
        "iss": idp.url, "aud": audience, "sub": format!("id-{user}"),
        "preferred_username": user, "iat": idp.now, "exp": idp.now + 300, "nonce": nonce,
    });
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signed = format!("{header}.{body}");
    let mut signature = vec![0; idp.key.public().modulus_len()];
    idp.key
        .sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            signed.as_bytes(),
            &mut signature,
        )
        .unwrap();
    if idp.fault == Fault::BadSignature {
        signature[10] ^= 1;
    }
    let id_token = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature));
    axum::Json(serde_json::json!({ "id_token": id_token, "token_type": "Bearer" })).into_response()
}

async fn jwks(State(idp): State<Shared>) -> Response {
    let idp = idp.lock().unwrap();
    let public: RsaPublicKeyComponents<Vec<u8>> = idp.key.public().into();
    axum::Json(serde_json::json!({ "keys": [{
        "kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig",
        "n": URL_SAFE_NO_PAD.encode(&public.n), "e": URL_SAFE_NO_PAD.encode(&public.e),
    }]}))
    .into_response()
}

async fn start_idp(now: i64) -> Shared {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let der = std::fs::read(root().join("tests/fixtures/oidc-test-key.der")).unwrap();
    let idp = Arc::new(Mutex::new(Idp {
        url,
        key: RsaKeyPair::from_der(&der).unwrap(),
        now,
        user: "maria".into(),
        fault: Fault::None,
        codes: HashMap::new(),
    }));
    let app = axum::Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/authorize", get(authorize))
        .route("/token", post(token))
        .route("/jwks", get(jwks))
        .with_state(idp.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    idp
}

/// The browser at the provider, which signs the person in at once and sends them back: the
/// console's path to go to.
async fn at_the_provider(url: &str) -> String {
    let answer = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(url)
        .send()
        .await
        .unwrap();
    let back = answer.headers()["location"].to_str().unwrap();
    back.strip_prefix(PUBLIC)
        .expect("back to the console")
        .to_string()
}

/// Signs in through the provider; returns where the console sent the browser at the end.
async fn through_the_provider(
    browser: &mut Browser,
    forge_state: bool,
) -> (StatusCode, String, String) {
    let start = browser.get("/login/sso").await;
    assert_eq!(start.status, StatusCode::SEE_OTHER);
    let mut path = at_the_provider(&start.location).await;
    if forge_state {
        path = path.replace("state=", "state=forged");
    }
    let answer = browser.get(&path).await;
    (answer.status, answer.location, answer.body)
}

async fn a_known_account_signs_in_through_the_provider_and_nothing_else_does(db: &TestDb) {
    // The provider is started first: its address is a setting of the console.
    let now = crate::handoff::wednesday_morning().timestamp();
    let idp = start_idp(now).await;
    let issuer = idp.lock().unwrap().url.clone();
    let redirect = format!("{PUBLIC}/login/sso/callback");
    let extra = [
        ("SPORTELLO_CONSOLE_OIDC_ISSUER", issuer.as_str()),
        ("SPORTELLO_CONSOLE_OIDC_CLIENT_ID", CLIENT_ID),
        ("SPORTELLO_CONSOLE_OIDC_CLIENT_SECRET", CLIENT_SECRET),
        ("SPORTELLO_CONSOLE_OIDC_REDIRECT_URL", redirect.as_str()),
    ];
    let desk = console_desk(db, &extra).await;
    assert_eq!(desk.clock.now().timestamp(), now);
    let failed = crate::console::escape(&desk.text("console-sso-failed"));
    let unknown = crate::console::escape(&desk.text("console-sso-unknown"));

    let mut browser = Browser::new(&desk);
    assert!(
        browser
            .get("/login")
            .await
            .body
            .contains("href=\"/login/sso\"")
    );
    let (status, location, _) = through_the_provider(&mut browser, false).await;
    assert_eq!(
        (status, location.as_str()),
        (StatusCode::SEE_OTHER, "/inbox")
    );
    assert_eq!(browser.get("/inbox").await.status, StatusCode::OK);

    // A state that is not the browser's own: refused, no session.
    let mut forger = Browser::new(&desk);
    let (status, _, body) = through_the_provider(&mut forger, true).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&failed), "{body}");
    assert_eq!(forger.get("/inbox").await.location, "/login");

    // Someone the provider knows but the console does not, or whose account is disabled.
    for (user, disable) in [("nobody", false), ("tina", true)] {
        if disable {
            desk.store
                .set_staff_disabled(user, true, desk.clock.now())
                .await
                .unwrap();
        }
        idp.lock().unwrap().user = user.into();
        let mut stranger = Browser::new(&desk);
        let (_, _, body) = through_the_provider(&mut stranger, false).await;
        assert!(body.contains(&unknown), "{user}: {body}");
        assert_eq!(stranger.get("/inbox").await.location, "/login");
    }

    // A token whose signature or audience is wrong.
    idp.lock().unwrap().user = "maria".into();
    for fault in [Fault::BadSignature, Fault::OtherAudience] {
        idp.lock().unwrap().fault = fault;
        let mut victim = Browser::new(&desk);
        let (_, _, body) = through_the_provider(&mut victim, false).await;
        assert!(body.contains(&failed));
        assert_eq!(victim.get("/inbox").await.location, "/login");
    }
    idp.lock().unwrap().fault = Fault::None;

    // The callback replayed with a code already used.
    let mut first = Browser::new(&desk);
    let start = first.get("/login/sso").await;
    let back = at_the_provider(&start.location).await;
    assert_eq!(first.get(&back).await.location, "/inbox");
    let mut replay = Browser::new(&desk);
    replay.cookies = first.cookies.clone();
    replay.cookies.remove("sportello_console");
    let again = replay.get(&back).await;
    assert!(again.body.contains(&failed), "a code works once");
    desk.stop().await;
}

on_both_backends!(a_known_account_signs_in_through_the_provider_and_nothing_else_does);
