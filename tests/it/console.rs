//! The web console for the Comune's staff, driven over real HTTP against the running service
//! (fake Bot API, operators' group, injected clock), on SQLite and PostgreSQL: every route for
//! every role, offices kept apart whatever the URL, form tokens, sessions, locks, the second
//! factor, and the operators' work on a case, seen by the citizen and in the Telegram topic.

use crate::common::{self, TestDb};
use crate::handoff::{CITIZEN, Desk, WAIT, load_flows, root, wednesday_morning};

use std::collections::BTreeMap;

use reqwest::StatusCode;
use sportello::clock::Clock;
use sportello::console::auth::{hash_password, totp};
use sportello::store::{CaseStatus, NewStaff, StaffRole};

pub(crate) const PASSWORD: &str = "correct horse battery";
/// The second factor of the admin of these tests.
pub(crate) const ADMIN_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// A browser without JavaScript: keeps cookies, follows no redirects.
pub(crate) struct Browser {
    client: reqwest::Client,
    base: String,
    pub(crate) cookies: BTreeMap<String, String>,
}

pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) location: String,
    pub(crate) headers: reqwest::header::HeaderMap,
    pub(crate) body: String,
}

impl Answer {
    /// The form token a page carries.
    pub(crate) fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self.body.find(marker).expect("a form with a token") + marker.len();
        self.body[start..].split('"').next().unwrap().to_string()
    }

    /// The value of a hidden field.
    pub(crate) fn field(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker).expect("the field") + marker.len();
        self.body[start..].split('"').next().unwrap().to_string()
    }
}

