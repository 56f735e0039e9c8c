//! Announcements in the web console, over real HTTP against the running service (fake Bot API,
//! injected clock), on SQLite and PostgreSQL: an editor writes one, sees it as citizens will,
//! schedules it at a local time or now, and follows its progress once the job sent it; an
//! emergency one waits for a second editor; bad input and people without the rights are
//! refused with the reason, in the staff member's language; every action is in the audit.

use crate::common::{self, TestDb};
use crate::console::{Answer, Browser, PASSWORD, console_desk, escape, signed_in};
use crate::handoff::{CITIZEN, Desk, WAIT};

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use sportello::clock::Clock;
use sportello::console::auth::hash_password;
use sportello::i18n::Lang;
use sportello::store::{AuditFilter, BroadcastStatus, NewStaff, StaffRole};

/// The broadcast job every tenth of a second.
const QUICK: &[(&str, &str)] = &[("SPORTELLO_BROADCASTS_POLL_SECONDS", "0.1")];

/// The console with a second editor, `lia`.
async fn desk(db: &TestDb) -> Desk {
    let desk = console_desk(db, QUICK).await;
    let hash = hash_password(PASSWORD).unwrap();
    let new = NewStaff {
        username: "lia",
        display_name: "Lia",
        role: StaffRole::Editor,
        offices: &[],
        password_hash: &hash,
    };
    desk.store.add_staff(&new, desk.clock.now()).await.unwrap();
    desk
}

/// A console text in `lang`, as askama writes it into the page.
fn said(desk: &Desk, lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    escape(&desk.flows.get().locales.text(lang, id, args))
}

/// The citizen turns `topic` on from the `/avvisi` screen, in Italian.
async fn subscribe(desk: &Desk, chat: i64, topic: &str) {
    let turned_on = desk.start_of("avvisi-turned-on");
    desk.fake.text(chat, "it", "/avvisi");
    common::eventually("the topics screen", WAIT, || async {
        (!desk.fake.sent_to(chat).is_empty()).then_some(())
    })
    .await;
    desk.fake.tap(chat, "it", &format!("avvisi/{topic}"));
    common::eventually("the topic turned on", WAIT, || async {
        desk.fake
            .sent_to(chat)
            .iter()
            .any(|s| s.text.contains(&turned_on))
            .then_some(())
    })
    .await;
}

/// Writes a broadcast from the list page's form; the answer.
async fn create(who: &mut Browser, topic: &str, it: &str, en: &str) -> Answer {
    let list = who.get("/broadcasts").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let (csrf, request) = (list.csrf(), list.field("request"));
    let form = [
        ("csrf", csrf.as_str()),
        ("topic", topic),
        ("it", it),
        ("en", en),
        ("image", ""),
        ("request", request.as_str()),
    ];
    who.post("/broadcasts", &form).await
}

/// The id of the broadcast a creation went to.
fn created(answer: &Answer) -> i64 {
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let id = answer
        .location
        .strip_prefix("/broadcasts/")
        .and_then(|rest| rest.strip_suffix("?done=created"))
        .unwrap_or_else(|| panic!("to the broadcast's page: {}", answer.location));
    id.parse().unwrap()
}

