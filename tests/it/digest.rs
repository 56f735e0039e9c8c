//! The weekly digest: figures of the last week against the week before, the questions not
//! understood, the offices past their limit, posted once to the operators' group of the fake
//! Bot API at the configured day and hour, read from the injected clock.

use chrono::Duration;
use sportello::channels::ChannelKind;

use crate::common::TestDb;
use crate::fake_telegram::Sent;
use crate::handoff::{Desk, GROUP};
use crate::insights::{Scenario, at, day, live};

/// Messages of the group's general place (no topic) that begin with `start`.
fn digests(sent: Vec<Sent>, start: &str) -> Vec<String> {
    sent.into_iter()
        .filter(|m| m.thread.is_none() && m.text.starts_with(start))
        .map(|m| m.text)
        .collect()
}

/// Hand count. Week before (16–22 November 2026): one citizen reads the TARI, on Wednesday
/// 18. The week (23–29 November): three citizens read the TARI; one writes the same
/// nonsense twice and is handed off after the second miss; Elena asks the URP for a person on
/// Wednesday 25 at 12:00 and is answered on Thursday at 9:45, after 75 minutes of opening
/// (the limit is 30). The digest is due on Monday 30 at 9:00.
async fn the_weekly_digest_reaches_the_operators_group_once_with_the_right_figures(db: &TestDb) {
    let live = live();
    let flows = live.get();
    let store = &db.store;
    let mut s = Scenario::new();
    let tg = ChannelKind::Telegram;
    let tari = "quando scade la tari?";
    s.say(store, &flows, tg, "70001", tari, at(18, 10, 0)).await;
    for (n, user) in ["70002", "70003", "70004"].into_iter().enumerate() {
        s.say(store, &flows, tg, user, tari, at(25, 10, n as u32))
            .await;
    }
    s.say(store, &flows, tg, "70005", "xqzv wplk brrm", at(25, 11, 0))
        .await;
    s.say(store, &flows, tg, "70005", "xqzv wplk brrm", at(25, 11, 1))
        .await;
    let times = [at(25, 12, 0), at(26, 9, 45)];
    s.answered_by_an_operator(&live, store, "elena-70006", times, None)
        .await;

    let desk = Desk::start_with(db, at(30, 8, 0), live.clone(), &[]).await;
    let title = desk.start_of("insights-digest-title");
    // Before the hour: nothing. Several looks at the clock go by.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(digests(desk.fake.sent_in(GROUP, None), &title).is_empty());

    desk.clock.set(at(30, 9, 0));
    desk.fake
        .wait_text(GROUP, None, &title, crate::handoff::WAIT)
        .await;
    // Time for a second post, should there be one.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    desk.clock.advance(std::time::Duration::from_secs(3600));
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let sent = digests(desk.fake.sent_in(GROUP, None), &title);
    assert_eq!(sent.len(), 1, "{sent:#?}");
    let text = &sent[0];
    for line in [
        "settimana dal 2026-11-23 al 2026-11-29",
        "Conversazioni: 5 (settimana precedente: 1)",
        "Risolte dall'assistente digitale: 3 (settimana precedente: 1)",
        "Passaggi a un operatore: 2 (settimana precedente: 0)",
        "Messaggi non compresi: 2 (settimana precedente: 0)",
        "2 volte: xqzv wplk brrm",
        "Ufficio Relazioni con il Pubblico (URP): una prima risposta su 1 dopo più di 30 minuti",
        "attesa media in orario d'ufficio 75,0 minuti",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
    // No citizen is named.
    for user in ["70001", "70002", "70005", "elena"] {
        assert!(!text.contains(user), "{text}");
    }
    assert_eq!(store.last_digest().await.unwrap(), Some(day(23)));
    desk.stop().await;

    // Another process, later the same week, finds the week sent.
    let again = Desk::start_with(db, at(30, 11, 0), live.clone(), &[]).await;
    tokio::time::sleep(std::time::Duration::from_millis(2000)).await;
    assert!(digests(again.fake.sent_in(GROUP, None), &title).is_empty());
    again.stop().await;

    // The week after, a quiet week's digest still goes, against this one.
    let next = Desk::start_with(db, at(30, 9, 0) + Duration::days(7), live, &[]).await;
    next.fake
        .wait_text(
            GROUP,
            None,
            "Conversazioni: 0 (settimana precedente: 5)",
            crate::handoff::WAIT,
        )
        .await;
    next.stop().await;
}

/// The console's page: supervisors and admins read the figures of the last 30 days and the
/// last digest sent; editors only what was not understood. On Wednesday 18 November two
/// citizens read the TARI and a third writes the same nonsense twice; the console starts on
/// Wednesday 25, when the digest of the week of 16 November is due.
async fn the_console_shows_the_figures_and_the_last_digest_and_editors_the_misses(db: &TestDb) {
    let live = live();
    let flows = live.get();
    let store = &db.store;
    let mut s = Scenario::new();
    let tg = ChannelKind::Telegram;
    for user in ["71001", "71002"] {
        s.say(
            store,
            &flows,
            tg,
            user,
            "quando scade la tari?",
            at(18, 10, 0),
        )
        .await;
    }
    for minute in [5, 6] {
        s.say(
            store,
            &flows,
            tg,
            "71003",
            "xqzv wplk brrm",
            at(18, 10, minute),
        )
        .await;
    }
    let desk = crate::console::console_desk(db, &[]).await;
    crate::common::eventually(
        "the digest of the week of 16 November",
        crate::handoff::WAIT,
        || async { (store.last_digest().await.unwrap() == Some(day(16))).then_some(()) },
    )
    .await;

    let mut sara = crate::console::signed_in(&desk, "super").await;
    let page = sara.get("/insights").await;
    assert_eq!(page.status.as_u16(), 200);
    for part in [
        "<h1>Statistiche dello sportello digitale</h1>",
        "Periodo: dal 2026-10-26 al 2026-11-24",
        "<th scope=\"row\">Conversazioni</th><td>3</td>",
        "<th scope=\"row\">Risolte dall'assistente digitale</th><td>2</td>",
        "<svg role=\"img\"",
        "xqzv wplk brrm",
        "Ultima sintesi settimanale inviata agli operatori",
        "settimana dal 2026-11-16 al 2026-11-22",
        "Conversazioni: 3 (settimana precedente: 0)",
    ] {
        assert!(
            page.body.contains(part),
            "{part:?} missing from:\n{}",
            page.body
        );
    }
    for user in ["71001", "71002", "71003"] {
        assert!(!page.body.contains(user));
    }

    let mut edo = crate::console::signed_in(&desk, "edo").await;
    let page = edo.get("/insights").await;
    assert_eq!(page.status.as_u16(), 200);
    assert!(page.body.contains("xqzv wplk brrm"), "{}", page.body);
    for absent in [
        "<th scope=\"row\">Conversazioni</th>",
        "Ultima sintesi settimanale",
    ] {
        assert!(!page.body.contains(absent), "{absent:?} shown to an editor");
    }
    desk.stop().await;
}

on_both_backends!(
    the_weekly_digest_reaches_the_operators_group_once_with_the_right_figures,
    the_console_shows_the_figures_and_the_last_digest_and_editors_the_misses,
);
