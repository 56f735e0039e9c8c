//! Revealing, in the console, what a citizen wrote before the redaction: kept only while the
//! case is open and only where operators may see personal data, shown only on request to a
//! person of the case's office, audited each time without the text, and gone when the case
//! closes or the citizen goes back to the bot. On SQLite and PostgreSQL, over real HTTP.

use reqwest::StatusCode;

use crate::common::TestDb;
use crate::console::{console_desk, escape, signed_in};
use crate::handoff::{CITIZEN, Desk};
use crate::privacy::dump;
use sportello::store::{AuditFilter, CaseStatus};

const FISCAL_CODE: &str = "RSSMRA85T10A562S";
const PHONE: &str = "345 678 9012";

/// The rows of the whole database that hold `text`, by table.
async fn tables_holding(db: &TestDb, text: &str) -> Vec<String> {
    let mut tables: Vec<String> = dump(db)
        .await
        .into_iter()
        .filter(|row| {
            row.columns
                .iter()
                .any(|(_, v)| v.as_deref().is_some_and(|v| v.contains(text)))
        })
        .map(|row| row.table)
        .collect();
    tables.dedup();
    tables
}

/// A case of the URP with a message holding a fiscal code and a phone number, delivered to
/// the operators' group (so the queue no longer holds it).
async fn case_with_personal_data(db: &TestDb, desk: &Desk) -> (i64, i64) {
    let (case, topic) = desk.hand_off().await;
    desk.fake.text(
        CITIZEN,
        "it",
        &format!("Il mio codice fiscale è {FISCAL_CODE}, mi chiami al {PHONE} per favore"),
    );
    desk.topic_shows(topic, FISCAL_CODE).await;
    // Delivered, the queue's copy is emptied (just after the group has it).
    crate::common::eventually("the queue emptied", crate::handoff::WAIT, || async {
        (!tables_holding(db, FISCAL_CODE)
            .await
            .contains(&"operator_queue".to_string()))
        .then_some(())
    })
    .await;
    (case.case_id, topic)
}