impl Browser {
    pub(crate) fn new(desk: &Desk) -> Browser {
        let addr = desk
            .running
            .as_ref()
            .unwrap()
            .console_addr
            .expect("the console listens");
        Browser {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: format!("http://{addr}"),
            cookies: BTreeMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> Answer {
        let response = request
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        for value in response.headers().get_all("set-cookie") {
            let value = value.to_str().unwrap();
            let pair = value.split(';').next().unwrap();
            let (name, v) = pair.split_once('=').unwrap();
            if v.is_empty() || value.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), v.to_string());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let location = headers
            .get("location")
            .map(|l| l.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = response.text().await.unwrap_or_default();
        Answer {
            status,
            location,
            headers,
            body,
        }
    }

    pub(crate) async fn get(&mut self, path: &str) -> Answer {
        let request = self.client.get(format!("{}{path}", self.base));
        self.send(request).await
    }

    pub(crate) async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let request = self.client.post(format!("{}{path}", self.base)).form(form);
        self.send(request).await
    }

    /// Signs in with the password (and the admin's code when asked); returns the last answer.
    async fn sign_in(&mut self, desk: &Desk, username: &str, password: &str) -> Answer {
        let form = self.get("/login").await;
        assert_eq!(form.status, StatusCode::OK);
        let csrf = form.csrf();
        let answer = self
            .post(
                "/login",
                &[
                    ("csrf", &csrf),
                    ("username", username),
                    ("password", password),
                ],
            )
            .await;
        if answer.location != "/login/totp" {
            return answer;
        }
        let form = self.get("/login/totp").await;
        let code = totp::current(ADMIN_SECRET, desk.clock.now()).unwrap();
        self.post("/login/totp", &[("csrf", &form.csrf()), ("code", &code)])
            .await
    }
}

/// The service with its console, and staff of every role: `admin` (with a second factor),
/// `super`, `maria` (URP operator), `tina` (tributi operator), `edo` (editor).
pub(crate) async fn console_desk(db: &TestDb, more: &[(&str, &str)]) -> Desk {
    let flows = load_flows(&root().join("flows"));
    let mut extra = vec![
        ("SPORTELLO_CONSOLE_LISTEN", "127.0.0.1:0"),
        ("SPORTELLO_CONSOLE_SECURE_COOKIES", "false"),
    ];
    extra.extend_from_slice(more);
    let desk = Desk::start_with(db, wednesday_morning(), flows, &extra).await;
    let hash = hash_password(PASSWORD).unwrap();
    let staff: [(&str, &str, StaffRole, &[&str]); 5] = [
        ("admin", "Anna Admin", StaffRole::Admin, &[]),
        ("super", "Sara Supervisor", StaffRole::Supervisor, &[]),
        ("maria", "Maria", StaffRole::Operator, &["urp"]),
        ("tina", "Tina", StaffRole::Operator, &["tributi"]),
        ("edo", "Edo", StaffRole::Editor, &[]),
    ];
    for (username, name, role, offices) in staff {
        let offices: Vec<String> = offices.iter().map(|o| o.to_string()).collect();
        let new = NewStaff {
            username,
            display_name: name,
            role,
            offices: &offices,
            password_hash: &hash,
        };
        desk.store.add_staff(&new, desk.clock.now()).await.unwrap();
    }
    desk.store
        .set_staff_totp("admin", Some(ADMIN_SECRET), desk.clock.now())
        .await
        .unwrap();
    desk
}

/// `username` signs in and acts on a case from its page, as the page's form does.
pub(crate) async fn act_in_console(
    desk: &Desk,
    username: &str,
    case_id: i64,
    action: &str,
    text: &str,
) -> Answer {
    let mut staff = signed_in(desk, username).await;
    let page = staff.get(&format!("/cases/{case_id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let form = [
        ("csrf", page.csrf()),
        ("action", action.to_string()),
        ("text", text.to_string()),
        ("action_id", page.field("action_id")),
    ];
    staff
        .post(
            &format!("/cases/{case_id}/act"),
            &form.each_ref().map(|(k, v)| (*k, v.as_str())),
        )
        .await
}

pub(crate) async fn signed_in(desk: &Desk, username: &str) -> Browser {
    let mut browser = Browser::new(desk);
    let answer = browser.sign_in(desk, username, PASSWORD).await;
    assert_eq!(
        answer.status,
        StatusCode::SEE_OTHER,
        "{username}: {}",
        answer.body
    );
    let home = match username {
        "admin" => "/audit",
        "edo" | "lia" => "/content",
        _ => "/inbox",
    };
    assert_eq!(answer.location, home, "{username}");
    browser
}

async fn every_route_answers_each_role_as_its_rights_say(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let (case, _) = desk.hand_off().await;
    let id = case.case_id;
    let case_page = format!("/cases/{id}");
    let events = format!("/cases/{id}/events");
    // 200, 403, or a redirect to the sign-in form.
    let pages = [
        ("/inbox", [303, 403, 200, 200, 200, 403]),
        (case_page.as_str(), [303, 403, 200, 200, 403, 403]),
        ("/audit", [303, 200, 403, 403, 403, 403]),
        ("/account/totp", [303, 200, 200, 200, 200, 200]),
        ("/audit?format=csv", [303, 200, 403, 403, 403, 403]),
        ("/dashboard", [303, 403, 200, 403, 403, 403]),
        ("/content", [303, 200, 200, 403, 403, 200]),
        ("/insights", [303, 200, 200, 403, 403, 200]),
        ("/broadcasts", [303, 200, 200, 403, 403, 200]),
    ];
    let people = ["", "admin", "super", "maria", "tina", "edo"];
    for (i, who) in people.iter().enumerate() {
        let mut browser = if who.is_empty() {
            Browser::new(&desk)
        } else {
            signed_in(&desk, who).await
        };
        for (path, expected) in &pages {
            let answer = browser.get(path).await;
            assert_eq!(answer.status.as_u16(), expected[i], "{who} GET {path}");
            if expected[i] == 303 {
                assert_eq!(answer.location, "/login", "{who} GET {path}");
            }
        }
        // The live stream of a case: only for those who may see the case.
        let stream = browser
            .client
            .get(format!("{}{events}", browser.base))
            .header("cookie", browser.cookie_header())
            .send()
            .await
            .unwrap();
        let expected = [303, 403, 200, 200, 403, 403][i];
        assert_eq!(stream.status().as_u16(), expected, "{who} GET {events}");
        drop(stream);
        // An action without a session is refused; with one, the role decides.
        let csrf = if who.is_empty() {
            String::new()
        } else {
            browser.get("/account/totp").await.csrf()
        };
        let answer = browser
            .post(
                &format!("/cases/{id}/act"),
                &[
                    ("csrf", &csrf),
                    ("action", "note"),
                    ("text", "prova"),
                    ("action_id", who),
                ],
            )
            .await;
        let expected = [401, 403, 303, 303, 403, 403][i];
        assert_eq!(
            answer.status.as_u16(),
            expected,
            "{who} POST act: {}",
            answer.body
        );
        // Revealing the text as written: those who may act on the case.
        let answer = browser
            .post(&format!("/cases/{id}/reveal"), &[("csrf", &csrf)])
            .await;
        let expected = [401, 403, 200, 200, 403, 403][i];
        assert_eq!(answer.status.as_u16(), expected, "{who} POST reveal");
    }
    desk.stop().await;
}

async fn an_office_never_sees_another_offices_case_whatever_the_url(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let (case, _) = desk.hand_off().await;
    assert_eq!(case.office, "urp");
    let mut tina = signed_in(&desk, "tina").await;
    let label = case.label.clone();
    for path in [
        "/inbox".to_string(),
        "/inbox?office=urp".to_string(),
        format!("/inbox?view=waiting&office=urp&case={label}"),
        format!("/inbox?case={}", case.case_id),
    ] {
        let answer = tina.get(&path).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}");
        let link = format!("href=\"/cases/{}\"", case.case_id);
        assert!(!answer.body.contains(&link), "tina sees {label} at {path}");
    }
    assert_eq!(
        tina.get(&format!("/cases/{}", case.case_id)).await.status,
        StatusCode::FORBIDDEN
    );
    let csrf = tina.get("/inbox").await.csrf();
    for action in ["claim", "close"] {
        let answer = tina
            .post(
                &format!("/cases/{}/act", case.case_id),
                &[("csrf", &csrf), ("action", action), ("action_id", action)],
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{action}");
    }
    let unchanged = desk.store.case(case.case_id).await.unwrap().unwrap();
    assert_eq!(unchanged.status, CaseStatus::Waiting);
    // A case number that does not exist reads as missing, one of another office as forbidden.
    assert_eq!(
        tina.get("/cases/999999").await.status,
        StatusCode::NOT_FOUND
    );
    // Maria, of the URP, sees it in her inbox.
    let link = format!("href=\"/cases/{}\"", case.case_id);
    let mut maria = signed_in(&desk, "maria").await;
    assert!(maria.get("/inbox").await.body.contains(&link));
    // A supervisor sees every office's cases, filtered or not.
    let mut sara = signed_in(&desk, "super").await;
    assert!(sara.get("/inbox").await.body.contains(&link));
    assert!(sara.get("/inbox?office=urp").await.body.contains(&link));
    assert!(!sara.get("/inbox?office=tributi").await.body.contains(&link));
    desk.stop().await;
}

async fn a_form_without_the_sessions_token_is_refused_and_changes_nothing(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let (case, _) = desk.hand_off().await;
    let mut maria = signed_in(&desk, "maria").await;
    let mut sara = signed_in(&desk, "super").await;
    let others = sara.get("/inbox").await.csrf();
    let act = format!("/cases/{}/act", case.case_id);
    for csrf in ["", "0000", others.as_str()] {
        let answer = maria
            .post(
                &act,
                &[("csrf", csrf), ("action", "claim"), ("action_id", "x")],
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "token {csrf:?}");
    }
    let logout = maria.post("/logout", &[("csrf", "")]).await;
    assert_eq!(
        logout.status,
        StatusCode::FORBIDDEN,
        "logout needs the token too"
    );
    let unchanged = desk.store.case(case.case_id).await.unwrap().unwrap();
    assert_eq!(unchanged.status, CaseStatus::Waiting);
    assert_eq!(
        maria.get("/inbox").await.status,
        StatusCode::OK,
        "still signed in"
    );
    desk.stop().await;
}

async fn signing_in_gives_a_new_session_and_signing_out_ends_it(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let mut browser = Browser::new(&desk);
    // A session id planted before signing in (fixation) never becomes a session.
    browser
        .cookies
        .insert("sportello_console".into(), "planted".into());
    let answer = browser.sign_in(&desk, "maria", PASSWORD).await;
    assert_eq!(answer.location, "/inbox");
    let session = browser.cookies["sportello_console"].clone();
    assert_ne!(session, "planted");
    assert_eq!(session.len(), 64);
    let set_cookie = answer.headers.get_all("set-cookie");
    let session_cookie = set_cookie
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with("sportello_console="))
        .unwrap();
    assert!(session_cookie.contains("HttpOnly"), "{session_cookie}");
    assert!(
        session_cookie.contains("SameSite=Strict"),
        "{session_cookie}"
    );
    let mut planted = Browser::new(&desk);
    planted
        .cookies
        .insert("sportello_console".into(), "planted".into());
    assert_eq!(planted.get("/inbox").await.location, "/login");
    // Signing out ends the session on the server: the same cookie, replayed, is refused.
    let csrf = browser.get("/inbox").await.csrf();
    let answer = browser.post("/logout", &[("csrf", &csrf)]).await;
    assert_eq!(answer.location, "/login");
    let mut replay = Browser::new(&desk);
    replay.cookies.insert("sportello_console".into(), session);
    assert_eq!(replay.get("/inbox").await.location, "/login");
    // Idle for longer than the time-out: signed out.
    let mut maria = signed_in(&desk, "maria").await;
    desk.clock.advance(std::time::Duration::from_secs(31 * 60));
    assert_eq!(maria.get("/inbox").await.location, "/login");
    desk.stop().await;
}

async fn five_wrong_passwords_lock_an_account_for_a_while(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let mut browser = Browser::new(&desk);
    let wrong = desk.text("console-login-wrong");
    let locked = desk.text("console-login-locked");
    for attempt in 1..=5 {
        let answer = browser.sign_in(&desk, "maria", "not the password").await;
        assert_eq!(answer.status, StatusCode::OK, "attempt {attempt}");
        let expected = if attempt < 5 { &wrong } else { &locked };
        assert!(
            answer.body.contains(&escape(expected)),
            "attempt {attempt}: {}",
            answer.body
        );
    }
    let answer = browser.sign_in(&desk, "maria", PASSWORD).await;
    assert!(
        answer.body.contains(&escape(&locked)),
        "the right password waits for the lock"
    );
    // An unknown name reads as a wrong password.
    let answer = browser.sign_in(&desk, "nobody", PASSWORD).await;
    assert!(answer.body.contains(&escape(&wrong)));
    desk.clock.advance(std::time::Duration::from_secs(16 * 60));
    let answer = browser.sign_in(&desk, "maria", PASSWORD).await;
    assert_eq!(answer.location, "/inbox");
    let audit = desk
        .store
        .staff_audit(&sportello::store::AuditFilter {
            username: Some("maria".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().rev().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "login_failed",
            "login_failed",
            "login_failed",
            "login_failed",
            "account_locked",
            "login_locked",
            "login"
        ]
    );
    // The staff audit goes with the citizens' audit, after `retention_audit_days`.
    let retention = sportello::store::Retention::days(30, 90, 7, 7, 365);
    let later = desk.clock.now() + chrono::Duration::days(366);
    let purged = desk
        .store
        .purge(later, &retention, &Default::default())
        .await
        .unwrap();
    assert!(purged.audit >= 7, "{purged:?}");
    let filter = sportello::store::AuditFilter {
        limit: 100,
        ..Default::default()
    };
    assert!(desk.store.staff_audit(&filter).await.unwrap().is_empty());
    desk.stop().await;
}

async fn an_admin_signs_in_with_the_second_factor_and_must_set_it_up(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let mut browser = Browser::new(&desk);
    let form = browser.get("/login").await;
    let answer = browser
        .post(
            "/login",
            &[
                ("csrf", &form.csrf()),
                ("username", "admin"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(answer.location, "/login/totp");
    // The password alone opens nothing.
    assert_eq!(browser.get("/audit").await.location, "/login");
    let form = browser.get("/login/totp").await;
    let answer = browser
        .post("/login/totp", &[("csrf", &form.csrf()), ("code", "000000")])
        .await;
    assert!(
        answer
            .body
            .contains(&escape(&desk.text("console-login-code-wrong")))
    );
    let half = browser.cookies["sportello_console"].clone();
    let code = totp::current(ADMIN_SECRET, desk.clock.now()).unwrap();
    let answer = browser
        .post("/login/totp", &[("csrf", &answer.csrf()), ("code", &code)])
        .await;
    assert_eq!(answer.location, "/audit");
    assert_ne!(
        browser.cookies["sportello_console"], half,
        "a new id after the second factor"
    );
    assert_eq!(browser.get("/audit").await.status, StatusCode::OK);

    // A new admin without a second factor goes to its set-up, and nowhere else, until done.
    let hash = hash_password(PASSWORD).unwrap();
    let new = NewStaff {
        username: "nuovo",
        display_name: "Nuovo Admin",
        role: StaffRole::Admin,
        offices: &[],
        password_hash: &hash,
    };
    desk.store.add_staff(&new, desk.clock.now()).await.unwrap();
    let mut nuovo = Browser::new(&desk);
    let answer = nuovo.sign_in(&desk, "nuovo", PASSWORD).await;
    assert_eq!(answer.location, "/audit");
    assert_eq!(nuovo.get("/audit").await.location, "/account/totp");
    let setup = nuovo.get("/account/totp").await;
    assert_eq!(setup.status, StatusCode::OK);
    let secret = setup.field("secret");
    let code = totp::current(&secret, desk.clock.now()).unwrap();
    let done = nuovo
        .post(
            "/account/totp",
            &[
                ("csrf", &setup.csrf()),
                ("secret", &secret),
                ("code", &code),
            ],
        )
        .await;
    assert!(
        done.body.contains(&escape(&desk.text("console-totp-done"))),
        "{}",
        done.body
    );
    assert_eq!(nuovo.get("/audit").await.status, StatusCode::OK);
    desk.stop().await;
}

async fn an_operator_takes_answers_and_closes_a_case_seen_by_citizen_and_group(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let (case, topic) = desk.hand_off().await;
    let mut maria = signed_in(&desk, "maria").await;
    let inbox = maria.get("/inbox").await;
    assert!(inbox.body.contains(&case.label));
    let page = maria.get(&format!("/cases/{}", case.case_id)).await;
    assert!(
        page.body.contains("/operatore"),
        "the conversation shows: {}",
        page.body
    );
    // Where the citizen went before asking, named by the flows' titles.
    let menu = escape(&desk.text("menu-title"));
    assert!(
        page.body.contains(&menu),
        "the path names the main menu: {}",
        page.body
    );
    let act = format!("/cases/{}/act", case.case_id);
    let claim = [
        ("csrf", page.csrf()),
        ("action", "claim".into()),
        ("action_id", page.field("action_id")),
    ];
    let claim: Vec<(&str, &str)> = claim.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = maria.post(&act, &claim).await;
    assert_eq!(
        answer.location,
        format!("/cases/{}?done=claimed", case.case_id)
    );
    // The same form sent twice acts once.
    maria.post(&act, &claim).await;
    desk.topic_shows(topic, "presa in carico da Maria").await;
    let claimed = desk
        .case_until(case.case_id, |c| c.status == CaseStatus::Claimed)
        .await;
    assert_eq!(claimed.claimed_by.as_deref(), Some("console:maria"));

    // A second operator is told who has it.
    let mut sara = signed_in(&desk, "super").await;
    let page = sara.get(&format!("/cases/{}", case.case_id)).await;
    let answer = sara
        .post(
            &act,
            &[
                ("csrf", &page.csrf()),
                ("action", "claim"),
                ("action_id", &page.field("action_id")),
            ],
        )
        .await;
    assert_eq!(
        answer.location,
        format!("/cases/{}?done=taken", case.case_id)
    );
    let told = sara.get(&answer.location).await;
    assert!(told.body.contains("Maria"), "{}", told.body);

    // A reply reaches the citizen, and the topic shows it.
    let page = maria.get(&format!("/cases/{}", case.case_id)).await;
    let reply = "Buongiorno, la certificazione è pronta allo sportello.";
    maria
        .post(
            &act,
            &[
                ("csrf", &page.csrf()),
                ("action", "reply"),
                ("text", reply),
                ("action_id", &page.field("action_id")),
            ],
        )
        .await;
    desk.fake.wait_text(CITIZEN, None, reply, WAIT).await;
    desk.topic_shows(topic, "ha risposto dalla console").await;
    // Another form of the same page is another action: a note, saved, never sent.
    let note = "Richiamare il cittadino domani mattina";
    maria
        .post(
            &act,
            &[
                ("csrf", &page.csrf()),
                ("action", "note"),
                ("text", note),
                ("action_id", &page.field("action_id")),
            ],
        )
        .await;
    desk.topic_shows(
        topic,
        &format!("Nota interna di Maria dalla console: {note}"),
    )
    .await;
    let page_now = maria.get(&format!("/cases/{}", case.case_id)).await;
    assert!(page_now.body.contains(note) && page_now.body.contains("class=\"note\""));
    assert!(
        !desk
            .fake
            .sent_to(CITIZEN)
            .iter()
            .any(|m| m.text.contains(note))
    );
    // A ready reply in the citizen's language.
    let page = maria.get(&format!("/cases/{}", case.case_id)).await;
    let canned = page.body.contains("name=\"canned\"");
    assert!(canned, "ready replies are offered");
    // The citizen writes back: the page shows it (after a reload, and live below).
    desk.fake
        .text(CITIZEN, "it", "Grazie, passo domani mattina");
    common::eventually("the citizen's message on the page", WAIT, || async {
        let page = maria.clone_get(&format!("/cases/{}", case.case_id)).await;
        page.body.contains("passo domani mattina").then_some(())
    })
    .await;
    // Closing: the citizen is asked for a rating; the audit keeps no message text.
    let page = maria.get(&format!("/cases/{}", case.case_id)).await;
    maria
        .post(
            &act,
            &[
                ("csrf", &page.csrf()),
                ("action", "close"),
                ("action_id", &page.field("action_id")),
            ],
        )
        .await;
    desk.case_until(case.case_id, |c| c.status == CaseStatus::Closed)
        .await;
    let rating = desk.start_of("handoff-rate");
    desk.fake.wait_text(CITIZEN, None, &rating, WAIT).await;
    let mut admin = signed_in(&desk, "admin").await;
    let audit = admin.get("/audit?user=maria").await;
    for action in ["claim", "reply", "close", "login"] {
        assert!(
            audit.body.contains(&format!("<td>{action}</td>")),
            "{action} audited"
        );
    }
    let csv = admin.get("/audit?format=csv").await;
    assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
    assert!(!csv.body.contains("certificazione") && !audit.body.contains("certificazione"));
    assert!(csv.body.contains("\"maria\",\"reply\""));
    desk.stop().await;
}

async fn a_case_page_receives_the_citizens_messages_as_they_arrive(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let (case, _) = desk.hand_off().await;
    let mut maria = signed_in(&desk, "maria").await;
    let page = maria.get(&format!("/cases/{}", case.case_id)).await;
    let marker = "data-live=\"";
    let start = page.body.find(marker).unwrap() + marker.len();
    let live = page.body[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let mut stream = maria
        .client
        .get(format!("{}{live}", maria.base))
        .header("cookie", maria.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    desk.fake
        .text(CITIZEN, "it", "Sono ancora qui, mi serve il modulo");
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + WAIT;
    while !seen.contains("mi serve il modulo") {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .expect("the message within the wait")
            .unwrap()
            .expect("the stream stays open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains("event: line"), "{seen}");
    assert!(seen.contains("from-citizen"), "{seen}");
    drop(stream);
    desk.stop().await;
}

async fn every_page_carries_the_security_headers(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let mut maria = signed_in(&desk, "maria").await;
    for path in ["/login", "/inbox", "/account/totp"] {
        let answer = maria.get(path).await;
        let csp = answer.headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(answer.headers["cache-control"], "no-store", "{path}");
        assert_eq!(answer.headers["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(
            answer.headers["x-content-type-options"], "nosniff",
            "{path}"
        );
        assert!(
            !answer.body.contains("<script>") && !answer.body.contains(" style=\""),
            "{path}"
        );
    }
    let css = maria
        .get("/assets/bootstrap-italia/css/bootstrap-italia.min.css")
        .await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.body.len() > 100_000);
    assert_eq!(
        maria.get("/assets/../Cargo.toml").await.status,
        StatusCode::NOT_FOUND
    );
    let english = maria.get("/lang/en").await;
    assert_eq!(english.location, "/");
    let inbox = maria.get("/inbox").await;
    assert!(inbox.body.contains("<html lang=\"en\">") && inbox.body.contains("Requests"));
    desk.stop().await;
}

async fn an_editor_reads_the_content_as_citizens_get_it(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let mut edo = signed_in(&desk, "edo").await;
    let content = edo.get("/content").await;
    assert_eq!(content.status, StatusCode::OK);
    let flows = desk.flows.get();
    let tributi = flows.flows.iter().find(|f| f.id == "tributi").unwrap();
    let first = &tributi.steps[0];
    assert!(content.body.contains("id=\"flow-tributi\""));
    assert!(content.body.contains(&format!("<code>{}</code>", first.id)));
    let said = escape(&desk.text(&first.say.text));
    assert!(
        content.body.contains(&said),
        "the step's text as citizens get it"
    );
    // Nothing else: editors see no case.
    assert_eq!(edo.get("/inbox").await.status, StatusCode::FORBIDDEN);
    desk.stop().await;
}

async fn what_the_operators_group_does_shows_in_the_console(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let (case, topic) = desk.hand_off().await;
    let mut maria = signed_in(&desk, "maria").await;
    let path = format!("/cases/{}", case.case_id);
    desk.operator_says(topic, "/prendo");
    desk.case_until(case.case_id, |c| c.status == CaseStatus::Claimed)
        .await;
    desk.operator_says(topic, "Buongiorno, sono Maria del Comune, la aiuto io.");
    common::eventually("the group's reply on the case page", WAIT, || async {
        let page = maria.clone_get(&path).await;
        page.body.contains("sono Maria del Comune").then_some(page)
    })
    .await;
    let page = maria.get(&path).await;
    let operator = format!(
        "in carico a operatore Telegram {}",
        crate::handoff::OPERATOR
    );
    assert!(page.body.contains(&operator), "{}", page.body);
    let claimed = maria.get("/inbox?view=claimed").await;
    assert!(
        claimed
            .body
            .contains(&format!("operatore Telegram {}", crate::handoff::OPERATOR))
    );
    desk.stop().await;
}

async fn the_dashboard_counts_each_offices_cases_within_office_hours(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let (case, _) = desk.hand_off().await;
    let mut sara = signed_in(&desk, "super").await;
    let urp = "Ufficio Relazioni con il Pubblico (URP)";
    let board = sara.get("/dashboard").await;
    assert_eq!(
        row_cells(&board.body, urp),
        ["1", "0 minuti", "0", "0", "nessun dato"]
    );
    // Twelve minutes later Maria takes it and answers.
    desk.clock.advance(std::time::Duration::from_secs(12 * 60));
    let mut maria = signed_in(&desk, "maria").await;
    let act = format!("/cases/{}/act", case.case_id);
    for (action, text) in [("claim", ""), ("reply", "Buongiorno, eccomi.")] {
        let page = maria.get(&format!("/cases/{}", case.case_id)).await;
        let form = [
            ("csrf", page.csrf()),
            ("action", action.to_string()),
            ("text", text.to_string()),
            ("action_id", page.field("action_id")),
        ];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        maria.post(&act, &form).await;
    }
    desk.case_until(case.case_id, |c| c.operator_replies == 1)
        .await;
    let board = sara.get("/dashboard").await;
    assert_eq!(
        row_cells(&board.body, urp),
        ["0", "nessun dato", "1", "0", "12 minuti"]
    );
    let tributi = row_cells(&board.body, "Ufficio Tributi");
    assert_eq!(tributi, ["0", "nessun dato", "0", "0", "nessun dato"]);
    desk.stop().await;
}

/// The cells after the row heading `name` in a page's table.
fn row_cells(body: &str, name: &str) -> Vec<String> {
    let heading = format!("<th scope=\"row\">{}</th>", escape(name));
    let start = body
        .find(&heading)
        .unwrap_or_else(|| panic!("no row {name}"))
        + heading.len();
    let row = &body[start..body[start..].find("</tr>").unwrap() + start];
    row.split("<td>")
        .skip(1)
        .map(|cell| {
            let cell = cell.split("</td>").next().unwrap();
            cell.split('<').next().unwrap().trim().to_string()
        })
        .collect()
}

impl Browser {
    /// A GET that does not need `&mut` (cookies unchanged), for polling.
    async fn clone_get(&self, path: &str) -> Answer {
        let mut copy = Browser {
            client: self.client.clone(),
            base: self.base.clone(),
            cookies: self.cookies.clone(),
        };
        copy.get(path).await
    }
}

/// A text as askama writes it into HTML.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

on_both_backends!(
    every_route_answers_each_role_as_its_rights_say,
    an_office_never_sees_another_offices_case_whatever_the_url,
    a_form_without_the_sessions_token_is_refused_and_changes_nothing,
    signing_in_gives_a_new_session_and_signing_out_ends_it,
    five_wrong_passwords_lock_an_account_for_a_while,
    an_admin_signs_in_with_the_second_factor_and_must_set_it_up,
    an_operator_takes_answers_and_closes_a_case_seen_by_citizen_and_group,
    a_case_page_receives_the_citizens_messages_as_they_arrive,
    every_page_carries_the_security_headers,
    the_dashboard_counts_each_offices_cases_within_office_hours,
    what_the_operators_group_does_shows_in_the_console,
    an_editor_reads_the_content_as_citizens_get_it,
);