/// One of the broadcast page's actions, with the page's form token.
async fn act(who: &mut Browser, id: i64, fields: &[(&str, &str)]) -> Answer {
    let page = who.get(&format!("/broadcasts/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.csrf();
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    who.post(&format!("/broadcasts/{id}/act"), &form).await
}

/// The local date and time (Rome) of `at`, as the form's fields take them.
fn local(at: DateTime<Utc>) -> (String, String) {
    let at = at.with_timezone(&chrono_tz::Europe::Rome);
    (
        at.format("%Y-%m-%d").to_string(),
        at.format("%H:%M").to_string(),
    )
}

/// The cells of the list's row of broadcast `id`.
fn list_row(body: &str, id: i64) -> Vec<String> {
    let link = format!("href=\"/broadcasts/{id}\"");
    let start = body.find(&link).unwrap_or_else(|| panic!("no row {id}"));
    let row = &body[start..start + body[start..].find("</tr>").unwrap()];
    row.split("<td>")
        .skip(1)
        .map(|cell| cell.split("</td>").next().unwrap().trim().to_string())
        .collect()
}

async fn audited(desk: &Desk, username: &str) -> Vec<String> {
    let filter = AuditFilter {
        username: Some(username.into()),
        action: None,
        since: None,
        until: None,
        limit: 100,
    };
    let mut actions: Vec<String> = desk
        .store
        .staff_audit(&filter)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.action.starts_with("broadcast_"))
        .map(|row| row.action)
        .collect();
    actions.sort();
    actions
}

async fn an_editor_writes_previews_schedules_and_follows_an_announcement(db: &TestDb) {
    let desk = desk(db).await;
    subscribe(&desk, CITIZEN, "eventi").await;
    let mut edo = signed_in(&desk, "edo").await;
    let home = edo.get("/content").await;
    assert!(
        home.body.contains("href=\"/broadcasts\""),
        "the navigation links it"
    );
    let it = "Sabato 12 dicembre in piazza il mercatino di Natale.";
    let en = "On Saturday 12 December the Christmas market is in the square.";
    let id = created(&create(&mut edo, "eventi", it, en).await);
    // The preview: each language as citizens will see it, with its closing line, and who
    // would get it now.
    let page = edo.get(&format!("/broadcasts/{id}?done=created")).await;
    assert_eq!(page.status, StatusCode::OK);
    let footer = desk.flows.get().locales.text(
        Lang::It,
        "avvisi-reminder-footer",
        &[("topic", &desk.text("avvisi-topic-eventi"))],
    );
    let preview = escape(&format!("{it}\n\n{footer}"));
    assert!(page.body.contains(&preview), "{}", page.body);
    assert!(page.body.contains(&escape(en)));
    let reach = said(
        &desk,
        Lang::It,
        "console-broadcast-reach",
        &[("count", "1")],
    );
    assert!(page.body.contains(&reach), "{}", page.body);
    assert!(page.body.contains(&said(
        &desk,
        Lang::It,
        "console-broadcast-done-created",
        &[]
    )));
    // A time past is refused, on the page, in Italian.
    let past = act(
        &mut edo,
        id,
        &[
            ("action", "schedule"),
            ("date", "2020-01-01"),
            ("time", "09:00"),
        ],
    )
    .await;
    assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
    let refused = said(&desk, Lang::It, "console-broadcast-refused-past", &[]);
    assert!(past.body.contains(&refused), "{}", past.body);
    // Two hours from now, Rome time.
    let later = desk.clock.now() + chrono::Duration::hours(2);
    let (date, time) = local(later);
    let scheduled = act(
        &mut edo,
        id,
        &[("action", "schedule"), ("date", &date), ("time", &time)],
    )
    .await;
    assert_eq!(
        scheduled.location,
        format!("/broadcasts/{id}?done=scheduled")
    );
    let b = desk.store.broadcast(id).await.unwrap().unwrap();
    assert_eq!(b.status, BroadcastStatus::Scheduled);
    assert_eq!(
        local(b.send_at.unwrap()),
        (date, time),
        "the local time given"
    );
    assert!(
        desk.fake
            .sent_to(CITIZEN)
            .iter()
            .all(|m| !m.text.contains(it))
    );
    // Now, instead: the job sends it; the list shows the progress.
    let now = act(&mut edo, id, &[("action", "now")]).await;
    assert_eq!(now.location, format!("/broadcasts/{id}?done=scheduled"));
    common::eventually("the citizen receives it", WAIT, || async {
        desk.fake
            .sent_to(CITIZEN)
            .iter()
            .any(|m| m.text.contains(it))
            .then_some(())
    })
    .await;
    common::eventually("the broadcast is sent", WAIT, || async {
        let b = desk.store.broadcast(id).await.unwrap().unwrap();
        (b.status == BroadcastStatus::Sent).then_some(())
    })
    .await;
    let list = edo.get("/broadcasts").await;
    let status = said(&desk, Lang::It, "console-broadcast-status-sent", &[]);
    let topic = escape(&desk.text("avvisi-topic-eventi"));
    let row = list_row(&list.body, id);
    assert_eq!(row[0], topic);
    assert_eq!(row[1], status);
    assert_eq!((&row[3], &row[4]), (&"edo".to_string(), &String::new()));
    assert_eq!(
        row[5..],
        ["0", "1", "0", "0", "0"],
        "queued, sent, failed, blocked, expired"
    );
    // A finished broadcast cannot be cancelled: the reason, on the page.
    let cancel = act(&mut edo, id, &[("action", "cancel")]).await;
    assert_eq!(cancel.status, StatusCode::UNPROCESSABLE_ENTITY);
    let finished = said(
        &desk,
        Lang::It,
        "console-broadcast-refused-finished",
        &[("status", &desk.text("console-broadcast-status-sent"))],
    );
    assert!(cancel.body.contains(&finished), "{}", cancel.body);
    assert_eq!(
        audited(&desk, "edo").await,
        [
            "broadcast_create",
            "broadcast_schedule",
            "broadcast_schedule"
        ]
    );
    desk.stop().await;
}

async fn an_emergency_announcement_waits_for_a_second_editor(db: &TestDb) {
    let desk = desk(db).await;
    let mut edo = signed_in(&desk, "edo").await;
    let id = created(
        &create(
            &mut edo,
            "allerte",
            "Allerta meteo arancione.",
            "Orange weather alert.",
        )
        .await,
    );
    let now = act(&mut edo, id, &[("action", "now")]).await;
    assert_eq!(now.location, format!("/broadcasts/{id}?done=awaiting"));
    let status = || async { desk.store.broadcast(id).await.unwrap().unwrap() };
    assert_eq!(status().await.status, BroadcastStatus::AwaitingApproval);
    // Its author cannot approve it.
    let own = act(&mut edo, id, &[("action", "approve")]).await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    let refused = said(&desk, Lang::It, "console-broadcast-refused-own", &[]);
    assert!(own.body.contains(&refused), "{}", own.body);
    assert_eq!(status().await.status, BroadcastStatus::AwaitingApproval);
    assert_eq!(status().await.approved_by, None);
    // Another editor can, and it goes.
    let mut lia = signed_in(&desk, "lia").await;
    let approved = act(&mut lia, id, &[("action", "approve")]).await;
    assert_eq!(approved.location, format!("/broadcasts/{id}?done=approved"));
    let b = status().await;
    assert_eq!(b.approved_by.as_deref(), Some("lia"));
    assert_ne!(b.status, BroadcastStatus::AwaitingApproval);
    let page = lia.get(&format!("/broadcasts/{id}")).await;
    assert!(page.body.contains("id=\"approver\">lia<"), "{}", page.body);
    // A draft cancelled from its page.
    let draft = created(&create(&mut edo, "eventi", "Prova.", "Test.").await);
    let cancelled = act(&mut edo, draft, &[("action", "cancel")]).await;
    assert_eq!(
        cancelled.location,
        format!("/broadcasts/{draft}?done=cancelled")
    );
    let b = desk.store.broadcast(draft).await.unwrap().unwrap();
    assert_eq!(b.status, BroadcastStatus::Cancelled);
    assert_eq!(
        audited(&desk, "edo").await,
        [
            "broadcast_cancel",
            "broadcast_create",
            "broadcast_create",
            "broadcast_schedule"
        ]
    );
    assert_eq!(audited(&desk, "lia").await, ["broadcast_approve"]);
    desk.stop().await;
}

async fn bad_input_and_people_without_rights_are_refused(db: &TestDb) {
    let desk = desk(db).await;
    let mut edo = signed_in(&desk, "edo").await;
    let id = created(&create(&mut edo, "eventi", "Prova.", "Test.").await);
    let act_path = format!("/broadcasts/{id}/act");
    // Without a session: to the sign-in form, or refused.
    let mut nobody = Browser::new(&desk);
    assert_eq!(nobody.get("/broadcasts").await.location, "/login");
    let post = nobody.post("/broadcasts", &[("topic", "eventi")]).await;
    assert_eq!(post.status, StatusCode::UNAUTHORIZED);
    // An operator has no rights here.
    let mut maria = signed_in(&desk, "maria").await;
    let csrf = maria.get("/account/totp").await.csrf();
    for answer in [
        maria.get("/broadcasts").await,
        maria.get(&format!("/broadcasts/{id}")).await,
        maria
            .post(
                "/broadcasts",
                &[
                    ("csrf", &csrf),
                    ("topic", "eventi"),
                    ("it", "a"),
                    ("en", "b"),
                ],
            )
            .await,
        maria
            .post(&act_path, &[("csrf", &csrf), ("action", "cancel")])
            .await,
    ] {
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
        let forbidden = said(&desk, Lang::It, "console-error-forbidden", &[]);
        assert!(answer.body.contains(&forbidden), "{}", answer.body);
    }
    let inbox = maria.get("/inbox").await;
    assert!(
        !inbox.body.contains("href=\"/broadcasts\""),
        "no link for operators"
    );
    // A form without the session's token.
    let forged = edo
        .post(&act_path, &[("csrf", "forged"), ("action", "cancel")])
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // Bad input: the reason, the form kept.
    let unknown = create(&mut edo, "eventti", "Prova.", "Test.").await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let why = said(
        &desk,
        Lang::It,
        "console-broadcast-refused-topic",
        &[("topic", "eventti")],
    );
    assert!(unknown.body.contains(&why), "{}", unknown.body);
    let missing = create(&mut edo, "eventi", "Solo italiano.", "  ").await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let why = said(
        &desk,
        Lang::It,
        "console-broadcast-refused-missing-text",
        &[("language", &desk.text("console-broadcast-lang-en"))],
    );
    assert!(missing.body.contains(&why), "{}", missing.body);
    assert!(
        missing.body.contains("Solo italiano.</textarea>"),
        "the text is kept"
    );
    let long = "parola ".repeat(700);
    let over = create(&mut edo, "eventi", &long, "Short.").await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        over.body.contains("Telegram") && over.body.contains("4096"),
        "{}",
        over.body
    );
    let bad_time = act(
        &mut edo,
        id,
        &[("action", "schedule"), ("date", "domani"), ("time", "9")],
    )
    .await;
    assert_eq!(bad_time.status, StatusCode::UNPROCESSABLE_ENTITY);
    let why = said(&desk, Lang::It, "console-broadcast-refused-bad-time", &[]);
    assert!(bad_time.body.contains(&why), "{}", bad_time.body);
    // In English for a person who chose English.
    edo.get("/lang/en").await;
    let missing = create(&mut edo, "eventi", "", "Only English.").await;
    let why = said(
        &desk,
        Lang::En,
        "console-broadcast-refused-missing-text",
        &[(
            "language",
            &desk
                .flows
                .get()
                .locales
                .text(Lang::En, "console-broadcast-lang-it", &[]),
        )],
    );
    assert!(missing.body.contains(&why), "{}", missing.body);
    // Nothing but the first draft was written.
    assert_eq!(desk.store.broadcasts(10).await.unwrap().len(), 1);
    assert_eq!(
        desk.store.broadcast(id).await.unwrap().unwrap().status,
        BroadcastStatus::Draft
    );
    desk.stop().await;
}