async fn reveals(desk: &Desk) -> Vec<sportello::store::StaffAuditRow> {
    desk.store
        .staff_audit(&AuditFilter {
            action: Some("reveal".into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
}

async fn an_operator_reveals_personal_data_on_request_and_each_reveal_is_audited(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let (case_id, _) = case_with_personal_data(db, &desk).await;
    // Stored redacted, kept as written only for the reveal.
    assert_eq!(tables_holding(db, FISCAL_CODE).await, ["case_texts"]);
    let page_path = format!("/cases/{case_id}");
    let reveal = format!("/cases/{case_id}/reveal");
    let mut maria = signed_in(&desk, "maria").await;
    let page = maria.get(&page_path).await;
    assert!(!page.body.contains(FISCAL_CODE), "{}", page.body);
    assert!(!page.body.contains(PHONE), "{}", page.body);
    assert!(page.body.contains(&reveal), "a reveal form: {}", page.body);
    let hint = desk.flows.get().locales.text(
        sportello::i18n::Lang::It,
        "console-reveal-hint",
        &[("count", "1")],
    );
    assert!(page.body.contains(&escape(&hint)), "{}", page.body);

    // Without the form's token, nothing is shown and nothing is recorded.
    let refused = maria.post(&reveal, &[("csrf", "")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.body.contains(FISCAL_CODE));
    // Another office's operator, with a valid token of her own: as if the case did not exist.
    let mut tina = signed_in(&desk, "tina").await;
    let token = tina.get("/inbox").await.csrf();
    let other = tina.post(&reveal, &[("csrf", &token)]).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert!(!other.body.contains(FISCAL_CODE));
    // The admin has no cases.
    let mut admin = signed_in(&desk, "admin").await;
    let token = admin.get("/audit").await.csrf();
    let answer = admin.post(&reveal, &[("csrf", &token)]).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(reveals(&desk).await.is_empty(), "no reveal recorded yet");

    let shown = maria.post(&reveal, &[("csrf", &page.csrf())]).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains(FISCAL_CODE), "{}", shown.body);
    assert!(shown.body.contains(PHONE), "{}", shown.body);
    assert_eq!(shown.headers["cache-control"], "no-store");
    // Twice, two rows: each reveal is recorded, with who and which case, never the text.
    maria.post(&reveal, &[("csrf", &page.csrf())]).await;
    let rows = reveals(&desk).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    for row in &rows {
        assert_eq!(row.username, "maria");
        assert_eq!(row.case_id, Some(case_id));
        let detail: serde_json::Value = serde_json::from_str(&row.detail).unwrap();
        assert_eq!(detail["texts"], 1, "{detail}");
        assert!(!row.detail.contains(FISCAL_CODE));
    }

    // Closed, the text as written is gone from every table; a reveal shows nothing.
    let page = maria.get(&page_path).await;
    maria
        .post(
            &format!("/cases/{case_id}/act"),
            &[
                ("csrf", &page.csrf()),
                ("action", "close"),
                ("action_id", &page.field("action_id")),
            ],
        )
        .await;
    desk.case_until(case_id, |c| c.status == CaseStatus::Closed)
        .await;
    assert!(tables_holding(db, FISCAL_CODE).await.is_empty());
    let closed = maria.get(&page_path).await;
    assert!(!closed.body.contains(&reveal), "no reveal once closed");
    let none = maria.post(&reveal, &[("csrf", &closed.csrf())]).await;
    assert_eq!(none.status, StatusCode::OK);
    assert!(!none.body.contains(FISCAL_CODE));
    let nothing = desk.text("console-reveal-none");
    assert!(none.body.contains(&escape(&nothing)), "{}", none.body);
    desk.stop().await;
}

async fn the_text_as_written_goes_when_the_citizen_goes_back_to_the_bot(db: &TestDb) {
    let desk = console_desk(db, &[]).await;
    let (case_id, _) = case_with_personal_data(db, &desk).await;
    assert_eq!(tables_holding(db, FISCAL_CODE).await, ["case_texts"]);
    desk.fake.text(CITIZEN, "it", "/annulla");
    desk.case_until(case_id, |c| c.status == CaseStatus::Closed)
        .await;
    assert!(tables_holding(db, FISCAL_CODE).await.is_empty());
    desk.stop().await;
}

async fn where_operators_do_not_see_personal_data_nothing_is_kept_to_reveal(db: &TestDb) {
    let desk = console_desk(db, &[("SPORTELLO_OPERATORS_SEE_PERSONAL_DATA", "false")]).await;
    let (case, topic) = desk.hand_off().await;
    desk.fake.text(
        CITIZEN,
        "it",
        &format!("Il mio codice fiscale è {FISCAL_CODE}, grazie"),
    );
    // The group sees it masked, as the transcript keeps it.
    desk.topic_shows(topic, "grazie").await;
    // Once delivered, no table holds it: nothing was kept to reveal.
    crate::common::eventually("nothing kept", crate::handoff::WAIT, || async {
        tables_holding(db, FISCAL_CODE)
            .await
            .is_empty()
            .then_some(())
    })
    .await;
    let mut maria = signed_in(&desk, "maria").await;
    let page = maria.get(&format!("/cases/{}", case.case_id)).await;
    let reveal = format!("/cases/{}/reveal", case.case_id);
    assert!(!page.body.contains(&reveal), "{}", page.body);
    let answer = maria.post(&reveal, &[("csrf", &page.csrf())]).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(reveals(&desk).await.is_empty());
    desk.stop().await;
}

on_both_backends!(
    an_operator_reveals_personal_data_on_request_and_each_reveal_is_audited,
    the_text_as_written_goes_when_the_citizen_goes_back_to_the_bot,
    where_operators_do_not_see_personal_data_nothing_is_kept_to_reveal,
);