/// A double click, or a reload of the answer to the form, sends the same form twice: one
/// announcement, one audit row. Another author's form with the same id makes their own.
async fn a_form_sent_twice_makes_one_announcement(db: &TestDb) {
    let desk = desk(db).await;
    let mut edo = signed_in(&desk, "edo").await;
    let list = edo.get("/broadcasts").await;
    let form = [
        ("csrf", list.csrf()),
        ("topic", "eventi".to_owned()),
        ("it", "Domenica la festa del paese.".to_owned()),
        ("en", "On Sunday the town's feast.".to_owned()),
        ("image", String::new()),
        ("request", list.field("request")),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let first = created(&edo.post("/broadcasts", &form).await);
    let again = created(&edo.post("/broadcasts", &form).await);
    assert_eq!(first, again, "the same form, the same announcement");
    assert_eq!(desk.store.broadcasts(10).await.unwrap().len(), 1);
    assert_eq!(audited(&desk, "edo").await, ["broadcast_create"]);
    // A fresh page gives a fresh form: a second announcement.
    let other = created(&create(&mut edo, "eventi", "Altro avviso.", "Another notice.").await);
    assert_ne!(other, first);
    // The same form id from another author names nothing of edo's.
    let mut lia = signed_in(&desk, "lia").await;
    let theirs = lia.get("/broadcasts").await;
    let mut form = form.clone();
    let csrf = theirs.csrf();
    form[0] = ("csrf", csrf.as_str());
    let hers = created(&lia.post("/broadcasts", &form).await);
    assert!(hers != first && hers != other);
    desk.stop().await;
}

on_both_backends!(
    an_editor_writes_previews_schedules_and_follows_an_announcement,
    an_emergency_announcement_waits_for_a_second_editor,
    bad_input_and_people_without_rights_are_refused,
    a_form_sent_twice_makes_one_announcement,
);
